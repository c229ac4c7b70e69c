package scan

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/bcnvisuals/autobackup/internal/fsys"
	"github.com/bcnvisuals/autobackup/internal/index"
)

var (
	catFootage = index.Category{Name: "footage", Path: "footage"}
	catEdit    = index.Category{Name: "edit", Path: "edit"}
	catRender  = index.Category{Name: "render", Path: "scratch/render"}
	allCats    = []index.Category{catFootage, catEdit, catRender}
)

// scanAll scans with a time limit, so that a scan that never ends fails
// the test instead of hanging it.
func scanAll(t testing.TB, s Scanner, dbs []index.Database, cats []index.Category) []*index.Snapshot {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	snaps, err := s.Scan(ctx, dbs, cats)
	if err != nil {
		t.Fatalf("Scan = %v", err)
	}
	if len(snaps) != len(dbs) {
		t.Fatalf("Scan returned %d snapshots for %d databases", len(snaps), len(dbs))
	}
	for i, s := range snaps {
		if s.Database != dbs[i] {
			t.Fatalf("snapshot %d is of %+v, want %+v", i, s.Database, dbs[i])
		}
	}
	return snaps
}

func scanOne(t testing.TB, root string, cats ...index.Category) *index.Snapshot {
	t.Helper()
	return scanAll(t, Scanner{Jobs: 4}, []index.Database{{Name: "DB", Root: root}}, cats)[0]
}

// shape is the names a snapshot found: category → client → sorted projects.
type shape map[string]map[string][]string

func shapeOf(s *index.Snapshot) shape {
	out := shape{}
	for cat, clients := range s.Categories {
		out[cat] = map[string][]string{}
		for client, projects := range clients {
			out[cat][client] = slices.Sorted(maps.Keys(projects))
		}
	}
	return out
}

func checkShape(t *testing.T, s *index.Snapshot, want shape) {
	t.Helper()
	if got := shapeOf(s); !reflect.DeepEqual(got, want) {
		t.Errorf("categories = %v\nwant %v", got, want)
	}
}

// size is the bytes and files of one project.
type size struct{ Bytes, Files int64 }

func sizes(s *index.Snapshot) map[string]size {
	out := map[string]size{}
	for cat, clients := range s.Categories {
		for client, projects := range clients {
			for name, st := range projects {
				out[cat+"/"+client+"/"+name] = size{st.Bytes, st.Files}
			}
		}
	}
	return out
}

func checkSizes(t *testing.T, s *index.Snapshot, want map[string]size) {
	t.Helper()
	if got := sizes(s); !reflect.DeepEqual(got, want) {
		t.Errorf("project sizes = %v\nwant %v", got, want)
	}
}

func checkHealthy(t *testing.T, s *index.Snapshot) {
	t.Helper()
	if !s.Online || s.Offline != "" || s.Warning != "" || len(s.Errors) != 0 {
		t.Errorf("snapshot: Online=%v Offline=%q Warning=%q Errors=%v; want online, no offline text, warning or errors",
			s.Online, s.Offline, s.Warning, s.Errors)
	}
}

