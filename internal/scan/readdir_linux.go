package scan

import (
	"encoding/binary"
	"path/filepath"
	"time"

	"golang.org/x/sys/unix"

	"github.com/bcnvisuals/autobackup/internal/fsys"
	"github.com/bcnvisuals/autobackup/internal/index"
)

// getdentsReader reads folders with getdents64 and fstatat on the open
// folder, with one reusable buffer and no per-entry objects: it asks the
// kernel for exactly what the index needs and nothing more.
type getdentsReader struct {
	buf []byte
}

func newReader() reader { return &getdentsReader{buf: make([]byte, 64<<10)} }

// Offsets in a linux_dirent64 record.
const (
	direntIno    = 0
	direntReclen = 16
	direntType   = 18
	direntName   = 19
)

func (r *getdentsReader) read(path string, follow bool, l *listing) error {
	flags := unix.O_RDONLY | unix.O_DIRECTORY | unix.O_CLOEXEC
	if !follow {
		flags |= unix.O_NOFOLLOW
	}
	fd, err := openRetry(path, flags)
	if err != nil {
		return err
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err == nil {
		l.files.Touch(time.Unix(st.Mtim.Unix()))
	}
	for {
		n, err := unix.Getdents(fd, r.buf)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return err
		}
		if n <= 0 {
			return nil
		}
		r.entries(fd, path, r.buf[:n], l)
	}
}

// entries walks the records of one getdents64 call.
func (r *getdentsReader) entries(fd int, dir string, buf []byte, l *listing) {
	for len(buf) >= direntName {
		reclen := int(binary.NativeEndian.Uint16(buf[direntReclen:]))
		if reclen < direntName || reclen > len(buf) {
			return
		}
		typ := buf[direntType]
		name := cstring(buf[direntName:reclen])
		buf = buf[reclen:]
		if name == "." || name == ".." {
			continue
		}
		switch typ {
		case unix.DT_DIR:
			l.dirs = append(l.dirs, name)
		case unix.DT_REG, unix.DT_UNKNOWN:
			if !fsys.IsTemp(name) { // a copy's temp file is not data
				statEntry(fd, dir, name, typ == unix.DT_UNKNOWN, l)
			}
		}
	}
}

// statEntry counts a regular file, or, for a record of unknown type,
// finds out what it is.
func statEntry(fd int, dir, name string, unknown bool, l *listing) {
	var st unix.Stat_t
	err := unix.Fstatat(fd, name, &st, unix.AT_SYMLINK_NOFOLLOW)
	for err == unix.EINTR {
		err = unix.Fstatat(fd, name, &st, unix.AT_SYMLINK_NOFOLLOW)
	}
	if err != nil {
		l.fail(filepath.Join(dir, name), err)
		return
	}
	switch st.Mode & unix.S_IFMT {
	case unix.S_IFREG:
		id := index.FileID{Dev: uint64(st.Dev), Ino: uint64(st.Ino)}
		l.files.AddFile(id, uint64(st.Nlink), st.Size, time.Unix(st.Mtim.Unix()))
	case unix.S_IFDIR:
		if unknown {
			l.dirs = append(l.dirs, name)
		}
	}
}

func cstring(b []byte) string {
	for i, c := range b {
		if c == 0 {
			return string(b[:i])
		}
	}
	return string(b)
}

func openRetry(path string, flags int) (int, error) {
	for {
		fd, err := unix.Open(path, flags, 0)
		if err != unix.EINTR {
			return fd, err
		}
	}
}
