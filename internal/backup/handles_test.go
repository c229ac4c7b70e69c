package backup

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/bcnvisuals/autobackup/internal/fsys"
)

func TestHandles(t *testing.T) {
	dir := t.TempDir()
	must(t, os.MkdirAll(filepath.Join(dir, "loc/a/b"), 0o755))
	must(t, os.MkdirAll(filepath.Join(dir, "loc/c"), 0o755))
	outside := t.TempDir()
	must(t, os.Symlink(outside, filepath.Join(dir, "loc/escape")))
	root, err := fsys.OpenRoot(dir)
	must(t, err)
	defer root.Close()
	loc, err := fsys.Walk(root, "loc")
	must(t, err)
	defer loc.Close()
	ids := map[string]fsys.ID{}
	for _, p := range []string{"loc/a", "loc/a/b", "loc/c"} {
		d, err := fsys.Walk(root, p)
		must(t, err)
		ids[p] = d.ID()
		d.Close()
	}
	want := func(p string) (fsys.ID, bool) { id, ok := ids[p]; return id, ok }
	h := newHandles(loc, "loc", want, 2)
	x, err := h.get("a/b")
	must(t, err)
	y, err := h.get("a/b")
	must(t, err)
	if x != y || h.count() != 1 {
		t.Fatalf("a folder was opened twice: %d open", h.count())
	}
	if _, err := h.get("escape"); err == nil {
		t.Fatal("a folder reached through a symlink was opened")
	}
	// Another program swaps c and a/b: the handle for c must refuse.
	must(t, os.Rename(filepath.Join(dir, "loc/c"), filepath.Join(dir, "loc/c2")))
	must(t, os.Rename(filepath.Join(dir, "loc/a/b"), filepath.Join(dir, "loc/c")))
	if _, err := h.get("c"); !errors.Is(err, fsys.ErrMoved) {
		t.Fatalf("a swapped folder: %v, want ErrMoved", err)
	}
	_, err = h.get("a")
	must(t, err)
	h.trim()
	if h.count() != 0 {
		t.Fatalf("%d folders open after trim at the limit", h.count())
	}
	h.closeAll()
	if entries, _ := os.ReadDir(outside); len(entries) != 0 {
		t.Fatalf("something was written outside: %v", entries)
	}
}