func TestScanLayout(t *testing.T) {
	root := t.TempDir()
	f := func(rel string, size int) { writeFile(t, filepath.Join(root, filepath.FromSlash(rel)), size) }
	d := func(rel string) { mkdir(t, filepath.Join(root, filepath.FromSlash(rel))) }

	f("footage/ACME/spot_30s/a.mov", 1000)
	f("footage/ACME/spot_30s/sub/b.wav", 234)
	f("footage/ACME/spot_30s/.DS_Store", 6)          // hidden file inside a project: counted
	f("footage/ACME/spot_30s/sub/deeper/._b.wav", 4) // also counted
	f("footage/ACME/spot_60s/c.mov", 50)             //
	f("footage/ACME/.snapshot/hourly.0/x.mov", 999)  // hidden at project level
	f("footage/ACME/notes.txt", 77)                  // stray file at client level
	d("footage/Beta/launch")                         // empty project
	f("footage/.Trashes/501/ghost/x.mov", 5)         // hidden at client level
	f("footage/.hidden_client/proj/x.mov", 5)        // hidden at client level
	f("footage/README.txt", 10)                      // stray file at category level
	f("edit/ACME/spot_30s/edit.prproj", 300)         //
	f("edit/ACME/spot_30s/.autosave", 20)            //
	f("edit/Gamma/doc/x", 1)                         //
	f("edit/Gamma/doc/y", 2)                         //
	f("edit/Gamma/doc/deep/er/z", 4)                 //
	d("edit/Gamma/doc/deep/empty")                   //
	f("edit/.snapshot", 3)                           // a hidden stray file
	f("scratch/render/ACME/spot_30s/frames/f0001.exr", 4096)
	f("scratch/render/ACME/spot_30s/frames/f0002.exr", 4096)
	f("scratch/render/Delta/teaser/out.mp4", 12)
	f("scratch/tmp/Zeta/proj/f", 1) // beside the nested category: not scanned
	f("scratch/Omega/proj/f", 1)    // above the nested category: not scanned
	f("unrelated/Client/Proj/f", 1) // not a category

	s := scanOne(t, root, allCats...)
	checkHealthy(t, s)
	checkShape(t, s, shape{
		"footage": {"ACME": {"spot_30s", "spot_60s"}, "Beta": {"launch"}},
		"edit":    {"ACME": {"spot_30s"}, "Gamma": {"doc"}},
		"render":  {"ACME": {"spot_30s"}, "Delta": {"teaser"}},
	})
	checkSizes(t, s, map[string]size{
		"footage/ACME/spot_30s": {1244, 4},
		"footage/ACME/spot_60s": {50, 1},
		"footage/Beta/launch":   {0, 0},
		"edit/ACME/spot_30s":    {320, 2},
		"edit/Gamma/doc":        {7, 3},
		"render/ACME/spot_30s":  {8192, 2},
		"render/Delta/teaser":   {12, 1},
	})
	for cat, clients := range s.Categories {
		for client, projects := range clients {
			for name, st := range projects {
				if st.Links != nil {
					t.Errorf("%s/%s/%s: Links = %v, want nil without hard links", cat, client, name, st.Links)
				}
				if st.Modified.IsZero() {
					t.Errorf("%s/%s/%s: Modified is zero", cat, client, name)
				}
			}
		}
	}
}

func TestScanSymlinks(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	big := filepath.Join(outside, "big.mov")
	writeFile(t, big, 0)
	if err := os.Truncate(big, 1<<30); err != nil { // sparse: 1 GiB for free
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(outside, "realclient", "proj", "f"), 10)
	writeFile(t, filepath.Join(outside, "realproj", "f"), 10)

	cat := filepath.Join(root, "footage")
	spot := filepath.Join(cat, "ACME", "spot")
	writeFile(t, filepath.Join(spot, "real.mov"), 100)
	mkdir(t, filepath.Join(spot, "loops"))
	symlink(t, filepath.Join(outside, "realclient"), filepath.Join(cat, "LinkedClient"))         // client level
	symlink(t, filepath.Join(outside, "realproj"), filepath.Join(cat, "ACME", "LinkedProject"))  // project level
	symlink(t, spot, filepath.Join(cat, "ACME", "SameProject"))                                  // project level, inside the root
	symlink(t, big, filepath.Join(spot, "big.mov"))                                              // to a big file outside
	symlink(t, filepath.Join(outside, "missing"), filepath.Join(spot, "broken"))                 // broken
	symlink(t, "b", filepath.Join(spot, "loops", "a"))                                           // a -> b
	symlink(t, "a", filepath.Join(spot, "loops", "b"))                                           // b -> a
	symlink(t, root, filepath.Join(spot, "root"))                                                // to the root itself
	symlink(t, "..", filepath.Join(spot, "loops", "up"))                                         // to its parent
	symlink(t, filepath.Join(outside, "realproj", "f"), filepath.Join(spot, "loops", "outside")) // to a small file outside

	var p Progress
	snaps := scanAll(t, Scanner{Jobs: 4, Progress: &p}, []index.Database{{Name: "DB", Root: root}}, []index.Category{catFootage})
	s := snaps[0]
	checkHealthy(t, s)
	checkShape(t, s, shape{"footage": {"ACME": {"spot"}}})
	checkSizes(t, s, map[string]size{"footage/ACME/spot": {100, 1}})
	// footage, ACME, spot, spot/loops: nothing behind a link was read.
	if got := p.Folders.Load(); got != 4 {
		t.Errorf("Progress.Folders = %d, want 4", got)
	}
}

