package fsys

import (
	"io/fs"
	"testing"
	"testing/fstest"
)

// TestIOFS: the read side of a local Dir passes the standard library's
// own check of an io/fs.FS.
func TestIOFS(t *testing.T) {
	d, _ := root(t, map[string]string{"a.mov": "aaa", "day1/b.mov": "bb", "day1/deep/c": "c", "empty/": ""})
	fsys := IOFS(d)
	if err := fstest.TestFS(fsys, "a.mov", "day1/b.mov", "day1/deep/c", "empty"); err != nil {
		t.Fatal(err)
	}
	if b, err := fs.ReadFile(fsys, "day1/b.mov"); err != nil || string(b) != "bb" {
		t.Fatalf("ReadFile = %q, %v", b, err)
	}
	must(t, d.Symlink("a.mov", "link"))
	if _, err := fsys.Open("link"); err == nil {
		t.Fatal("a symlink was followed")
	}
	if _, err := fsys.Open("../x"); err == nil {
		t.Fatal("a path out of the folder was opened")
	}
}
