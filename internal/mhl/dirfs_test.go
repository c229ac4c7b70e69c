package mhl

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/bcnvisuals/autobackup/internal/fsys"
)

func TestDirFS(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "Card 7")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	o := openDirFS(t, dir)
	if o.Name() != "Card 7" {
		t.Errorf("Name = %q", o.Name())
	}
	if err := o.MkdirAll("ascmhl/deeper"); err != nil {
		t.Fatal(err)
	}
	for _, data := range []string{"first", "second, longer"} {
		if err := o.WriteFileAtomic("ascmhl/f.xml", []byte(data)); err != nil {
			t.Fatal(err)
		}
		got, err := fs.ReadFile(o, "ascmhl/f.xml")
		if err != nil || string(got) != data {
			t.Errorf("read back %q, %v; want %q", got, err, data)
		}
	}
	fi, err := os.Stat(filepath.Join(dir, "ascmhl", "f.xml"))
	if err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, %v", fi.Mode(), err)
	}
	if err := o.Rename("ascmhl/f.xml", "ascmhl/g.xml"); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "ascmhl"))
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if len(names) != 2 || names[0] != "deeper" || names[1] != "g.xml" {
		t.Errorf("left %q (temporary files?)", names)
	}
	for _, bad := range []string{"../x", "/x", "a/../../x"} {
		if err := o.WriteFileAtomic(bad, nil); err == nil {
			t.Errorf("WriteFileAtomic(%q): no error", bad)
		}
		if err := o.MkdirAll(bad); err == nil {
			t.Errorf("MkdirAll(%q): no error", bad)
		}
		if err := o.Rename("ascmhl/g.xml", bad); err == nil {
			t.Errorf("Rename to %q: no error", bad)
		}
	}
	// A write into a folder that is not there fails and leaves nothing.
	if err := o.WriteFileAtomic("nowhere/f.xml", []byte("x")); err == nil {
		t.Error("writing into a missing folder: no error")
	}
}

// openDirFS opens the local folder dir as a DirFS, closed with the test.
func openDirFS(t testing.TB, dir string) DirFS {
	t.Helper()
	d, err := fsys.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return NewDirFS(d)
}
