package backup

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Progress counts what a running copy has done. It is safe to read while
// the copy runs.
type Progress struct {
	Files, Bytes atomic.Int64
}

// Result is what a copy did.
type Result struct {
	Copied, CopiedBytes   int64 // files copied or replaced, and their bytes
	Skipped, SkippedBytes int64 // files identical at the destination
	Verified              int64 // copies read back and found equal
	Replaced              int64 // old versions kept under .autobackup/replaced
	Links, Symlinks, Dirs int64 // hard links, symlinks and folders made
	StaleTemps            int64 // temp files of an earlier, killed copy removed
	Conflicts             []string
	Failed                []string // "path: what went wrong"
	Changed               []string // source files that changed while copied
	Warnings              []string
	Elapsed               time.Duration
	ReplacedDir           string // where --overwrite kept the old versions, if any
}

// Batches: files are written to temp names a batch at a time, the batch
// is made durable with one file-system sync, then each file is verified
// and published. A batch ends at whichever limit comes first.
const (
	batchBytes   = 256 << 20
	batchFiles   = 1024
	batchFolders = 128
)

// runner carries out one plan.
type runner struct {
	plan     *Plan
	opts     Options
	root     *os.Root
	progress *Progress
	stamp    string
	wrap     func(io.Writer) io.Writer // a test's fault injector, or nil

	mu      sync.Mutex
	res     Result
	temps   map[string]bool // temp files not yet published or removed
	touched map[string]bool // destination folders whose entries changed
	done    map[string]bool // files that now match the source, by final name
}

// Run carries out a plan. It refuses to start when the destination is
// being written by another copy or lacks the space; otherwise it goes as
// far as it can and reports each file that failed in the result. When ctx
// is cancelled it stops at once, removes its temp files, and returns what
// it finished along with ctx's error.
func Run(ctx context.Context, p *Plan, progress *Progress) (*Result, error) {
	return run(ctx, p, progress, nil)
}

func run(ctx context.Context, p *Plan, progress *Progress, wrap func(io.Writer) io.Writer) (*Result, error) {
	start := time.Now()
	if progress == nil {
		progress = &Progress{}
	}
	root, err := os.OpenRoot(p.To)
	if err != nil {
		return nil, fmt.Errorf("open destination %s: %w", p.To, err)
	}
	defer root.Close()
	if err := CheckSpace(p); err != nil {
		return nil, err
	}
	unlock, err := lock(root)
	if err != nil {
		return nil, err
	}
	defer unlock()
	now := time.Now
	if p.Options.Now != nil {
		now = p.Options.Now
	}
	r := &runner{
		plan: p, opts: p.Options, root: root, progress: progress, wrap: wrap,
		stamp: now().UTC().Format(stampFormat),
		temps: map[string]bool{}, touched: map[string]bool{}, done: map[string]bool{},
	}
	for _, lp := range p.Locations {
		if err = r.location(ctx, lp); err != nil {
			break
		}
	}
	r.cleanup()
	r.syncFolders()
	r.res.Elapsed = time.Since(start)
	if r.res.Replaced > 0 {
		r.res.ReplacedDir = path.Join(p.To, replacedDir, r.stamp)
	}
	return &r.res, err
}

// location copies one location. It returns an error only when the copy
// as a whole must stop (cancellation); a file that fails is recorded.
func (r *runner) location(ctx context.Context, lp *LocationPlan) error {
	for _, t := range lp.StaleTemps {
		if err := r.root.Remove(path.Join(lp.Dest, t)); err == nil {
			r.res.StaleTemps++
		}
	}
	failuresBefore := r.failures()
	if err := r.makeLocationDir(lp); err != nil {
		r.fail(lp.Dest, err)
		return nil
	}
	var files, links []Item
	for _, it := range lp.Items {
		switch {
		case it.Op == OpMkdir:
			r.mkdir(lp, it)
		case it.Op == OpSkip && it.Kind == KindFile:
			r.res.Skipped++
			r.res.SkippedBytes += it.Size
			r.done[path.Join(lp.Dest, it.Rel)] = true
		case it.Op == OpConflict:
			r.res.Conflicts = append(r.res.Conflicts, path.Join(lp.Dest, it.Rel)+": "+it.Why)
		case it.Op == OpIgnore:
			r.res.Warnings = append(r.res.Warnings, path.Join(lp.Dest, it.Rel)+": skipped, "+it.Why)
		case it.Op == OpLink:
			links = append(links, it)
		case it.Kind == KindSymlink && it.Op == OpCopy:
			r.symlink(lp, it)
		case it.Kind == KindFile:
			files = append(files, it)
		}
	}
	if err := r.copyFiles(ctx, lp, files); err != nil {
		return err
	}
	if err := r.hardLinks(ctx, lp, links); err != nil {
		return err
	}
	// Only a complete location gets its folders' final modes: until then
	// they keep the owner-write bit added when they were made, so that an
	// interrupted or failed copy can be resumed even where the source is
	// read-only.
	if r.failures() == failuresBefore {
		r.finishDirs(lp)
	}
	return ctx.Err()
}

