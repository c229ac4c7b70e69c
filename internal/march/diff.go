package march

import (
	"fmt"
	"time"

	"github.com/bcnvisuals/autobackup/internal/fsys"
	"github.com/bcnvisuals/autobackup/internal/units"
)

// Diff is how the two sides of a pair compare.
type Diff uint8

// The ways two sides compare, in the order they are checked.
const (
	Same    Diff = iota
	OnlyA        // only the first side has it
	OnlyB        // only the second side has it
	Kind         // a file on one side, a folder or symlink on the other
	Size         // two files of different sizes
	Time         // two files of one size, modified at different times
	Target       // two symlinks to different targets
	Content      // two files whose bytes differ (found by hashing, not by Compare)
	Special      // a socket, device or FIFO on every side that has it: never copied
)

var diffNames = [...]string{"identical", "only in A", "only in B", "type", "size", "time", "target", "content", "special"}

// String is the short word for a Diff, as compare lists it.
func (d Diff) String() string { return diffNames[d] }

// Compare is the one rule: two entries are the same when they are of one
// kind, and two files have one size and one modification time (at the
// given precision, the coarser of the two databases'), two symlinks one
// target. Folders are the same as folders: their entries are compared one
// by one. Content is never read here.
func Compare(a, b *fsys.Entry, precision time.Duration) Diff {
	switch {
	case (a == nil || a.Kind == fsys.KindSpecial) && (b == nil || b.Kind == fsys.KindSpecial):
		return Special
	case b == nil:
		return OnlyA
	case a == nil:
		return OnlyB
	case a.Kind != b.Kind:
		return Kind
	case a.Kind == fsys.KindSymlink && a.Target != b.Target:
		return Target
	case a.Kind != fsys.KindFile:
		return Same
	case a.Size != b.Size:
		return Size
	case !fsys.SameTime(a.ModTime, b.ModTime, precision):
		return Time
	}
	return Same
}

// Describe says in words how two entries differ, naming the databases
// (or "here" and "there") they are on: what copy prints for a conflict.
// Times are shown to the precision at which they differ.
func Describe(d Diff, a, b *fsys.Entry, nameA, nameB string) string {
	switch d {
	case Kind:
		return fmt.Sprintf("type differs: a %s in %s, a %s in %s", a.Kind, nameA, b.Kind, nameB)
	case Size:
		return fmt.Sprintf("size differs: %s %s B, %s %s B", nameA, units.Comma(a.Size), nameB, units.Comma(b.Size))
	case Time:
		fa, fb := TimesApart(a.ModTime, b.ModTime)
		return fmt.Sprintf("modification time differs: %s %s, %s %s", nameA, fa, nameB, fb)
	case Target:
		return fmt.Sprintf("symlink target differs: %q in %s, %q in %s", a.Target, nameA, b.Target, nameB)
	case Content:
		return fmt.Sprintf("content differs between %s and %s", nameA, nameB)
	case OnlyA:
		return "only in " + nameA
	case OnlyB:
		return "only in " + nameB
	case Special:
		return "a socket, device or FIFO: never copied"
	}
	return "identical"
}

// TimesApart formats two different times in UTC to the first precision
// at which they differ: seconds, then milli-, micro- and nanoseconds.
func TimesApart(a, b time.Time) (string, string) {
	for _, layout := range []string{"2006-01-02 15:04:05", "2006-01-02 15:04:05.000", "2006-01-02 15:04:05.000000"} {
		fa, fb := a.UTC().Format(layout), b.UTC().Format(layout)
		if fa != fb {
			return fa + " UTC", fb + " UTC"
		}
	}
	const full = "2006-01-02 15:04:05.000000000"
	return a.UTC().Format(full) + " UTC", b.UTC().Format(full) + " UTC"
}
