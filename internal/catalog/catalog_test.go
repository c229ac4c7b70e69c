package catalog

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/bcnvisuals/autobackup/internal/index"
)

var t0 = time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC)

func openTest(t *testing.T, path string) *Catalog {
	t.Helper()
	c, err := Open(path, t0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// snapshot makes a database's snapshot with n projects in two categories.
func snapshot(name string, n int) *index.Snapshot {
	s := &index.Snapshot{Database: index.Database{Name: name, Root: "/studio/" + name}, Online: true, Scanned: t0,
		Categories: map[string]index.Clients{"footage": {}, "render": {"empty client": {}}}}
	for i := range n {
		client := []string{"acme", "Café «Été»", "東京"}[i%3]
		if s.Categories["footage"][client] == nil {
			s.Categories["footage"][client] = index.Projects{}
		}
		st := &index.Stats{Bytes: int64(i * 1000), Files: int64(i), Modified: t0.Add(time.Duration(i) * time.Second),
			Newest: t0.Add(time.Duration(i) * time.Second), Fingerprint: uint64(i) * 7919, Temps: int64(i % 2)}
		if i%5 == 0 {
			st.Links = map[index.FileID]int64{{Dev: 1, Ino: uint64(i)}: 42}
		}
		s.Categories["footage"][client]["spot "+string(rune('a'+i%26))+string(rune('0'+i/26%10))] = st
	}
	return s
}

func TestSaveAndLoad(t *testing.T) {
	c := openTest(t, filepath.Join(t.TempDir(), "sub/dir/catalog.db"))
	work, nas := snapshot("WORK", 120), snapshot("NAS", 3)
	work.Errors = []index.PathError{{Path: "/studio/WORK/footage/x", Err: errors.New("permission denied")}}
	for _, s := range []*index.Snapshot{work, nas} {
		if err := c.Save(s, 2*time.Second, t0); err != nil {
			t.Fatal(err)
		}
	}
	got, err := c.Load()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Snapshot.Database.Name != "NAS" || got[1].Took != 2*time.Second {
		t.Fatalf("loaded %d databases: %+v", len(got), got)
	}
	w := got[1].Snapshot
	if !w.Online || !w.Scanned.Equal(t0) || !reflect.DeepEqual(inUTC(w.Categories), inUTC(work.Categories)) {
		t.Fatalf("WORK came back different:\n%+v\nwant\n%+v", w.Categories, work.Categories)
	}
	var rows int
	c.db.QueryRow(`SELECT count(*) FROM locations WHERE database = 'WORK'`).Scan(&rows)
	if rows != 120 {
		t.Fatalf("%d location rows for WORK, want 120", rows)
	}
}

// TestOfflineKeepsWhatWasSeen: a load that finds a database offline never
// erases what the catalog knows of it.
func TestOfflineKeepsWhatWasSeen(t *testing.T) {
	c := openTest(t, filepath.Join(t.TempDir(), "c.db"))
	must(t, c.Save(snapshot("ARCHIVE", 10), time.Second, t0))
	off := &index.Snapshot{Database: index.Database{Name: "ARCHIVE", Root: "/studio/ARCHIVE"}, Offline: "root not found",
		Categories: map[string]index.Clients{}}
	later := t0.Add(24 * time.Hour)
	must(t, c.Save(off, 0, later))
	got, err := c.Load()
	must(t, err)
	s := got[0].Snapshot
	if s.Online || s.Offline != "root not found" || !got[0].OfflineAt.Equal(later) || !s.Scanned.Equal(t0) || len(s.Categories["footage"]) != 3 {
		t.Fatalf("after an offline load: online %v, offline %q at %v, scanned %v, %d clients",
			s.Online, s.Offline, got[0].OfflineAt, s.Scanned, len(s.Categories["footage"]))
	}
	failed := snapshot("ARCHIVE", 1)
	failed.Failed = "its root vanished"
	if err := c.Save(failed, 0, later); err == nil {
		t.Fatal("a failed scan was saved")
	}
}

func TestForgetAndVolumes(t *testing.T) {
	c := openTest(t, filepath.Join(t.TempDir(), "c.db"))
	must(t, c.Save(snapshot("NAS", 4), time.Second, t0))
	must(t, c.SetVolume("NAS", "/studio/NAS", Volume{ID: "abc", Kind: "marker"}))
	if name, ok, err := c.Owner(Volume{ID: "abc", Kind: "marker"}); err != nil || !ok || name != "NAS" {
		t.Fatalf("Owner = %q, %v, %v", name, ok, err)
	}
	must(t, c.Save(snapshot("NAS", 5), time.Second, t0)) // a save keeps the volume
	got, _ := c.Load()
	if got[0].Volume.ID != "abc" {
		t.Fatalf("the volume was lost: %+v", got[0].Volume)
	}
	f, err := c.Forget("NAS")
	if err != nil || f.Locations != 5 || f.Bytes != 10000 {
		t.Fatalf("Forget = %+v, %v", f, err)
	}
	if _, err := c.Forget("NAS"); err == nil {
		t.Fatal("forgot a database twice")
	}
	if got, _ := c.Load(); len(got) != 0 {
		t.Fatalf("%d databases after Forget", len(got))
	}
}

// TestNewerSchemaRefused: a catalog a newer autobackup wrote is left
// untouched, byte for byte.
func TestNewerSchemaRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	c := openTest(t, path)
	must(t, c.Save(snapshot("NAS", 2), time.Second, t0))
	_, err := c.db.Exec("PRAGMA user_version = 99")
	must(t, err)
	c.Close()
	before, _ := os.ReadFile(path)
	if _, err := Open(path, t0); !errors.Is(err, ErrNewer) || !strings.Contains(err.Error(), "schema 99") {
		t.Fatalf("Open of a newer catalog: %v", err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Fatal("a newer catalog was changed")
	}
}

// TestDamagedMovedAside: a damaged file is moved aside with a warning and
// a new catalog works.
func TestDamagedMovedAside(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "c.db")
	must(t, os.WriteFile(path, []byte("this is not a SQLite database, whatever its name says"), 0o600))
	c := openTest(t, path)
	if len(c.Warnings) != 1 || !strings.Contains(c.Warnings[0], "c.db.corrupt-2026-11-28") {
		t.Fatalf("warnings %q", c.Warnings)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "c.db.corrupt-2026-11-28")); err != nil || !bytes.HasPrefix(b, []byte("this is not")) {
		t.Fatalf("the damaged file was not kept: %v", err)
	}
	must(t, c.Save(snapshot("NAS", 1), time.Second, t0))
}