func TestScanHardLinks(t *testing.T) {
	root := t.TempDir()
	spot := filepath.Join(root, "footage", "ACME", "spot")
	orig := filepath.Join(spot, "orig.mov")
	writeFile(t, orig, 1000)
	hardlink(t, orig, filepath.Join(spot, "same_folder.mov"))
	hardlink(t, orig, filepath.Join(spot, "sub", "deep", "other_folder.mov"))
	hardlink(t, orig, filepath.Join(spot, ".hidden_link"))
	writeFile(t, filepath.Join(spot, "sub", "single"), 10)
	other := filepath.Join(root, "footage", "ACME", "other")
	hardlink(t, orig, filepath.Join(other, "shared.mov"))
	writeFile(t, filepath.Join(other, "own"), 1)
	id := fileID(t, orig)

	s := scanOne(t, root, catFootage)
	checkHealthy(t, s)
	checkSizes(t, s, map[string]size{
		"footage/ACME/spot":  {1010, 2},
		"footage/ACME/other": {1001, 2},
	})
	for _, name := range []string{"spot", "other"} {
		st := s.Categories["footage"]["ACME"][name]
		if want := map[index.FileID]int64{id: 1000}; !reflect.DeepEqual(st.Links, want) {
			t.Errorf("%s: Links = %v, want %v", name, st.Links, want)
		}
	}
	// Summed across the two projects, the shared file still counts once.
	total := index.Sum(s.Categories["footage"]["ACME"]["spot"], s.Categories["footage"]["ACME"]["other"])
	if total.Bytes != 1011 || total.Files != 3 {
		t.Errorf("sum of both projects = %d bytes, %d files; want 1011, 3", total.Bytes, total.Files)
	}
}

func TestScanModified(t *testing.T) {
	type entry struct {
		rel  string // slash-separated, below the project; a trailing / makes a folder
		size int
		time time.Time
	}
	tests := []struct {
		name    string
		entries []entry
		project time.Time // the project folder's own time
		want    time.Time
	}{
		{
			name:    "newest file",
			entries: []entry{{"a", 1, hours(1)}, {"b", 1, hours(3)}, {"c", 1, hours(2)}},
			project: hours(0),
			want:    hours(3),
		},
		{
			name:    "newest file in a sub-folder",
			entries: []entry{{"sub/deeper/", 0, hours(0)}, {"sub/", 0, hours(0)}, {"a", 1, hours(1)}, {"sub/deeper/b", 1, hours(6)}},
			project: hours(0),
			want:    hours(6),
		},
		{
			name:    "newest file is hidden",
			entries: []entry{{"a", 1, hours(1)}, {".b", 1, hours(8)}},
			project: hours(0),
			want:    hours(8),
		},
		{
			name:    "project folder newer than its files",
			entries: []entry{{"a", 1, hours(1)}, {"sub/", 0, hours(0)}, {"sub/b", 1, hours(2)}},
			project: hours(5),
			want:    hours(5),
		},
		{
			name:    "empty project has its folder's time",
			project: hours(7),
			want:    hours(7),
		},
		{
			name:    "sub-folder newer than the files",
			entries: []entry{{"sub/", 0, hours(4)}, {"sub/b", 1, hours(2)}, {"a", 1, hours(1)}},
			project: hours(0),
			want:    hours(4),
		},
		{
			name:    "time before 1970",
			entries: []entry{{"old", 1, time.Date(1960, 1, 1, 0, 0, 0, 0, time.UTC)}},
			project: time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC),
			want:    time.Date(1960, 1, 1, 0, 0, 0, 0, time.UTC),
		},
		{
			name:    "nanoseconds kept",
			entries: []entry{{"a", 1, hours(1).Add(123456789)}, {"b", 1, hours(1).Add(123456788)}},
			project: hours(0),
			want:    hours(1).Add(123456789),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			client := filepath.Join(root, "footage", "ACME")
			proj := filepath.Join(client, "spot")
			mkdir(t, proj)
			// Files first, then folders deepest first: writing into a
			// folder changes its time, setting a time does not.
			for _, e := range tt.entries {
				if !strings.HasSuffix(e.rel, "/") {
					writeFile(t, filepath.Join(proj, filepath.FromSlash(e.rel)), e.size)
				} else {
					mkdir(t, filepath.Join(proj, filepath.FromSlash(e.rel)))
				}
			}
			for _, e := range tt.entries {
				if !strings.HasSuffix(e.rel, "/") {
					setTime(t, filepath.Join(proj, filepath.FromSlash(e.rel)), e.time)
				}
			}
			for _, e := range tt.entries {
				if strings.HasSuffix(e.rel, "/") {
					setTime(t, filepath.Join(proj, filepath.FromSlash(e.rel)), e.time)
				}
			}
			// A symlink to a newer file outside does not count.
			outside := filepath.Join(t.TempDir(), "new")
			writeFile(t, outside, 1)
			setTime(t, outside, hours(1000))
			symlink(t, outside, filepath.Join(proj, "link"))
			setTime(t, proj, tt.project)
			// The client and category folders are newer still, and are
			// not part of the project.
			setTime(t, client, hours(2000))
			setTime(t, filepath.Dir(client), hours(3000))

			s := scanOne(t, root, catFootage)
			checkHealthy(t, s)
			st, ok := s.Categories["footage"]["ACME"]["spot"]
			if !ok {
				t.Fatalf("project not found: %v", shapeOf(s))
			}
			if !st.Modified.Equal(tt.want) {
				t.Errorf("Modified = %v, want %v", st.Modified.UTC(), tt.want)
			}
		})
	}
}