// makeLocationDir creates the location's folder and those above it.
func (r *runner) makeLocationDir(lp *LocationPlan) error {
	if lp.DestExists {
		return nil
	}
	parent := path.Dir(lp.Dest)
	if err := r.root.MkdirAll(parent, dirMode); err != nil {
		return err
	}
	fi, err := os.Stat(lp.Source)
	if err != nil {
		return err
	}
	err = r.root.Mkdir(lp.Dest, fi.Mode().Perm()|0o700)
	switch {
	case errors.Is(err, fs.ErrExist):
	case err != nil:
		return err
	default:
		r.res.Dirs++
	}
	r.touch(parent)
	return nil
}

func (r *runner) mkdir(lp *LocationPlan, it Item) {
	name := path.Join(lp.Dest, it.Rel)
	err := r.root.Mkdir(name, it.Mode.Perm()|0o700)
	switch {
	case errors.Is(err, fs.ErrExist):
		return
	case err != nil:
		r.fail(name, err)
		return
	}
	r.res.Dirs++
	r.touch(path.Dir(name))
}

func (r *runner) symlink(lp *LocationPlan, it Item) {
	name := path.Join(lp.Dest, it.Rel)
	if err := r.root.Symlink(it.Target, name); err != nil {
		r.fail(name, err)
		return
	}
	r.res.Symlinks++
	r.touch(path.Dir(name))
	if err := lchtimes(r.root, name, it.ModTime); err != nil {
		r.warn(name, "symlink time not set: "+err.Error())
	}
}

// hardLinks recreates hard links among the copied files. A link whose
// first file could not be copied is copied as a file of its own.
func (r *runner) hardLinks(ctx context.Context, lp *LocationPlan, links []Item) error {
	var orphans []Item
	for _, it := range links {
		leader := path.Join(lp.Dest, it.Target)
		name := path.Join(lp.Dest, it.Rel)
		if !r.done[leader] {
			it.Op = OpCopy
			orphans = append(orphans, it)
			continue
		}
		if err := r.root.Link(leader, name); err != nil {
			it.Op = OpCopy
			orphans = append(orphans, it) // a volume without hard links
			continue
		}
		r.res.Links++
		r.done[name] = true
		r.touch(path.Dir(name))
	}
	return r.copyFiles(ctx, lp, orphans)
}

// finishDirs gives the folders that were made or changed their source's
// mode and modification time, deepest first, since adding an entry
// changes a folder's time.
func (r *runner) finishDirs(lp *LocationPlan) {
	type dir struct {
		name string
		mode fs.FileMode
		t    time.Time
		made bool // by this copy; a folder that was already there keeps its mode
	}
	var dirs []dir
	for _, it := range lp.Items {
		name := path.Join(lp.Dest, it.Rel)
		if it.Kind == KindDir && (it.Op == OpMkdir || r.touched[name]) {
			dirs = append(dirs, dir{name, it.Mode.Perm(), it.ModTime, it.Op == OpMkdir})
		}
	}
	if fi, err := os.Stat(lp.Source); err == nil && (!lp.DestExists || r.touched[lp.Dest]) {
		dirs = append(dirs, dir{lp.Dest, fi.Mode().Perm(), fi.ModTime(), !lp.DestExists})
	}
	slices.SortStableFunc(dirs, func(a, b dir) int { return depth(b.name) - depth(a.name) })
	for _, d := range dirs {
		if d.made {
			if err := r.root.Chmod(d.name, d.mode); err != nil {
				r.warn(d.name, "mode not set: "+err.Error())
			}
		}
		if err := r.root.Chtimes(d.name, time.Now(), d.t); err != nil {
			r.warn(d.name, "time not set: "+err.Error())
		}
		r.touch(path.Dir(d.name))
	}
}

