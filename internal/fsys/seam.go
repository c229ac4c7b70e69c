package fsys

import (
	"crypto/rand"
	"errors"
	"io"
	"io/fs"
	"path"
	"strings"
	"time"
)

// Dir is an open folder of a database: the one interface the engines
// write and read through, whatever holds the database (a local disk, a
// machine reached over SSH). Every name given to its methods is one entry
// of the folder, never a path, and symlinks are never followed. A Dir is
// safe for use by several goroutines; Close it when done.
//
// Where a file system cannot do something, the method fails with an error
// matching ErrUnsupported; callers that can do without it fall back.
type Dir interface {
	Path() string // the folder as it was reached, for messages
	ID() ID       // its identity, taken when it was opened; zero where the system has none
	Close() error

	Stat() (Entry, error)                 // the folder itself
	Lstat(name string) (Entry, error)     // an entry, a symlink's target read
	List() ([]Entry, error)               // every entry, in no set order
	OpenDir(name string) (Dir, error)     // a sub-folder; a symlink is refused
	Open(name string) (File, error)       // a file for reading; a symlink is refused
	Readlink(name string) (string, error) // a symlink's text

	Create(name string, perm fs.FileMode) (File, error) // a new file, failing if the name exists
	Mkdir(name string, perm fs.FileMode) error
	Symlink(target, name string) error
	Link(name string, to Dir, newname string) error            // a second name; fails with fs.ErrExist if taken
	Rename(name string, to Dir, newname string) error          // replaces what is at newname
	RenameNoReplace(name string, to Dir, newname string) error // fails with fs.ErrExist if taken
	Exchange(name string, to Dir, other string) error          // swaps two names atomically
	Remove(name string) error                                  // a file or symlink
	Chmod(mode fs.FileMode) error                              // the folder's own mode
	SetModTime(t time.Time) error                              // the folder's own time
	SetEntryModTime(name string, t time.Time) error            // an entry's, a symlink's own

	Sync() error                      // the folder's entries made durable
	SyncFS() error                    // everything written to its file system made durable
	FreeSpace() (uint64, error)       // bytes an unprivileged user may still write
	Lock(name string) (func(), error) // an exclusive lock on a file, without waiting (ErrLocked)
	Precision() (time.Duration, bool) // of modification times, and whether it is known
}

// File is an open file of a database.
type File interface {
	io.Reader
	io.ReaderAt
	io.Writer
	io.Seeker
	io.Closer
	Name() string
	Stat() (Entry, error)
	Sync() error
	Chmod(mode fs.FileMode) error // special bits included
	Truncate(size int64) error

	// Extents lists where the file, of the given size, holds data; one
	// extent over the whole file where the system cannot tell.
	Extents(size int64) ([]Extent, error)
	// ForgetCache asks that the file's cached pages be dropped, so that
	// reading it again reads the disk; ReadAhead that it will be read
	// from start to end. Both are hints.
	ForgetCache()
	ReadAhead()
	// WriteBehind asks that the bytes written at [off, off+n) start going
	// to the disk now, without waiting, so that a later Sync has little
	// left to do. A hint.
	WriteBehind(off, n int64)
}

// RangeCopier is a File that can have the system copy a range of its
// bytes into another file without them passing through the program.
type RangeCopier interface {
	CopyRange(to File, off, n int64) error
}

// Walk opens the folder at rel, a slash-separated path below d, one name
// at a time. An empty rel or "." opens d again.
func Walk(d Dir, rel string) (Dir, error) { return WalkCheck(d, rel, nil) }

// WalkCheck is Walk that also checks each folder it passes against want,
// which maps a path below d (as in rel's prefixes) to the ID it must have;
// a folder with another ID fails the walk with ErrMoved.
func WalkCheck(d Dir, rel string, want func(rel string) (ID, bool)) (Dir, error) {
	cur, err := d.OpenDir(".")
	if err != nil {
		return nil, err
	}
	if rel == "" || rel == "." {
		return cur, nil
	}
	done := ""
	for _, name := range strings.Split(rel, "/") {
		next, err := cur.OpenDir(name)
		cur.Close()
		if err != nil {
			return nil, err
		}
		done = path.Join(done, name)
		if want != nil {
			if id, ok := want(done); ok && id != next.ID() {
				next.Close()
				return nil, &fs.PathError{Op: "open", Path: next.Path(), Err: ErrMoved}
			}
		}
		cur = next
	}
	return cur, nil
}

// MkdirOpen makes the folder name in d if it is missing and opens it; a
// name that is a symlink or a file is refused.
func MkdirOpen(d Dir, name string, perm fs.FileMode) (Dir, error) {
	if err := d.Mkdir(name, perm); err != nil && !errors.Is(err, fs.ErrExist) {
		return nil, err
	}
	return d.OpenDir(name)
}

// WriteFile writes a small file whole: to a temp name, synced, then
// renamed over name, so that name holds the old content or the new,
// never a part.
func WriteFile(d Dir, name string, data []byte) error {
	var random [8]byte
	_, _ = rand.Read(random[:]) // crypto/rand.Read never fails
	tmp := TempName(random)
	f, err := d.Create(tmp, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = d.Rename(tmp, d, name)
	}
	if err != nil {
		_ = d.Remove(tmp)
		return err
	}
	return d.Sync()
}

// ReadFile reads a small file whole, at most limit bytes of it.
func ReadFile(d Dir, name string, limit int64) ([]byte, error) {
	f, err := d.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, limit))
}

// ListScan is Scan for any Dir, built on Walk and List: the reference the
// faster Scan of an implementation must agree with, and the way to scan a
// Dir that has no Scan of its own. It never follows a symlink.
func ListScan(d Dir, rel string, fn ScanFunc) (Entry, error) {
	sub, err := Walk(d, rel)
	if err != nil {
		return Entry{}, err
	}
	defer sub.Close()
	self, err := sub.Stat()
	if err != nil {
		return Entry{}, err
	}
	entries, err := sub.List()
	if err != nil {
		return self, err
	}
	for i := range entries {
		fn(&entries[i], nil)
	}
	return self, nil
}

// AsScanner is d's own Scan where it has one, else ListScan over d: every
// Dir can be scanned. ListScan never follows a symlink, so follow is
// honoured only by a Dir's own Scan.
func AsScanner(d Dir) Scanner {
	if s, ok := d.(Scanner); ok {
		return s
	}
	return listScanner{d}
}

type listScanner struct{ d Dir }

func (l listScanner) Scan(rel string, _ bool, fn ScanFunc) (Entry, error) {
	return ListScan(l.d, rel, fn)
}