func TestScanDatabases(t *testing.T) {
	base := t.TempDir()
	work := filepath.Join(base, "work")
	writeFile(t, filepath.Join(work, "footage", "ACME", "spot", "a"), 10)
	storage := filepath.Join(base, "storage")
	writeFile(t, filepath.Join(storage, "edit", "Beta", "launch", "b"), 20)
	writeFile(t, filepath.Join(storage, "footage", "ACME", "spot", "c"), 30)
	linked := filepath.Join(base, "linked")
	symlink(t, storage, linked)
	missing := filepath.Join(base, "nas")
	file := filepath.Join(base, "file")
	writeFile(t, file, 1)
	empty := filepath.Join(base, "empty")
	mkdir(t, empty)
	under := filepath.Join(file, "below") // a path through a file

	dbs := []index.Database{
		{Name: "WORK", Root: work},
		{Name: "NAS", Root: missing},
		{Name: "FILE", Root: file},
		{Name: "EMPTY", Root: empty},
		{Name: "STORAGE", Root: storage},
		{Name: "UNDER", Root: under},
		{Name: "LINKED", Root: linked},
	}
	tests := []struct {
		online           bool
		offline, warning string
		shape            shape
		sizes            map[string]size
	}{
		{online: true, shape: shape{"footage": {"ACME": {"spot"}}}, sizes: map[string]size{"footage/ACME/spot": {10, 1}}},
		{offline: "root " + missing + " not found"},
		{offline: "root " + file + " is not a folder"},
		{online: true, warning: "root " + empty + " is empty; is the volume mounted?"},
		{online: true, shape: shape{"footage": {"ACME": {"spot"}}, "edit": {"Beta": {"launch"}}},
			sizes: map[string]size{"footage/ACME/spot": {30, 1}, "edit/Beta/launch": {20, 1}}},
		{offline: "root " + under + " is not a folder"},
		{online: true, shape: shape{"footage": {"ACME": {"spot"}}, "edit": {"Beta": {"launch"}}},
			sizes: map[string]size{"footage/ACME/spot": {30, 1}, "edit/Beta/launch": {20, 1}}},
	}
	for _, jobs := range []int{1, 8} {
		snaps := scanAll(t, Scanner{Jobs: jobs}, dbs, allCats)
		for i, tt := range tests {
			t.Run(fmt.Sprintf("jobs=%d/%s", jobs, dbs[i].Name), func(t *testing.T) {
				s := snaps[i]
				if s.Online != tt.online || s.Offline != tt.offline || s.Warning != tt.warning {
					t.Errorf("Online, Offline, Warning = %v, %q, %q; want %v, %q, %q",
						s.Online, s.Offline, s.Warning, tt.online, tt.offline, tt.warning)
				}
				if len(s.Errors) != 0 {
					t.Errorf("Errors = %v, want none", s.Errors)
				}
				if tt.shape == nil {
					tt.shape = shape{}
				}
				checkShape(t, s, tt.shape)
				if tt.sizes == nil {
					tt.sizes = map[string]size{}
				}
				checkSizes(t, s, tt.sizes)
			})
		}
	}
}