func depth(p string) int {
	n := 0
	for _, c := range p {
		if c == '/' {
			n++
		}
	}
	return n
}

// copyFiles copies files a batch at a time, in a pipeline: while one
// batch is made durable, verified and published, the next is written, so
// the disk is never idle waiting for the program. A batch also ends after
// batchFolders folders, which stay open until it is published.
func (r *runner) copyFiles(ctx context.Context, lp *LocationPlan, items []Item) error {
	var finishing sync.WaitGroup
	defer finishing.Wait()
	for len(items) > 0 {
		n := batchLen(items)
		fo := newFolders(r.root)
		ws, err := r.write(ctx, lp, fo, interleave(items[:n]))
		finishing.Wait() // one batch is finished at a time
		if err != nil {
			fo.closeAll()
			return err
		}
		finishing.Go(func() {
			r.finishBatch(ctx, ws)
			fo.closeAll()
		})
		items = items[n:]
	}
	finishing.Wait()
	return ctx.Err()
}

// finishBatch makes a written batch durable with one sync, then verifies
// and publishes each file, and removes what was not published.
func (r *runner) finishBatch(ctx context.Context, ws []*written) {
	if err := r.durable(ws); err != nil {
		for _, w := range ws {
			r.fail(w.final, fmt.Errorf("sync: %w", err))
		}
	} else {
		r.parallel(ctx, len(ws), func(i int, buf []byte) { r.finish(ctx, ws[i], buf) })
	}
	r.discardAll(ws)
}

// batchLen is how many of items the next batch takes.
func batchLen(items []Item) int {
	n, size, dirs, last := 0, int64(0), 0, ""
	for n < len(items) && n < batchFiles && (n == 0 || size < batchBytes) {
		if d := path.Dir(items[n].Rel); d != last {
			if dirs++; dirs > batchFolders {
				break
			}
			last = d
		}
		size += items[n].Size
		n++
	}
	return n
}

// interleave orders items so that neighbours are in different folders
// where it can. Workers take items in order, so they then mostly create
// files in different folders: creations in one folder are serialised by
// the file system's lock on that folder, and workers waiting there would
// only spin.
func interleave(items []Item) []Item {
	var groups [][]Item
	for i, it := range items {
		if i == 0 || path.Dir(it.Rel) != path.Dir(items[i-1].Rel) {
			groups = append(groups, nil)
		}
		groups[len(groups)-1] = append(groups[len(groups)-1], it)
	}
	if len(groups) < 2 {
		return items
	}
	out := make([]Item, 0, len(items))
	for len(out) < len(items) {
		for g, group := range groups {
			if len(group) > 0 {
				out = append(out, group[0])
				groups[g] = group[1:]
			}
		}
	}
	return out
}

// write writes a batch's files to temp names in parallel. It returns the
// files written; the others are recorded as failed, changed or vanished.
func (r *runner) write(ctx context.Context, lp *LocationPlan, fo *folders, items []Item) ([]*written, error) {
	ws := make([]*written, len(items))
	r.parallel(ctx, len(items), func(i int, buf []byte) {
		w, err := r.writeTemp(ctx, lp, fo, items[i], buf)
		switch {
		case ctx.Err() != nil:
		case errors.Is(err, errChanged):
			r.changed(path.Join(lp.Dest, items[i].Rel))
		case errors.Is(err, errVanished):
			r.warn(path.Join(lp.Dest, items[i].Rel), err.Error())
		case err != nil:
			r.fail(path.Join(lp.Dest, items[i].Rel), err)
		default:
			ws[i] = w
		}
	})
	ws = slices.DeleteFunc(ws, func(w *written) bool { return w == nil })
	if err := ctx.Err(); err != nil {
		r.discardAll(ws)
		return nil, err
	}
	return ws, nil
}

