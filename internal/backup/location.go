package backup

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/bcnvisuals/autobackup/internal/fsys"
)

// locCopy is one location being copied: its folder at both ends, opened
// and checked to be the planned ones.
type locCopy struct {
	r        *runner
	lp       *LocationPlan
	src, dst fsys.Dir
	destID   func(string) (fsys.ID, bool)
	srcID    func(string) (fsys.ID, bool)
}

// openLocation opens the location's folder at the source, and at the
// destination, making it and the folders above it where missing. Each
// folder that existed at planning must still be the same one.
func (r *runner) openLocation(lp *LocationPlan) (*locCopy, error) {
	lc := &locCopy{r: r, lp: lp, destID: r.destID(lp), srcID: known(lp.srcFolders)}
	var err error
	if lc.src, err = fsys.WalkCheck(r.src, lp.srcRel, lc.srcID); err != nil {
		return nil, fmt.Errorf("source: %w", err)
	}
	if lc.dst, err = lc.makeDest(); err != nil {
		lc.src.Close()
		return nil, err
	}
	return lc, nil
}

// known returns the lookup of identities recorded at planning; a folder
// not recorded is not checked.
func known(ids map[string]fsys.ID) func(string) (fsys.ID, bool) {
	return func(p string) (fsys.ID, bool) {
		id, ok := ids[p]
		return id, ok
	}
}

// makeDest walks to the location's folder at the destination, making the
// folders that are missing: those above it with mode 755, the location's
// own with the source's mode plus the owner's rwx until it is complete.
func (lc *locCopy) makeDest() (fsys.Dir, error) {
	d, err := fsys.Walk(lc.r.dst, ".")
	if err != nil {
		return nil, err
	}
	parts := strings.Split(lc.lp.Dest, "/")
	done := ""
	for i, name := range parts {
		done = path.Join(done, name)
		mode := fs.FileMode(dirMode)
		if i == len(parts)-1 {
			mode = lc.lp.srcDir.Mode.Perm() | 0o700
		}
		next, err := lc.openOrMake(d, done, name, mode)
		d.Close()
		if err != nil {
			return nil, err
		}
		d = next
	}
	return d, nil
}

// openOrMake opens the folder name in d (at p from the root), making it
// when it is missing and was missing at planning.
func (lc *locCopy) openOrMake(d fsys.Dir, p, name string, mode fs.FileMode) (fsys.Dir, error) {
	want, planned := lc.lp.destFolders[p]
	if !planned {
		err := d.Mkdir(name, mode)
		switch {
		case err == nil:
			sub, err := d.OpenDir(name)
			if err != nil {
				return nil, err
			}
			lc.r.madeFolder(p, sub.ID())
			lc.emit(Event{Kind: MadeDir, Path: p})
			return sub, nil
		case !errors.Is(err, fs.ErrExist):
			return nil, err
		}
		if id, ok := lc.destID(p); ok && id != (fsys.ID{}) {
			want, planned = id, true // made by this copy, for another location
		}
	}
	sub, err := d.OpenDir(name)
	if err != nil {
		return nil, err
	}
	if planned && sub.ID() != want {
		sub.Close()
		return nil, &fs.PathError{Op: "open", Path: sub.Path(), Err: fsys.ErrMoved}
	}
	if !planned {
		lc.r.adopt(p, sub.ID()) // made meanwhile by someone else: a real folder at the right place
	}
	return sub, nil
}

func (lc *locCopy) close() {
	lc.src.Close()
	lc.dst.Close()
}

func (lc *locCopy) final(rel string) string { return path.Join(lc.lp.Dest, rel) }

// prepare removes stale temps, makes folders and symlinks, and records
// what needs no copy, in plan order (a folder before what it holds). It
// returns the files to copy and the hard links to make.
func (lc *locCopy) prepare() (files, links []Item) {
	h := newHandles(lc.dst, lc.lp.Dest, lc.destID, lc.r.limits.folders)
	defer h.closeAll()
	for _, t := range lc.lp.StaleTemps {
		if d, err := h.get(path.Dir(t)); err == nil && d.Remove(path.Base(t)) == nil {
			lc.emit(Event{Kind: RemovedTemp, Path: lc.final(t)})
		}
	}
	r := lc.r
	for _, it := range lc.lp.Items {
		h.trim()
		switch {
		case it.Op == OpMkdir:
			lc.mkdir(h, it)
		case it.Op == OpSkip && it.Kind == KindFile:
			r.markDone(lc.final(it.Rel))
			lc.emit(Event{Kind: Skipped, Path: lc.final(it.Rel), Size: it.Size})
		case it.Op == OpConflict:
			lc.emit(Event{Kind: Conflict, Path: lc.final(it.Rel), Size: it.Size, Detail: it.Why})
		case it.Op == OpIgnore:
			lc.warn(lc.final(it.Rel), "skipped, "+it.Why)
		case it.Op == OpFail:
			lc.fail(lc.final(it.Rel), errors.New(it.Why))
		case it.Op == OpLink:
			links = append(links, it)
		case it.Kind == KindSymlink && it.Op == OpCopy:
			lc.symlink(h, it)
		case it.Kind == KindFile:
			files = append(files, it)
		}
	}
	return files, links
}

func (lc *locCopy) mkdir(h *handles, it Item) {
	parent, err := h.get(path.Dir(it.Rel))
	if err != nil {
		lc.fail(lc.final(it.Rel), err)
		return
	}
	sub, err := lc.openOrMake(parent, lc.final(it.Rel), it.Name, it.Mode.Perm()|0o700)
	if err != nil {
		lc.fail(lc.final(it.Rel), err)
		return
	}
	sub.Close()
}

func (lc *locCopy) symlink(h *handles, it Item) {
	name := lc.final(it.Rel)
	d, err := h.get(path.Dir(it.Rel))
	if err == nil {
		err = d.Symlink(it.Target, it.Name)
	}
	if err != nil {
		lc.fail(name, err)
		return
	}
	lc.emit(Event{Kind: Symlinked, Path: name, Detail: "symlink to " + it.Target})
	if err := d.SetEntryModTime(it.Name, it.ModTime); err != nil {
		lc.warn(name, "symlink time not set: "+fsys.Reason(err))
	}
}

// emit records an event of this location.
func (lc *locCopy) emit(e Event) {
	e.Location = lc.lp.Location
	lc.r.record(e)
}

func (lc *locCopy) fail(name string, err error) { lc.emit(Event{Kind: Failed, Path: name, Err: err}) }

func (lc *locCopy) warn(name, msg string) { lc.emit(Event{Kind: Warning, Path: name, Detail: msg}) }

// writes reports whether the location's plan writes anything.
func (lp *LocationPlan) writes() bool {
	return !lp.DestExists || slices.ContainsFunc(lp.Items, func(it Item) bool {
		return it.Op == OpCopy || it.Op == OpReplace || it.Op == OpLink || it.Op == OpMkdir
	}) || len(lp.StaleTemps) > 0
}

// markUnfinished leaves the unfinished marker in the location's folder
// before the copy writes there, so that until the location is complete
// no one takes it for a copy: not a load, nor status, nor a later copy
// from it. One left by an earlier, interrupted copy is kept.
func (lc *locCopy) markUnfinished() error {
	if !lc.lp.writes() {
		return nil
	}
	f, err := lc.dst.Create(fsys.Unfinished, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return lc.dst.Sync()
}

// markFinished removes the marker once the location is complete.
func (lc *locCopy) markFinished() error {
	err := lc.dst.Remove(fsys.Unfinished)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}
