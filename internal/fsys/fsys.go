// Package fsys is autobackup's one way to the file system below the
// engines. A database root is opened as a Dir, a handle on a folder, and
// every other folder is reached from it one name at a time without
// following symlinks, so nothing reached from a root can be outside it,
// and a folder swapped for another or for a link while a command runs is
// noticed by its identity rather than followed. Entries are described by
// one type, Entry, whatever engine reads them.
package fsys

import (
	"errors"
	"io/fs"
	"os"
	"strings"
	"time"

	"golang.org/x/sys/unix"
)

// Kind is what an entry is.
type Kind uint8

// Kinds of entries.
const (
	KindFile    Kind = iota // a regular file
	KindDir                 // a folder
	KindSymlink             // a symbolic link, never followed
	KindSpecial             // a socket, device or FIFO: never copied
)

var kindNames = [...]string{"file", "folder", "symlink", "special file"}

func (k Kind) String() string { return kindNames[k] }

// ID identifies a file or folder on its device: two names with one ID are
// hard links to one file, and a folder whose ID changed is another folder.
type ID struct{ Dev, Ino uint64 }

// Entry describes one name in a folder, as lstat sees it.
type Entry struct {
	Name    string
	Kind    Kind
	Mode    fs.FileMode // type, permission, setuid, setgid and sticky bits, as io/fs has them
	Size    int64       // 0 for folders and special files
	ModTime time.Time
	Change  time.Time // the inode's change time, which no one can set back
	ID      ID
	Links   uint64 // the number of hard links
	Target  string // a symlink's text
}

// Names of what autobackup keeps in a database.
const (
	StateDir   = ".autobackup" // autobackup's own folder at a database root
	tempPrefix = ".autobackup-"
	tempSuffix = ".tmp"
)

// Errors this package returns beside the system's.
var (
	// ErrMoved says a folder is no longer the one that was planned or
	// opened: another program renamed or swapped it.
	ErrMoved = errors.New("the folder was moved or replaced by another program")
	// ErrUnsupported says the file system cannot do what was asked.
	ErrUnsupported = errors.ErrUnsupported
	// ErrNotDir says a name that must be a folder is something else.
	ErrNotDir error = unix.ENOTDIR
)

// IsTemp reports whether name is one of copy's temp names: the prefix, 16
// hex digits and the suffix, and nothing a person would name a file. Such
// files are never data: scans, comparisons and copies skip them.
func IsTemp(name string) bool {
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

// HistoryDir is the folder an ASC MHL history lives in, at the top of the
// folder it covers (and of any sub-folder with a history of its own).
const HistoryDir = "ascmhl"

// Unfinished is the marker a copy leaves in a location's folder while it
// writes there, and removes once the location is complete: a folder that
// holds it is not a copy, whatever else it holds.
const Unfinished = ".autobackup-unfinished"

// IsMetadata reports whether an entry of a location is autobackup's or
// the media's bookkeeping rather than data: a copy's temp file or its
// unfinished marker, or an ASC MHL history folder. Such entries are never counted, compared,
// fingerprinted or copied as data (histories are carried by the manifest
// writer, which continues them).
func IsMetadata(e *Entry) bool {
	switch e.Kind {
	case KindFile:
		return IsTemp(e.Name) || e.Name == Unfinished
	case KindDir:
		return e.Name == HistoryDir
	}
	return false
}

// TempName returns a fresh temp name built from 8 random bytes.
func TempName(random [8]byte) string {
	const digits = "0123456789abcdef"
	b := make([]byte, 0, len(tempPrefix)+16+len(tempSuffix))
	b = append(b, tempPrefix...)
	for _, c := range random {
		b = append(b, digits[c>>4], digits[c&15])
	}
	return string(append(b, tempSuffix...))
}

// SameTime reports whether two modification times are equal at the given
// precision (the coarser of two databases'): closer than one step of it,
// like rsync's --modify-window, so a volume that truncates times and one
// that rounds them both match their source.
func SameTime(a, b time.Time, precision time.Duration) bool {
	if precision <= time.Nanosecond {
		return a.Equal(b)
	}
	d := a.Sub(b)
	return d < precision && d > -precision
}

// Coarser returns the coarser of two precisions.
func Coarser(a, b time.Duration) time.Duration { return max(a, b, time.Nanosecond) }

// Reason is an error's message without the path a system error repeats:
// for reports that name the file already ("footage/a.mov: open:
// permission denied").
func Reason(err error) string {
	msg := err.Error()
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return strings.Replace(msg, pe.Op+" "+pe.Path+": ", pe.Op+": ", 1)
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return strings.Replace(msg, le.Op+" "+le.Old+" "+le.New+": ", le.Op+": ", 1)
	}
	return msg
}