// finish verifies and publishes one durable temp file.
func (r *runner) finish(ctx context.Context, w *written, buf []byte) {
	if !r.opts.NoVerify {
		if err := r.verify(ctx, w, buf); err != nil {
			if ctx.Err() == nil {
				r.fail(w.final, err)
			}
			return
		}
	}
	warning, err := r.publish(w)
	if err != nil {
		r.fail(w.final, err)
		return
	}
	if warning != "" {
		r.warn(w.final, warning)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.temps, w.temp)
	w.temp = ""
	r.done[w.final] = true
	r.touched[path.Dir(w.final)] = true
	r.res.Copied++
	r.res.CopiedBytes += w.item.Size
	if !r.opts.NoVerify {
		r.res.Verified++
	}
	if w.item.Op == OpReplace {
		r.res.Replaced++
	}
	r.progress.Files.Add(1)
}

// parallel runs do(i) for i in [0, n) on the copy's workers, each with a
// buffer of its own, and stops handing out work when ctx is cancelled.
func (r *runner) parallel(ctx context.Context, n int, do func(i int, buf []byte)) {
	jobs := r.opts.Jobs
	if jobs <= 0 {
		jobs = DefaultJobs
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(jobs, n) {
		wg.Go(func() {
			buf := make([]byte, bufSize)
			for {
				i := int(next.Add(1) - 1)
				if i >= n || ctx.Err() != nil {
					return
				}
				do(i, buf)
			}
		})
	}
	wg.Wait()
}

// durable makes a batch's temp files durable: one sync of the whole file
// system where the system has it, else one fsync per file.
func (r *runner) durable(ws []*written) error {
	if len(ws) == 0 {
		return nil
	}
	dir, err := ws[0].dir.Open(".")
	if err != nil {
		return err
	}
	err = syncFS(dir)
	dir.Close()
	if !errors.Is(err, errNoSyncFS) {
		return err
	}
	for _, w := range ws {
		f, err := w.dir.Open(w.tbase)
		if err != nil {
			return err
		}
		err = f.Sync()
		f.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

func (r *runner) fsync(name string) error {
	f, err := r.root.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// syncFolders fsyncs every folder whose entries changed, so that new names
// survive a crash.
func (r *runner) syncFolders() {
	for name := range r.touched {
		if err := r.fsync(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
			r.warn(name, "folder sync: "+errText(err))
		}
	}
}

func (r *runner) discardAll(ws []*written) {
	for _, w := range ws {
		if w != nil && w.temp != "" {
			r.discard(w)
		}
	}
}

// cleanup removes any temp file still on disk.
func (r *runner) cleanup() {
	r.mu.Lock()
	left := make([]string, 0, len(r.temps))
	for t := range r.temps {
		left = append(left, t)
	}
	r.mu.Unlock()
	for _, t := range left {
		_ = r.root.Remove(t)
		r.untrack(t)
	}
}

func (r *runner) track(temp string) {
	r.mu.Lock()
	r.temps[temp] = true
	r.mu.Unlock()
}

func (r *runner) untrack(temp string) {
	r.mu.Lock()
	delete(r.temps, temp)
	r.mu.Unlock()
}

func (r *runner) touch(dir string) {
	r.mu.Lock()
	r.touched[dir] = true
	r.mu.Unlock()
}

func (r *runner) fail(name string, err error) {
	r.mu.Lock()
	r.res.Failed = append(r.res.Failed, name+": "+errText(err))
	r.mu.Unlock()
}

// failures counts the files that failed or changed so far.
func (r *runner) failures() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.res.Failed) + len(r.res.Changed)
}

func (r *runner) warn(name, msg string) {
	r.mu.Lock()
	r.res.Warnings = append(r.res.Warnings, name+": "+msg)
	r.mu.Unlock()
}

func (r *runner) changed(name string) {
	r.mu.Lock()
	r.res.Changed = append(r.res.Changed, name)
	r.mu.Unlock()
}

// errText is an error's message without the path an os error repeats.
func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Op + ": " + pe.Err.Error()
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Op + ": " + le.Err.Error()
	}
	return err.Error()
}
