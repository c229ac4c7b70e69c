package report

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"

	"github.com/bcnvisuals/autobackup/internal/fsys"
)

// Page is a report that renders itself: a [Studio] or a [Transfer].
type Page interface {
	Render(w io.Writer) error
}

// WriteFile renders p and puts it at path, atomically: the page is
// rendered in memory, written to a temporary file beside path, made
// durable, and only then renamed to path (fsys.WriteFile), so path holds
// either its old content or the whole new page, never a part. The file is
// readable by all (0644, less the umask), as a page meant to be shared.
func WriteFile(path string, p Page) error {
	var buf bytes.Buffer
	if err := p.Render(&buf); err != nil {
		return err
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	d, err := fsys.OpenRoot(dir)
	if err != nil {
		return fmt.Errorf("report: writing %s: %w", path, err)
	}
	defer d.Close()
	if err := fsys.WriteFile(d, base, buf.Bytes()); err != nil {
		return fmt.Errorf("report: writing %s: %w", path, err)
	}
	return nil
}
