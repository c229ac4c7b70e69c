package fsys

import (
	"cmp"
	"io/fs"
	"slices"
	"strings"
	"sync"

	"golang.org/x/sys/unix"
)

// ScanFunc receives each entry of a folder being scanned. Files and
// symlinks come with everything Lstat gives; folders and special files
// with their Name, Kind, Mode's type and, where the listing gives it, the
// inode number in ID.Ino only, which is all a scan needs of them. An entry that could not be described comes with its Name and err.
type ScanFunc func(e *Entry, err error)

// Scanner is a Dir that can list a folder below it in one pass with the
// least work: the fast path of a load. Every Dir of this package is one.
type Scanner interface {
	// Scan lists the folder at rel, a slash-separated path below the
	// Dir, calling fn for each entry, and returns the folder's own Entry.
	// A symlink as the last part of rel is refused unless follow.
	Scan(rel string, follow bool, fn ScanFunc) (Entry, error)
}

// scanState is what one Scan call reuses: a getdents buffer and the
// folder's entries, shared through a pool by the workers of a scan.
type scanState struct {
	buf     []byte
	entries []rawEntry
}

// rawEntry is one record of a folder's listing.
type rawEntry struct {
	name  string
	ino   uint64
	kind  Kind
	known bool
}

var scanStates = sync.Pool{New: func() any { return &scanState{buf: make([]byte, 64<<10)} }}

// Scan lists the folder at rel below d; see Scanner.
func (d *localDir) Scan(rel string, follow bool, fn ScanFunc) (Entry, error) {
	if rel == "" {
		rel = "."
	}
	if strings.HasPrefix(rel, "/") || strings.Contains("/"+rel+"/", "/../") {
		return Entry{}, &fs.PathError{Op: "open", Path: d.join(rel), Err: unix.EINVAL}
	}
	flags := unix.O_RDONLY | unix.O_DIRECTORY | unix.O_CLOEXEC
	if !follow {
		flags |= unix.O_NOFOLLOW
	}
	fd, err := retryFd(func() (int, error) { return unix.Openat(d.fd, rel, flags, 0) })
	if err != nil {
		return Entry{}, &fs.PathError{Op: "open", Path: d.join(rel), Err: folderErr(err)}
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := retry(func() error { return unix.Fstat(fd, &st) }); err != nil {
		return Entry{}, &fs.PathError{Op: "stat", Path: d.join(rel), Err: err}
	}
	self := entryOf(rel, &st)
	state := scanStates.Get().(*scanState)
	defer scanStates.Put(state)
	state.entries = state.entries[:0]
	err = scanEntries(fd, state.buf, func(name string, ino uint64, kind Kind, known bool) {
		state.entries = append(state.entries, rawEntry{name, ino, kind, known})
	})
	if err != nil {
		return self, &fs.PathError{Op: "readdir", Path: d.join(rel), Err: err}
	}
	// Entries are described in inode order: the inodes of one folder's
	// files are mostly neighbours on the disk, so a cold scan reads the
	// inode table forwards instead of jumping about it in hash order.
	slices.SortFunc(state.entries, func(a, b rawEntry) int { return cmp.Compare(a.ino, b.ino) })
	for _, e := range state.entries {
		describe(fd, d.join(rel), e, fn)
	}
	return self, nil
}

// describe hands one entry to fn: a folder or special file as the listing
// typed it (with its inode number, its device left zero), anything else
// (or an untyped entry) with fstatat.
func describe(fd int, dir string, r rawEntry, fn ScanFunc) {
	name := r.name
	if r.known && (r.kind == KindDir || r.kind == KindSpecial) {
		e := Entry{Name: name, Kind: r.kind, ID: ID{Ino: r.ino}}
		if r.kind == KindDir {
			e.Mode = fs.ModeDir
		}
		fn(&e, nil)
		return
	}
	var st unix.Stat_t
	if err := retry(func() error { return unix.Fstatat(fd, name, &st, unix.AT_SYMLINK_NOFOLLOW) }); err != nil {
		fn(&Entry{Name: name}, &fs.PathError{Op: "lstat", Path: dir + "/" + name, Err: err})
		return
	}
	e := entryOf(name, &st)
	if e.Kind == KindSymlink {
		t, err := readlinkAt(fd, name)
		if err != nil {
			fn(&Entry{Name: name}, &fs.PathError{Op: "readlink", Path: dir + "/" + name, Err: err})
			return
		}
		e.Target = t
	}
	fn(&e, nil)
}

// readlinkAt reads the symlink name in the folder fd.
func readlinkAt(fd int, name string) (string, error) {
	buf := make([]byte, 256)
	for {
		n, err := unix.Readlinkat(fd, name, buf)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return "", err
		}
		if n < len(buf) {
			return string(buf[:n]), nil
		}
		buf = make([]byte, 2*len(buf))
	}
}
