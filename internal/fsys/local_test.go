package fsys

import (
	"errors"
	"io"
	"io/fs"
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
	c, err := Walk(d, "a/b/c")
	must(t, err)
	defer c.Close()
	if c.Path() != dir+"/a/b/c" {
		t.Fatalf("Path = %q", c.Path())
	}
	for _, rel := range []string{"link", "link/b", "a/up", "a/f", "a/../a", "../x", "a//b", "/etc"} {
		if sub, err := Walk(d, rel); err == nil {
			sub.Close()
			t.Errorf("Walk(%q) went through", rel)
		}
	}
	same, err := Walk(d, ".")
	must(t, err)
	defer same.Close()
	if same.ID() != d.ID() {
		t.Fatal("Walk(.) is another folder")
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
	fe, err := f.Stat()
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
