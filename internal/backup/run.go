package backup

import (
	"context"
	"fmt"
	"io"
	"path"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bcnvisuals/autobackup/internal/fsys"
	"github.com/bcnvisuals/autobackup/internal/parallel"
)

// Progress counts what a running copy has done. It is safe to read while
// the copy runs.
type Progress struct {
	Files, Bytes atomic.Int64
}

// runner carries out one plan.
type runner struct {
	plan     *Plan
	opts     Options
	src, dst fsys.Dir // the two databases' roots
	state    fsys.Dir // the destination's .autobackup folder
	progress *Progress
	stamp    string
	wrap     func(io.Writer) io.Writer // a test's fault injector, or nil
	limits   limits

	mu   sync.Mutex
	res  Result
	made map[string]fsys.ID // folders this copy made, by path from the destination root
	done map[string]bool    // files that now match the source, by final name
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
	r := &runner{plan: p, opts: p.Options, progress: progress, wrap: wrap,
		made: map[string]fsys.ID{}, done: map[string]bool{}}
	closeAll, err := r.open()
	if err != nil {
		return nil, err
	}
	defer closeAll()
	now := time.Now
	if p.Options.Now != nil {
		now = p.Options.Now
	}
	r.stamp = now().UTC().Format(stampFormat)
	for _, lp := range p.Locations {
		if err = r.location(ctx, lp); err != nil {
			break
		}
	}
	r.res.Elapsed = time.Since(start)
	if r.res.Replaced > 0 {
		r.res.ReplacedDir = path.Join(p.To, fsys.StateDir, replacedDir, r.stamp)
	}
	return &r.res, err
}

// open opens both roots, checks the space and takes the destination's
// lock. The returned function releases everything.
func (r *runner) open() (func(), error) {
	var closers []func()
	closeAll := func() {
		for i := len(closers) - 1; i >= 0; i-- {
			closers[i]()
		}
	}
	fail := func(err error) (func(), error) { closeAll(); return nil, err }
	var err error
	if r.src, err = fsys.OpenRoot(r.plan.From); err != nil {
		return fail(fmt.Errorf("open source %s: %w", r.plan.From, err))
	}
	closers = append(closers, func() { r.src.Close() })
	if r.dst, err = fsys.OpenRoot(r.plan.To); err != nil {
		return fail(fmt.Errorf("open destination %s: %w", r.plan.To, err))
	}
	closers = append(closers, func() { r.dst.Close() })
	if err := checkSpace(r.plan, r.dst); err != nil {
		return fail(err)
	}
	if r.state, err = fsys.MkdirOpen(r.dst, fsys.StateDir, 0o755); err != nil {
		return fail(fmt.Errorf("make %s: %w", path.Join(r.plan.To, fsys.StateDir), err))
	}
	closers = append(closers, func() { r.state.Close() })
	unlock, err := lockDest(r.state)
	if err != nil {
		return fail(err)
	}
	closers = append(closers, unlock)
	fsys.LearnPrecision(r.dst, r.state)
	r.limits = limitsFor(r.opts.Jobs)
	return closeAll, nil
}

// location copies one location. It returns an error only when the copy
// as a whole must stop (cancellation); a file that fails is recorded.
func (r *runner) location(ctx context.Context, lp *LocationPlan) error {
	if lp.Err != nil {
		r.fail(lp, lp.Dest, lp.Err)
		return nil
	}
	lc, err := r.openLocation(lp)
	if err != nil {
		r.fail(lp, lp.Dest, err)
		return nil
	}
	defer lc.close()
	if err := lc.markUnfinished(); err != nil {
		lc.fail(lp.Dest, err)
		return nil
	}
	failuresBefore := r.failures()
	files, links := lc.prepare()
	if err := lc.copyFiles(ctx, files); err != nil {
		return err
	}
	if err := lc.hardLinks(ctx, links); err != nil {
		return err
	}
	// Only a complete location gets its folders' final modes and times:
	// until then they keep the owner-write bit added when they were made,
	// so that an interrupted or failed copy can be resumed even where the
	// source is read-only. Every run that completes it sets them all, so
	// the end is the same however often the copy was interrupted.
	if r.failures() == failuresBefore {
		if err := lc.checkFolders(); err != nil {
			lc.fail(lp.Dest, err)
		} else if err := lc.markFinished(); err != nil {
			lc.fail(lp.Dest, err)
		} else {
			lc.finishDirs()
			if r.failures() == failuresBefore {
				lc.emit(Event{Kind: LocationDone, Path: lp.Dest})
			}
		}
	}
	return ctx.Err()
}

// parallel runs do(i) for i in [0, n) on the copy's workers, each with a
// buffer of its own, and stops handing out work when ctx is cancelled.
func (r *runner) parallel(ctx context.Context, n int, do func(i int, buf []byte)) {
	parallel.Each(ctx, r.limits.jobs, n, func() []byte { return make([]byte, bufSize) }, do)
}

// destID is the identity a destination folder must have: the one it had
// when planned, or when this copy made it. A folder known to neither is
// not one to write into.
func (r *runner) destID(lp *LocationPlan) func(string) (fsys.ID, bool) {
	return func(p string) (fsys.ID, bool) {
		if id, ok := lp.destFolders[p]; ok {
			return id, true
		}
		r.mu.Lock()
		defer r.mu.Unlock()
		if id, ok := r.made[p]; ok {
			return id, true
		}
		return fsys.ID{}, true // never matches: an unknown folder
	}
}

func (r *runner) madeFolder(p string, id fsys.ID) {
	r.mu.Lock()
	r.made[p] = id
	r.mu.Unlock()
}

// markDone notes a file that now matches the source, so that hard links
// to it can be made.
func (r *runner) markDone(name string) {
	r.mu.Lock()
	r.done[name] = true
	r.mu.Unlock()
}

// adopt records a folder that appeared where this copy was about to make
// one, so that later checks know it.
func (r *runner) adopt(p string, id fsys.ID) {
	r.mu.Lock()
	r.made[p] = id
	r.mu.Unlock()
}
