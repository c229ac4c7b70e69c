// Package compare compares two copies of a location file by file: by
// size and modification time (Trees), or by content (Verify).
package compare

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"time"

	"github.com/bcnvisuals/autobackup/internal/fsys"
)

// Kind is what an entry is.
type Kind uint8

// Kinds of entries. None means the side does not have the entry.
const (
	None Kind = iota
	File
	Folder
	Symlink
	Special
)

var kindNames = [...]string{"nothing", "file", "folder", "symlink", "special file"}

func (k Kind) String() string { return kindNames[k] }

// Side is what one copy holds at a path.
type Side struct {
	Kind    Kind
	Size    int64
	ModTime time.Time
	Target  string // a symlink's text
}

// Class sorts an entry by how its two sides compare.
type Class uint8

// Classes of entries.
const (
	Identical Class = iota
	OnlyA
	OnlyB
	Differs
	Skipped // a socket, device or FIFO, which copy never copies
)

var classNames = [...]string{"identical", "only in A", "only in B", "differs", "skipped"}

func (c Class) String() string { return classNames[c] }

// Entry is one path and how its two sides compare.
type Entry struct {
	Rel   string // slash-separated, inside the location
	Class Class
	A, B  Side
	Why   string // for Differs: what differs ("size", "time", "type: file here, folder there", "content")
}

// Bytes is the size an entry stands for: A's, or B's when A lacks it.
func (e Entry) Bytes() int64 {
	if e.A.Kind != None {
		return e.A.Size
	}
	return e.B.Size
}

// Result is a comparison: every entry that is not a folder present on both
// sides, sorted by path.
type Result struct {
	Entries []Entry
}

// Count returns how many entries are in a class, and their bytes.
func (r *Result) Count(c Class) (n int, bytes int64) {
	for _, e := range r.Entries {
		if e.Class == c {
			n++
			bytes += e.Bytes()
		}
	}
	return n, bytes
}

// Same reports whether the two copies are identical: special files, which
// copy skips, do not count.
func (r *Result) Same() bool {
	for _, e := range r.Entries {
		if e.Class != Identical && e.Class != Skipped {
			return false
		}
	}
	return true
}

// Trees compares the folders a and b by size, modification time (at the
// given precision: the coarser of the two databases') and type. A missing
// folder is an error: compare the location only where it exists.
func Trees(ctx context.Context, a, b string, precision time.Duration) (*Result, error) {
	var sb tree
	var errB error
	done := make(chan struct{})
	go func() { // the two sides are often on two disks: read both at once
		defer close(done)
		sb, errB = readTree(ctx, b)
	}()
	sa, errA := readTree(ctx, a)
	<-done
	if errA != nil {
		return nil, errA
	}
	if errB != nil {
		return nil, errB
	}
	return merge(sa, sb, precision), nil
}

// tree is a location's entries by path.
type tree map[string]Side

// readTree lists every entry below root, without following symlinks. Each
// folder is opened from its parent, one name at a time. Copy's temp files
// are not data and are left out.
func readTree(ctx context.Context, root string) (tree, error) {
	d, err := fsys.OpenRoot(root)
	if err != nil {
		return nil, err
	}
	defer d.Close()
	t := tree{}
	if err := readFolder(ctx, t, d, ""); err != nil {
		return nil, fmt.Errorf("read %s: %w", root, err)
	}
	return t, nil
}

// readFolder adds the entries of the folder d, at rel, to t, and those of
// its sub-folders.
func readFolder(ctx context.Context, t tree, d fsys.Dir, rel string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	entries, err := d.List()
	if err != nil {
		return err
	}
	for _, e := range entries {
		if fsys.IsTemp(e.Name) {
			continue
		}
		r := e.Name
		if rel != "" {
			r = rel + "/" + e.Name
		}
		t[r] = sideOf(e)
		if e.Kind != fsys.KindDir {
			continue
		}
		sub, err := d.OpenDir(e.Name)
		if errors.Is(err, fs.ErrNotExist) {
			continue // vanished while listed
		}
		if err != nil {
			return err
		}
		err = readFolder(ctx, t, sub, r)
		sub.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// sideOf describes an entry as one side of a comparison.
func sideOf(e fsys.Entry) Side {
	s := Side{Size: e.Size, ModTime: e.ModTime, Target: e.Target}
	switch e.Kind {
	case fsys.KindFile:
		s.Kind = File
	case fsys.KindDir:
		s.Kind = Folder
	case fsys.KindSymlink:
		s.Kind = Symlink
	default:
		s.Kind = Special
	}
	return s
}

// merge classifies the union of two trees' paths.
func merge(a, b tree, precision time.Duration) *Result {
	names := make([]string, 0, len(a)+len(b))
	for n := range a {
		names = append(names, n)
	}
	for n := range b {
		if _, ok := a[n]; !ok {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	fullA, fullB := parents(a), parents(b)
	r := &Result{}
	for _, n := range names {
		e := Entry{Rel: n, A: a[n], B: b[n]}
		switch {
		case e.A.Kind == Folder && e.B.Kind == Folder:
			continue // the folder's contents are compared entry by entry
		case e.A.Kind == Folder && e.B.Kind == None && fullA[n]:
			continue // its entries are listed as only in A
		case e.B.Kind == Folder && e.A.Kind == None && fullB[n]:
			continue
		case e.A.Kind.skipped() && e.B.Kind.skipped():
			e.Class, e.Why = Skipped, "special file: not copied"
		case e.B.Kind == None:
			e.Class = OnlyA
		case e.A.Kind == None:
			e.Class = OnlyB
		default:
			e.Class, e.Why = classify(e.A, e.B, precision)
		}
		r.Entries = append(r.Entries, e)
	}
	return r
}

// parents returns the folders of t that hold something.
func parents(t tree) map[string]bool {
	full := map[string]bool{}
	for n := range t {
		full[path.Dir(n)] = true
	}
	return full
}

// skipped reports whether a side is a special file or nothing: a path whose
// every side is such is skipped, as copy skips it.
func (k Kind) skipped() bool { return k == Special || k == None }

// classify compares two sides present at one path.
func classify(a, b Side, precision time.Duration) (Class, string) {
	switch {
	case a.Kind != b.Kind:
		return Differs, "type: " + a.Kind.String() + " in A, " + b.Kind.String() + " in B"
	case a.Kind == Symlink && a.Target != b.Target:
		return Differs, "target"
	case a.Kind == Symlink:
		return Identical, ""
	case a.Size != b.Size:
		return Differs, "size"
	case !fsys.SameTime(a.ModTime, b.ModTime, precision):
		return Differs, "time"
	}
	return Identical, ""
}

// Dir is the folder part of an entry's path, "." for the top.
func (e Entry) Dir() string { return path.Dir(e.Rel) }