func TestScanRootUnreadable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root: permissions do not block reads")
	}
	base := t.TempDir()
	locked := filepath.Join(base, "locked") // stat works, open fails
	writeFile(t, filepath.Join(locked, "footage", "ACME", "p", "f"), 1)
	closed := filepath.Join(base, "closed") // even stat fails below it
	inside := filepath.Join(closed, "db")
	mkdir(t, inside)
	for _, p := range []string{locked, closed} {
		if err := os.Chmod(p, 0); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(p, 0o755) })
	}
	snaps := scanAll(t, Scanner{}, []index.Database{{Name: "L", Root: locked}, {Name: "C", Root: inside}}, allCats)
	for _, s := range snaps {
		if s.Online || s.Offline != syscall.EACCES.Error() {
			t.Errorf("%s: Online=%v Offline=%q; want offline with %q", s.Database.Name, s.Online, s.Offline, syscall.EACCES.Error())
		}
	}
}

func TestScanCategories(t *testing.T) {
	root := t.TempDir()
	other := t.TempDir()
	writeFile(t, filepath.Join(root, "footage", "ACME", "spot", "a"), 1)
	mkdir(t, filepath.Join(root, "edit"))         // present and empty
	mkdir(t, filepath.Join(root, "scratch"))      // but no render below
	writeFile(t, filepath.Join(root, "audio"), 5) // a file where a category folder should be
	writeFile(t, filepath.Join(other, "Beta", "launch", "b"), 2)
	symlink(t, other, filepath.Join(root, "linked")) // a category folder may be a link

	cats := []index.Category{
		catFootage, catEdit, catRender,
		{Name: "vfx", Path: "vfx/plates"},
		{Name: "audio", Path: "audio"},
		{Name: "linked", Path: "linked"},
	}
	s := scanOne(t, root, cats...)
	if !s.Online || s.Warning != "" {
		t.Errorf("Online=%v Warning=%q; want online and no warning", s.Online, s.Warning)
	}
	checkShape(t, s, shape{
		"footage": {"ACME": {"spot"}},
		"edit":    {},
		"linked":  {"Beta": {"launch"}},
	})
	if c, ok := s.Categories["edit"]; !ok || c == nil || len(c) != 0 {
		t.Errorf("edit = %v, %v; want an empty, non-nil Clients", c, ok)
	}
	checkSizes(t, s, map[string]size{"footage/ACME/spot": {1, 1}, "linked/Beta/launch": {2, 1}})
	// A file where the folder should be is not a missing category.
	want := []index.PathError{{Path: filepath.Join(root, "audio"), Err: syscall.ENOTDIR}}
	if !slices.Equal(s.Errors, want) {
		t.Errorf("Errors = %v, want %v", s.Errors, want)
	}
}

func TestScanNoWork(t *testing.T) {
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "footage", "ACME", "spot", "a"), 1)
	snaps := scanAll(t, Scanner{}, nil, allCats)
	if len(snaps) != 0 {
		t.Errorf("no databases: %d snapshots", len(snaps))
	}
	s := scanAll(t, Scanner{}, []index.Database{{Name: "DB", Root: root}}, nil)[0]
	checkHealthy(t, s)
	if len(s.Categories) != 0 {
		t.Errorf("no categories: Categories = %v, want empty", s.Categories)
	}
}

func TestScanUnreadableFolders(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root: permissions do not block reads; see TestScanPathTooLong")
	}
	root := t.TempDir()
	cat := filepath.Join(root, "footage")
	writeFile(t, filepath.Join(cat, "ACME", "spot", "a"), 10)
	writeFile(t, filepath.Join(cat, "ACME", "spot", "locked", "b"), 20)
	writeFile(t, filepath.Join(cat, "ACME", "spot", "open", "c"), 30)
	writeFile(t, filepath.Join(cat, "ACME", "shut", "d"), 40)
	writeFile(t, filepath.Join(cat, "ACME", "fine", "e"), 50)
	writeFile(t, filepath.Join(cat, "Closed", "proj", "f"), 60)
	writeFile(t, filepath.Join(cat, "Beta", "launch", "g"), 70)
	locked := []string{
		filepath.Join(cat, "ACME", "spot", "locked"), // a folder inside a project
		filepath.Join(cat, "ACME", "shut"),           // a project
		filepath.Join(cat, "Closed"),                 // a client
	}
	for _, p := range locked {
		if err := os.Chmod(p, 0); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(p, 0o755) })
	}
	s := scanOne(t, root, catFootage)
	if !s.Online {
		t.Fatalf("offline: %s", s.Offline)
	}
	checkShape(t, s, shape{"footage": {
		"ACME":   {"fine", "shut", "spot"},
		"Beta":   {"launch"},
		"Closed": nil,
	}})
	checkSizes(t, s, map[string]size{
		"footage/ACME/spot":   {40, 2},
		"footage/ACME/shut":   {0, 0},
		"footage/ACME/fine":   {50, 1},
		"footage/Beta/launch": {70, 1},
	})
	got := slices.Clone(s.Errors)
	slices.SortFunc(got, func(a, b index.PathError) int { return strings.Compare(a.Path, b.Path) })
	want := []index.PathError{
		{Path: locked[1], Err: syscall.EACCES},
		{Path: locked[0], Err: syscall.EACCES},
		{Path: locked[2], Err: syscall.EACCES},
	}
	slices.SortFunc(want, func(a, b index.PathError) int { return strings.Compare(a.Path, b.Path) })
	if !slices.Equal(got, want) {
		t.Errorf("Errors = %v\nwant %v", got, want)
	}
}

