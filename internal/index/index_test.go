package index

import (
	"cmp"
	"errors"
	"slices"
	"testing"
)

// st makes the stats of a folder of plain files.
func st(bytes, files int64) *Stats {
	return &Stats{Bytes: bytes, Files: files, Modified: t0}
}

// Hard-linked file shared by two projects of the work database.
var shared = FileID{Dev: 1, Ino: 99}

func linked(bytes, files int64, size int64) *Stats {
	s := st(bytes, files)
	s.AddFile(shared, 2, size, t1)
	return s
}

func workSnap() *Snapshot {
	return &Snapshot{
		Database: Database{"work", "/mnt/work"},
		Online:   true,
		Categories: map[string]Clients{
			"footage": {
				"acme":  {"shot10": st(10, 1), "shot2": linked(20, 2, 1000)},
				"Bravo": {"p1": st(1, 1)},
			},
			"render": {
				"acme": {"shot2": st(300, 3), "shot3": linked(0, 0, 1000)},
			},
		},
	}
}

func nasSnap() *Snapshot {
	return &Snapshot{
		Database: Database{"nas", "/mnt/nas"},
		Online:   true,
		Categories: map[string]Clients{
			"footage": {
				"acme":     {"shot1": st(5, 1)},
				"client10": {"x": st(6, 1)},
				"client2":  {"y": st(7, 1)},
			},
		},
	}
}

func archiveSnap() *Snapshot {
	return &Snapshot{Database: Database{"archive", "/mnt/archive"}, Offline: "not mounted"}
}

func TestIndexListings(t *testing.T) {
	tests := []struct {
		name         string
		ix           *Index
		database     string
		wantClients  []string
		wantProjects []Project
	}{
		{
			name: "no snapshots",
			ix:   New(),
		},
		{
			name: "offline only",
			ix:   New(archiveSnap()),
		},
		{
			name:         "all databases",
			ix:           New(workSnap(), nasSnap(), archiveSnap()),
			wantClients:  []string{"acme", "Bravo", "client2", "client10"},
			wantProjects: []Project{{"acme", "shot1"}, {"acme", "shot2"}, {"acme", "shot3"}, {"acme", "shot10"}, {"Bravo", "p1"}, {"client2", "y"}, {"client10", "x"}},
		},
		{
			name:         "one database",
			ix:           New(workSnap(), nasSnap(), archiveSnap()),
			database:     "work",
			wantClients:  []string{"acme", "Bravo"},
			wantProjects: []Project{{"acme", "shot2"}, {"acme", "shot3"}, {"acme", "shot10"}, {"Bravo", "p1"}},
		},
		{
			name:         "other database",
			ix:           New(workSnap(), nasSnap(), archiveSnap()),
			database:     "nas",
			wantClients:  []string{"acme", "client2", "client10"},
			wantProjects: []Project{{"acme", "shot1"}, {"client2", "y"}, {"client10", "x"}},
		},
		{
			name:     "offline database",
			ix:       New(workSnap(), nasSnap(), archiveSnap()),
			database: "archive",
		},
		{
			name:     "unknown database",
			ix:       New(workSnap(), nasSnap()),
			database: "usb",
		},
		{
			name: "natural order of clients and projects",
			ix: New(&Snapshot{Database: Database{"d", "/d"}, Categories: map[string]Clients{
				"c": {
					"Shot":    {"v10": st(1, 1), "V2": st(1, 1), "v01": st(1, 1), "v1": st(1, 1)},
					"shot":    {"a": st(1, 1)},
					"shot01":  {"a": st(1, 1)},
					"shot1":   {"a": st(1, 1)},
					"東京":      {"a": st(1, 1)},
					"éclair":  {"a": st(1, 1)},
					"eclair2": {"a": st(1, 1)},
				},
			}}),
			wantClients: []string{"eclair2", "Shot", "shot", "shot01", "shot1", "éclair", "東京"},
			wantProjects: []Project{
				{"eclair2", "a"},
				{"Shot", "v01"}, {"Shot", "v1"}, {"Shot", "V2"}, {"Shot", "v10"},
				{"shot", "a"}, {"shot01", "a"}, {"shot1", "a"}, {"éclair", "a"}, {"東京", "a"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.ix.Clients(tt.database); !slices.Equal(got, tt.wantClients) {
				t.Errorf("Clients(%q) = %q, want %q", tt.database, got, tt.wantClients)
			}
			if got := tt.ix.Projects(tt.database); !slices.Equal(got, tt.wantProjects) {
				t.Errorf("Projects(%q) = %v, want %v", tt.database, got, tt.wantProjects)
			}
		})
	}
}

func TestIndexEmptyLoaded(t *testing.T) {
	tests := []struct {
		name       string
		ix         *Index
		wantEmpty  bool
		wantLoaded int
	}{
		{"nothing", New(), true, 0},
		{"offline database", New(archiveSnap()), true, 1},
		{"database without categories", New(&Snapshot{Database: Database{"d", "/d"}, Categories: map[string]Clients{}}), true, 1},
		{"category without clients", New(&Snapshot{Database: Database{"d", "/d"}, Categories: map[string]Clients{"c": {}}}), true, 1},
		{"client without projects", New(&Snapshot{Database: Database{"d", "/d"}, Categories: map[string]Clients{"c": {"acme": {}}}}), true, 1},
		{"one project", New(nasSnap()), false, 1},
		{"three databases", New(workSnap(), nasSnap(), archiveSnap()), false, 3},
		{"same database twice counts once", New(workSnap(), workSnap()), false, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.ix.Empty(); got != tt.wantEmpty {
				t.Errorf("Empty() = %v, want %v", got, tt.wantEmpty)
			}
			if got := tt.ix.Loaded(); got != tt.wantLoaded {
				t.Errorf("Loaded() = %d, want %d", got, tt.wantLoaded)
			}
		})
	}
}

