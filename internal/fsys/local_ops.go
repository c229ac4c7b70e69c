package fsys

import (
	"errors"
	"fmt"
	"io/fs"
	"time"

	"golang.org/x/sys/unix"
)

// Link gives the file name a second name, newname in the folder to. It
// never replaces: it fails with fs.ErrExist if newname is taken.
func (d *localDir) Link(name string, to Dir, newname string) error {
	t, err := d.sibling(to, name, newname)
	if err != nil {
		return err
	}
	err = retry(func() error { return unix.Linkat(d.fd, name, t.fd, newname, 0) })
	if err != nil {
		return &fs.PathError{Op: "link", Path: t.join(newname), Err: err}
	}
	return nil
}

// Rename moves name to newname in the folder to, replacing what is there.
func (d *localDir) Rename(name string, to Dir, newname string) error {
	t, err := d.sibling(to, name, newname)
	if err != nil {
		return err
	}
	err = retry(func() error { return unix.Renameat(d.fd, name, t.fd, newname) })
	if err != nil {
		return &fs.PathError{Op: "rename", Path: t.join(newname), Err: err}
	}
	return nil
}

// Exchange swaps name and the entry other in the folder to, atomically.
// It fails with ErrUnsupported where the file system cannot.
func (d *localDir) Exchange(name string, to Dir, other string) error {
	t, err := d.sibling(to, name, other)
	if err != nil {
		return err
	}
	err = retry(func() error { return exchange(d.fd, name, t.fd, other) })
	if errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.ENOTSUP) {
		err = ErrUnsupported
	}
	if err != nil {
		return &fs.PathError{Op: "exchange", Path: t.join(other), Err: err}
	}
	return nil
}

// sibling checks two names and returns to as a local folder: names move
// between folders of one local file system only.
func (d *localDir) sibling(to Dir, a, b string) (*localDir, error) {
	if err := checkName(a); err != nil {
		return nil, err
	}
	if err := checkName(b); err != nil {
		return nil, err
	}
	t, ok := to.(*localDir)
	if !ok {
		return nil, fmt.Errorf("%s and %s are not on one local file system: %w", d.path, to.Path(), ErrUnsupported)
	}
	return t, nil
}

// Remove removes the file or symlink name.
func (d *localDir) Remove(name string) error {
	if err := checkName(name); err != nil {
		return err
	}
	if err := retry(func() error { return unix.Unlinkat(d.fd, name, 0) }); err != nil {
		return &fs.PathError{Op: "remove", Path: d.join(name), Err: err}
	}
	return nil
}

// Mkdir makes the folder name with perm (before the umask).
func (d *localDir) Mkdir(name string, perm fs.FileMode) error {
	if err := checkName(name); err != nil {
		return err
	}
	if err := retry(func() error { return unix.Mkdirat(d.fd, name, SysMode(perm)) }); err != nil {
		return &fs.PathError{Op: "mkdir", Path: d.join(name), Err: err}
	}
	return nil
}

// Symlink makes the symlink name holding target.
func (d *localDir) Symlink(target, name string) error {
	if err := checkName(name); err != nil {
		return err
	}
	if err := retry(func() error { return unix.Symlinkat(target, d.fd, name) }); err != nil {
		return &fs.PathError{Op: "symlink", Path: d.join(name), Err: err}
	}
	return nil
}

// Chmod sets the folder's own mode, special bits included.
func (d *localDir) Chmod(mode fs.FileMode) error {
	if err := retry(func() error { return unix.Fchmod(d.fd, SysMode(mode)) }); err != nil {
		return &fs.PathError{Op: "chmod", Path: d.path, Err: err}
	}
	return nil
}

// SetModTime sets the folder's own modification time.
func (d *localDir) SetModTime(t time.Time) error {
	ts := []unix.Timespec{{Sec: 0, Nsec: utimeOmit}, unix.NsecToTimespec(t.UnixNano())}
	if err := retry(func() error { return unix.UtimesNanoAt(d.fd, ".", ts, 0) }); err != nil {
		return &fs.PathError{Op: "chtimes", Path: d.path, Err: err}
	}
	return nil
}

// SetEntryModTime sets the modification time of the entry name, a symlink's
// own when it is one.
func (d *localDir) SetEntryModTime(name string, t time.Time) error {
	if err := checkName(name); err != nil {
		return err
	}
	ts := []unix.Timespec{{Sec: 0, Nsec: utimeOmit}, unix.NsecToTimespec(t.UnixNano())}
	err := retry(func() error { return unix.UtimesNanoAt(d.fd, name, ts, unix.AT_SYMLINK_NOFOLLOW) })
	if err != nil {
		return &fs.PathError{Op: "chtimes", Path: d.join(name), Err: err}
	}
	return nil
}

// Sync makes the folder's entries durable.
func (d *localDir) Sync() error {
	if err := retry(func() error { return unix.Fsync(d.fd) }); err != nil {
		return &fs.PathError{Op: "sync", Path: d.path, Err: err}
	}
	return nil
}

// FreeSpace is the bytes an unprivileged user may still write on the
// folder's file system.
func (d *localDir) FreeSpace() (uint64, error) {
	var st unix.Statfs_t
	if err := retry(func() error { return unix.Fstatfs(d.fd, &st) }); err != nil {
		return 0, &fs.PathError{Op: "statfs", Path: d.path, Err: err}
	}
	return uint64(st.Bavail) * uint64(st.Bsize), nil
}

// Lock takes an exclusive lock on the file name in the folder, creating
// it, without waiting: it fails with ErrLocked when another process holds
// it. The lock goes when the returned function is called or the process
// ends, however it ends.
func (d *localDir) Lock(name string) (unlock func(), err error) {
	if err := checkName(name); err != nil {
		return nil, err
	}
	fd, err := retryFd(func() (int, error) {
		return unix.Openat(d.fd, name, unix.O_RDWR|unix.O_CREAT|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0o644)
	})
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: d.join(name), Err: err}
	}
	if err := retry(func() error { return unix.Flock(fd, unix.LOCK_EX|unix.LOCK_NB) }); err != nil {
		unix.Close(fd)
		if errors.Is(err, unix.EWOULDBLOCK) {
			return nil, ErrLocked
		}
		return nil, &fs.PathError{Op: "lock", Path: d.join(name), Err: err}
	}
	return func() { unix.Close(fd) }, nil
}

// ErrLocked says another process holds a lock.
var ErrLocked = errors.New("locked by another process")

// RenameNoReplace moves name to newname in the folder to, failing with
// fs.ErrExist if newname is taken; where the file system cannot say so
// atomically, it checks first, which leaves a short window.
func (d *localDir) RenameNoReplace(name string, to Dir, newname string) error {
	t, err := d.sibling(to, name, newname)
	if err != nil {
		return err
	}
	err = retry(func() error { return renameNoReplace(d.fd, name, t.fd, newname) })
	if errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.ENOTSUP) {
		if _, lerr := t.Lstat(newname); lerr == nil {
			err = unix.EEXIST
		} else {
			err = retry(func() error { return unix.Renameat(d.fd, name, t.fd, newname) })
		}
	}
	if err != nil {
		return &fs.PathError{Op: "rename", Path: t.join(newname), Err: err}
	}
	return nil
}

// NoHardLinks reports whether a link failed because the volume has no
// hard links (exFAT, some network shares) or no more of them.
func NoHardLinks(err error) bool {
	for _, e := range []error{unix.EPERM, unix.ENOTSUP, unix.EOPNOTSUPP, unix.EXDEV, unix.EMLINK} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}
