package backup

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bcnvisuals/autobackup/internal/fsys"
)

func TestTempName(t *testing.T) {
	a, b := tempName(), tempName()
	if a == b || !strings.HasPrefix(a, ".autobackup-") || !fsys.IsTemp(a) {
		t.Fatalf("tempName: %q %q", a, b)
	}
	for _, name := range []string{".autobackup-0123456789abcdef.tmp", a} {
		if !fsys.IsTemp(name) {
			t.Errorf("fsys.IsTemp(%q) = false", name)
		}
	}
	// A person's own files that merely look alike are never taken for temps.
	for _, name := range []string{".autobackup-notes.tmp", ".autobackup-.tmp", ".autobackup-0123456789ABCDEF.tmp",
		"autobackup-0123456789abcdef.tmp", ".autobackup-0123456789abcdef.tmp.mov", "x.tmp"} {
		if fsys.IsTemp(name) {
			t.Errorf("fsys.IsTemp(%q) = true", name)
		}
	}
}

// TestPublishNeverReplaces: a file that appears at the final name after
// the plan is left alone, and the copy fails for that file only.
func TestPublishNeverReplaces(t *testing.T) {
	from, to, loc := studio(t, tree{"a": "new"}, nil)
	p, err := Make(context.Background(), from, to, []Location{loc}, Options{})
	must(t, err)
	must(t, os.MkdirAll(filepath.Join(to, loc.Dest), 0o755))
	must(t, os.WriteFile(filepath.Join(to, loc.Dest, "a"), []byte("someone else's"), 0o644))
	res, err := runTest(context.Background(), p, nil)
	must(t, err)
	if len(res.Failed) != 1 || !strings.Contains(res.Failed[0], "appeared at the destination during the copy") {
		t.Fatalf("failed %q", res.Failed)
	}
	if b, _ := os.ReadFile(filepath.Join(to, loc.Dest, "a")); string(b) != "someone else's" {
		t.Fatalf("a file that appeared was replaced: %q", b)
	}
	if temps := findTemps(t, to); len(temps) != 0 {
		t.Fatalf("temps left: %q", temps)
	}
}

// TestSourceReplacedBySymlink: a source file replaced by a symlink after
// the plan is not followed: it counts as changed.
func TestSourceReplacedBySymlink(t *testing.T) {
	from, to, loc := studio(t, tree{"f": "data", "secret": "not for the copy"}, nil)
	p, err := Make(context.Background(), from, to, []Location{loc}, Options{})
	must(t, err)
	must(t, os.Remove(filepath.Join(loc.Source, "f")))
	must(t, os.Symlink("secret", filepath.Join(loc.Source, "f")))
	res, err := runTest(context.Background(), p, nil)
	must(t, err)
	if len(res.Failed)+len(res.Changed) != 1 {
		t.Fatalf("failed %q, changed %q", res.Failed, res.Changed)
	}
	if _, err := os.Lstat(filepath.Join(to, loc.Dest, "f")); err == nil {
		t.Fatal("a symlink's target was copied in place of the file")
	}
}
