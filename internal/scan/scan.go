// Package scan walks databases in parallel and builds the snapshots of the
// index: for every database × category, its clients, their projects, and
// the bytes, files and newest time below each project.
package scan

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/bcnvisuals/autobackup/internal/fsys"
	"github.com/bcnvisuals/autobackup/internal/index"
)

// Scanner builds snapshots of databases by walking them in parallel.
type Scanner struct {
	Jobs     int       // folders read at once; 0 picks DefaultJobs()
	Progress *Progress // counts what has been found so far; may be nil

	newReader func() reader // the folder reader; nil picks the system's fastest
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
	path    string
	level   level
	db      *builder
	cat     string
	client  string
	project *project
}

// builder collects one database's snapshot while the workers fill it.
type builder struct {
	mu   sync.Mutex
	snap *index.Snapshot
}

// project collects the stats of one project.
type project struct {
	mu    sync.Mutex
	stats *index.Stats
}

// Scan walks every category of every database and returns one snapshot per
// database, in the order given. A database whose root is missing comes back
// offline; folders that cannot be read are recorded in the snapshot's
// Errors. Scan fails only when ctx is cancelled.
func (s Scanner) Scan(ctx context.Context, dbs []index.Database, cats []index.Category) ([]*index.Snapshot, error) {
	q := newQueue[task]()
	snaps := make([]*index.Snapshot, len(dbs))
	roots := make([]fsys.ID, len(dbs))
	for i, db := range dbs {
		snaps[i], roots[i] = openDatabase(db)
		if !snaps[i].Online {
			continue
		}
		b := &builder{snap: snaps[i]}
		for _, c := range cats {
			q.push(task{path: filepath.Join(db.Root, filepath.FromSlash(c.Path)), level: levelCategory, db: b, cat: c.Name})
		}
	}
	jobs := s.Jobs
	if jobs <= 0 {
		jobs = DefaultJobs()
	}
	if err := q.run(ctx, jobs, func() func(task) { return s.worker(q) }); err != nil {
		return nil, err
	}
	for i, snap := range snaps {
		if snap.Online {
			checkRoot(snap, roots[i])
		}
	}
	return snaps, nil
}

// checkRoot fails a snapshot whose root is no longer the folder the scan
// began in: a volume unmounted or replaced during the scan leaves a
// partial listing that must not pass for the database's content.
func checkRoot(snap *index.Snapshot, want fsys.ID) {
	d, err := fsys.OpenRoot(snap.Database.Root)
	switch {
	case err != nil:
		snap.Failed = "its root " + snap.Database.Root + " vanished during the scan (" + errText(err) + "); was the volume unmounted?"
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
	q := newQueue[task]()
	b := &builder{snap: &index.Snapshot{}}
	p := &project{stats: &index.Stats{}}
	q.push(task{path: dir, level: levelTree, db: b, project: p})
	jobs := s.Jobs
	if jobs <= 0 {
		jobs = DefaultJobs()
	}
	if err := q.run(ctx, jobs, func() func(task) { return s.worker(q) }); err != nil {
		return nil, nil, err
	}
	return p.stats, b.snap.Errors, nil
}

// openDatabase checks a database's root and starts its snapshot. It
// returns the root's identity, to check at the end.
func openDatabase(db index.Database) (*index.Snapshot, fsys.ID) {
	snap := &index.Snapshot{Database: db, Categories: map[string]index.Clients{}}
	var id fsys.ID
	if d, err := fsys.OpenRoot(db.Root); err == nil {
		id = d.ID()
		d.Close()
	}
	fi, err := os.Stat(db.Root)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		snap.Offline = "root " + db.Root + " not found"
	case err != nil:
		snap.Offline = errText(err)
	case !fi.IsDir():
		snap.Offline = "root " + db.Root + " is not a folder"
	default:
		snap.Online = true
		if empty, err := isEmptyDir(db.Root); err != nil {
			snap.Online, snap.Offline = false, errText(err)
		} else if empty {
			snap.Warning = "root " + db.Root + " is empty; is the volume mounted?"
		}
	}
	return snap, id
}

func isEmptyDir(path string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	_, err = f.ReadDir(1)
	if errors.Is(err, io.EOF) {
		return true, nil
	}
	return false, err
}

// worker returns the function one worker applies to each task, with its
// own reader and buffers.
func (s Scanner) worker(q *queue[task]) func(task) {
	var r reader
	if s.newReader != nil {
		r = s.newReader()
	} else {
		r = newReader()
	}
	var l listing
	return func(t task) {
		l.reset()
		err := r.read(t.path, t.level == levelCategory, &l)
		if err == nil {
			s.count(&l, t.level == levelTree)
		}
		switch {
		case t.level == levelCategory && errors.Is(err, fs.ErrNotExist):
			return // the category is absent from this database
		case err != nil:
			l.fail(t.path, err)
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
		next = append(next, task{path: filepath.Join(t.path, name), level: levelClient, db: b, cat: t.cat, client: name})
	}
	return next
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
		next = append(next, task{path: filepath.Join(t.path, name), level: levelTree, db: b, project: p})
	}
	return next
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
		next[i] = task{path: t.path + string(filepath.Separator) + name, level: levelTree, db: t.db, project: t.project}
	}
	return next
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

// errText is an error's message without the path an os error repeats.
func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
