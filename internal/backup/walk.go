package backup

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/bcnvisuals/autobackup/internal/fsys"
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
	if err := pl.walk("", src, dst); err != nil {
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

// walk plans the folder rel of the location: src is it at the source, dst
// at the destination, or nil where it does not exist there.
func (pl *planner) walk(rel string, src, dst fsys.Dir) error {
	if err := pl.ctx.Err(); err != nil {
		return err
	}
	entries, err := pl.plan.Options.list(src)
	if err != nil {
		if rel == "" {
			return fmt.Errorf("%s: read %s: %w", pl.lp.Name(), src.Path(), err)
		}
		pl.add(Item{Rel: rel, Op: OpFail, Why: "could not be read: " + errText(err)})
		return nil
	}
	slices.SortFunc(entries, func(a, b fsys.Entry) int { return strings.Compare(a.Name, b.Name) })
	existing := map[string]fsys.Entry{}
	if dst != nil {
		if existing, err = pl.readDest(rel, dst); err != nil {
			pl.add(Item{Rel: rel, Op: OpFail, Why: "could not be read at the destination: " + errText(err)})
			return nil
		}
	}
	for _, e := range entries {
		if fsys.IsTemp(e.Name) {
			continue // another copy's temp file: never data
		}
		if err := pl.entry(rel, e, src, dst, existing); err != nil {
			return err
		}
	}
	return nil
}

// readDest lists a destination folder, and notes the temp files a killed
// copy left there.
func (pl *planner) readDest(rel string, dst fsys.Dir) (map[string]fsys.Entry, error) {
	entries, err := pl.plan.Options.list(dst)
	if err != nil {
		return nil, err
	}
	out := make(map[string]fsys.Entry, len(entries))
	for _, e := range entries {
		if fsys.IsTemp(e.Name) && e.Kind == fsys.KindFile {
			pl.lp.StaleTemps = append(pl.lp.StaleTemps, path.Join(rel, e.Name))
			continue
		}
		out[e.Name] = e
	}
	return out, nil
}

// entry plans one entry of a source folder.
func (pl *planner) entry(dir string, e fsys.Entry, src, dst fsys.Dir, existing map[string]fsys.Entry) error {
	it := Item{Entry: e, Rel: path.Join(dir, e.Name)}
	dest, destHas := existing[e.Name]
	if destHas {
		it.Dest = dest
	}
	switch e.Kind {
	case fsys.KindDir:
		return pl.dir(it, src, dst, destHas)
	case fsys.KindSymlink:
		pl.symlink(it, destHas)
	case fsys.KindFile:
		return pl.file(it, src, dst, destHas)
	default:
		it.Op = OpIgnore
		it.Why = "not a file, folder or symlink (" + e.Mode.Type().String() + ")"
		pl.add(it)
	}
	return nil
}

func (pl *planner) add(it Item) { pl.lp.Items = append(pl.lp.Items, it) }

func (pl *planner) dir(it Item, src, dst fsys.Dir, destHas bool) error {
	if destHas && it.Dest.Kind != fsys.KindDir {
		it.Op, it.Why = OpConflict, "a folder here is a "+it.Dest.Kind.String()+" there"
		pl.add(it)
		return nil
	}
	sub, err := src.OpenDir(it.Name)
	if err != nil {
		it.Op, it.Why = OpFail, "could not be read: "+errText(err)
		pl.add(it)
		return nil
	}
	defer sub.Close()
	pl.lp.srcFolders[path.Join(pl.lp.srcRel, it.Rel)] = sub.ID()
	if !destHas {
		it.Op = OpMkdir
		pl.add(it)
		return pl.walk(it.Rel, sub, nil)
	}
	dsub, err := dst.OpenDir(it.Name)
	if err != nil {
		it.Op, it.Why = OpFail, "could not be read at the destination: "+errText(err)
		pl.add(it)
		return nil
	}
	defer dsub.Close()
	pl.lp.destFolders[path.Join(pl.lp.Dest, it.Rel)] = dsub.ID()
	it.Op = OpSkip
	pl.add(it)
	return pl.walk(it.Rel, sub, dsub)
}

func (pl *planner) symlink(it Item, destHas bool) {
	switch {
	case !destHas:
		it.Op = OpCopy
	case it.Dest.Kind != fsys.KindSymlink:
		it.Op, it.Why = OpConflict, "a symlink here is a "+it.Dest.Kind.String()+" there"
	case it.Dest.Target == it.Target:
		it.Op = OpSkip
	default:
		it.Op, it.Why = OpConflict, fmt.Sprintf("symlink points to %q here, %q there", it.Target, it.Dest.Target)
	}
	pl.add(it)
}
