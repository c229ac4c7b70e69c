package fsys

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

func TestLinkRenameExchange(t *testing.T) {
	d, dir := root(t, map[string]string{"a": "A", "b": "B", "sub/": ""})
	sub, err := d.OpenDir("sub")
	must(t, err)
	defer sub.Close()
	must(t, d.Link("a", sub, "a2"))
	if err := d.Link("a", d, "b"); !errors.Is(err, fs.ErrExist) {
		t.Fatalf("Link over a name: %v", err)
	}
	if err := d.RenameNoReplace("a", d, "b"); !errors.Is(err, fs.ErrExist) {
		t.Fatalf("RenameNoReplace over a name: %v", err)
	}
	must(t, d.RenameNoReplace("a", d, "c"))
	must(t, d.Exchange("b", d, "c"))
	read := func(name string) string { b, _ := os.ReadFile(filepath.Join(dir, name)); return string(b) }
	if read("b") != "A" || read("c") != "B" || read("sub/a2") != "A" {
		t.Fatalf("after the exchange: b=%q c=%q", read("b"), read("c"))
	}
	must(t, d.Rename("c", d, "b"))
	if read("b") != "B" {
		t.Fatal("Rename did not replace")
	}
	must(t, d.Remove("b"))
	if _, err := d.Lstat("b"); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Remove: %v", err)
	}
	if !NoHardLinks(&fs.PathError{Err: syscall.EXDEV}) || NoHardLinks(&fs.PathError{Err: syscall.EEXIST}) {
		t.Fatal("NoHardLinks")
	}
}

func TestMkdirSymlinkModes(t *testing.T) {
	d, dir := root(t, map[string]string{"file": "x"})
	sub, err := d.MkdirOpen("new", 0o700)
	must(t, err)
	again, err := d.MkdirOpen("new", 0o700)
	must(t, err)
	if again.ID() != sub.ID() {
		t.Fatal("MkdirOpen of an existing folder opened another")
	}
	again.Close()
	if _, err := d.MkdirOpen("file", 0o700); err == nil {
		t.Fatal("MkdirOpen opened a file")
	}
	must(t, sub.Chmod(0o755|fs.ModeSticky|fs.ModeSetgid))
	when := time.Date(2020, 1, 2, 3, 4, 5, 6, time.UTC)
	must(t, sub.SetModTime(when))
	e, err := sub.Stat()
	if err != nil || e.Mode != fs.ModeDir|0o755|fs.ModeSticky|fs.ModeSetgid || !e.ModTime.Equal(when) {
		t.Fatalf("folder: %v %v, %v", e.Mode, e.ModTime, err)
	}
	sub.Close()
	must(t, d.Symlink("nowhere", "l"))
	must(t, d.SetEntryModTime("l", when))
	if fi, err := os.Lstat(filepath.Join(dir, "l")); err != nil || !fi.ModTime().Equal(when) {
		t.Fatalf("symlink time %v, %v", fi.ModTime(), err)
	}
	if mode := SysMode(0o4755 | fs.ModeSetuid); mode != 0o4755 {
		t.Fatalf("SysMode = %o", mode)
	}
}

func TestSyncSpaceLockWriteFile(t *testing.T) {
	d, dir := root(t, nil)
	must(t, d.Sync())
	if err := d.SyncFS(); err != nil && !errors.Is(err, ErrUnsupported) {
		t.Fatal(err)
	}
	if free, err := d.FreeSpace(); err != nil || free == 0 {
		t.Fatalf("FreeSpace = %d, %v", free, err)
	}
	unlock, err := d.Lock("lock")
	must(t, err)
	if _, err := d.Lock("lock"); !errors.Is(err, ErrLocked) {
		t.Fatalf("second lock: %v", err)
	}
	unlock()
	unlock2, err := d.Lock("lock")
	must(t, err)
	unlock2()
	must(t, d.WriteFile("small", []byte("one")))
	must(t, d.WriteFile("small", []byte("two")))
	if b, _ := os.ReadFile(filepath.Join(dir, "small")); string(b) != "two" {
		t.Fatalf("WriteFile: %q", b)
	}
	names, _ := d.Names()
	for _, n := range names {
		if IsTemp(n) {
			t.Fatalf("temp left: %s", n)
		}
	}
}
