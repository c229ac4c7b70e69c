package fsys

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

func TestOpenRootAndWalk(t *testing.T) {
	d, dir := root(t, map[string]string{"a/b/c/": "", "a/f": "x", "link": "->a", "a/up": "->.."})
	if _, err := OpenRoot(filepath.Join(dir, "missing")); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("missing root: %v", err)
	}
	if _, err := OpenRoot(filepath.Join(dir, "a/f")); err == nil {
		t.Fatal("a file opened as a root")
	}
	c, err := d.Walk("a/b/c")
	must(t, err)
	defer c.Close()
	if c.Path() != dir+"/a/b/c" {
		t.Fatalf("Path = %q", c.Path())
	}
	for _, rel := range []string{"link", "link/b", "a/up", "a/f", "a/../a", "../x", "a//b", "/etc"} {
		if sub, err := d.Walk(rel); err == nil {
			sub.Close()
			t.Errorf("Walk(%q) went through", rel)
		}
	}
	same, err := d.Walk(".")
	must(t, err)
	defer same.Close()
	if same.ID() != d.ID() {
		t.Fatal("Walk(.) is another folder")
	}
}

func TestWalkCheck(t *testing.T) {
	d, dir := root(t, map[string]string{"a/b/": "", "x/b/": ""})
	b, err := d.Walk("a/b")
	must(t, err)
	want := map[string]ID{"a/b": b.ID()}
	b.Close()
	check := func(p string) (ID, bool) { id, ok := want[p]; return id, ok }
	got, err := d.WalkCheck("a/b", check)
	must(t, err)
	got.Close()
	// Another program swaps a/b for x/b: the walk refuses it.
	must(t, os.Rename(filepath.Join(dir, "a/b"), filepath.Join(dir, "a/old")))
	must(t, os.Rename(filepath.Join(dir, "x/b"), filepath.Join(dir, "a/b")))
	if _, err := d.WalkCheck("a/b", check); !errors.Is(err, ErrMoved) {
		t.Fatalf("swapped folder: %v", err)
	}
}

func TestLstatOpenCreate(t *testing.T) {
	d, _ := root(t, map[string]string{"f": "hello", "l": "->f", "sub/": ""})
	e, err := d.Lstat("f")
	if err != nil || e.Kind != KindFile || e.Size != 5 || e.Links != 1 || e.Mode.Perm() != 0o644 || e.Name != "f" {
		t.Fatalf("Lstat(f) = %+v, %v", e, err)
	}
	if l, err := d.Lstat("l"); err != nil || l.Kind != KindSymlink || l.Target != "f" || l.Mode&fs.ModeSymlink == 0 {
		t.Fatalf("Lstat(l) = %+v, %v", l, err)
	}
	if s, err := d.Lstat("sub"); err != nil || s.Kind != KindDir || s.Size != 0 || !s.Mode.IsDir() {
		t.Fatalf("Lstat(sub) = %+v, %v", s, err)
	}
	for _, bad := range []string{"", ".", "..", "a/b", "x\x00"} {
		if _, err := d.Lstat(bad); err == nil {
			t.Errorf("Lstat(%q) accepted", bad)
		}
	}
	f, err := d.Open("f")
	must(t, err)
	b, _ := io.ReadAll(f)
	fe, err := Fstat(f)
	f.Close()
	if string(b) != "hello" || err != nil || fe.ID != e.ID || !fe.Change.Equal(e.Change) {
		t.Fatalf("Open/Fstat: %q %+v %v", b, fe, err)
	}
	if f, err := d.Open("l"); err == nil {
		f.Close()
		t.Fatal("Open followed a symlink")
	}
	w, err := d.Create("new", 0o600)
	must(t, err)
	w.Close()
	if _, err := d.Create("new", 0o600); !errors.Is(err, fs.ErrExist) {
		t.Fatalf("Create over an existing name: %v", err)
	}
	if _, err := d.Create("l", 0o600); err == nil {
		t.Fatal("Create through a symlink")
	}
}
