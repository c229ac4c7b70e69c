package scan

import (
	"os"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/bcnvisuals/autobackup/internal/index"
)

// TestScanSkipsTempNames (issue 7, item 3): a copy's temp files are never
// counted as a project's data.
func TestScanSkipsTempNames(t *testing.T) {
	root := t.TempDir()
	p := filepath.Join(root, "footage/acme/spot")
	must(t, os.MkdirAll(p, 0o755))
	must(t, os.WriteFile(filepath.Join(p, "a.mov"), []byte("12345"), 0o644))
	must(t, os.WriteFile(filepath.Join(p, ".autobackup-0123456789abcdef.tmp"), []byte("partial"), 0o600))
	for _, r := range []func() reader{newReader, func() reader { return portableReader{} }} {
		snap := scanAll(t, Scanner{Jobs: 2, newReader: r}, []index.Database{{Name: "DB", Root: root}}, []index.Category{catFootage})[0]
		checkSizes(t, snap, map[string]size{"footage/acme/spot": {5, 1}})
	}
}

// vanishingReader reads folders, and after a number of reads swaps the
// database root for an empty folder, as an unmount leaves its mount point.
type vanishingReader struct {
	reader
	reads *atomic.Int64
	after int64
	root  string
}

func (v vanishingReader) read(path string, follow bool, l *listing) error {
	if v.reads.Add(1) == v.after {
		if err := os.Rename(v.root, v.root+".gone"); err != nil {
			return err
		}
		if err := os.Mkdir(v.root, 0o755); err != nil {
			return err
		}
	}
	return v.reader.read(path, follow, l)
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
	s := Scanner{Jobs: 1, newReader: func() reader { return vanishingReader{newReader(), &reads, 5, root} }}
	snaps := scanAll(t, s, []index.Database{{Name: "NAS", Root: root}, {Name: "WORK", Root: other}}, []index.Category{catFootage})
	if snaps[0].Failed == "" {
		t.Fatalf("a root that vanished mid-scan: %d clients, no failure", len(snaps[0].Categories["footage"]))
	}
	if snaps[1].Failed != "" || len(snaps[1].Categories["footage"]) != 20 {
		t.Fatalf("the other database: failed %q, %d clients", snaps[1].Failed, len(snaps[1].Categories["footage"]))
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }
