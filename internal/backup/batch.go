package backup

import (
	"context"
	"errors"
	"fmt"
	"path"
	"slices"
	"sync"

	"github.com/bcnvisuals/autobackup/internal/fsys"
	"github.com/bcnvisuals/autobackup/internal/parallel"
)

// batch is a set of files being copied together, with the folders they
// use at both ends, open until the batch is published.
type batch struct {
	src, dst, keep *handles
	keepBase       fsys.Dir // .autobackup/replaced/<time>, once a file is replaced
	keepMu         sync.Mutex
}

func (lc *locCopy) newBatch() *batch {
	unlimited := 1 << 30 // a batch holds at most limits.folders folders by construction
	return &batch{
		src: newHandles(lc.src, lc.lp.srcRel, lc.srcID, unlimited),
		dst: newHandles(lc.dst, lc.lp.Dest, lc.destID, unlimited),
	}
}

func (b *batch) close() {
	b.src.closeAll()
	b.dst.closeAll()
	if b.keep != nil {
		b.keep.closeAll()
		b.keepBase.Close()
	}
}

// copyFiles copies files a batch at a time, in a pipeline: while one
// batch is made durable, verified and published, the next is written, so
// the disk is never idle waiting for the program.
func (lc *locCopy) copyFiles(ctx context.Context, items []Item) error {
	var finishing sync.WaitGroup
	defer finishing.Wait()
	for len(items) > 0 {
		n := batchLen(items, lc.r.limits.folders)
		b := lc.newBatch()
		ws, err := lc.write(ctx, b, interleave(items[:n]))
		finishing.Wait() // one batch is finished at a time
		if err != nil {
			b.close()
			return err
		}
		finishing.Go(func() {
			lc.finishBatch(ctx, b, ws)
			b.close()
		})
		items = items[n:]
	}
	finishing.Wait()
	return ctx.Err()
}

// batchLen is how many of items the next batch takes.
func batchLen(items []Item, folders int) int {
	n, size, dirs, last := 0, int64(0), 0, ""
	for n < len(items) && n < batchFiles && (n == 0 || size < batchBytes) {
		if d := path.Dir(items[n].Rel); d != last {
			if dirs++; dirs > folders {
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
// files written; the others are recorded as failed or changed.
func (lc *locCopy) write(ctx context.Context, b *batch, items []Item) ([]*written, error) {
	r := lc.r
	ws := make([]*written, len(items))
	r.parallel(ctx, len(items), func(i int, buf []byte) {
		w, err := lc.writeTemp(ctx, b, items[i], buf)
		name := lc.final(items[i].Rel)
		switch {
		case ctx.Err() != nil:
			if w != nil {
				w.discard()
			}
		case errors.Is(err, errChanged):
			lc.emit(Event{Kind: Changed, Path: name, Size: items[i].Size})
		case err != nil:
			lc.fail(name, err)
		default:
			ws[i] = w
		}
	})
	ws = slices.DeleteFunc(ws, func(w *written) bool { return w == nil })
	if err := ctx.Err(); err != nil {
		discardAll(ws)
		return nil, err
	}
	return ws, nil
}

// finishBatch makes a written batch durable, then verifies and publishes
// each file in a folder that is still where it was planned, syncs the
// folders, and removes what was not published.
func (lc *locCopy) finishBatch(ctx context.Context, b *batch, ws []*written) {
	r := lc.r
	if err := durable(ws); err != nil {
		for _, w := range ws {
			lc.fail(w.final, fmt.Errorf("sync: %w", err))
		}
		discardAll(ws)
		return
	}
	moved := lc.movedFolders(ws)
	r.parallel(ctx, len(ws), func(i int, buf []byte) {
		if err := moved[ws[i].dir]; err != nil {
			lc.fail(ws[i].final, err)
			return
		}
		lc.finish(ctx, b, ws[i], buf)
	})
	for _, d := range foldersOf(ws) {
		if err := d.Sync(); err != nil {
			lc.warn(d.Path(), "folder sync: "+fsys.Reason(err))
		}
	}
	discardAll(ws)
}

// movedFolders checks, from the database root, that each folder the batch
// wrote into is still at its place; it returns the error of each that is
// not.
func (lc *locCopy) movedFolders(ws []*written) map[fsys.Dir]error {
	out := map[fsys.Dir]error{}
	for _, w := range ws {
		if _, seen := out[w.dir]; seen {
			continue
		}
		out[w.dir] = nil
		d, err := fsys.WalkCheck(lc.r.dst, path.Dir(w.final), lc.destID)
		if err == nil && d.ID() != w.dir.ID() {
			err = fmt.Errorf("%s: %w", d.Path(), fsys.ErrMoved)
		}
		if d != nil {
			d.Close()
		}
		out[w.dir] = err
	}
	return out
}

// foldersOf lists the distinct folders of a batch's files.
func foldersOf(ws []*written) []fsys.Dir {
	var out []fsys.Dir
	for _, w := range ws {
		if !slices.Contains(out, w.dir) {
			out = append(out, w.dir)
		}
	}
	return out
}

// fewFiles is the most files a batch syncs one by one: a batch of few,
// large files syncs just them, not the whole file system, whose dirty
// pages include the next batch being written at the same time.
const fewFiles = 8

// durable makes a batch's temp files durable: one sync of each file system
// the batch wrote to where the system has it and the batch holds many
// files, else one fsync per file.
func durable(ws []*written) error {
	if len(ws) <= fewFiles {
		return syncEach(ws)
	}
	for _, d := range fileSystemsOf(ws) {
		err := d.SyncFS()
		if errors.Is(err, fsys.ErrUnsupported) {
			return syncEach(ws)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// fileSystemsOf returns one folder of each file system a batch wrote to:
// a mount point inside the destination is a file system of its own.
func fileSystemsOf(ws []*written) []fsys.Dir {
	var out []fsys.Dir
	seen := map[uint64]bool{}
	for _, w := range ws {
		if dev := w.dir.ID().Dev; !seen[dev] {
			seen[dev] = true
			out = append(out, w.dir)
		}
	}
	return out
}

func syncEach(ws []*written) error {
	errs := make([]error, len(ws))
	parallel.Each(context.Background(), fewFiles, len(ws), nil, func(i int, _ struct{}) {
		f, err := ws[i].dir.Open(ws[i].tbase)
		if err == nil {
			err = f.Sync()
			f.Close()
		}
		errs[i] = err
	})
	return errors.Join(errs...)
}

func discardAll(ws []*written) {
	for _, w := range ws {
		if w != nil && w.tbase != "" {
			w.discard()
		}
	}
}