// TestScanPathTooLong records an error that even root gets: a folder whose
// path is longer than the kernel accepts. The folders above it, the rest
// of its project and the other projects still load.
func TestScanPathTooLong(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("relies on Linux's PATH_MAX of 4096")
	}
	const pathMax = 4096
	root := t.TempDir()
	proj := filepath.Join(root, "footage", "ACME", "deep")
	writeFile(t, filepath.Join(proj, "f"), 5)
	writeFile(t, filepath.Join(root, "footage", "ACME", "other", "g"), 7)

	// os.MkdirAll cannot make the chain: its paths are too long. Walk down
	// it with relative paths instead.
	name := strings.Repeat("n", 200)
	t.Chdir(proj)
	level := proj
	readable, bad := int64(1), ""
	for range 25 {
		if err := os.Mkdir(name, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Chdir(name); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile("f", []byte("12345"), 0o644); err != nil {
			t.Fatal(err)
		}
		level += string(filepath.Separator) + name
		switch {
		case len(level) < pathMax:
			readable++
		case bad == "":
			bad = level
		}
	}
	if bad == "" {
		t.Fatal("the chain is not long enough")
	}

	s := scanOne(t, root, catFootage)
	if !s.Online {
		t.Fatalf("offline: %s", s.Offline)
	}
	checkShape(t, s, shape{"footage": {"ACME": {"deep", "other"}}})
	checkSizes(t, s, map[string]size{
		"footage/ACME/deep":  {5 * readable, readable},
		"footage/ACME/other": {7, 1},
	})
	if len(s.Errors) != 1 {
		t.Fatalf("Errors = %v, want one", s.Errors)
	}
	e := s.Errors[0]
	if e.Path != bad {
		t.Errorf("error path is %d bytes long, want the first too long one (%d bytes)", len(e.Path), len(bad))
	}
	if !errors.Is(e.Err, syscall.ENAMETOOLONG) {
		t.Errorf("error = %v, want ENAMETOOLONG", e.Err)
	}
	var pe *fs.PathError
	if errors.As(e.Err, &pe) {
		t.Errorf("error %v repeats its path", e.Err)
	}
}

// buildTree makes a tree of databases × categories × clients × projects,
// each project with subs sub-folders and files files in every folder, and
// returns its databases and how many folders and files it holds below the
// category folders.
func buildTree(t testing.TB, dbs, clients, projects, subs, files int) ([]index.Database, int, int) {
	t.Helper()
	base := t.TempDir()
	var out []index.Database
	folders, nfiles := 0, 0
	for d := range dbs {
		db := index.Database{Name: fmt.Sprintf("DB%d", d), Root: filepath.Join(base, fmt.Sprintf("db%d", d))}
		out = append(out, db)
		for _, c := range allCats {
			mkdir(t, filepath.Join(db.Root, filepath.FromSlash(c.Path)))
			folders++
			for cl := range clients {
				folders++
				for p := range projects {
					proj := filepath.Join(db.Root, filepath.FromSlash(c.Path), fmt.Sprintf("client%02d", cl), fmt.Sprintf("project%02d", p))
					for s := range subs + 1 {
						dir := proj
						if s > 0 {
							dir = filepath.Join(proj, fmt.Sprintf("sub%d", s%3), fmt.Sprintf("s%02d", s))
							if s <= 3 {
								folders++ // sub0, sub1, sub2
							}
						}
						mkdir(t, dir)
						folders++
						for f := range files {
							if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("f%d.dat", f)), make([]byte, (f+s)%5*100), 0o644); err != nil {
								t.Fatal(err)
							}
							nfiles++
						}
					}
				}
			}
		}
	}
	return out, folders, nfiles
}

