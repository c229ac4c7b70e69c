// Package copies answers what the commands ask of the databases as a
// whole: for each location (a project's category), which databases hold
// it, which of those are true copies of its newest version and which are
// stale, different or unfinished, and so which locations are at risk. It
// reads the index and the layout and writes nothing; cmd prints what it
// finds, and a later daemon or web page can ask the same.
package copies

import (
	"fmt"
	"time"

	"github.com/bcnvisuals/autobackup/internal/index"
	"github.com/bcnvisuals/autobackup/internal/units"
)

// State is how one database's location stands against the newest one.
type State uint8

// States of a holding.
const (
	Copy       State = iota // the same listing as the newest location: a copy
	Stale                   // older than the newest, and not the same
	Differs                 // as new as the newest, but not the same listing
	Incomplete              // a copy into it was interrupted: temps or its unfinished marker
)

var stateNames = [...]string{"copy", "stale", "differs", "incomplete"}

func (s State) String() string { return stateNames[s] }

// Holding is one database's location of a project's category.
type Holding struct {
	Database string
	Stats    *index.Stats
	State    State
	Offline  bool      // from the last snapshot of a database offline now
	Seen     time.Time // when an offline database was last seen online
	Note     string    // for a holding that is not a copy: how it falls short, in words
}

// Location is one project's category across the databases that hold it.
type Location struct {
	Project  index.Project
	Category index.Category
	Min      int       // how many copies it should have
	Holdings []Holding // in the layout's order of databases
	Newest   int       // index in Holdings of the newest complete location
}

// Copies counts the holdings that are copies of the newest.
func (l Location) Copies() int {
	n := 0
	for _, h := range l.Holdings {
		if h.State == Copy {
			n++
		}
	}
	return n
}

// AtRisk reports whether the location has fewer copies than it should.
func (l Location) AtRisk() bool { return l.Copies() < l.Min }

// HeldBy names the databases holding a copy.
func (l Location) HeldBy() []string {
	var out []string
	for _, h := range l.Holdings {
		if h.State == Copy {
			out = append(out, h.Database)
		}
	}
	return out
}

// Bytes is the size of the newest copy.
func (l Location) Bytes() int64 { return l.Holdings[l.Newest].Stats.Bytes }

// Holding returns the holding of a database, if it holds the location.
func (l Location) Holding(database string) (Holding, bool) {
	for _, h := range l.Holdings {
		if h.Database == database {
			return h, true
		}
	}
	return Holding{}, false
}

// Study finds, for the given projects, every location held by at least
// one database, and the state of each holding. def is the studio-wide
// minimum of copies. Online databases and offline ones whose last
// snapshot is known both hold what they held.
func Study(ix *index.Index, layout index.Layout, def int, projects []index.Project) []Location {
	var out []Location
	for _, p := range projects {
		for _, c := range layout.Categories {
			l := Location{Project: p, Category: c, Min: c.MinCopies(def)}
			for _, d := range layout.Databases {
				snap, ok := ix.Snapshot(d.Name)
				if !ok {
					continue
				}
				if st, ok := ix.Location(d.Name, c.Name, p); ok {
					l.Holdings = append(l.Holdings, Holding{Database: d.Name, Stats: st, Offline: !snap.Online, Seen: snap.Scanned})
				}
			}
			if len(l.Holdings) > 0 {
				l.judge()
				out = append(out, l)
			}
		}
	}
	return out
}

// judge sets each holding's state against the newest complete one.
func (l *Location) judge() {
	stats := make([]*index.Stats, len(l.Holdings))
	for i, h := range l.Holdings {
		stats[i] = h.Stats
	}
	states := make([]State, len(stats))
	l.Newest = Judge(states, stats)
	n := stats[l.Newest]
	for i := range l.Holdings {
		h := &l.Holdings[i]
		h.State = states[i]
		switch h.State {
		case Incomplete:
			h.Note = "a copy into it was interrupted"
		case Stale:
			h.Note = shortfall(h.Stats, n) + ", older"
		case Differs:
			h.Note = shortfall(h.Stats, n) + ", not the same files"
		}
	}
}

// Judge sets states[i] to the state of the location whose sums are
// stats[i], against the newest of them, and returns the newest's index.
// It allocates nothing, for a fetch of thousands of projects.
func Judge(states []State, stats []*index.Stats) int {
	best := newest(stats)
	n := stats[best]
	for i, st := range stats {
		switch {
		case st.Temps > 0:
			states[i] = Incomplete
		case st.Fingerprint == n.Fingerprint && st.Files == n.Files && st.Bytes == n.Bytes:
			states[i] = Copy
		case st.Newest.Before(n.Newest) || st.Files < n.Files && !st.Newest.After(n.Newest):
			states[i] = Stale
		default:
			states[i] = Differs
		}
	}
	return best
}

// newest picks the location whose files were modified last (folder times
// move as entries come and go, so they do not count), and of those the
// one with the most files, among those no copy left unfinished (among
// all, when every one is).
func newest(stats []*index.Stats) int {
	best := -1
	later := func(a, b *index.Stats) bool {
		return a.Newest.After(b.Newest) || a.Newest.Equal(b.Newest) && a.Files > b.Files
	}
	for _, complete := range []bool{true, false} {
		for i, st := range stats {
			if complete && st.Temps > 0 {
				continue
			}
			if best < 0 || later(st, stats[best]) {
				best = i
			}
		}
		if best >= 0 {
			return best
		}
	}
	return best
}

// shortfall says how a location compares with the newest in counts:
// "5 of 12 files, 37 kB of 142 kB".
func shortfall(st, n *index.Stats) string {
	return fmt.Sprintf("%s of %s files, %s of %s", units.Comma(st.Files), units.Comma(n.Files),
		units.Bytes(st.Bytes), units.Bytes(n.Bytes))
}
