// Package index is the model of what the databases hold, kept apart from
// the walker that finds it (scan): the layout the studio tracks
// (databases and categories), one snapshot per database (its clients, their
// projects, and the sums below each location), and the immutable Index
// built from the snapshots, with the queries the commands ask of it. A
// load builds a new Index and swaps it in, so a cancelled load leaves the
// old one whole.
package index

import (
	"maps"
	"slices"
	"time"
)

// Snapshot is what one load saw of one database.
type Snapshot struct {
	Database Database
	Online   bool
	Offline  string // why the database is offline; empty when online
	Warning  string // something odd about an online database, such as an empty root

	// Scanned is when the snapshot's content was scanned. For an offline
	// database known from the catalog, it is when it was last seen online.
	Scanned time.Time

	// Failed says why a scan of an online database did not complete (its
	// root vanished or was replaced during the scan, as when a volume is
	// unmounted): such a snapshot is partial, and never goes into an index.
	Failed string

	// Categories maps a category name to the clients found there. A
	// category whose folder is missing from this database is absent.
	Categories map[string]Clients

	Errors []PathError // folders and files that could not be read
}

// Clients maps a client's name to its projects.
type Clients map[string]Projects

// Projects maps a project's name to what lies below it.
type Projects map[string]*Stats

// PathError is a path that could not be read during a scan.
type PathError struct {
	Path string
	Err  error
}

func (e PathError) Error() string { return e.Path + ": " + e.Err.Error() }

// Project names a project across all databases.
type Project struct {
	Client, Name string
}

// String returns "client/project".
func (p Project) String() string { return p.Client + "/" + p.Name }

// Index holds the snapshots of the databases from the latest loads. It is
// never changed once built: a load builds a new one, so that a cancelled
// load leaves the previous index in place.
type Index struct {
	snaps     map[string]*Snapshot
	clients   []string               // every client, in natural order
	projects  []Project              // every project, in natural order
	locations map[Project][]Location // where each project is
}

// Location is one category of a project in one database, with a copy of
// its stats kept beside it so that reading many is quick.
type Location struct {
	Database, Category string
	Stats
}

// New builds an index from snapshots.
func New(snaps ...*Snapshot) *Index {
	ix := &Index{snaps: map[string]*Snapshot{}}
	for _, s := range snaps {
		ix.snaps[s.Database.Name] = s
	}
	ix.clients, ix.projects = ix.collect(func(*Snapshot) bool { return true })
	ix.locations = make(map[Project][]Location, len(ix.projects))
	for name, s := range ix.snaps {
		for cat, cl := range s.Categories {
			for client, ps := range cl {
				for pname, st := range ps {
					p := Project{client, pname}
					ix.locations[p] = append(ix.locations[p], Location{name, cat, *st})
				}
			}
		}
	}
	return ix
}

// Locations lists where a project is: every database and category that
// holds it, in no set order.
func (ix *Index) Locations(p Project) []Location { return ix.locations[p] }

// With returns a new index holding x's snapshots, replaced or joined by
// snaps.
func (ix *Index) With(snaps ...*Snapshot) *Index {
	all := make([]*Snapshot, 0, len(ix.snaps)+len(snaps))
	for name, s := range ix.snaps {
		if !slices.ContainsFunc(snaps, func(n *Snapshot) bool { return n.Database.Name == name }) {
			all = append(all, s)
		}
	}
	return New(append(all, snaps...)...)
}

// Without returns a new index without the named database.
func (ix *Index) Without(name string) *Index {
	var keep []*Snapshot
	for n, s := range ix.snaps {
		if n != name {
			keep = append(keep, s)
		}
	}
	return New(keep...)
}

// Update is what a rescan found of one location.
type Update struct {
	Category string
	Project  Project
	Stats    *Stats
}