func TestIndexSnapshot(t *testing.T) {
	work, nas := workSnap(), nasSnap()
	ix := New(work, nas)
	tests := []struct {
		database string
		want     *Snapshot
		wantOK   bool
	}{
		{"work", work, true},
		{"nas", nas, true},
		{"archive", nil, false},
		{"", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.database, func(t *testing.T) {
			got, ok := ix.Snapshot(tt.database)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("Snapshot(%q) = %p, %v, want %p, %v", tt.database, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestIndexLocation(t *testing.T) {
	work, nas := workSnap(), nasSnap()
	ix := New(work, nas, archiveSnap())
	tests := []struct {
		name               string
		database, category string
		p                  Project
		want               *Stats
	}{
		{"found", "work", "footage", Project{"acme", "shot10"}, work.Categories["footage"]["acme"]["shot10"]},
		{"other category", "work", "render", Project{"acme", "shot2"}, work.Categories["render"]["acme"]["shot2"]},
		{"other database", "nas", "footage", Project{"acme", "shot1"}, nas.Categories["footage"]["acme"]["shot1"]},
		{"project not in category", "work", "render", Project{"Bravo", "p1"}, nil},
		{"project not in database", "nas", "footage", Project{"acme", "shot10"}, nil},
		{"unknown category", "work", "audio", Project{"acme", "shot10"}, nil},
		{"unknown database", "usb", "footage", Project{"acme", "shot10"}, nil},
		{"offline database", "archive", "footage", Project{"acme", "shot10"}, nil},
		{"unknown client", "work", "footage", Project{"zeta", "shot10"}, nil},
		{"case matters", "work", "footage", Project{"ACME", "shot10"}, nil},
		{"no natural equality", "work", "footage", Project{"acme", "shot010"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := ix.Location(tt.database, tt.category, tt.p)
			if got != tt.want || ok != (tt.want != nil) {
				t.Errorf("Location(%q, %q, %v) = %p, %v, want %p, %v", tt.database, tt.category, tt.p, got, ok, tt.want, tt.want != nil)
			}
		})
	}
}

func TestIndexLocations(t *testing.T) {
	ix := New(workSnap(), nasSnap(), archiveSnap())
	tests := []struct {
		p    Project
		want []Location
	}{
		{Project{"acme", "shot2"}, []Location{
			{"work", "footage", linked(20, 2, 1000)},
			{"work", "render", st(300, 3)},
		}},
		{Project{"acme", "shot1"}, []Location{{"nas", "footage", st(5, 1)}}},
		{Project{"acme", "shot3"}, []Location{{"work", "render", linked(0, 0, 1000)}}},
		{Project{"Bravo", "p1"}, []Location{{"work", "footage", st(1, 1)}}},
		{Project{"bravo", "p1"}, nil},
		{Project{"acme", "nope"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.p.String(), func(t *testing.T) {
			got := slices.Clone(ix.Locations(tt.p))
			slices.SortFunc(got, func(a, b Location) int {
				return cmp.Or(cmp.Compare(a.Database, b.Database), cmp.Compare(a.Category, b.Category))
			})
			if len(got) != len(tt.want) {
				t.Fatalf("Locations(%v) = %+v, want %+v", tt.p, got, tt.want)
			}
			for i := range got {
				g, w := got[i], tt.want[i]
				if g.Database != w.Database || g.Category != w.Category || g.Bytes != w.Bytes || g.Files != w.Files || !g.Modified.Equal(w.Modified) || len(g.Links) != len(w.Links) {
					t.Errorf("Locations(%v)[%d] = %+v, want %+v", tt.p, i, g, w)
				}
			}
		})
	}
}

func TestIndexWithWithout(t *testing.T) {
	newNas := &Snapshot{
		Database:   Database{"nas", "/mnt/nas"},
		Online:     true,
		Categories: map[string]Clients{"footage": {"delta": {"d1": st(1, 1)}}},
	}
	usb := &Snapshot{
		Database:   Database{"usb", "/mnt/usb"},
		Online:     true,
		Categories: map[string]Clients{"footage": {"acme": {"shot20": st(1, 1)}}},
	}
	tests := []struct {
		name         string
		change       func(*Index) *Index
		wantLoaded   int
		wantClients  []string
		wantProjects []Project
		wantNas      *Snapshot // the nas snapshot of the new index
	}{
		{
			name:         "with nothing",
			change:       func(ix *Index) *Index { return ix.With() },
			wantLoaded:   2,
			wantClients:  []string{"acme", "Bravo", "client2", "client10"},
			wantProjects: []Project{{"acme", "shot1"}, {"acme", "shot2"}, {"acme", "shot3"}, {"acme", "shot10"}, {"Bravo", "p1"}, {"client2", "y"}, {"client10", "x"}},
		},
		{
			name:         "with replacement",
			change:       func(ix *Index) *Index { return ix.With(newNas) },
			wantLoaded:   2,
			wantClients:  []string{"acme", "Bravo", "delta"},
			wantProjects: []Project{{"acme", "shot2"}, {"acme", "shot3"}, {"acme", "shot10"}, {"Bravo", "p1"}, {"delta", "d1"}},
			wantNas:      newNas,
		},
		{
			name:         "with new database",
			change:       func(ix *Index) *Index { return ix.With(usb) },
			wantLoaded:   3,
			wantClients:  []string{"acme", "Bravo", "client2", "client10"},
			wantProjects: []Project{{"acme", "shot1"}, {"acme", "shot2"}, {"acme", "shot3"}, {"acme", "shot10"}, {"acme", "shot20"}, {"Bravo", "p1"}, {"client2", "y"}, {"client10", "x"}},
		},
		{
			name:         "with both",
			change:       func(ix *Index) *Index { return ix.With(usb, newNas) },
			wantLoaded:   3,
			wantClients:  []string{"acme", "Bravo", "delta"},
			wantProjects: []Project{{"acme", "shot2"}, {"acme", "shot3"}, {"acme", "shot10"}, {"acme", "shot20"}, {"Bravo", "p1"}, {"delta", "d1"}},
			wantNas:      newNas,
		},
		{
			name:         "without",
			change:       func(ix *Index) *Index { return ix.Without("nas") },
			wantLoaded:   1,
			wantClients:  []string{"acme", "Bravo"},
			wantProjects: []Project{{"acme", "shot2"}, {"acme", "shot3"}, {"acme", "shot10"}, {"Bravo", "p1"}},
		},
		{
			name:         "without unknown",
			change:       func(ix *Index) *Index { return ix.Without("usb") },
			wantLoaded:   2,
			wantClients:  []string{"acme", "Bravo", "client2", "client10"},
			wantProjects: []Project{{"acme", "shot1"}, {"acme", "shot2"}, {"acme", "shot3"}, {"acme", "shot10"}, {"Bravo", "p1"}, {"client2", "y"}, {"client10", "x"}},
		},
		{
			name:       "without all",
			change:     func(ix *Index) *Index { return ix.Without("nas").Without("work") },
			wantLoaded: 0,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nas := nasSnap()
			old := New(workSnap(), nas)
			oldClients := slices.Clone(old.Clients(""))
			oldProjects := slices.Clone(old.Projects(""))
			oldLoc, _ := old.Location("nas", "footage", Project{"acme", "shot1"})

			ix := tt.change(old)
			if ix == old {
				t.Fatalf("%s returned the same index", tt.name)
			}
			if got := ix.Loaded(); got != tt.wantLoaded {
				t.Errorf("Loaded() = %d, want %d", got, tt.wantLoaded)
			}
			if got := ix.Clients(""); !slices.Equal(got, tt.wantClients) {
				t.Errorf("Clients() = %q, want %q", got, tt.wantClients)
			}
			if got := ix.Projects(""); !slices.Equal(got, tt.wantProjects) {
				t.Errorf("Projects() = %v, want %v", got, tt.wantProjects)
			}
			if got := ix.Empty(); got != (len(tt.wantProjects) == 0) {
				t.Errorf("Empty() = %v, want %v", got, len(tt.wantProjects) == 0)
			}
			if tt.wantNas != nil {
				if got, _ := ix.Snapshot("nas"); got != tt.wantNas {
					t.Errorf("Snapshot(nas) = %p, want %p", got, tt.wantNas)
				}
			}

			// The old index is as it was.
			if got := old.Loaded(); got != 2 {
				t.Errorf("old Loaded() = %d, want 2", got)
			}
			if got := old.Clients(""); !slices.Equal(got, oldClients) {
				t.Errorf("old Clients() = %q, want %q", got, oldClients)
			}
			if got := old.Projects(""); !slices.Equal(got, oldProjects) {
				t.Errorf("old Projects() = %v, want %v", got, oldProjects)
			}
			if got, ok := old.Snapshot("nas"); got != nas || !ok {
				t.Errorf("old Snapshot(nas) = %p, %v, want %p, true", got, ok, nas)
			}
			if _, ok := old.Snapshot("usb"); ok {
				t.Errorf("old Snapshot(usb) found")
			}
			if got, ok := old.Location("nas", "footage", Project{"acme", "shot1"}); got != oldLoc || !ok {
				t.Errorf("old Location(nas, footage, acme/shot1) = %p, %v, want %p, true", got, ok, oldLoc)
			}
			if got := len(old.Locations(Project{"acme", "shot1"})); got != 1 {
				t.Errorf("old Locations(acme/shot1) has %d entries, want 1", got)
			}
		})
	}
}

func TestIndexTotals(t *testing.T) {
	tests := []struct {
		name     string
		ix       *Index
		database string
		want     Totals
	}{
		{
			name:     "hard link shared across projects counted once",
			ix:       New(workSnap(), nasSnap()),
			database: "work",
			// 10 + (20+1000) + 1 + 300 + (0+1000, shared)
			want: Totals{Clients: 2, Projects: 4, Stats: Stats{Bytes: 1331, Files: 8, Modified: t1}},
		},
		{
			name:     "plain",
			ix:       New(workSnap(), nasSnap()),
			database: "nas",
			want:     Totals{Clients: 3, Projects: 3, Stats: Stats{Bytes: 18, Files: 3, Modified: t0}},
		},
		{
			name:     "offline",
			ix:       New(workSnap(), archiveSnap()),
			database: "archive",
			want:     Totals{},
		},
		{
			name:     "unknown",
			ix:       New(workSnap()),
			database: "nas",
			want:     Totals{},
		},
		{
			name: "project in two categories counted once",
			ix: New(&Snapshot{Database: Database{"d", "/d"}, Categories: map[string]Clients{
				"a": {"acme": {"p": st(1, 1)}},
				"b": {"acme": {"p": st(2, 1)}, "zeta": {}},
			}}),
			database: "d",
			want:     Totals{Clients: 2, Projects: 1, Stats: Stats{Bytes: 3, Files: 2, Modified: t0}},
		},
		{
			name: "hard link within one project counted once",
			ix: New(&Snapshot{Database: Database{"d", "/d"}, Categories: map[string]Clients{
				"a": {"acme": {"p": linked(0, 0, 50)}},
				"b": {"acme": {"p": linked(5, 1, 50)}},
			}}),
			database: "d",
			want:     Totals{Clients: 1, Projects: 1, Stats: Stats{Bytes: 55, Files: 2, Modified: t1}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.ix.Totals(tt.database)
			if got.Clients != tt.want.Clients || got.Projects != tt.want.Projects || got.Bytes != tt.want.Bytes ||
				got.Files != tt.want.Files || !got.Modified.Equal(tt.want.Modified) || got.Links != nil {
				t.Errorf("Totals(%q) = %+v, want %+v", tt.database, got, tt.want)
			}
		})
	}
}

// TestIndexTotalsLeavesStats checks that summing does not change the
// stats it reads.
func TestIndexTotalsLeavesStats(t *testing.T) {
	work := workSnap()
	ix := New(work)
	for range 3 {
		ix.Totals("work")
	}
	tests := []struct {
		category, client, project string
		want                      Stats
		wantLinks                 int
	}{
		{"footage", "acme", "shot2", Stats{Bytes: 1020, Files: 3, Modified: t1}, 1},
		{"render", "acme", "shot3", Stats{Bytes: 1000, Files: 1, Modified: t1}, 1},
		{"footage", "acme", "shot10", Stats{Bytes: 10, Files: 1, Modified: t0}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.category+"/"+tt.client+"/"+tt.project, func(t *testing.T) {
			s := work.Categories[tt.category][tt.client][tt.project]
			if s.Bytes != tt.want.Bytes || s.Files != tt.want.Files || !s.Modified.Equal(tt.want.Modified) || len(s.Links) != tt.wantLinks {
				t.Errorf("stats = %+v, want %+v with %d links", s, tt.want, tt.wantLinks)
			}
		})
	}
}

func TestProjectString(t *testing.T) {
	tests := []struct {
		p    Project
		want string
	}{
		{Project{"acme", "shot10"}, "acme/shot10"},
		{Project{"東京", "ünï"}, "東京/ünï"},
		{Project{}, "/"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := tt.p.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestPathError(t *testing.T) {
	base := errors.New("permission denied")
	tests := []struct {
		name string
		err  PathError
		want string
	}{
		{"plain", PathError{"/mnt/work/footage/acme", base}, "/mnt/work/footage/acme: permission denied"},
		{"empty path", PathError{"", base}, ": permission denied"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestIndexWithUpdates(t *testing.T) {
	old := New(workSnap(), nasSnap())
	before := old.Projects("")
	spot := Project{Client: "acme", Name: "spot"}
	fresh := Project{Client: "newco", Name: "first"}
	ix := old.WithUpdates("nas", []Update{
		{Category: "footage", Project: spot, Stats: st(999, 9)},
		{Category: "renders", Project: fresh, Stats: st(5, 1)},
	})
	if got, ok := ix.Location("nas", "footage", spot); !ok || got.Bytes != 999 || got.Files != 9 {
		t.Fatalf("updated location: %+v, %v", got, ok)
	}
	if got, ok := ix.Location("nas", "renders", fresh); !ok || got.Bytes != 5 {
		t.Fatalf("new location: %+v, %v", got, ok)
	}
	if _, ok := old.Location("nas", "renders", fresh); ok {
		t.Fatal("the old index changed")
	}
	if got, _ := old.Location("nas", "footage", spot); got != nil && got.Bytes == 999 {
		t.Fatal("the old index's stats changed")
	}
	if len(old.Projects("")) != len(before) || !slices.Contains(ix.Projects(""), fresh) {
		t.Fatalf("projects: old %v, new %v", old.Projects(""), ix.Projects(""))
	}
	if ix.WithUpdates("nope", []Update{{Category: "x", Project: spot, Stats: st(1, 1)}}) != ix {
		t.Fatal("an unloaded database was updated")
	}
}
