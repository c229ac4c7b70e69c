// Package scan walks databases in parallel and builds the snapshots of the
// index: for every database × category, its clients, their projects, and
// the bytes, files, newest time and fingerprint below each project. It
// reads through the file-system seam (fsys), so a database may be on a
// local disk or elsewhere.
package scan

import (
	"context"
	"errors"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bcnvisuals/autobackup/internal/fsys"
	"github.com/bcnvisuals/autobackup/internal/index"
)

// Scanner builds snapshots of databases by walking them in parallel.
type Scanner struct {
	Jobs     int       // folders read at once; 0 picks DefaultJobs()
	Progress *Progress // counts what has been found so far; may be nil

	// Open opens a database's root; nil opens a folder on a local disk.
	Open func(root string) (fsys.Dir, error)
}

// Progress counts what a running scan has found: folders read, and the
// files and bytes inside projects (a file with hard links in several
// folders counts at each). It is safe to read while the scan runs.
type Progress struct {
	Files, Bytes, Folders atomic.Int64
}

// DefaultJobs is the number of folders read at once when none is set: a
// few per processor, since reading a folder mostly waits on the disk.
func DefaultJobs() int { return 4 * runtime.GOMAXPROCS(0) }

// level is where a folder sits in a database.
type level uint8

const (
	levelCategory level = iota // <root>/<category>: its folders are clients
	levelClient                // <root>/<category>/<client>: its folders are projects
	levelTree                  // a project or anything below it
)

// task is one folder to read.
type task struct {
	rel     string // below the database root, slash-separated
	inside  string // below the project, for levelTree
	level   level
	db      *builder
	cat     string
	client  string
	project *project
}

// builder collects one database's snapshot while the workers fill it.
type builder struct {
	root fsys.Scanner
	base string // the root's path, for messages
	mu   sync.Mutex
	snap *index.Snapshot
}

// project collects the stats of one project.
type project struct {
	mu    sync.Mutex
	stats *index.Stats
}

func (s Scanner) open(root string) (fsys.Dir, error) {
	if s.Open != nil {
		return s.Open(root)
	}
	return fsys.OpenRoot(root)
}

func (s Scanner) jobs() int {
	if s.Jobs <= 0 {
		return DefaultJobs()
	}
	return s.Jobs
}

// Scan walks every category of every database and returns one snapshot per
// database, in the order given. A database whose root is missing comes back
// offline; folders that cannot be read are recorded in the snapshot's
// Errors; a database whose root vanishes or changes during the scan comes
// back Failed. Scan fails only when ctx is cancelled.
func (s Scanner) Scan(ctx context.Context, dbs []index.Database, cats []index.Category) ([]*index.Snapshot, error) {
	q := newQueue[task]()
	snaps := make([]*index.Snapshot, len(dbs))
	roots := make([]fsys.Dir, len(dbs))
	defer func() {
		for _, r := range roots {
			if r != nil {
				r.Close()
			}
		}
	}()
	for i, db := range dbs {
		snaps[i], roots[i] = s.openDatabase(db)
		if roots[i] == nil {
			continue
		}
		b := &builder{root: fsys.AsScanner(roots[i]), base: db.Root, snap: snaps[i]}
		for _, c := range cats {
			q.push(task{rel: c.Path, level: levelCategory, db: b, cat: c.Name})
		}
	}
	if err := q.run(ctx, s.jobs(), func() func(task) { return s.worker(q) }); err != nil {
		return nil, err
	}
	for i, snap := range snaps {
		if roots[i] != nil {
			s.checkRoot(snap, roots[i].ID())
		}
	}
	return snaps, nil
}

// checkRoot fails a snapshot whose root is no longer the folder the scan
// began in: a volume unmounted or replaced during the scan leaves a
// partial listing that must not pass for the database's content.
func (s Scanner) checkRoot(snap *index.Snapshot, want fsys.ID) {
	d, err := s.open(snap.Database.Root)
	switch {
	case err != nil:
		snap.Failed = "its root " + snap.Database.Root + " vanished during the scan (" + fsys.Reason(err) + "); was the volume unmounted?"
	case d.ID() != want:
		snap.Failed = "its root " + snap.Database.Root + " changed during the scan; was the volume unmounted or replaced?"
	}
	if d != nil {
		d.Close()
	}
}

// Project scans one project folder, as load would, and returns its stats
// and the paths that could not be read. Copy uses it to refresh the index
// for the location it wrote.
func (s Scanner) Project(ctx context.Context, dir string) (*index.Stats, []index.PathError, error) {
	root, err := s.open(dir)
	if err != nil {
		var l listing
		l.fail(dir, err)
		return &index.Stats{}, l.errors, nil
	}
	defer root.Close()
	q := newQueue[task]()
	b := &builder{root: fsys.AsScanner(root), base: dir, snap: &index.Snapshot{}}
	p := &project{stats: &index.Stats{}}
	q.push(task{rel: ".", inside: ".", level: levelTree, db: b, project: p})
	if err := q.run(ctx, s.jobs(), func() func(task) { return s.worker(q) }); err != nil {
		return nil, nil, err
	}
	return p.stats, b.snap.Errors, nil
}

