package backup

import (
	"cmp"
	"context"
	"fmt"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/bcnvisuals/autobackup/internal/fsys"
)

// Op is what a copy does with one entry.
type Op uint8

// Ops a plan can hold.
const (
	OpCopy     Op = iota // missing at the destination: copy it
	OpReplace            // differs, and --overwrite: replace it, keeping the old one
	OpSkip               // identical at the destination
	OpConflict           // differs at the destination: leave it, report it
	OpLink               // a hard link to a file copied earlier in this location
	OpMkdir              // a folder missing at the destination
	OpIgnore             // a socket, device or FIFO: skipped with a warning
	OpFail               // could not be read at planning: the location is incomplete
)

// Item is one entry of a location and what the copy does with it. The
// embedded Entry is the source's; its Name is the last part of Rel.
type Item struct {
	fsys.Entry
	Rel    string // path inside the location, slash-separated
	Op     Op
	Why    string     // for a conflict, a replace or a failure: what differs or went wrong
	LinkTo string     // for OpLink: the Rel of the file it links to
	Dest   fsys.Entry // what is at the destination, for OpSkip, OpConflict and OpReplace
}

// LocationPlan is what a copy will do in one location.
type LocationPlan struct {
	Location
	Items      []Item
	StaleTemps []string // temp files of an earlier, killed copy, to remove
	DestExists bool     // the location's folder already exists at the destination
	Err        error    // the location could not be planned; the copy skips it and reports it

	// The folders that existed when the plan was made, by path from the
	// database root, with their identities: a folder found with another
	// identity when the copy runs was moved or replaced by another program.
	destFolders, srcFolders map[string]fsys.ID
	srcRel                  string     // the location's path below the source root
	srcDir                  fsys.Entry // the source's location folder itself
	newFolders              int        // folders to make above and at the location
}

// Plan is a whole copy, planned: nothing has been written.
type Plan struct {
	From, To  string // the databases' roots
	Options   Options
	Locations []*LocationPlan
	Precision time.Duration // of modification times: the coarser of the two databases'
}

// Totals counts a plan's items by what will be done.
type Totals struct {
	CopyFiles, CopyBytes         int64 // files to copy or replace, and their bytes
	SkipFiles, SkipBytes         int64 // identical files
	Conflicts, Ignored, Links    int64
	Dirs, Symlinks, ReplaceFiles int64
	Failed                       int64 // entries and locations that could not be read
}

// Totals sums the plan.
func (p *Plan) Totals() Totals {
	var t Totals
	for _, lp := range p.Locations {
		if lp.Err != nil {
			t.Failed++
			continue
		}
		t.Dirs += int64(lp.newFolders)
		for _, it := range lp.Items {
			t.add(it)
		}
	}
	return t
}

func (t *Totals) add(it Item) {
	switch {
	case it.Op == OpFail:
		t.Failed++
	case it.Op == OpConflict:
		t.Conflicts++
	case it.Op == OpIgnore:
		t.Ignored++
	case it.Op == OpLink:
		t.Links++
	case it.Op == OpMkdir:
		t.Dirs++
	case it.Kind == KindSymlink && it.Op == OpCopy:
		t.Symlinks++
	case it.Kind == KindFile && (it.Op == OpCopy || it.Op == OpReplace):
		t.CopyFiles++
		t.CopyBytes += it.Size
		if it.Op == OpReplace {
			t.ReplaceFiles++
		}
	case it.Kind == KindFile && it.Op == OpSkip:
		t.SkipFiles++
		t.SkipBytes += it.Size
	}
}

// Make plans a copy of locations into the database rooted at to. It reads
// both sides and writes nothing. from is the source database's root. A
// location that cannot be planned is kept in the plan with its error, so
// that the others can still be copied; Make fails only when a root cannot
// be opened or ctx is cancelled.
func Make(ctx context.Context, from, to string, locs []Location, opts Options) (*Plan, error) {
	if err := checkRoots(from, to); err != nil {
		return nil, err
	}
	src, err := fsys.OpenRoot(from)
	if err != nil {
		return nil, fmt.Errorf("open source %s: %w", from, err)
	}
	defer src.Close()
	dst, err := fsys.OpenRoot(to)
	if err != nil {
		return nil, fmt.Errorf("open destination %s: %w", to, err)
	}
	defer dst.Close()
	if opts.list == nil {
		opts.list = (fsys.Dir).List
	}
	p := &Plan{From: from, To: to, Options: opts, Precision: fsys.Coarser(fsys.TimePrecision(src), fsys.TimePrecision(dst))}
	var first error
	for _, loc := range locs {
		lp, err := planLocation(ctx, src, dst, loc, p)
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if err != nil {
			lp = &LocationPlan{Location: loc, Err: err}
			first = cmp.Or(first, err)
		}
		p.Locations = append(p.Locations, lp)
	}
	if first != nil && !slices.ContainsFunc(p.Locations, func(lp *LocationPlan) bool { return lp.Err == nil }) {
		return nil, first // nothing at all can be copied: refuse, as before any write
	}
	return p, nil
}

// checkRoots refuses a copy between a database and itself or one inside
// the other, which could copy a tree into itself.
func checkRoots(from, to string) error {
	a, err := filepath.EvalSymlinks(from)
	if err != nil {
		return fmt.Errorf("source %s: %w", from, err)
	}
	b, err := filepath.EvalSymlinks(to)
	if err != nil {
		return fmt.Errorf("destination %s: %w", to, err)
	}
	switch {
	case a == b:
		return fmt.Errorf("%w (%s)", ErrSameDatabase, a)
	case within(a, b) || within(b, a):
		return fmt.Errorf("%w: %s and %s", ErrNested, a, b)
	}
	return nil
}

func within(parent, p string) bool {
	rel, err := filepath.Rel(parent, p)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// relBelow is a location's path below its database root, slash-separated.
func relBelow(root, p string) (string, error) {
	rel, err := filepath.Rel(root, p)
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", fmt.Errorf("%s is not inside %s", p, root)
	}
	return filepath.ToSlash(rel), nil
}

// Conflicts lists the conflicting items of the plan, as location-relative
// paths prefixed with the location.
func (p *Plan) Conflicts() []string {
	var out []string
	for _, lp := range p.Locations {
		for _, it := range lp.Items {
			if it.Op == OpConflict {
				out = append(out, path.Join(lp.Dest, it.Rel)+": "+it.Why)
			}
		}
	}
	slices.Sort(out)
	return out
}
