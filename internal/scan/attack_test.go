package scan

import (
	"os"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/bcnvisuals/autobackup/internal/fsys"
	"github.com/bcnvisuals/autobackup/internal/index"
	"github.com/bcnvisuals/autobackup/internal/testkit"
)

// TestScanSkipsTempNames (issue 7, item 3): a copy's temp files are never
// counted as a project's data.
func TestScanSkipsTempNames(t *testing.T) {
	root := t.TempDir()
	p := filepath.Join(root, "footage/acme/spot")
	must(t, os.MkdirAll(p, 0o755))
	must(t, os.WriteFile(filepath.Join(p, "a.mov"), []byte("12345"), 0o644))
	must(t, os.WriteFile(filepath.Join(p, ".autobackup-0123456789abcdef.tmp"), []byte("partial"), 0o600))
	listing := func(root string) (fsys.Dir, error) {
		d, err := fsys.OpenRoot(root)
		return listScanner{d}, err
	}
	for _, open := range []func(string) (fsys.Dir, error){nil, listing} {
		snap := scanAll(t, Scanner{Jobs: 2, Open: open}, []index.Database{{Name: "DB", Root: root}}, []index.Category{catFootage})[0]
		checkSizes(t, snap, map[string]size{"footage/acme/spot": {5, 1}})
		if got := snap.Categories["footage"]["acme"]["spot"].Temps; got != 1 {
			t.Errorf("Temps = %d, want 1", got)
		}
	}
}

// vanishingRoot scans folders, and after a number of scans swaps the
// database root for an empty folder, as an unmount leaves its mount point.
type vanishingRoot struct {
	fsys.Dir
	reads *atomic.Int64
	after int64
	root  string
}

func (v vanishingRoot) Scan(rel string, follow bool, fn fsys.ScanFunc) (fsys.Entry, error) {
	if v.reads.Add(1) == v.after {
		if err := os.Rename(v.root, v.root+".gone"); err != nil {
			return fsys.Entry{}, err
		}
		if err := os.Mkdir(v.root, 0o755); err != nil {
			return fsys.Entry{}, err
		}
	}
	return v.Dir.(fsys.Scanner).Scan(rel, follow, fn)
}

// TestScanRootVanishes (issue 7, item 5): a database unmounted during a
// scan fails that database's scan instead of giving a partial snapshot
// that looks complete.
func TestScanRootVanishes(t *testing.T) {
	dir := t.TempDir()
	root, other := filepath.Join(dir, "NAS"), filepath.Join(dir, "WORK")
	for _, r := range []string{root, other} {
		for i := range 20 {
			p := filepath.Join(r, "footage", "client"+itoa(i), "p")
			must(t, os.MkdirAll(p, 0o755))
			must(t, os.WriteFile(filepath.Join(p, "f"), []byte("x"), 0o644))
		}
	}
	var reads atomic.Int64
	open := func(r string) (fsys.Dir, error) {
		d, err := fsys.OpenRoot(r)
		if err != nil || r != root {
			return d, err
		}
		return vanishingRoot{d, &reads, 5, root}, nil
	}
	s := Scanner{Jobs: 1, Open: open}
	snaps := scanAll(t, s, []index.Database{{Name: "NAS", Root: root}, {Name: "WORK", Root: other}}, []index.Category{catFootage})
	if snaps[0].Failed == "" {
		t.Fatalf("a root that vanished mid-scan: %d clients, no failure", len(snaps[0].Categories["footage"]))
	}
	if snaps[1].Failed != "" || len(snaps[1].Categories["footage"]) != 20 {
		t.Fatalf("the other database: failed %q, %d clients", snaps[1].Failed, len(snaps[1].Categories["footage"]))
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

var must = testkit.Must
