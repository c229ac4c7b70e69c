package backup

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/bcnvisuals/autobackup/internal/fsys"
	"github.com/bcnvisuals/autobackup/internal/march"
)

// planner compares one location's source tree with its destination.
type planner struct {
	ctx    context.Context
	plan   *Plan
	lp     *LocationPlan
	groups map[fsys.ID][]int // items of each multiply-linked file, by index
}

func planLocation(ctx context.Context, srcRoot, dstRoot fsys.Dir, loc Location, p *Plan) (*LocationPlan, error) {
	lp := &LocationPlan{Location: loc, destFolders: map[string]fsys.ID{}, srcFolders: map[string]fsys.ID{}}
	var err error
	if lp.srcRel, err = relBelow(p.From, loc.Source); err != nil {
		return nil, fmt.Errorf("%s: source: %w", loc.Name(), err)
	}
	src, err := walkRecording(srcRoot, lp.srcRel, lp.srcFolders)
	if err != nil {
		return nil, fmt.Errorf("%s: source: %w", loc.Name(), err)
	}
	defer src.Close()
	if lp.srcDir, err = src.Stat(); err != nil {
		return nil, fmt.Errorf("%s: source: %w", loc.Name(), err)
	}
	dst, err := planDest(dstRoot, lp)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", loc.Name(), err)
	}
	if dst != nil {
		defer dst.Close()
	}
	pl := &planner{ctx: ctx, plan: p, lp: lp, groups: map[fsys.ID][]int{}}
	opts := march.Options{List: p.Options.list, OnError: pl.onError}
	if err := march.Walk(ctx, src, dst, opts, pl.visit); err != nil {
		return nil, err
	}
	pl.linkGroups()
	return lp, nil
}

// walkRecording opens the folder rel below root one name at a time,
// recording each folder's identity by its path from the root.
func walkRecording(root fsys.Dir, rel string, ids map[string]fsys.ID) (fsys.Dir, error) {
	d, err := fsys.Walk(root, ".")
	if err != nil {
		return nil, err
	}
	done := ""
	for _, name := range strings.Split(rel, "/") {
		next, err := d.OpenDir(name)
		d.Close()
		if err != nil {
			return nil, err
		}
		done = path.Join(done, name)
		ids[done] = next.ID()
		d = next
	}
	return d, nil
}

// planDest opens what exists of the location at the destination, noting
// the folders it will make. It returns nil when the location's folder is
// not there yet. Folders above the location that are symlinks or files
// are refused: copy makes real folders or none.
func planDest(root fsys.Dir, lp *LocationPlan) (fsys.Dir, error) {
	d, err := fsys.Walk(root, ".")
	if err != nil {
		return nil, err
	}
	parts := strings.Split(lp.Dest, "/")
	done := ""
	for i, name := range parts {
		done = path.Join(done, name)
		e, err := d.Lstat(name)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			d.Close()
			lp.newFolders = len(parts) - i
			return nil, nil
		case err != nil:
			d.Close()
			return nil, fmt.Errorf("destination %s: %w", done, err)
		case e.Kind == fsys.KindSymlink && i < len(parts)-1:
			d.Close()
			return nil, fmt.Errorf("destination folder %s is a symlink; copy does not write through links", done)
		case e.Kind != fsys.KindDir:
			d.Close()
			return nil, fmt.Errorf("destination %s is not a folder", done)
		}
		next, err := d.OpenDir(name)
		d.Close()
		if err != nil {
			return nil, fmt.Errorf("destination %s: %w", done, err)
		}
		lp.destFolders[done] = next.ID()
		d = next
	}
	lp.DestExists = true
	return d, nil
}

// onError records a folder that could not be read as a failed item: the
// location is then incomplete, but the rest of it is still copied. The
// location's own folder unreadable fails the location.
func (pl *planner) onError(rel string, side byte, err error) error {
	if rel == "" {
		return fmt.Errorf("%s: read: %w", pl.lp.Name(), err)
	}
	why := "could not be read: "
	if side == 'B' {
		why = "could not be read at the destination: "
	}
	pl.add(Item{Rel: rel, Op: OpFail, Why: why + fsys.Reason(err)})
	return nil
}

// visit plans one name of the location: src is its folder at the source,
// dst at the destination (nil where it does not exist there).
func (pl *planner) visit(p march.Pair, in march.Folder) (bool, error) {
	if err := pl.ctx.Err(); err != nil {
		return false, err
	}
	if p.B != nil && fsys.IsMetadata(p.B) {
		if p.B.Kind == fsys.KindFile && fsys.IsTemp(p.B.Name) {
			pl.lp.StaleTemps = append(pl.lp.StaleTemps, p.Rel) // a killed copy's
		}
		p.B = nil
	}
	if p.A == nil || fsys.IsMetadata(p.A) {
		// Only at the destination (never touched), another copy's temp
		// file, or a manifest history (the manifest writer carries it).
		return false, nil
	}
	it := Item{Entry: *p.A, Rel: p.Rel}
	if p.B != nil {
		it.Dest = *p.B
	}
	switch p.A.Kind {
	case fsys.KindDir:
		return pl.dir(it, p.B != nil), nil
	case fsys.KindSymlink:
		pl.symlink(it, p.B != nil)
	case fsys.KindFile:
		return false, pl.file(it, in, p.B != nil)
	default:
		it.Op = OpIgnore
		it.Why = "not a file, folder or symlink (" + p.A.Mode.Type().String() + ")"
		pl.add(it)
	}
	return false, nil
}

func (pl *planner) add(it Item) { pl.lp.Items = append(pl.lp.Items, it) }

// dir plans a folder, and says whether to plan what it holds.
func (pl *planner) dir(it Item, destHas bool) bool {
	if destHas && it.Dest.Kind != fsys.KindDir {
		it.Op, it.Why = OpConflict, pl.describe(march.Kind, it)
		pl.add(it)
		return false
	}
	pl.lp.srcFolders[path.Join(pl.lp.srcRel, it.Rel)] = it.ID
	it.Op = OpMkdir
	if destHas {
		pl.lp.destFolders[path.Join(pl.lp.Dest, it.Rel)] = it.Dest.ID
		it.Op = OpSkip
	}
	pl.add(it)
	return true
}

func (pl *planner) symlink(it Item, destHas bool) {
	if !destHas {
		it.Op = OpCopy
	} else if d := march.Compare(&it.Entry, &it.Dest, pl.plan.Precision); d == march.Same {
		it.Op = OpSkip
	} else {
		it.Op, it.Why = OpConflict, pl.describe(d, it)
	}
	pl.add(it)
}

// describe says how an item differs from what is at the destination.
func (pl *planner) describe(d march.Diff, it Item) string {
	o := pl.plan.Options
	return march.Describe(d, &it.Entry, &it.Dest, cmp.Or(o.FromName, "the source"), cmp.Or(o.ToName, "the destination"))
}
