package backup

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"

	"github.com/bcnvisuals/autobackup/internal/fsys"
)

// finish verifies and publishes one durable temp file.
func (lc *locCopy) finish(ctx context.Context, b *batch, w *written, buf []byte) {
	r := lc.r
	if !r.opts.NoVerify {
		if err := w.verify(ctx, buf); err != nil {
			if ctx.Err() == nil {
				lc.fail(w.final, err)
			}
			return
		}
	}
	warning, err := lc.publish(b, w)
	if err != nil {
		lc.fail(w.final, err)
		return
	}
	if warning != "" {
		lc.warn(w.final, warning)
	}
	r.markDone(w.final)
	kind := Copied
	if w.item.Op == OpReplace {
		kind = Replaced
	}
	lc.emit(Event{Kind: kind, Path: w.final, Size: w.item.Size, Hash: w.hash, Verified: !r.opts.NoVerify})
	r.progress.Files.Add(1)
}

// publish gives a durable, verified temp file its final name. A file that
// appeared at the final name since the plan is never replaced: the temp
// file is linked to the final name, which fails if the name is taken.
//
// It returns a warning, not an error, when the file is in place but its
// temp name could not be removed.
func (lc *locCopy) publish(b *batch, w *written) (warning string, err error) {
	if w.item.Op == OpReplace {
		return "", lc.replace(b, w)
	}
	err = w.dir.Link(w.tbase, w.dir, w.base)
	switch {
	case err == nil:
		if err := w.dir.Remove(w.tbase); err != nil {
			return "published, but its temp name " + w.tbase + " could not be removed: " + fsys.Reason(err), nil
		}
		w.tbase = ""
		return "", nil
	case errors.Is(err, fs.ErrExist):
		return "", errAppeared
	case !fsys.NoHardLinks(err):
		return "", err
	}
	// A volume without hard links.
	if err := w.dir.RenameNoReplace(w.tbase, w.dir, w.base); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return "", errAppeared
		}
		return "", err
	}
	w.tbase = ""
	return "", nil
}

var errAppeared = errors.New("appeared at the destination during the copy; it was left alone")

// replace puts a verified copy in place of a differing file (--overwrite).
// The old file is kept first, linked under .autobackup/replaced/<time>/
// from the very folder the copy holds open, and it must still be the file
// planned; then the two are swapped atomically, and what the swap took
// out must be the file kept, or the swap is undone. So a file is never
// replaced unless its old version is kept, whatever other programs do.
func (lc *locCopy) replace(b *batch, w *written) error {
	old, err := w.dir.Lstat(w.base)
	if err != nil {
		return err
	}
	d := w.item.Dest
	if old.Kind != fsys.KindFile || old.ID != d.ID || old.Size != d.Size || !old.ModTime.Equal(d.ModTime) {
		return errors.New("changed at the destination since the plan; it was left alone")
	}
	keep, err := lc.keepDir(b, w)
	if err != nil {
		return fmt.Errorf("the old version could not be kept (%s); it was left alone", fsys.Reason(err))
	}
	if err := w.dir.Link(w.base, keep, w.base); err != nil {
		return fmt.Errorf("the old version could not be kept (%s); it was left alone", fsys.Reason(err))
	}
	if kept, err := keep.Lstat(w.base); err != nil || kept.ID != old.ID {
		_ = keep.Remove(w.base)
		return errors.New("changed at the destination during the copy; it was left alone")
	}
	err = w.dir.Exchange(w.tbase, w.dir, w.base)
	if errors.Is(err, fsys.ErrUnsupported) {
		if err := w.dir.Rename(w.tbase, w.dir, w.base); err != nil {
			return err
		}
		w.tbase = ""
		return nil
	}
	if err != nil {
		return err
	}
	out, err := w.dir.Lstat(w.tbase)
	if err == nil && out.ID == old.ID {
		_ = w.dir.Remove(w.tbase) // the old version is kept
		w.tbase = ""
		return nil
	}
	if err := w.dir.Exchange(w.tbase, w.dir, w.base); err != nil {
		return fmt.Errorf("replaced during the copy by another program, and could not be put back (%s): that file is now at %s",
			fsys.Reason(err), path.Join(path.Dir(w.final), w.tbase))
	}
	return errors.New("replaced at the destination during the copy; it was left alone")
}

// keepDir opens the folder where the old version of w's file is kept:
// .autobackup/replaced/<time>/<its folder's path from the root>.
func (lc *locCopy) keepDir(b *batch, w *written) (fsys.Dir, error) {
	r := lc.r
	b.keepMu.Lock()
	defer b.keepMu.Unlock()
	if b.keep == nil {
		r.mu.Lock()
		base, err := fsys.MkdirOpen(r.state, replacedDir, 0o700)
		if err == nil {
			var stamped fsys.Dir
			stamped, err = fsys.MkdirOpen(base, r.stamp, 0o700)
			base.Close()
			base = stamped
		}
		r.mu.Unlock()
		if err != nil {
			return nil, err
		}
		b.keep = newHandles(base, "", func(string) (fsys.ID, bool) { return fsys.ID{}, false }, 1<<30)
		b.keepBase = base
	}
	dir := path.Dir(w.final)
	if d, err := b.keep.get(dir); err == nil {
		return d, nil
	}
	d, err := fsys.Walk(b.keepBase, ".")
	if err != nil {
		return nil, err
	}
	for _, name := range strings.Split(dir, "/") {
		next, err := fsys.MkdirOpen(d, name, 0o700)
		d.Close()
		if err != nil {
			return nil, err
		}
		d = next
	}
	d.Close()
	return b.keep.get(dir)
}

// kernelCopy copies the extents of in to the same places in out, letting
// the kernel move the data where it can.
func (r *runner) kernelCopy(ctx context.Context, in, out fsys.File, extents []fsys.Extent, buf []byte) error {
	for _, e := range extents {
		if err := ctx.Err(); err != nil {
			return err
		}
		err := fsys.ErrUnsupported
		if rc, ok := in.(fsys.RangeCopier); ok {
			err = rc.CopyRange(out, e.Off, e.Len)
		}
		if errors.Is(err, fsys.ErrUnsupported) {
			if _, err := out.Seek(e.Off, io.SeekStart); err != nil {
				return err
			}
			err = r.copyRange(ctx, io.NewSectionReader(in, e.Off, e.Len), out, e.Len, buf, io.Discard)
		} else if err == nil {
			r.progress.Bytes.Add(e.Len)
		}
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return errChanged
		}
		if err != nil {
			return err
		}
	}
	return nil
}
