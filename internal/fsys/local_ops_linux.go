package fsys

import (
	"io"
	"io/fs"

	"golang.org/x/sys/unix"
)

func exchange(fromfd int, from string, tofd int, to string) error {
	return unix.Renameat2(fromfd, from, tofd, to, unix.RENAME_EXCHANGE)
}

// SyncFS makes everything written to the folder's file system durable,
// in one call for a whole batch of files.
func (d *localDir) SyncFS() error {
	return retry(func() error { return unix.Syncfs(d.fd) })
}

// forgetCache asks the kernel to forget a synced file's cached pages, so
// that reading it back reads the disk.
func forgetCache(fd int) {
	_ = unix.Fadvise(fd, 0, 0, unix.FADV_DONTNEED)
}

// readAhead tells the kernel a file will be read from start to end, so
// it reads ahead further.
func readAhead(fd int) {
	_ = unix.Fadvise(fd, 0, 0, unix.FADV_SEQUENTIAL)
}

// utimeOmit tells utimensat to leave a time as it is.
const utimeOmit = (1 << 30) - 2

// copyRange has the kernel copy n bytes at off from in to the same offset
// in out, without them passing through the program. It fails with
// ErrUnsupported where the kernel cannot for these two files.
func copyRange(in, out int, _, outName string, off, n int64) error {
	for n > 0 {
		roff, woff := off, off
		k, err := unix.CopyFileRange(in, &roff, out, &woff, int(min(n, 1<<30)), 0)
		switch {
		case err == unix.EINTR:
			continue
		case err == unix.EXDEV || err == unix.EINVAL || err == unix.ENOSYS || err == unix.EOPNOTSUPP:
			return ErrUnsupported
		case err != nil:
			return &fs.PathError{Op: "copy_file_range", Path: outName, Err: err}
		case k == 0:
			return io.ErrUnexpectedEOF // the source is shorter than it was
		}
		off += int64(k)
		n -= int64(k)
	}
	return nil
}

func renameNoReplace(fromfd int, from string, tofd int, to string) error {
	return unix.Renameat2(fromfd, from, tofd, to, unix.RENAME_NOREPLACE)
}

// writeBehind starts the write-back of a range without waiting for it.
func writeBehind(fd int, off, n int64) {
	_ = unix.SyncFileRange(fd, off, n, unix.SYNC_FILE_RANGE_WRITE)
}
