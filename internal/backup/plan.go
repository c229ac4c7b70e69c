package backup

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/bcnvisuals/autobackup/internal/compare"
)

// Kind is what an entry of a location is.
type Kind uint8

// Kinds of entries.
const (
	KindFile Kind = iota
	KindDir
	KindSymlink
	KindSpecial // socket, device or FIFO: never copied
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
)

// Item is one entry of a location and what the copy does with it.
type Item struct {
	Rel     string // path inside the location, slash-separated
	Kind    Kind
	Op      Op
	Size    int64
	Mode    fs.FileMode
	ModTime time.Time
	Target  string // a symlink's text, or for OpLink the Rel of the file it links to
	Why     string // for a conflict: what differs
	id      fileID // for files: the source file's identity
}

// fileID identifies a file on its device.
type fileID struct{ dev, ino uint64 }

// LocationPlan is what a copy will do in one location.
type LocationPlan struct {
	Location
	Items      []Item
	StaleTemps []string // temp files of an earlier, killed copy, to remove
	DestExists bool     // the location's folder already exists at the destination
}

// Plan is a whole copy, planned: nothing has been written.
type Plan struct {
	From, To  string // the databases' roots
	Options   Options
	Locations []*LocationPlan
}

// Totals counts a plan's items by what will be done.
type Totals struct {
	CopyFiles, CopyBytes         int64 // files to copy or replace, and their bytes
	SkipFiles, SkipBytes         int64 // identical files
	Conflicts, Ignored, Links    int64
	Dirs, Symlinks, ReplaceFiles int64
}

// Totals sums the plan.
func (p *Plan) Totals() Totals {
	var t Totals
	for _, lp := range p.Locations {
		for _, it := range lp.Items {
			t.add(it)
		}
	}
	return t
}

