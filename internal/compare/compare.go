// Package compare compares two copies of a location file by file: by
// size and modification time (Trees), or by content (Verify).
package compare

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"time"
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
)

var classNames = [...]string{"identical", "only in A", "only in B", "differs"}

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

// Same reports whether the two copies are identical.
func (r *Result) Same() bool {
	for _, e := range r.Entries {
		if e.Class != Identical {
			return false
		}
	}
	return true
}

// Trees compares the folders a and b by size, modification time and type.
// A missing folder is an error: compare the location only where it exists.
func Trees(ctx context.Context, a, b string) (*Result, error) {
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
	return merge(sa, sb), nil
}

// tree is a location's entries by path.
type tree map[string]Side

// readTree lists every entry below root, without following symlinks.
// Each folder is read once and its entries are looked up relative to it.
func readTree(ctx context.Context, root string) (tree, error) {
	fi, err := os.Stat(root)
	if err != nil {
		return nil, err
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("%s is not a folder", root)
	}
	t := tree{}
	if err := readFolder(ctx, t, root, ""); err != nil {
		return nil, fmt.Errorf("read %s: %w", root, err)
	}
	return t, nil
}

// readFolder adds the entries of the folder rel (below root) to t, and
// those of its sub-folders.
func readFolder(ctx context.Context, t tree, root, rel string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	dir := root
	if rel != "" {
		dir = root + string(filepath.Separator) + filepath.FromSlash(rel)
	}
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	names, err := f.Readdirnames(-1)
	if err != nil {
		f.Close()
		return err
	}
	var subs []string
	for _, name := range names {
		side, err := lstatAt(f, dir, name)
		if errors.Is(err, fs.ErrNotExist) {
			continue // vanished while listed
		}
		if err != nil {
			f.Close()
			return err
		}
		r := name
		if rel != "" {
			r = rel + "/" + name
		}
		t[r] = side
		if side.Kind == Folder {
			subs = append(subs, r)
		}
	}
	f.Close()
	for _, sub := range subs {
		if err := readFolder(ctx, t, root, sub); err != nil {
			return err
		}
	}
	return nil
}

// lstatPortable describes the entry name of the folder at path, through
// package os. lstatAt is the faster form where the system has one.
func lstatPortable(_ *os.File, path, name string) (Side, error) {
	p := filepath.Join(path, name)
	fi, err := os.Lstat(p)
	if err != nil {
		return Side{}, err
	}
	s := Side{Size: fi.Size(), ModTime: fi.ModTime()}
	switch {
	case fi.IsDir():
		s.Kind, s.Size = Folder, 0
	case fi.Mode()&fs.ModeSymlink != 0:
		s.Kind = Symlink
		if s.Target, err = os.Readlink(p); err != nil {
			return Side{}, err
		}
	case fi.Mode().IsRegular():
		s.Kind = File
	default:
		s.Kind, s.Size = Special, 0
	}
	return s, nil
}

// merge classifies the union of two trees' paths.
func merge(a, b tree) *Result {
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
		case e.B.Kind == None:
			e.Class = OnlyA
		case e.A.Kind == None:
			e.Class = OnlyB
		default:
			e.Class, e.Why = classify(e.A, e.B)
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

// classify compares two sides present at one path.
func classify(a, b Side) (Class, string) {
	switch {
	case a.Kind != b.Kind:
		return Differs, "type: " + a.Kind.String() + " in A, " + b.Kind.String() + " in B"
	case a.Kind == Symlink && a.Target != b.Target:
		return Differs, "target"
	case a.Kind == Symlink:
		return Identical, ""
	case a.Size != b.Size:
		return Differs, "size"
	case !SameTime(a.ModTime, b.ModTime):
		return Differs, "time"
	}
	return Identical, ""
}

// SameTime compares modification times, to the second when either side
// keeps no finer time (some NAS and FAT volumes).
func SameTime(a, b time.Time) bool {
	if a.Nanosecond() == 0 || b.Nanosecond() == 0 {
		return a.Unix() == b.Unix()
	}
	return a.Equal(b)
}

// Dir is the folder part of an entry's path, "." for the top.
func (e Entry) Dir() string { return path.Dir(e.Rel) }
