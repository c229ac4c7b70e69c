package compare

import (
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/sys/unix"
)

// lstatAt describes the entry name of the open folder dir with fstatat,
// so the kernel need not walk the whole path again for every entry.
func lstatAt(dir *os.File, path, name string) (Side, error) {
	var st unix.Stat_t
	err := unix.Fstatat(int(dir.Fd()), name, &st, unix.AT_SYMLINK_NOFOLLOW)
	for err == unix.EINTR {
		err = unix.Fstatat(int(dir.Fd()), name, &st, unix.AT_SYMLINK_NOFOLLOW)
	}
	if err != nil {
		return Side{}, &fs.PathError{Op: "lstat", Path: filepath.Join(path, name), Err: err}
	}
	s := Side{Size: st.Size, ModTime: time.Unix(st.Mtim.Unix())}
	switch st.Mode & unix.S_IFMT {
	case unix.S_IFDIR:
		s.Kind, s.Size = Folder, 0
	case unix.S_IFLNK:
		s.Kind = Symlink
		if s.Target, err = os.Readlink(filepath.Join(path, name)); err != nil {
			return Side{}, err
		}
	case unix.S_IFREG:
		s.Kind = File
	default:
		s.Kind, s.Size = Special, 0
	}
	return s, nil
}