func TestDecodeDamage(t *testing.T) {
	b := encode(snapshot("NAS", 30))
	var s index.Snapshot
	for _, bad := range [][]byte{nil, {9}, b[:len(b)/2], append(append([]byte{}, b...), 1)} {
		if err := decode(bad, &s); !errors.Is(err, errCorrupt) {
			t.Errorf("decode of %d bytes: %v", len(bad), err)
		}
	}
}

func TestDefaultPath(t *testing.T) {
	a, err := DefaultPath("/studio/main/.config", "/state", "/home/u")
	if err != nil || !strings.HasPrefix(a, "/state/autobackup/catalog-main-") || !strings.HasSuffix(a, ".db") {
		t.Fatalf("DefaultPath = %q, %v", a, err)
	}
	b, _ := DefaultPath("/other/main/.config", "", "/home/u")
	if !strings.HasPrefix(b, "/home/u/.local/state/autobackup/catalog-main-") || b[len(b)-11:] == a[len(a)-11:] {
		t.Fatalf("two configs in folders of one name share %q and %q", a, b)
	}
	if _, err := DefaultPath(".config", "", ""); err == nil {
		t.Fatal("no state folder and no home")
	}
	if safeName("../ «x»") != "_____x_" || safeName("///") != "config" {
		t.Fatalf("safeName: %q %q", safeName("../ «x»"), safeName("///"))
	}
}

