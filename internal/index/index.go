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
	"sync"
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
	clients   []string                       // every client, in natural order
	projects  []Project                      // every project, in natural order
	locations map[Project][]Location         // where each project is
	raw       map[string]map[Project]Project // by database, the names on its disk where not canonical

	once sync.Once // builds the three above, on first need
}

// Location is one category of a project in one database, and its stats.
type Location struct {
	Database, Category string
	*Stats
}

// New makes an index of snapshots. Its lists of clients and projects and
// its map of locations are built on the first query that needs them, so
// that a start-up from the catalog shows its prompt without waiting.
func New(snaps ...*Snapshot) *Index {
	ix := &Index{snaps: map[string]*Snapshot{}}
	for _, s := range snaps {
		ix.snaps[s.Database.Name] = s
	}
	return ix
}

// build lists the clients and projects and places every location, once.
// It counts each project's locations first, then places them all in one
// array, so that hundreds of thousands of locations need no growing slice
// per project.
func (ix *Index) build() { ix.once.Do(ix.place) }

func (ix *Index) place() {
	count := map[Project]int{}
	clients := map[string]bool{}
	total := 0
	for name, s := range ix.snaps {
		for _, cl := range s.Categories {
			for client, ps := range cl {
				clients[Canonical(client)] = true
				for pname := range ps {
					raw := Project{client, pname}
					canon := CanonicalProject(raw)
					ix.noteRaw(name, canon, raw)
					count[canon]++
					total++
				}
			}
		}
	}
	all := make([]Location, 0, total)
	ix.locations = make(map[Project][]Location, len(count))
	for p, n := range count {
		ix.locations[p] = all[len(all) : len(all) : len(all)+n]
		all = all[:len(all)+n]
	}
	for name, s := range ix.snaps {
		for cat, cl := range s.Categories {
			for client, ps := range cl {
				for pname, st := range ps {
					p := CanonicalProject(Project{client, pname})
					ix.locations[p] = append(ix.locations[p], Location{name, cat, st})
				}
			}
		}
	}
	ix.clients = sortedClients(clients)
	ix.projects = make([]Project, 0, len(count))
	for p := range count {
		ix.projects = append(ix.projects, p)
	}
	sortProjects(ix.projects)
}

// Locations lists where a project is: every database and category that
// holds it, in no set order, whatever normal form each names it in.
func (ix *Index) Locations(p Project) []Location {
	ix.build()
	return ix.locations[CanonicalProject(p)]
}

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
func (ix *Index) Empty() bool {
	ix.build()
	return len(ix.projects) == 0
}

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
				clients[Canonical(client)] = true
				for name := range ps {
					projects[CanonicalProject(Project{client, name})] = true
				}
			}
		}
	}
	out := make([]Project, 0, len(projects))
	for p := range projects {
		out = append(out, p)
	}
	sortProjects(out)
	return sortedClients(clients), out
}

func sortedClients(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for c := range set {
		out = append(out, c)
	}
	slices.SortFunc(out, NaturalCompare)
	return out
}

func sortProjects(ps []Project) {
	slices.SortFunc(ps, func(a, b Project) int {
		if c := NaturalCompare(a.Client, b.Client); c != 0 {
			return c
		}
		return NaturalCompare(a.Name, b.Name)
	})
}

// Clients lists every client in natural order. With a database name, only
// the clients found in that database.
func (ix *Index) Clients(database string) []string {
	if database == "" {
		ix.build()
		return ix.clients
	}
	clients, _ := ix.collect(func(s *Snapshot) bool { return s.Database.Name == database })
	return clients
}

// Projects lists every project in natural order. With a database name,
// only the projects found in that database.
func (ix *Index) Projects(database string) []Project {
	if database == "" {
		ix.build()
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
	if st, ok := s.Categories[category][p.Client][p.Name]; ok {
		return st, true
	}
	raw := ix.RawProject(database, p)
	st, ok := s.Categories[category][raw.Client][raw.Name]
	return st, ok
}

// Totals sums what one database holds.
type Totals struct {
	Clients, Projects int
	Stats
}

// Totals sums a loaded database's clients, projects, bytes and files.
func (ix *Index) Totals(database string) Totals { return ix.Sum(database) }

// Sum sums what the named loaded databases hold together: the clients and
// projects found in any of them, once, and all their bytes and files.
func (ix *Index) Sum(databases ...string) Totals {
	var t Totals
	projects := map[string]map[string]struct{}{} // by client: one string hashed per lookup
	for _, name := range databases {
		s, ok := ix.snaps[name]
		if !ok {
			continue
		}
		for _, cl := range s.Categories {
			for client, ps := range cl {
				names := projects[Canonical(client)]
				if names == nil {
					names = make(map[string]struct{}, len(ps))
					projects[Canonical(client)] = names
				}
				for name, st := range ps {
					names[Canonical(name)] = struct{}{}
					t.Add(st) // a file hard-linked into two locations counts once
				}
			}
		}
	}
	t.Clients = len(projects)
	for _, names := range projects {
		t.Projects += len(names)
	}
	t.Links = nil
	return t
}
