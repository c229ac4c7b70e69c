package backup

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/bcnvisuals/autobackup/internal/fsys"
)

// hardLinks recreates hard links among the copied files. A link whose
// first file could not be copied is copied as a file of its own.
func (lc *locCopy) hardLinks(ctx context.Context, links []Item) error {
	h := newHandles(lc.dst, lc.lp.Dest, lc.destID, lc.r.limits.folders)
	defer h.closeAll()
	var orphans []Item
	for _, it := range links {
		h.trim()
		if !lc.r.isDone(lc.final(it.LinkTo)) || lc.link(h, it) != nil {
			it.Op = OpCopy // the first name failed, or a volume without hard links
			orphans = append(orphans, it)
		}
	}
	return lc.copyFiles(ctx, orphans)
}

func (lc *locCopy) link(h *handles, it Item) error {
	from, err := h.get(path.Dir(it.LinkTo))
	if err != nil {
		return err
	}
	to, err := h.get(path.Dir(it.Rel))
	if err != nil {
		return err
	}
	if err := from.Link(path.Base(it.LinkTo), to, it.Name); err != nil {
		return err
	}
	lc.r.markDone(lc.final(it.Rel))
	lc.emit(Event{Kind: Linked, Path: lc.final(it.Rel), Size: it.Size, Detail: "hard link to " + it.LinkTo})
	return nil
}

func (r *runner) isDone(name string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.done[name]
}

// folders lists the location's folders, itself included, deepest first.
func (lc *locCopy) folders() []Item {
	dirs := []Item{{Entry: lc.lp.srcDir, Rel: "."}}
	for _, it := range lc.lp.Items {
		if it.Kind == KindDir && (it.Op == OpMkdir || it.Op == OpSkip) {
			dirs = append(dirs, it)
		}
	}
	slices.SortStableFunc(dirs, func(a, b Item) int { return depth(b.Rel) - depth(a.Rel) })
	return dirs
}

func depth(p string) int { return strings.Count(p, "/") }

// checkFolders checks that every folder of the location is still the one
// planned or made, reached from the database root: files published into
// a folder another program moved elsewhere are not a complete copy.
func (lc *locCopy) checkFolders() error {
	src, err := fsys.WalkCheck(lc.r.src, lc.lp.srcRel, lc.srcID)
	if err != nil {
		return fmt.Errorf("source: %w; the copy may be incomplete", err)
	}
	src.Close()
	for _, it := range lc.folders() {
		d, err := fsys.WalkCheck(lc.r.dst, lc.final(it.Rel), lc.destID)
		if err != nil {
			return fmt.Errorf("%w; run the copy again once it is back in place", err)
		}
		d.Close()
	}
	return nil
}

// finishDirs gives every folder of the location its source's time, and
// its source's mode where a copy made it, deepest first, since adding an
// entry changes a folder's time. A folder that was already there keeps
// its own mode, unless it has exactly the mode an interrupted copy gives
// the folders it makes (the source's plus the owner's rwx).
func (lc *locCopy) finishDirs() {
	for _, it := range lc.folders() {
		name := lc.final(it.Rel)
		d, err := fsys.WalkCheck(lc.r.dst, name, lc.destID)
		if err != nil {
			lc.warn(name, "mode and time not set: "+fsys.Reason(err))
			continue
		}
		lc.finishDir(d, it, name)
		d.Close()
	}
}

func (lc *locCopy) finishDir(d fsys.Dir, it Item, name string) {
	cur, err := d.Stat()
	if err != nil {
		lc.warn(name, "mode and time not set: "+fsys.Reason(err))
		return
	}
	lc.r.mu.Lock()
	_, made := lc.r.made[name]
	lc.r.mu.Unlock()
	interrupted := cur.Mode.Perm() == it.Mode.Perm()|0o700 && cur.Mode&(fs.ModeSetuid|fs.ModeSetgid|fs.ModeSticky) == 0
	if (made || interrupted) && cur.Mode != it.Mode {
		if err := d.Chmod(it.Mode); err != nil {
			lc.warn(name, "mode not set: "+fsys.Reason(err))
		}
	}
	if !cur.ModTime.Equal(it.ModTime) {
		if err := d.SetModTime(it.ModTime); err != nil {
			lc.warn(name, "time not set: "+fsys.Reason(err))
		}
	}
}
