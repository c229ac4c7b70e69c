package fsys

import (
	"io/fs"
	"os"
	"path"

	"golang.org/x/sys/unix"
)

// localFile is an open file on a local disk.
type localFile struct{ *os.File }

// Stat describes the open file.
func (f *localFile) Stat() (Entry, error) {
	var st unix.Stat_t
	if err := retry(func() error { return unix.Fstat(int(f.Fd()), &st) }); err != nil {
		return Entry{}, &fs.PathError{Op: "stat", Path: f.Name(), Err: err}
	}
	return entryOf(path.Base(f.Name()), &st), nil
}

// Extents lists where the file holds data, with SEEK_DATA and SEEK_HOLE.
func (f *localFile) Extents(size int64) ([]Extent, error) { return dataExtents(int(f.Fd()), size) }

// ForgetCache drops the file's clean cached pages.
func (f *localFile) ForgetCache() { forgetCache(int(f.Fd())) }

// ReadAhead tells the kernel the file will be read sequentially.
func (f *localFile) ReadAhead() { readAhead(int(f.Fd())) }

// WriteBehind starts writing back a range of the file.
func (f *localFile) WriteBehind(off, n int64) { writeBehind(int(f.Fd()), off, n) }

// CopyRange has the kernel copy n bytes at off into the same offset of
// to, where both are local files it can copy between.
func (f *localFile) CopyRange(to File, off, n int64) error {
	out, ok := to.(*localFile)
	if !ok {
		return ErrUnsupported
	}
	return copyRange(f.File, out.File, off, n)
}
