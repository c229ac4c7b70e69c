package fsys

import (
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func TestLocalSpecialBits(t *testing.T) {
	d, dir := root(t, map[string]string{"tool": "x", "shared/": ""})
	sub, err := d.OpenDir("shared")
	must(t, err)
	defer sub.Close()
	must(t, sub.Chmod(0o755|fs.ModeSticky|fs.ModeSetgid))
	e, err := sub.Stat()
	if err != nil || e.Mode != fs.ModeDir|0o755|fs.ModeSticky|fs.ModeSetgid {
		t.Fatalf("folder mode %v, %v", e.Mode, err)
	}
	f, err := d.Create("setuid", 0o600)
	must(t, err)
	must(t, f.Chmod(0o755|fs.ModeSetuid))
	f.Close()
	if fi, err := os.Stat(filepath.Join(dir, "setuid")); err != nil || fi.Mode() != 0o755|fs.ModeSetuid {
		t.Fatalf("file mode %v, %v", fi.Mode(), err)
	}
	if mode := SysMode(0o755 | fs.ModeSetuid); mode != 0o4755 {
		t.Fatalf("SysMode = %o", mode)
	}
}

func TestNoHardLinks(t *testing.T) {
	if !NoHardLinks(&fs.PathError{Err: syscall.EXDEV}) || NoHardLinks(&fs.PathError{Err: syscall.EEXIST}) {
		t.Fatal("NoHardLinks")
	}
}

// TestLocalBetweenKinds: names move only between local folders.
func TestLocalBetweenKinds(t *testing.T) {
	d, _ := root(t, map[string]string{"a": "1"})
	if err := d.Link("a", otherDir{d}, "b"); err == nil {
		t.Fatal("a link to a folder of another kind")
	}
}

type otherDir struct{ Dir }
