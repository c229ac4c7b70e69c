package copies

import (
	"strings"
	"testing"
	"time"

	"github.com/bcnvisuals/autobackup/internal/index"
)

var (
	t0      = time.Date(2026, 10, 1, 14, 0, 0, 0, time.UTC)
	spot    = index.Project{Client: "acme", Name: "spot"}
	footage = index.Category{Name: "footage", Path: "footage"}
	layout  = index.Layout{
		Databases:  []index.Database{{Name: "WORK", Root: "/w"}, {Name: "STORAGE", Root: "/s"}, {Name: "NAS", Root: "/n"}},
		Categories: []index.Category{footage},
	}
)

// snap is one database's snapshot holding spot's footage with st.
func snap(db string, online bool, st *index.Stats) *index.Snapshot {
	s := &index.Snapshot{Database: index.Database{Name: db}, Online: online, Scanned: t0, Categories: map[string]index.Clients{}}
	if st != nil {
		s.Categories["footage"] = index.Clients{"acme": index.Projects{"spot": st}}
	}
	return s
}

func stats(files, bytes int64, fp uint64, at time.Time, temps int64) *index.Stats {
	return &index.Stats{Files: files, Bytes: bytes, Fingerprint: fp, Modified: at, Newest: at, Temps: temps}
}

func TestStudy(t *testing.T) {
	full := stats(12, 142_000, 7, t0, 0)
	tests := []struct {
		name   string
		snaps  []*index.Snapshot
		want   string // each holding as DB=state[:note], then copies and at risk
		atRisk bool
	}{
		{"two copies", []*index.Snapshot{snap("WORK", true, full), snap("NAS", true, stats(12, 142_000, 7, t0.Add(-time.Hour), 0))},
			"WORK=copy NAS=copy", false},
		{"a stale second copy", []*index.Snapshot{snap("WORK", true, full), snap("STORAGE", true, stats(5, 37_000, 3, t0.Add(-24*time.Hour), 0))},
			"WORK=copy STORAGE=stale:5 of 12 files, 37 kB of 142 kB, older", true},
		{"an empty folder", []*index.Snapshot{snap("WORK", true, full), snap("NAS", true, stats(0, 0, 0, time.Time{}, 0))},
			"WORK=copy NAS=stale:0 of 12 files, 0 B of 142 kB, older", true},
		{"an empty folder made after", []*index.Snapshot{snap("WORK", true, full), snap("NAS", true, &index.Stats{Modified: t0.Add(time.Hour)})},
			"WORK=copy NAS=stale:0 of 12 files, 0 B of 142 kB, older", true},
		{"a copy stopped half way, folder newer", []*index.Snapshot{snap("WORK", true, full), snap("NAS", true, stats(348, 9_000, 9, t0.Add(time.Hour), 1))},
			"WORK=copy NAS=incomplete:a copy into it was interrupted", true},
		{"the same time, other files", []*index.Snapshot{snap("WORK", true, full), snap("NAS", true, stats(12, 142_000, 8, t0, 0))},
			"WORK=copy NAS=differs:12 of 12 files, 142 kB of 142 kB, not the same files", true},
		{"an archive drive on the shelf", []*index.Snapshot{snap("WORK", true, full), snap("STORAGE", false, stats(12, 142_000, 7, t0, 0))},
			"WORK=copy STORAGE=copy(offline)", false},
		{"newest is the other", []*index.Snapshot{snap("WORK", true, stats(10, 100, 1, t0.Add(-time.Hour), 0)), snap("NAS", true, full)},
			"WORK=stale:10 of 12 files, 100 B of 142 kB, older NAS=copy", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			locs := Study(index.New(tt.snaps...), layout, 2, []index.Project{spot})
			if len(locs) != 1 {
				t.Fatalf("%d locations", len(locs))
			}
			var got []string
			for _, h := range locs[0].Holdings {
				s := h.Database + "=" + h.State.String()
				if h.Offline {
					s += "(offline)"
				}
				if h.Note != "" {
					s += ":" + h.Note
				}
				got = append(got, s)
			}
			if strings.Join(got, " ") != tt.want {
				t.Errorf("holdings\n%s\nwant\n%s", strings.Join(got, " "), tt.want)
			}
			if locs[0].AtRisk() != tt.atRisk {
				t.Errorf("AtRisk = %v with %d copies", locs[0].AtRisk(), locs[0].Copies())
			}
		})
	}
}

func TestLocationHelpers(t *testing.T) {
	locs := Study(index.New(snap("WORK", true, stats(2, 300, 1, t0, 0)), snap("NAS", true, stats(2, 300, 1, t0, 0))), layout, 2, []index.Project{spot})
	l := locs[0]
	if strings.Join(l.HeldBy(), ",") != "WORK,NAS" || l.Bytes() != 300 {
		t.Fatalf("HeldBy %q, Bytes %d", l.HeldBy(), l.Bytes())
	}
	if h, ok := l.Holding("NAS"); !ok || h.Database != "NAS" {
		t.Fatal("Holding(NAS)")
	}
	if _, ok := l.Holding("STORAGE"); ok {
		t.Fatal("Holding(STORAGE) found")
	}
	if none := Study(index.New(), layout, 2, []index.Project{spot}); len(none) != 0 {
		t.Fatalf("an empty index: %d locations", len(none))
	}
}