func TestScanProgress(t *testing.T) {
	dbs, folders, files := buildTree(t, 2, 2, 3, 4, 2)
	var p Progress
	snaps := scanAll(t, Scanner{Jobs: 8, Progress: &p}, dbs, allCats)
	var bytes, got int64
	for _, s := range snaps {
		checkHealthy(t, s)
		for _, clients := range s.Categories {
			for _, projects := range clients {
				for _, st := range projects {
					bytes += st.Bytes
					got += st.Files
				}
			}
		}
	}
	if got != int64(files) {
		t.Errorf("snapshots hold %d files, the tree %d", got, files)
	}
	if p.Files.Load() != got || p.Bytes.Load() != bytes || p.Folders.Load() != int64(folders) {
		t.Errorf("Progress = %d files, %d bytes, %d folders; want %d, %d, %d",
			p.Files.Load(), p.Bytes.Load(), p.Folders.Load(), got, bytes, folders)
	}
}

func TestScanJobsAgree(t *testing.T) {
	dbs, _, _ := buildTree(t, 2, 3, 3, 4, 2)
	// Add hard links, symlinks, hidden names and stray files to the first
	// database, and set some times.
	root := dbs[0].Root
	proj := filepath.Join(root, "footage", "client00", "project00")
	hardlink(t, filepath.Join(proj, "f1.dat"), filepath.Join(proj, "sub1", "s01", "hard"))
	hardlink(t, filepath.Join(proj, "f1.dat"), filepath.Join(root, "footage", "client01", "project01", "hard"))
	symlink(t, root, filepath.Join(proj, "root"))
	symlink(t, proj, filepath.Join(root, "footage", "client00", "linked"))
	writeFile(t, filepath.Join(proj, ".hidden"), 9)
	writeFile(t, filepath.Join(root, "edit", ".Trashes", "x", "y", "z"), 9)
	writeFile(t, filepath.Join(root, "edit", "stray"), 9)
	setTime(t, filepath.Join(proj, "f0.dat"), time.Now().Add(time.Hour))

	untimed := func(snaps []*index.Snapshot) []*index.Snapshot {
		for _, s := range snaps {
			s.Scanned = time.Time{}
		}
		return snaps
	}
	base := untimed(scanAll(t, Scanner{Jobs: 1}, dbs, allCats))
	for _, jobs := range []int{2, 8, 0, -1} {
		got := untimed(scanAll(t, Scanner{Jobs: jobs}, dbs, allCats))
		if !reflect.DeepEqual(got, base) {
			t.Errorf("Jobs=%d gives another result than Jobs=1", jobs)
			for i := range got {
				if !reflect.DeepEqual(got[i], base[i]) {
					t.Logf("%s: %v\nvs %v", dbs[i].Name, sizes(got[i]), sizes(base[i]))
				}
			}
		}
	}
	if n := len(sizes(base[0])); n != 3*3*3 {
		t.Errorf("first database has %d projects, want %d", n, 3*3*3)
	}
}

func TestScanCancelled(t *testing.T) {
	// 3 categories × 5 clients × 20 projects × 14 folders: 4,218 folders.
	dbs, folders, _ := buildTree(t, 1, 5, 20, 10, 0)
	if folders < 3000 {
		t.Fatalf("tree has %d folders, want a few thousand", folders)
	}
	tests := []struct {
		name string
		ctx  func() context.Context
		want error
	}{
		{"cancelled", func() context.Context {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			return ctx
		}, context.Canceled},
		{"deadline passed", func() context.Context {
			ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
			t.Cleanup(cancel)
			return ctx
		}, context.DeadlineExceeded},
	}
	for _, tt := range tests {
		for _, jobs := range []int{1, 8} {
			t.Run(fmt.Sprintf("%s/jobs=%d", tt.name, jobs), func(t *testing.T) {
				var p Progress
				start := time.Now()
				snaps, err := Scanner{Jobs: jobs, Progress: &p}.Scan(tt.ctx(), dbs, allCats)
				elapsed := time.Since(start)
				if !errors.Is(err, tt.want) {
					t.Fatalf("Scan = %v, want %v", err, tt.want)
				}
				if snaps != nil {
					t.Errorf("Scan returned %d snapshots with its error", len(snaps))
				}
				if elapsed > 5*time.Second {
					t.Errorf("Scan took %v to notice the cancel", elapsed)
				}
				if n := p.Folders.Load(); n >= int64(folders) {
					t.Errorf("read %d of %d folders despite the cancel", n, folders)
				}
			})
		}
	}
}

