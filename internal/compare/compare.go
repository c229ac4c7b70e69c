// Package compare compares two copies of a location file by file: by
// size and modification time (Trees), or by content (Verify). It walks
// both with march, so it calls two entries the same by the very rule the
// copy planner uses.
package compare

import (
	"context"
	"fmt"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/bcnvisuals/autobackup/internal/fsys"
	"github.com/bcnvisuals/autobackup/internal/march"
)

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

var classNames = [...]struct{ words, key string }{
	{"identical", "identical"}, {"only in A", "only_a"}, {"only in B", "only_b"}, {"differs", "differs"}, {"skipped", "skipped"},
}

// String names the class in words: "only in A".
func (c Class) String() string { return classNames[c].words }

// Key names the class as a JSON key: "only_a".
func (c Class) Key() string { return classNames[c].key }

// Entry is one path and how its two sides compare. A side that does not
// have the path is nil.
type Entry struct {
	Rel  string // slash-separated, inside the location
	Diff march.Diff
	A, B *fsys.Entry
}

// Class is the entry's class.
func (e Entry) Class() Class {
	switch e.Diff {
	case march.Same:
		return Identical
	case march.OnlyA:
		return OnlyA
	case march.OnlyB:
		return OnlyB
	case march.Special:
		return Skipped
	}
	return Differs
}

// Why says in a word or two what differs: "size", "time", "target",
// "content", "type: file in A, folder in B"; "" for the other classes.
func (e Entry) Why() string {
	switch e.Diff {
	case march.Kind:
		return "type: " + e.A.Kind.String() + " in A, " + e.B.Kind.String() + " in B"
	case march.Size, march.Time, march.Target, march.Content:
		return e.Diff.String()
	case march.Special:
		return "special file: not copied"
	}
	return ""
}

// Bytes is the size an entry stands for: A's, or B's when A lacks it.
func (e Entry) Bytes() int64 {
	if e.A != nil {
		return e.A.Size
	}
	return e.B.Size
}

// Dir is the folder part of an entry's path, "." for the top.
func (e Entry) Dir() string { return path.Dir(e.Rel) }

// Result is a comparison: every entry that is not a folder present on both
// sides, sorted by path.
type Result struct {
	Entries []Entry
}

// Count returns how many entries are in a class, and their bytes.
func (r *Result) Count(c Class) (n int, bytes int64) {
	for _, e := range r.Entries {
		if e.Class() == c {
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
		if c := e.Class(); c != Identical && c != Skipped {
			return false
		}
	}
	return true
}

// Trees compares the folders a and b by size, modification time (at the
// given precision: the coarser of the two databases') and type. A missing
// folder is an error: compare the location only where it exists.
func Trees(ctx context.Context, a, b string, precision time.Duration) (*Result, error) {
	da, err := fsys.OpenRoot(a)
	if err != nil {
		return nil, err
	}
	defer da.Close()
	db, err := fsys.OpenRoot(b)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	return Dirs(ctx, da, db, precision)
}

// Dirs is Trees on two open folders.
func Dirs(ctx context.Context, a, b fsys.Dir, precision time.Duration) (*Result, error) {
	r := &Result{}
	full := map[string]bool{} // one-sided folders that hold something
	err := march.Walk(ctx, a, b, march.Options{}, func(p march.Pair, _ march.Folder) (bool, error) {
		dropMetadata(&p)
		if p.A == nil && p.B == nil {
			return false, nil
		}
		d := march.Compare(p.A, p.B, precision)
		if d == march.Same && p.A.Kind == fsys.KindDir {
			return true, nil // its contents are compared entry by entry
		}
		r.Entries = append(r.Entries, Entry{Rel: p.Rel, Diff: d, A: p.A, B: p.B})
		full[path.Dir(p.Rel)] = true
		return d == march.OnlyA || d == march.OnlyB || d == march.Kind, nil
	})
	if err != nil {
		return nil, fmt.Errorf("compare %s and %s: %w", a.Path(), b.Path(), err)
	}
	// A folder on one side only is listed by what it holds, or by itself
	// when it is empty.
	kept := r.Entries[:0]
	for _, e := range r.Entries {
		oneSided := e.Diff == march.OnlyA || e.Diff == march.OnlyB
		if oneSided && e.Bytes() == 0 && isDir(e) && full[e.Rel] {
			continue
		}
		kept = append(kept, e)
	}
	r.Entries = kept
	slices.SortFunc(r.Entries, func(x, y Entry) int { return strings.Compare(x.Rel, y.Rel) })
	return r, nil
}

func isDir(e Entry) bool {
	s := e.A
	if s == nil {
		s = e.B
	}
	return s.Kind == fsys.KindDir
}

// dropMetadata hides copy's temp files and manifest histories, which are
// never data.
func dropMetadata(p *march.Pair) {
	if p.A != nil && fsys.IsMetadata(p.A) {
		p.A = nil
	}
	if p.B != nil && fsys.IsMetadata(p.B) {
		p.B = nil
	}
}
