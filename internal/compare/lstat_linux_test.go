package compare

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestLstatAtAgrees holds the fstatat form to the portable one.
func TestLstatAtAgrees(t *testing.T) {
	root := build(t, map[string]string{"f": "data", "d/": "", "l": "->f"})
	must(t, syscall.Mkfifo(filepath.Join(root, "p"), 0o644))
	dir, err := os.Open(root)
	must(t, err)
	defer dir.Close()
	for _, name := range []string{"f", "d", "l", "p"} {
		a, errA := lstatAt(dir, root, name)
		b, errB := lstatPortable(dir, root, name)
		if errA != nil || errB != nil || a.Kind != b.Kind || a.Size != b.Size || !a.ModTime.Equal(b.ModTime) || a.Target != b.Target {
			t.Errorf("%s: lstatAt %+v %v, portable %+v %v", name, a, errA, b, errB)
		}
	}
	if _, err := lstatAt(dir, root, "missing"); !os.IsNotExist(err) {
		t.Errorf("missing: %v", err)
	}
}
