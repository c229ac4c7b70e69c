package scan

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/bcnvisuals/autobackup/internal/index"
)

// TestFingerprint: two locations holding the same names, sizes and times
// have one fingerprint, whatever database they are on; any difference a
// copy would fix changes it; a copy's temp files and folder times do not.
func TestFingerprint(t *testing.T) {
	when := time.Date(2026, 5, 6, 7, 8, 8, 0, time.UTC) // an even second: +1 s stays in its 2 s step
	build := func(t *testing.T, change func(dir string)) uint64 {
		root := t.TempDir()
		p := filepath.Join(root, "footage/acme/spot")
		for _, f := range []string{"a.mov", "day1/b.mov", "day1/deep/c.mov"} {
			writeFile(t, filepath.Join(p, f), len(f))
			setTime(t, filepath.Join(p, f), when)
		}
		mkdir(t, filepath.Join(p, "empty"))
		symlink(t, "a.mov", filepath.Join(p, "link"))
		if change != nil {
			change(p)
		}
		snap := scanAll(t, Scanner{Jobs: 3}, []index.Database{{Name: "DB", Root: root}}, []index.Category{catFootage})[0]
		return snap.Categories["footage"]["acme"]["spot"].Fingerprint
	}
	base := build(t, nil)
	if base == 0 {
		t.Fatal("no fingerprint")
	}
	same := map[string]func(string){
		"again":                nil,
		"a temp file":          func(p string) { writeFile(t, filepath.Join(p, "day1/.autobackup-0123456789abcdef.tmp"), 9) },
		"a folder's time":      func(p string) { setTime(t, filepath.Join(p, "day1"), when.Add(time.Hour)) },
		"time in the same 2 s": func(p string) { setTime(t, filepath.Join(p, "a.mov"), when.Add(time.Second)) },
	}
	for name, change := range same {
		if got := build(t, change); got != base {
			t.Errorf("%s changed the fingerprint", name)
		}
	}
	differ := map[string]func(string){
		"a file's time": func(p string) { setTime(t, filepath.Join(p, "a.mov"), when.Add(time.Hour)) },
		"a file's size": func(p string) {
			writeFile(t, filepath.Join(p, "a.mov"), 99)
			setTime(t, filepath.Join(p, "a.mov"), when)
		},
		"a missing file":     func(p string) { os.Remove(filepath.Join(p, "day1/deep/c.mov")) },
		"a file moved":       func(p string) { os.Rename(filepath.Join(p, "day1/b.mov"), filepath.Join(p, "b.mov")) },
		"a symlink's target": func(p string) { os.Remove(filepath.Join(p, "link")); symlink(t, "b.mov", filepath.Join(p, "link")) },
		"an empty folder":    func(p string) { os.Remove(filepath.Join(p, "empty")) },
	}
	for name, change := range differ {
		if got := build(t, change); got == base {
			t.Errorf("%s left the fingerprint as it was", name)
		}
	}
}

// TestProjectFingerprintAgrees: a project rescanned alone (after a copy)
// has the fingerprint a load gives it.
func TestProjectFingerprintAgrees(t *testing.T) {
	root := t.TempDir()
	p := filepath.Join(root, "footage/acme/spot")
	writeFile(t, filepath.Join(p, "a.mov"), 5)
	writeFile(t, filepath.Join(p, "day1/b.mov"), 7)
	snap := scanAll(t, Scanner{}, []index.Database{{Name: "DB", Root: root}}, []index.Category{catFootage})[0]
	st, errs, err := Scanner{}.Project(context.Background(), p)
	if err != nil || len(errs) != 0 {
		t.Fatal(err, errs)
	}
	if want := snap.Categories["footage"]["acme"]["spot"].Fingerprint; st.Fingerprint != want {
		t.Fatalf("Project's fingerprint %x, a load's %x", st.Fingerprint, want)
	}
}