func (t *Totals) add(it Item) {
	switch {
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

// planner compares one location's source tree with its destination.
type planner struct {
	ctx    context.Context
	root   *os.Root
	opts   Options
	lp     *LocationPlan
	groups map[fileID][]int // items of each multiply-linked file, by index
}

// Make plans a copy of locations into the database rooted at to. It reads
// both sides and writes nothing. from is the source database's root.
func Make(ctx context.Context, from, to string, locs []Location, opts Options) (*Plan, error) {
	if err := checkRoots(from, to); err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(to)
	if err != nil {
		return nil, fmt.Errorf("open destination %s: %w", to, err)
	}
	defer root.Close()
	p := &Plan{From: from, To: to, Options: opts}
	for _, loc := range locs {
		lp, err := planLocation(ctx, root, loc, opts)
		if err != nil {
			return nil, err
		}
		p.Locations = append(p.Locations, lp)
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

func planLocation(ctx context.Context, root *os.Root, loc Location, opts Options) (*LocationPlan, error) {
	fi, err := os.Lstat(loc.Source)
	if err != nil {
		return nil, fmt.Errorf("%s: source: %w", loc.Name(), err)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("%s: source %s is not a folder", loc.Name(), loc.Source)
	}
	if err := checkDestParents(root, loc.Dest); err != nil {
		return nil, fmt.Errorf("%s: %w", loc.Name(), err)
	}
	pl := &planner{ctx: ctx, root: root, opts: opts, lp: &LocationPlan{Location: loc}, groups: map[fileID][]int{}}
	dfi, err := root.Lstat(loc.Dest)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, fmt.Errorf("%s: destination: %w", loc.Name(), err)
	case !dfi.IsDir():
		return nil, fmt.Errorf("%s: destination %s is not a folder", loc.Name(), loc.Dest)
	default:
		pl.lp.DestExists = true
	}
	if err := pl.walk("", pl.lp.DestExists); err != nil {
		return nil, err
	}
	pl.linkGroups()
	return pl.lp, nil
}

// linkGroups keeps hard links linked: of the names of one file that are
// missing at the destination, all are linked to a name already there and
// identical, or else the first is copied and the rest linked to it.
func (pl *planner) linkGroups() {
	items := pl.lp.Items
	for _, group := range pl.groups {
		if len(group) < 2 {
			continue
		}
		leader := -1
		for _, i := range group {
			if items[i].Op == OpSkip {
				leader = i
				break
			}
		}
		for _, i := range group {
			if items[i].Op != OpCopy {
				continue
			}
			if leader < 0 {
				leader = i
				continue
			}
			items[i].Op, items[i].Target = OpLink, items[leader].Rel
		}
	}
}

// checkDestParents refuses a destination whose folders above the location
// are symlinks or files: copy creates real folders or none.
func checkDestParents(root *os.Root, dest string) error {
	parts := strings.Split(dest, "/")
	for i := 1; i < len(parts); i++ {
		p := strings.Join(parts[:i], "/")
		fi, err := root.Lstat(p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil
		case err != nil:
			return fmt.Errorf("destination %s: %w", p, err)
		case fi.Mode()&fs.ModeSymlink != 0:
			return fmt.Errorf("destination folder %s is a symlink; copy does not write through links", p)
		case !fi.IsDir():
			return fmt.Errorf("destination %s is not a folder", p)
		}
	}
	return nil
}

// walk plans the folder rel of the location. destDir says whether the
// folder exists at the destination, so that its entries must be compared.
func (pl *planner) walk(rel string, destDir bool) error {
	if err := pl.ctx.Err(); err != nil {
		return err
	}
	src := filepath.Join(pl.lp.Source, filepath.FromSlash(rel))
	entries, err := os.ReadDir(src)
	if err != nil {
		return fmt.Errorf("%s: read %s: %w", pl.lp.Name(), src, err)
	}
	existing := map[string]fs.FileInfo{}
	if destDir {
		existing, err = pl.readDest(rel)
		if err != nil {
			return err
		}
	}
	for _, e := range entries {
		if err := pl.entry(rel, e, existing); err != nil {
			return err
		}
	}
	return nil
}

// readDest lists a destination folder, and notes the temp files a killed
// copy left there.
func (pl *planner) readDest(rel string) (map[string]fs.FileInfo, error) {
	name := path.Join(pl.lp.Dest, rel)
	dir, err := pl.root.OpenRoot(name)
	if err != nil {
		return nil, fmt.Errorf("%s: read destination %s: %w", pl.lp.Name(), name, err)
	}
	defer dir.Close()
	f, err := dir.Open(".")
	if err != nil {
		return nil, fmt.Errorf("%s: read destination %s: %w", pl.lp.Name(), name, err)
	}
	defer f.Close()
	entries, err := f.ReadDir(-1)
	if err != nil {
		return nil, fmt.Errorf("%s: read destination %s: %w", pl.lp.Name(), name, err)
	}
	out := make(map[string]fs.FileInfo, len(entries))
	for _, e := range entries {
		fi, err := dir.Lstat(e.Name())
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", pl.lp.Name(), err)
		}
		if isTemp(e.Name()) && fi.Mode().IsRegular() {
			pl.lp.StaleTemps = append(pl.lp.StaleTemps, path.Join(rel, e.Name()))
			continue
		}
		out[e.Name()] = fi
	}
	return out, nil
}

// isTemp reports whether name is one of copy's temp names: the prefix, 16
// hex digits and the suffix, and nothing a person would name a file.
func isTemp(name string) bool {
	mid, ok := strings.CutPrefix(name, tempPrefix)
	if !ok {
		return false
	}
	mid, ok = strings.CutSuffix(mid, tempSuffix)
	if !ok || len(mid) != 16 {
		return false
	}
	return strings.Trim(mid, "0123456789abcdef") == ""
}

// entry plans one entry of a source folder.
func (pl *planner) entry(dir string, e fs.DirEntry, existing map[string]fs.FileInfo) error {
	rel := path.Join(dir, e.Name())
	src := filepath.Join(pl.lp.Source, filepath.FromSlash(rel))
	fi, err := e.Info()
	if errors.Is(err, fs.ErrNotExist) {
		return nil // vanished since the listing
	}
	if err != nil {
		return fmt.Errorf("%s: %w", pl.lp.Name(), err)
	}
	it := Item{Rel: rel, Size: fi.Size(), Mode: fi.Mode(), ModTime: fi.ModTime()}
	dest, destHas := existing[e.Name()]
	switch {
	case fi.IsDir():
		it.Kind = KindDir
		return pl.dir(it, dest, destHas)
	case fi.Mode()&fs.ModeSymlink != 0:
		it.Kind = KindSymlink
		if it.Target, err = os.Readlink(src); err != nil {
			return fmt.Errorf("%s: %w", pl.lp.Name(), err)
		}
		pl.symlink(it, dest, destHas)
	case fi.Mode().IsRegular():
		it.Kind = KindFile
		it.id = idOf(fi)
		return pl.file(it, src, dest, destHas, nlinkOf(fi))
	default:
		it.Kind, it.Op = KindSpecial, OpIgnore
		it.Why = "not a file, folder or symlink (" + fi.Mode().Type().String() + ")"
		pl.add(it)
	}
	return nil
}

func (pl *planner) add(it Item) { pl.lp.Items = append(pl.lp.Items, it) }

func (pl *planner) dir(it Item, dest fs.FileInfo, destHas bool) error {
	switch {
	case !destHas:
		it.Op = OpMkdir
		pl.add(it)
		return pl.walk(it.Rel, false)
	case dest.IsDir():
		it.Op = OpSkip
		pl.add(it)
		return pl.walk(it.Rel, true)
	}
	it.Op, it.Why = OpConflict, "a folder here is a "+kindName(dest)+" there"
	pl.add(it)
	return nil
}

func (pl *planner) symlink(it Item, dest fs.FileInfo, destHas bool) {
	switch {
	case !destHas:
		it.Op = OpCopy
	case dest.Mode()&fs.ModeSymlink == 0:
		it.Op, it.Why = OpConflict, "a symlink here is a "+kindName(dest)+" there"
	default:
		target, err := pl.root.Readlink(path.Join(pl.lp.Dest, it.Rel))
		switch {
		case err != nil:
			it.Op, it.Why = OpConflict, "its symlink there cannot be read: "+err.Error()
		case target == it.Target:
			it.Op = OpSkip
		default:
			it.Op, it.Why = OpConflict, fmt.Sprintf("symlink points to %q here, %q there", it.Target, target)
		}
	}
	pl.add(it)
}

func (pl *planner) file(it Item, src string, dest fs.FileInfo, destHas bool, nlink uint64) error {
	if nlink > 1 {
		pl.groups[it.id] = append(pl.groups[it.id], len(pl.lp.Items))
	}
	if !destHas {
		it.Op = OpCopy
		pl.add(it)
		return nil
	}
	why, err := pl.differs(it, src, dest)
	if err != nil {
		return err
	}
	switch {
	case why == "":
		it.Op = OpSkip
	case pl.opts.Overwrite && dest.Mode().IsRegular():
		it.Op, it.Why = OpReplace, why
	default:
		it.Op, it.Why = OpConflict, why
	}
	pl.add(it)
	return nil
}

// differs says how a source file differs from what is at the destination,
// or "" when they are the same: by size and modification time, or by
// content with --checksum.
func (pl *planner) differs(it Item, src string, dest fs.FileInfo) (string, error) {
	switch {
	case !dest.Mode().IsRegular():
		return "a file here is a " + kindName(dest) + " there", nil
	case dest.Size() != it.Size:
		return fmt.Sprintf("size differs: %d bytes here, %d there", it.Size, dest.Size()), nil
	case pl.opts.Checksum:
		return pl.sameContent(src, path.Join(pl.lp.Dest, it.Rel))
	case !compare.SameTime(it.ModTime, dest.ModTime()):
		return fmt.Sprintf("modification time differs: %s here, %s there",
			it.ModTime.UTC().Format(time.RFC3339Nano), dest.ModTime().UTC().Format(time.RFC3339Nano)), nil
	}
	return "", nil
}

// sameContent hashes a source file and its destination, both at once
// (they are usually on two disks), and says "content differs" or "".
func (pl *planner) sameContent(src, name string) (string, error) {
	var b Hash
	var errB error
	done := make(chan struct{})
	go func() {
		defer close(done)
		b, errB = hashFile(pl.ctx, func() (*os.File, error) { return pl.root.Open(name) })
	}()
	a, errA := hashFile(pl.ctx, func() (*os.File, error) { return openSource(src) })
	<-done
	switch {
	case errA != nil:
		return "", fmt.Errorf("%s: hash %s: %w", pl.lp.Name(), src, errA)
	case errB != nil:
		return "", fmt.Errorf("%s: hash destination %s: %w", pl.lp.Name(), name, errB)
	case a != b:
		return "content differs", nil
	}
	return "", nil
}

func kindName(fi fs.FileInfo) string {
	switch {
	case fi.IsDir():
		return "folder"
	case fi.Mode()&fs.ModeSymlink != 0:
		return "symlink"
	case fi.Mode().IsRegular():
		return "file"
	}
	return "special file"
}

func idOf(fi fs.FileInfo) fileID {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return fileID{uint64(st.Dev), uint64(st.Ino)}
	}
	return fileID{}
}

func nlinkOf(fi fs.FileInfo) uint64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Nlink)
	}
	return 1
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
