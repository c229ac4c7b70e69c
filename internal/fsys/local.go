package fsys

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strings"

	"golang.org/x/sys/unix"
)

// Dir is an open folder. Every name given to its methods is one entry of
// the folder, never a path, and symlinks are never followed through it.
// A Dir is safe for use by several goroutines; Close it when done.
type localDir struct {
	fd   int
	path string // shown in messages: the root's path joined with the names walked
	id   ID
}

// OpenRoot opens a local database's root folder. The root's own path may
// pass through symlinks (a mount point reached by a link); nothing below it
// may.
func OpenRoot(root string) (Dir, error) {
	fd, err := retryFd(func() (int, error) {
		return unix.Open(root, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	})
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: root, Err: err}
	}
	return newDir(fd, root)
}

func newDir(fd int, p string) (Dir, error) {
	var st unix.Stat_t
	if err := retry(func() error { return unix.Fstat(fd, &st) }); err != nil {
		unix.Close(fd)
		return nil, &fs.PathError{Op: "stat", Path: p, Err: err}
	}
	return &localDir{fd: fd, path: p, id: ID{uint64(st.Dev), uint64(st.Ino)}}, nil
}

// Path is the folder's path as it was reached, for messages.
func (d *localDir) Path() string { return d.path }

// ID is the folder's identity, taken when it was opened.
func (d *localDir) ID() ID { return d.id }

// Close closes the folder.
func (d *localDir) Close() error { return unix.Close(d.fd) }

func (d *localDir) join(name string) string {
	if name == "." {
		return d.path
	}
	return d.path + "/" + name
}

// checkName refuses anything that is not one plain entry name.
func checkName(name string) error {
	if name == "" || name == "." || name == ".." || strings.ContainsAny(name, "/\x00") {
		return fmt.Errorf("%q is not a name within a folder", name)
	}
	return nil
}

// OpenDir opens the sub-folder name. A symlink there is refused, not
// followed. "." opens the folder itself again.
func (d *localDir) OpenDir(name string) (Dir, error) {
	if name != "." {
		if err := checkName(name); err != nil {
			return nil, err
		}
	}
	fd, err := retryFd(func() (int, error) {
		return unix.Openat(d.fd, name, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	})
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: d.join(name), Err: folderErr(err)}
	}
	return newDir(fd, d.join(name))
}

// folderErr names the errors a symlink met with O_NOFOLLOW gives.
func folderErr(err error) error {
	if errors.Is(err, unix.ELOOP) {
		return fmt.Errorf("%w (a symlink; links are not followed)", unix.ENOTDIR)
	}
	return err
}

// Stat describes the folder itself.
func (d *localDir) Stat() (Entry, error) {
	var st unix.Stat_t
	if err := retry(func() error { return unix.Fstat(d.fd, &st) }); err != nil {
		return Entry{}, &fs.PathError{Op: "stat", Path: d.path, Err: err}
	}
	return entryOf(path.Base(d.path), &st), nil
}

// Lstat describes the entry name, without following a symlink. A
// symlink's target is read too.
func (d *localDir) Lstat(name string) (Entry, error) {
	if err := checkName(name); err != nil {
		return Entry{}, err
	}
	var st unix.Stat_t
	if err := retry(func() error { return unix.Fstatat(d.fd, name, &st, unix.AT_SYMLINK_NOFOLLOW) }); err != nil {
		return Entry{}, &fs.PathError{Op: "lstat", Path: d.join(name), Err: err}
	}
	e := entryOf(name, &st)
	if e.Kind == KindSymlink {
		t, err := d.Readlink(name)
		if err != nil {
			return Entry{}, err
		}
		e.Target = t
	}
	return e, nil
}

// Readlink reads the symlink name's text.
func (d *localDir) Readlink(name string) (string, error) {
	buf := make([]byte, 256)
	for {
		n, err := unix.Readlinkat(d.fd, name, buf)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return "", &fs.PathError{Op: "readlink", Path: d.join(name), Err: err}
		}
		if n < len(buf) {
			return string(buf[:n]), nil
		}
		buf = make([]byte, 2*len(buf))
	}
}

// Open opens the file name for reading. A symlink there is refused.
func (d *localDir) Open(name string) (File, error) {
	if err := checkName(name); err != nil {
		return nil, err
	}
	fd, err := retryFd(func() (int, error) {
		return unix.Openat(d.fd, name, unix.O_RDONLY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	})
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: d.join(name), Err: err}
	}
	return newLocalFile(fd, d.join(name)), nil
}

// Create makes the new file name for writing, with perm; it fails if the
// name exists, whatever is there.
func (d *localDir) Create(name string, perm fs.FileMode) (File, error) {
	if err := checkName(name); err != nil {
		return nil, err
	}
	fd, err := retryFd(func() (int, error) {
		return unix.Openat(d.fd, name, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_NOFOLLOW|unix.O_CLOEXEC, uint32(perm.Perm()))
	})
	if err != nil {
		return nil, &fs.PathError{Op: "create", Path: d.join(name), Err: err}
	}
	return newLocalFile(fd, d.join(name)), nil
}

func retry(f func() error) error {
	for {
		if err := f(); err != unix.EINTR {
			return err
		}
	}
}

func retryFd(f func() (int, error)) (int, error) {
	for {
		fd, err := f()
		if err != unix.EINTR {
			return fd, err
		}
	}
}

// Stat describes a local path as the user gave it, following symlinks:
// what a database's root or a config file is.
func Stat(p string) (Entry, error) {
	var st unix.Stat_t
	if err := retry(func() error { return unix.Stat(p, &st) }); err != nil {
		return Entry{}, &fs.PathError{Op: "stat", Path: p, Err: err}
	}
	return entryOf(path.Base(p), &st), nil
}

// MkdirAll makes a local folder of the program's own (its history, its
// catalog) and the folders above it.
func MkdirAll(p string, perm fs.FileMode) error { return os.MkdirAll(p, perm) }

// RenamePath renames a local file of the program's own (its catalog, say),
// replacing what is at newpath.
func RenamePath(oldpath, newpath string) error { return os.Rename(oldpath, newpath) }

// FileSystemID names the file system a local folder is on (statfs's fsid),
// for telling one drive from another where nothing can be written on it.
func FileSystemID(d Dir) (string, bool) {
	l, ok := d.(*localDir)
	if !ok {
		return "", false
	}
	var st unix.Statfs_t
	if err := retry(func() error { return unix.Fstatfs(l.fd, &st) }); err != nil {
		return "", false
	}
	return fmt.Sprintf("%x", st.Fsid), true
}
