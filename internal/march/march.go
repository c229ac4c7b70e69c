// Package march walks two folders in step, the way rclone's march does:
// for every name found on either side it yields one pair, and it holds
// the one rule by which autobackup calls two entries the same, and the
// one set of words for how they differ. compare and the copy planner both
// walk with it.
package march

import (
	"context"
	"fmt"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/bcnvisuals/autobackup/internal/fsys"
)

// Pair is one name as it stands on both sides. A side that lacks it is nil.
type Pair struct {
	Rel  string // slash-separated, below the two folders walked
	A, B *fsys.Entry
}

// Folder is the folder of a pair on both sides: nil where it does not
// exist on that side.
type Folder struct {
	Rel  string
	A, B fsys.Dir
}

// Visitor is told of every pair. For a pair where either side is a
// folder, it returns whether to walk into it: the walk then goes on with
// both sides' folders where both are folders, and the one where only one
// is.
type Visitor func(p Pair, in Folder) (descend bool, err error)

// Options say how to walk.
type Options struct {
	// List reads a folder; nil uses Dir.List. Tests set it to make a
	// folder unreadable.
	List func(fsys.Dir) ([]fsys.Entry, error)
	// OnError is told of a folder that could not be listed or opened, on
	// side 'A' or 'B'. It returns nil to go on without that folder, or an
	// error to stop the walk. Nil stops the walk at the first.
	OnError func(rel string, side byte, err error) error
}

// Walk walks a and b (either may be nil: a side that does not exist) in
// step, calling visit for every name on either side, in name order,
// folder by folder, depth first.
func Walk(ctx context.Context, a, b fsys.Dir, opts Options, visit Visitor) error {
	if opts.List == nil {
		opts.List = fsys.Dir.List
	}
	if opts.OnError == nil {
		opts.OnError = func(_ string, _ byte, err error) error { return err }
	}
	w := walker{ctx: ctx, opts: opts, visit: visit}
	return w.folder(Folder{Rel: "", A: a, B: b})
}

type walker struct {
	ctx   context.Context
	opts  Options
	visit Visitor
}

func (w *walker) folder(f Folder) error {
	if err := w.ctx.Err(); err != nil {
		return err
	}
	ea, err := w.list(f.Rel, 'A', f.A)
	if err != nil {
		return err
	}
	eb, err := w.list(f.Rel, 'B', f.B)
	if err != nil {
		return err
	}
	for _, p := range pairs(f.Rel, ea, eb) {
		descend, err := w.visit(p, f)
		if err != nil {
			return err
		}
		if descend && (isDir(p.A) || isDir(p.B)) {
			if err := w.sub(f, p); err != nil {
				return err
			}
		}
	}
	return nil
}

// sub walks into the folder of a pair, on each side where it is one.
func (w *walker) sub(f Folder, p Pair) error {
	next := Folder{Rel: p.Rel}
	open := func(side byte, parent fsys.Dir, e *fsys.Entry) (fsys.Dir, error) {
		if parent == nil || !isDir(e) {
			return nil, nil
		}
		d, err := parent.OpenDir(e.Name)
		if err == nil && e.ID != (fsys.ID{}) && d.ID() != e.ID {
			d.Close()
			err = fmt.Errorf("%s: %w", d.Path(), fsys.ErrMoved)
		}
		if err != nil {
			return nil, w.opts.OnError(p.Rel, side, err)
		}
		return d, nil
	}
	var err error
	if next.A, err = open('A', f.A, p.A); err != nil {
		return err
	}
	if next.A != nil {
		defer next.A.Close()
	}
	if next.B, err = open('B', f.B, p.B); err != nil {
		return err
	}
	if next.B != nil {
		defer next.B.Close()
	}
	if next.A == nil && next.B == nil {
		return nil
	}
	return w.folder(next)
}

func (w *walker) list(rel string, side byte, d fsys.Dir) ([]fsys.Entry, error) {
	if d == nil {
		return nil, nil
	}
	entries, err := w.opts.List(d)
	if err != nil {
		return nil, w.opts.OnError(rel, side, err)
	}
	slices.SortFunc(entries, func(x, y fsys.Entry) int { return strings.Compare(x.Name, y.Name) })
	return entries, nil
}

// pairs merges two sorted listings by name.
func pairs(rel string, a, b []fsys.Entry) []Pair {
	out := make([]Pair, 0, max(len(a), len(b)))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		var p Pair
		switch {
		case j >= len(b) || (i < len(a) && a[i].Name < b[j].Name):
			p = Pair{Rel: path.Join(rel, a[i].Name), A: &a[i]}
			i++
		case i >= len(a) || b[j].Name < a[i].Name:
			p = Pair{Rel: path.Join(rel, b[j].Name), B: &b[j]}
			j++
		default:
			p = Pair{Rel: path.Join(rel, a[i].Name), A: &a[i], B: &b[j]}
			i, j = i+1, j+1
		}
		out = append(out, p)
	}
	return out
}

func isDir(e *fsys.Entry) bool { return e != nil && e.Kind == fsys.KindDir }

// Precision of two databases' times: the coarser of the two.
func Precision(a, b time.Duration) time.Duration { return fsys.Coarser(a, b) }
