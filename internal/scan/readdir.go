package scan

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"github.com/bcnvisuals/autobackup/internal/fsys"
	"github.com/bcnvisuals/autobackup/internal/index"
)

// listing is what one read of a folder found.
type listing struct {
	dirs   []string    // names of sub-folders; symlinks are not followed
	files  index.Stats // the regular files directly inside, and the folder's own time
	errors []index.PathError
}

func (l *listing) reset() {
	l.dirs = l.dirs[:0]
	l.files = index.Stats{}
	l.errors = l.errors[:0]
}

// fail records a path that could not be read. The error is kept without
// the path an os error repeats.
func (l *listing) fail(path string, err error) {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	l.errors = append(l.errors, index.PathError{Path: path, Err: err})
}

// reader reads one folder into a listing. A reader is used by one worker
// at a time. When follow is false, a folder that is a symlink is refused
// rather than followed.
type reader interface {
	read(path string, follow bool, l *listing) error
}

// portableReader reads folders through package os. It is used where no
// faster reader exists, and in tests as the reference for the others.
type portableReader struct{}

func (portableReader) read(path string, follow bool, l *listing) error {
	if !follow {
		fi, err := os.Lstat(path)
		if err != nil {
			return err
		}
		if !fi.IsDir() {
			return &fs.PathError{Op: "open", Path: path, Err: syscall.ENOTDIR}
		}
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil {
		l.files.Touch(fi.ModTime())
	}
	for {
		entries, err := f.ReadDir(1024)
		for _, e := range entries {
			portableEntry(path, e, l)
		}
		if errors.Is(err, io.EOF) || (err == nil && len(entries) == 0) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

func portableEntry(dir string, e fs.DirEntry, l *listing) {
	switch e.Type() {
	case fs.ModeDir:
		l.dirs = append(l.dirs, e.Name())
	case 0:
		if fsys.IsTemp(e.Name()) { // a copy's temp file is not data
			return
		}
		fi, err := e.Info()
		if err != nil {
			l.fail(filepath.Join(dir, e.Name()), err)
			return
		}
		if !fi.Mode().IsRegular() {
			return
		}
		var id index.FileID
		nlink := uint64(1)
		if st, ok := fi.Sys().(*syscall.Stat_t); ok {
			id = index.FileID{Dev: uint64(st.Dev), Ino: uint64(st.Ino)}
			nlink = uint64(st.Nlink)
		}
		l.files.AddFile(id, nlink, fi.Size(), fi.ModTime())
	}
}
