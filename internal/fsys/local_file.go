package fsys

import (
	"errors"
	"io"
	"io/fs"
	"path"
	"sync"

	"golang.org/x/sys/unix"
)

// localFile is an open file on a local disk, used through plain system
// calls on its descriptor: for many small files, the bookkeeping of an
// os.File (a fcntl to open it, a poller's locks on every read) costs more
// than the reading.
type localFile struct {
	fd   int
	name string
	mu   sync.Mutex // guards off, the offset Read, Write and Seek share
	off  int64
	once sync.Once
	cerr error
}

func newLocalFile(fd int, name string) *localFile { return &localFile{fd: fd, name: name} }

// Name is the path the file was opened by.
func (f *localFile) Name() string { return f.name }

func (f *localFile) fail(op string, err error) error {
	return &fs.PathError{Op: op, Path: f.name, Err: err}
}

// Read reads with one pread(2) at the file's offset. A short read of a
// regular file is its end, so it comes with io.EOF: reading a small file
// whole takes one system call.
func (f *localFile) Read(p []byte) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	n, err := f.ReadAt(p, f.off)
	f.off += int64(n)
	return n, err
}

// ReadAt reads len(p) bytes at off, or fewer with io.EOF at the end.
func (f *localFile) ReadAt(p []byte, off int64) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	for {
		n, err := unix.Pread(f.fd, p, off)
		switch {
		case err == unix.EINTR:
			continue
		case err != nil:
			return 0, f.fail("read", err)
		case n < len(p):
			return n, io.EOF
		}
		return n, nil
	}
}

// Write writes all of p at the file's offset.
func (f *localFile) Write(p []byte) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	total := 0
	for total < len(p) {
		n, err := unix.Pwrite(f.fd, p[total:], f.off)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return total, f.fail("write", err)
		}
		total += n
		f.off += int64(n)
	}
	return total, nil
}

// Seek sets the offset of Read and Write.
func (f *localFile) Seek(offset int64, whence int) (int64, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	switch whence {
	case io.SeekStart:
	case io.SeekCurrent:
		offset += f.off
	case io.SeekEnd:
		e, err := f.Stat()
		if err != nil {
			return 0, err
		}
		offset += e.Size
	default:
		return 0, f.fail("seek", errors.New("invalid whence"))
	}
	if offset < 0 {
		return 0, f.fail("seek", errors.New("negative position"))
	}
	f.off = offset
	return offset, nil
}

// Close closes the descriptor, once.
func (f *localFile) Close() error {
	f.once.Do(func() {
		if err := unix.Close(f.fd); err != nil {
			f.cerr = f.fail("close", err)
		}
	})
	return f.cerr
}

// Sync makes the file's data and size durable.
func (f *localFile) Sync() error {
	if err := retry(func() error { return unix.Fsync(f.fd) }); err != nil {
		return f.fail("sync", err)
	}
	return nil
}

// Chmod sets the file's mode, special bits included.
func (f *localFile) Chmod(mode fs.FileMode) error {
	if err := retry(func() error { return unix.Fchmod(f.fd, SysMode(mode)) }); err != nil {
		return f.fail("chmod", err)
	}
	return nil
}

// Truncate sets the file's size.
func (f *localFile) Truncate(size int64) error {
	if err := retry(func() error { return unix.Ftruncate(f.fd, size) }); err != nil {
		return f.fail("truncate", err)
	}
	return nil
}

// Stat describes the open file.
func (f *localFile) Stat() (Entry, error) {
	var st unix.Stat_t
	if err := retry(func() error { return unix.Fstat(f.fd, &st) }); err != nil {
		return Entry{}, f.fail("stat", err)
	}
	return entryOf(path.Base(f.name), &st), nil
}

// Extents lists where the file holds data, with SEEK_DATA and SEEK_HOLE.
func (f *localFile) Extents(size int64) ([]Extent, error) { return dataExtents(f.fd, size) }

// ForgetCache drops the file's clean cached pages.
func (f *localFile) ForgetCache() { forgetCache(f.fd) }

// ReadAhead tells the kernel the file will be read sequentially.
func (f *localFile) ReadAhead() { readAhead(f.fd) }

// WriteBehind starts writing back a range of the file.
func (f *localFile) WriteBehind(off, n int64) { writeBehind(f.fd, off, n) }

// CopyRange has the kernel copy n bytes at off into the same offset of
// to, where both are local files it can copy between.
func (f *localFile) CopyRange(to File, off, n int64) error {
	out, ok := to.(*localFile)
	if !ok {
		return ErrUnsupported
	}
	return copyRange(f.fd, out.fd, f.name, out.name, off, n)
}
