package backup

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"syscall"
	"time"

	"github.com/dustin/go-humanize"
	"golang.org/x/sys/unix"
)

// errNoSyncFS says the system cannot sync a whole file system at once.
var errNoSyncFS = errors.New("syncfs is not available")

// FreeSpace returns the bytes an unprivileged user may still write on the
// file system holding dir.
func FreeSpace(dir string) (uint64, error) {
	var st unix.Statfs_t
	if err := unix.Statfs(dir, &st); err != nil {
		return 0, fmt.Errorf("free space of %s: %w", dir, err)
	}
	return uint64(st.Bavail) * uint64(st.Bsize), nil
}

// CheckSpace refuses a plan whose copies do not fit in the destination's
// free space.
func CheckSpace(p *Plan) error {
	need := uint64(p.Totals().CopyBytes)
	if need == 0 {
		return nil
	}
	free, err := FreeSpace(p.To)
	if err != nil {
		return err
	}
	if need > free {
		return fmt.Errorf("%w at %s: the copy needs %s (%d bytes), %s (%d bytes) are free",
			ErrNoSpace, p.To, humanize.Bytes(need), need, humanize.Bytes(free), free)
	}
	return nil
}

// lock takes the destination's copy lock, so that two copies never write
// into one database at once (and neither removes the other's temp files).
// It returns the function that releases it.
func lock(root *os.Root) (func(), error) {
	if err := root.MkdirAll(stateDir, 0o755); err != nil {
		return nil, fmt.Errorf("make %s: %w", path.Join(root.Name(), stateDir), err)
	}
	f, err := root.OpenFile(lockFile, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open the copy lock: %w", err)
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("%w (%s)", ErrBusy, root.Name())
		}
		return nil, fmt.Errorf("take the copy lock: %w", err)
	}
	return func() {
		_ = unix.Flock(int(f.Fd()), unix.LOCK_UN)
		f.Close()
	}, nil
}

// lchtimes sets a symlink's own modification time.
func lchtimes(root *os.Root, name string, t time.Time) error {
	dir, err := root.Open(path.Dir(name))
	if err != nil {
		return err
	}
	defer dir.Close()
	ts := []unix.Timespec{unix.NsecToTimespec(time.Now().UnixNano()), unix.NsecToTimespec(t.UnixNano())}
	err = unix.UtimesNanoAt(int(dir.Fd()), path.Base(name), ts, unix.AT_SYMLINK_NOFOLLOW)
	if err != nil {
		return &fs.PathError{Op: "lutimes", Path: name, Err: err}
	}
	return nil
}