func TestVisible(t *testing.T) {
	tests := []struct {
		in, want []string
	}{
		{nil, nil},
		{[]string{".Trashes", ".snapshot", ".DS_Store"}, nil},
		{[]string{"ACME", ".Trashes", "Beta", ".snapshot", "_archive", "a.b"}, []string{"ACME", "Beta", "_archive", "a.b"}},
		{[]string{"ACME"}, []string{"ACME"}},
	}
	for _, tt := range tests {
		in := slices.Clone(tt.in)
		got := visible(in)
		if !slices.Equal(got, tt.want) {
			t.Errorf("visible(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if !slices.Equal(in, tt.in) {
			t.Errorf("visible changed its input to %q", in)
		}
	}
}

func TestErrText(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{&fs.PathError{Op: "stat", Path: "/Volumes/NAS", Err: syscall.EACCES}, "stat: permission denied"},
		{fmt.Errorf("wrapped: %w", &fs.PathError{Op: "open", Path: "/x", Err: syscall.EIO}), "wrapped: open: input/output error"},
		{errors.New("plain"), "plain"},
	}
	for _, tt := range tests {
		if got := fsys.Reason(tt.err); got != tt.want {
			t.Errorf("Reason(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
}

func TestDefaultJobs(t *testing.T) {
	if got, want := DefaultJobs(), 4*runtime.GOMAXPROCS(0); got != want {
		t.Errorf("DefaultJobs() = %d, want %d", got, want)
	}
}

// BenchmarkScan times a scan of 20,160 files in 4,866 folders: 2 databases
// × 3 categories × 10 clients × 8 projects, each project with 10 folders,
// 7 of them holding 6 files.
func BenchmarkScan(b *testing.B) {
	dbs, folders, files := buildTree(b, 2, 10, 8, 6, 6)
	if folders != 4866 || files != 20160 {
		b.Fatalf("tree has %d folders and %d files", folders, files)
	}
	ctx := context.Background()
	s := Scanner{}
	for b.Loop() {
		snaps, err := s.Scan(ctx, dbs, allCats)
		if err != nil {
			b.Fatal(err)
		}
		if n := len(snaps[0].Categories); n != 3 {
			b.Fatalf("%d categories, want 3", n)
		}
	}
	b.ReportMetric(float64(folders), "folders")
	b.ReportMetric(float64(files), "files")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(folders), "ns/folder")
}

// TestScanProgressSkipsStrayFiles: files beside clients and projects are
// not part of any project, so progress does not count them either.
func TestScanProgressSkipsStrayFiles(t *testing.T) {
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "footage/stray-at-category"), 1000)
	writeFile(t, filepath.Join(root, "footage/acme/stray-at-client"), 100)
	writeFile(t, filepath.Join(root, "footage/acme/spot/a"), 10)
	var p Progress
	s := Scanner{Jobs: 2, Progress: &p}
	scanAll(t, s, []index.Database{{Name: "W", Root: root}}, []index.Category{{Name: "footage", Path: "footage"}, {Name: "gone", Path: "gone"}})
	if p.Files.Load() != 1 || p.Bytes.Load() != 10 || p.Folders.Load() != 3 {
		t.Fatalf("Progress = %d files, %d bytes, %d folders; want 1, 10, 3", p.Files.Load(), p.Bytes.Load(), p.Folders.Load())
	}
}

func TestScanProject(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a"), 10)
	writeFile(t, filepath.Join(dir, "sub/b"), 20)
	writeFile(t, filepath.Join(dir, "sub/.hidden"), 5)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.Symlink("a", filepath.Join(dir, "link")))
	st, errs, err := Scanner{}.Project(context.Background(), dir)
	must(err)
	if st.Bytes != 35 || st.Files != 3 || len(errs) != 0 {
		t.Fatalf("Project = %+v, %v", st, errs)
	}
	_, errs, err = Scanner{}.Project(context.Background(), filepath.Join(dir, "missing"))
	if err != nil || len(errs) != 1 {
		t.Fatalf("missing project: %v, %v", errs, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := (Scanner{}).Project(ctx, dir); err == nil {
		t.Fatal("cancelled Project did not fail")
	}
}
