// Package testkit holds what the tests of several packages share: trees
// of files written from a map, a manifest of a tree to compare before and
// after, and a buffer two goroutines may write at once. Only tests import
// it.
package testkit

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// Must fails the test on an error.
func Must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// Stamp is the modification time Write gives files.
var Stamp = time.Date(2026, 4, 5, 6, 7, 8, 123456789, time.UTC)

// Tree describes files to write: path to content. A content starting with
// "->" makes a symlink to the rest; a path ending in "/" makes a folder.
type Tree map[string]string

// Write writes a tree below root, every file modified at Stamp.
func Write(t testing.TB, root string, tr Tree) {
	t.Helper()
	for name, content := range tr {
		p := filepath.Join(root, name)
		if strings.HasSuffix(name, "/") {
			Must(t, os.MkdirAll(p, 0o755))
			continue
		}
		Must(t, os.MkdirAll(filepath.Dir(p), 0o755))
		if target, ok := strings.CutPrefix(content, "->"); ok {
			Must(t, os.Symlink(target, p))
			continue
		}
		Must(t, os.WriteFile(p, []byte(content), 0o644))
		Must(t, os.Chtimes(p, Stamp, Stamp))
	}
}

// Dir writes a tree into a new temp folder and returns its path.
func Dir(t testing.TB, tr Tree) string {
	t.Helper()
	root := t.TempDir()
	Write(t, root, tr)
	return root
}

// Manifest records everything about a tree that a copy must not change at
// its source: each entry's path, type, mode, size, time and content (or a
// symlink's target), one line each, sorted.
func Manifest(t testing.TB, root string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		line := fmt.Sprintf("%s %v %d %d", rel, fi.Mode(), fi.Size(), fi.ModTime().UnixNano())
		switch {
		case fi.Mode().IsRegular():
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			line += " " + string(b)
		case fi.Mode()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			line += " -> " + target
		}
		out = append(out, line)
		return nil
	})
	Must(t, err)
	slices.Sort(out)
	return out
}

// SyncBuffer is a bytes.Buffer that several goroutines may write and read
// at once: a fake terminal's screen, say. WaitFor waits until what was
// written satisfies a test.
type SyncBuffer struct {
	mu      sync.Mutex
	b       bytes.Buffer
	written *sync.Cond
}

func (b *SyncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	n, err := b.b.Write(p)
	if b.written != nil {
		b.written.Broadcast()
	}
	return n, err
}

// WaitFor blocks until ok(what was written so far) holds.
func (b *SyncBuffer) WaitFor(ok func(string) bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.written == nil {
		b.written = sync.NewCond(&b.mu)
	}
	for !ok(b.b.String()) {
		b.written.Wait()
	}
}

// String returns what was written so far.
func (b *SyncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}
