package scan

import (
	"context"
	"io/fs"
	"testing"
	"testing/fstest"
	"time"

	"github.com/bcnvisuals/autobackup/internal/fsys"
	"github.com/bcnvisuals/autobackup/internal/index"
)

// TestScanMapFS: the scanner reads any fsys.Dir, here an in-memory
// fstest.MapFS behind fsys.FromFS, as it reads a disk: the same sums, and
// the same fingerprint for the same listing on two "databases".
func TestScanMapFS(t *testing.T) {
	t1 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	studio := func(extra string) fstest.MapFS {
		m := fstest.MapFS{
			"footage/acme/spot/a.mov":      {Data: make([]byte, 1000), ModTime: t1},
			"footage/acme/spot/day1/b.mov": {Data: make([]byte, 500), ModTime: t1.Add(time.Hour)},
			"footage/acme/spot/latest":     {Data: []byte("a.mov"), Mode: fs.ModeSymlink},
			"footage/beta/old/c.mov":       {Data: make([]byte, 7), ModTime: t1},
		}
		if extra != "" {
			m["footage/acme/spot/"+extra] = &fstest.MapFile{Data: []byte("x"), ModTime: t1}
		}
		return m
	}
	trees := map[string]fstest.MapFS{"WORK": studio(""), "NAS": studio(""), "OTHER": studio("extra.txt")}
	s := Scanner{Jobs: 3, Open: func(root string) (fsys.Dir, error) { return fsys.FromFS(trees[root], root), nil }}
	dbs := []index.Database{{Name: "WORK", Root: "WORK"}, {Name: "NAS", Root: "NAS"}, {Name: "OTHER", Root: "OTHER"}}
	snaps, err := s.Scan(context.Background(), dbs, []index.Category{{Name: "footage", Path: "footage"}})
	if err != nil {
		t.Fatal(err)
	}
	spot := func(i int) *index.Stats { return snaps[i].Categories["footage"]["acme"]["spot"] }
	if !snaps[0].Online || len(snaps[0].Errors) != 0 {
		t.Fatalf("WORK: online %v, errors %v, offline %q", snaps[0].Online, snaps[0].Errors, snaps[0].Offline)
	}
	if st := spot(0); st.Bytes != 1500 || st.Files != 2 || !st.Newest.Equal(t1.Add(time.Hour)) {
		t.Errorf("acme/spot: %d bytes, %d files, newest %v", st.Bytes, st.Files, st.Newest)
	}
	if st := snaps[0].Categories["footage"]["beta"]["old"]; st == nil || st.Bytes != 7 {
		t.Errorf("beta/old: %+v", st)
	}
	if spot(0).Fingerprint != spot(1).Fingerprint {
		t.Error("the same listing on two databases has two fingerprints")
	}
	if spot(0).Fingerprint == spot(2).Fingerprint {
		t.Error("a listing with one more file has the same fingerprint")
	}
}

// TestFingerprintNormalForms: file names that are one text in two Unicode
// normal forms give one fingerprint.
func TestFingerprintNormalForms(t *testing.T) {
	t1 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	trees := map[string]fstest.MapFS{
		"NFC": {"footage/acme/spot/\u00e9t\u00e9/plan\u00e8te.mov": {Data: make([]byte, 9), ModTime: t1}},
		"NFD": {"footage/acme/spot/e\u0301te\u0301/plane\u0300te.mov": {Data: make([]byte, 9), ModTime: t1}},
	}
	s := Scanner{Jobs: 2, Open: func(root string) (fsys.Dir, error) { return fsys.FromFS(trees[root], root), nil }}
	snaps, err := s.Scan(context.Background(), []index.Database{{Name: "NFC", Root: "NFC"}, {Name: "NFD", Root: "NFD"}},
		[]index.Category{{Name: "footage", Path: "footage"}})
	if err != nil {
		t.Fatal(err)
	}
	a, b := snaps[0].Categories["footage"]["acme"]["spot"], snaps[1].Categories["footage"]["acme"]["spot"]
	if a == nil || b == nil || a.Fingerprint != b.Fingerprint {
		t.Fatalf("fingerprints differ: %+v, %+v", a, b)
	}
}