// WithUpdates returns a new index in which the given locations of a
// loaded database hold the new stats, built once however many there are.
// The snapshot is copied along the paths it changes, so ix is unchanged.
func (ix *Index) WithUpdates(database string, updates []Update) *Index {
	old, ok := ix.snaps[database]
	if !ok || len(updates) == 0 {
		return ix
	}
	snap := *old
	snap.Categories = make(map[string]Clients, len(old.Categories)+1)
	for c, cl := range old.Categories {
		snap.Categories[c] = cl
	}
	copied := map[string]bool{} // category/client maps already copied
	for _, u := range updates {
		if !copied[u.Category] {
			snap.Categories[u.Category] = maps.Clone(snap.Categories[u.Category])
			if snap.Categories[u.Category] == nil {
				snap.Categories[u.Category] = Clients{}
			}
			copied[u.Category] = true
		}
		clients := snap.Categories[u.Category]
		if key := u.Category + "/" + u.Project.Client; !copied[key] {
			clients[u.Project.Client] = maps.Clone(clients[u.Project.Client])
			if clients[u.Project.Client] == nil {
				clients[u.Project.Client] = Projects{}
			}
			copied[key] = true
		}
		clients[u.Project.Client][u.Project.Name] = u.Stats
	}
	return ix.With(&snap)
}

// Snapshot returns the snapshot of a database, if it was loaded.
func (ix *Index) Snapshot(database string) (*Snapshot, bool) {
	s, ok := ix.snaps[database]
	return s, ok
}

// Loaded reports how many databases the index holds.
func (ix *Index) Loaded() int { return len(ix.snaps) }

// Empty reports whether no project was found in any database.
func (ix *Index) Empty() bool { return len(ix.projects) == 0 }

// collect lists the clients and projects of the snapshots keep selects.
func (ix *Index) collect(keep func(*Snapshot) bool) ([]string, []Project) {
	clients := map[string]bool{}
	projects := map[Project]bool{}
	for _, s := range ix.snaps {
		if !keep(s) {
			continue
		}
		for _, cl := range s.Categories {
			for client, ps := range cl {
				clients[client] = true
				for name := range ps {
					projects[Project{client, name}] = true
				}
			}
		}
	}
	return sortedClients(clients), sortedProjects(projects)
}

func sortedClients(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for c := range set {
		out = append(out, c)
	}
	slices.SortFunc(out, compareNatural)
	return out
}

func sortedProjects(set map[Project]bool) []Project {
	out := make([]Project, 0, len(set))
	for p := range set {
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b Project) int {
		if c := compareNatural(a.Client, b.Client); c != 0 {
			return c
		}
		return compareNatural(a.Name, b.Name)
	})
	return out
}

func compareNatural(a, b string) int {
	switch {
	case NaturalLess(a, b):
		return -1
	case NaturalLess(b, a):
		return 1
	}
	return 0
}

// Clients lists every client in natural order. With a database name, only
// the clients found in that database.
func (ix *Index) Clients(database string) []string {
	if database == "" {
		return ix.clients
	}
	clients, _ := ix.collect(func(s *Snapshot) bool { return s.Database.Name == database })
	return clients
}

// Projects lists every project in natural order. With a database name,
// only the projects found in that database.
func (ix *Index) Projects(database string) []Project {
	if database == "" {
		return ix.projects
	}
	_, projects := ix.collect(func(s *Snapshot) bool { return s.Database.Name == database })
	return projects
}

// Location returns the stats of one category of a project in one database.
func (ix *Index) Location(database, category string, p Project) (*Stats, bool) {
	s, ok := ix.snaps[database]
	if !ok {
		return nil, false
	}
	st, ok := s.Categories[category][p.Client][p.Name]
	return st, ok
}

// Totals sums what one database holds.
type Totals struct {
	Clients, Projects int
	Stats
}

// Totals sums a loaded database's clients, projects, bytes and files.
func (ix *Index) Totals(database string) Totals {
	s, ok := ix.snaps[database]
	if !ok {
		return Totals{}
	}
	var t Totals
	clients := map[string]bool{}
	projects := map[Project]bool{}
	for _, cl := range s.Categories {
		for client, ps := range cl {
			clients[client] = true
			for name, st := range ps {
				projects[Project{client, name}] = true
				t.Add(st)
			}
		}
	}
	t.Clients, t.Projects = len(clients), len(projects)
	t.Links = nil
	return t
}