// openDatabase checks a database's root and starts its snapshot. It
// returns the open root, or nil when the database is offline.
func (s Scanner) openDatabase(db index.Database) (*index.Snapshot, fsys.Dir) {
	snap := &index.Snapshot{Database: db, Categories: map[string]index.Clients{}}
	d, err := s.open(db.Root)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		snap.Offline = "root " + db.Root + " not found"
		return snap, nil
	case errors.Is(err, fsys.ErrNotDir):
		snap.Offline = "root " + db.Root + " is not a folder"
		return snap, nil
	case err != nil:
		snap.Offline = fsys.Reason(err)
		return snap, nil
	}
	entries, err := d.List()
	if err != nil {
		d.Close()
		snap.Offline = fsys.Reason(err)
		return snap, nil
	}
	snap.Online, snap.Scanned = true, time.Now()
	if len(entries) == 0 {
		snap.Warning = "root " + db.Root + " is empty; is the volume mounted?"
	}
	return snap, d
}

// worker returns the function one worker applies to each task, with its
// own reader and buffers.
func (s Scanner) worker(q *queue[task]) func(task) {
	var l listing
	return func(t task) {
		l.reset()
		var inside *string
		if t.level == levelTree {
			inside = &t.inside
		}
		err := l.read(t.db.root, t.db.base, t.rel, t.level == levelCategory, inside)
		if err == nil {
			s.count(&l, t.level == levelTree)
		}
		switch {
		case t.level == levelCategory && errors.Is(err, fs.ErrNotExist):
			return // the category is absent from this database
		case err != nil:
			l.fail(path.Join(t.db.base, t.rel), err)
		case t.level == levelCategory:
			q.push(t.db.addClients(t, l.dirs)...)
		case t.level == levelClient:
			q.push(t.db.addProjects(t, l.dirs)...)
		default:
			t.project.add(&l.files)
			q.push(subfolders(t, l.dirs)...)
		}
		t.db.addErrors(l.errors)
	}
}

// count adds a folder read to the progress, and its files when it is
// inside a project (files beside clients and projects are not counted).
func (s Scanner) count(l *listing, inProject bool) {
	if s.Progress == nil {
		return
	}
	s.Progress.Folders.Add(1)
	if inProject {
		s.Progress.Files.Add(l.files.Files)
		s.Progress.Bytes.Add(l.files.Bytes)
	}
}

// addClients records the clients of a category and returns their tasks.
func (b *builder) addClients(t task, names []string) []task {
	b.mu.Lock()
	defer b.mu.Unlock()
	clients := index.Clients{}
	b.snap.Categories[t.cat] = clients
	var next []task
	for _, name := range visible(names) {
		clients[name] = index.Projects{}
		next = append(next, task{rel: path.Join(t.rel, name), level: levelClient, db: b, cat: t.cat, client: name})
	}
	return lowestFirst(next)
}

// addProjects records the projects of a client and returns their tasks.
func (b *builder) addProjects(t task, names []string) []task {
	b.mu.Lock()
	defer b.mu.Unlock()
	projects := b.snap.Categories[t.cat][t.client]
	var next []task
	for _, name := range visible(names) {
		p := &project{stats: &index.Stats{}}
		projects[name] = p.stats
		next = append(next, task{rel: path.Join(t.rel, name), inside: ".", level: levelTree, db: b, project: p})
	}
	return lowestFirst(next)
}

func (b *builder) addErrors(errs []index.PathError) {
	if len(errs) == 0 {
		return
	}
	b.mu.Lock()
	b.snap.Errors = append(b.snap.Errors, errs...)
	b.mu.Unlock()
}

func (p *project) add(s *index.Stats) {
	p.mu.Lock()
	p.stats.Add(s)
	p.mu.Unlock()
}

func subfolders(t task, names []string) []task {
	next := make([]task, len(names))
	for i, name := range names {
		next[i] = task{rel: t.rel + "/" + name, inside: path.Join(t.inside, name), level: levelTree, db: t.db, project: t.project}
	}
	return lowestFirst(next)
}

// lowestFirst orders the tasks of one folder's sub-folders, listed in
// inode order, so that the last-in, first-out queue hands out the lowest
// inode first: a cold scan then reads the disk's inode tables forwards.
func lowestFirst(ts []task) []task {
	slices.Reverse(ts)
	return ts
}

// visible drops names that start with a dot: .Trashes, .snapshot and the
// like are neither clients nor projects.
func visible(names []string) []string {
	out := names[:0:0]
	for _, n := range names {
		if !strings.HasPrefix(n, ".") {
			out = append(out, n)
		}
	}
	return out
}