// inUTC copies a snapshot's content with its times in UTC, to compare.
func inUTC(cats map[string]index.Clients) map[string]map[string]map[string]index.Stats {
	out := map[string]map[string]map[string]index.Stats{}
	for cat, clients := range cats {
		out[cat] = map[string]map[string]index.Stats{}
		for client, projects := range clients {
			out[cat][client] = map[string]index.Stats{}
			for name, st := range projects {
				c := *st
				c.Modified, c.Newest = c.Modified.UTC(), c.Newest.UTC()
				out[cat][client][name] = c
			}
		}
	}
	return out
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestUpdateKeepsScanTimes(t *testing.T) {
	c := openTest(t, filepath.Join(t.TempDir(), "catalog.db"))
	nas := snapshot("NAS", 3)
	if err := c.Save(nas, 3*time.Second, t0); err != nil {
		t.Fatal(err)
	}
	st := &index.Stats{Bytes: 99, Files: 2, Modified: t0.Add(time.Hour), Newest: t0.Add(time.Hour), Fingerprint: 5}
	u := index.Update{Category: "render", Project: index.Project{Client: "zeta", Name: "new"}, Stats: st}
	ix := index.New(nas).WithUpdates("NAS", []index.Update{u})
	after, _ := ix.Snapshot("NAS")
	if err := c.Update(after, []index.Update{u}); err != nil {
		t.Fatal(err)
	}
	got, err := c.Load()
	if err != nil {
		t.Fatal(err)
	}
	g := got[0]
	if g.Took != 3*time.Second || !g.Snapshot.Scanned.Equal(t0) {
		t.Errorf("scan time or duration changed: %v, %v", g.Snapshot.Scanned, g.Took)
	}
	if s := g.Snapshot.Categories["render"]["zeta"]["new"]; s == nil || s.Bytes != 99 || s.Fingerprint != 5 {
		t.Errorf("update not stored: %+v", s)
	}
	var n int
	if err := c.db.QueryRow(`SELECT count(*) FROM locations WHERE database = 'NAS' AND client = 'zeta'`).Scan(&n); err != nil || n != 1 {
		t.Errorf("locations row: %d, %v", n, err)
	}

	// An unknown database, or one known at another root, is left alone.
	other := snapshot("ARCHIVE", 1)
	if err := c.Update(other, []index.Update{u}); err != nil {
		t.Fatal(err)
	}
	if got, _ := c.Load(); len(got) != 1 {
		t.Errorf("update made a database: %d stored", len(got))
	}
}

// TestDamagedPagesMovedAside: a file whose header is whole but whose pages
// are not opens, and is moved aside when Load meets the damage.
func TestDamagedPagesMovedAside(t *testing.T) {
	tests := []struct {
		name   string
		damage func(t *testing.T, path string)
	}{
		{"pages overwritten", func(t *testing.T, path string) {
			f, err := os.OpenFile(path, os.O_RDWR, 0)
			must(t, err)
			defer f.Close()
			st, err := f.Stat()
			must(t, err)
			junk := bytes.Repeat([]byte{0xA5}, int(st.Size())-8192)
			_, err = f.WriteAt(junk, 8192)
			must(t, err)
		}},
		{"snapshot blob cut", func(t *testing.T, path string) {
			c := openTest(t, path)
			_, err := c.db.Exec(`UPDATE databases SET snapshot = x'09'`)
			must(t, err)
			must(t, c.Close())
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "c.db")
			c := openTest(t, path)
			must(t, c.Save(snapshot("NAS", 300), time.Second, t0))
			must(t, c.Close())
			tt.damage(t, path)
			c, stored, err := OpenAndLoad(path, t0)
			if err != nil {
				t.Fatalf("OpenAndLoad: %v", err)
			}
			defer c.Close()
			if len(stored) != 0 || len(c.Warnings) != 1 || !strings.Contains(c.Warnings[0], "was damaged") {
				t.Fatalf("stored %d, warnings %q", len(stored), c.Warnings)
			}
			if _, err := os.Stat(path + ".corrupt-2026-11-28"); err != nil {
				t.Fatalf("the damaged file was not kept: %v", err)
			}
			must(t, c.Save(snapshot("NAS", 1), time.Second, t0))
		})
	}
}
