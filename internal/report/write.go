package report

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Page is a report that renders itself: a [Studio] or a [Transfer].
type Page interface {
	Render(w io.Writer) error
}

// WriteFile renders p and puts it at path, atomically: the page is
// rendered in memory, written to a temporary file beside path, made
// durable, and only then renamed to path, so path holds either its old
// content or the whole new page, never a part. The file is readable by
// all (0644), as a page meant to be shared.
func WriteFile(path string, p Page) error {
	var buf bytes.Buffer
	if err := p.Render(&buf); err != nil {
		return err
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return fmt.Errorf("report: writing %s: %w", path, err)
	}
	tmp := f.Name()
	if err := finish(f, buf.Bytes()); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("report: writing %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("report: writing %s: %w", path, err)
	}
	return nil
}

// finish writes data to f, sets its mode, syncs and closes it.
func finish(f *os.File, data []byte) error {
	_, err := f.Write(data)
	if err == nil {
		err = f.Chmod(0o644)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
