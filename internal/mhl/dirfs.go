package mhl

import (
	"io/fs"
	"path"
	"strings"

	"github.com/bcnvisuals/autobackup/internal/fsys"
)

// DirFS is a location's folder through the file-system seam, on whatever
// holds the database: read as an fs.FS, and written, for Commit, as a
// WriteFS.
type DirFS struct {
	fs.FS
	d fsys.Dir
}

// NewDirFS returns the DirFS of the folder d, which the caller keeps open
// while it is used.
func NewDirFS(d fsys.Dir) DirFS { return DirFS{FS: fsys.IOFS(d), d: d} }

// Name is the name of the folder, as Read wants it.
func (o DirFS) Name() string { return path.Base(o.d.Path()) }

// parent opens the folder of the slash-separated name.
func (o DirFS) parent(op, name string) (fsys.Dir, string, error) {
	if !fs.ValidPath(name) || name == "." {
		return nil, "", &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	d, err := fsys.Walk(o.d, path.Dir(name))
	return d, path.Base(name), err
}

// MkdirAll creates the folder name and its missing parents, and syncs the
// folder above each one it makes, so that the new entries last.
func (o DirFS) MkdirAll(name string) error {
	if !fs.ValidPath(name) {
		return &fs.PathError{Op: "mkdir", Path: name, Err: fs.ErrInvalid}
	}
	d, err := fsys.Walk(o.d, ".")
	if err != nil {
		return err
	}
	for _, part := range strings.Split(name, "/") {
		if part == "." {
			continue
		}
		next, err := fsys.MkdirOpen(d, part, 0o755)
		if err == nil {
			err = d.Sync()
		}
		d.Close()
		if err != nil {
			return err
		}
		d = next
	}
	return d.Close()
}

// WriteFileAtomic writes data to a temp file beside name, syncs it,
// renames it to name and syncs the folder: name holds the old content or
// the new, never a part.
func (o DirFS) WriteFileAtomic(name string, data []byte) error {
	d, base, err := o.parent("write", name)
	if err != nil {
		return err
	}
	defer d.Close()
	return fsys.WriteFile(d, base, data)
}

// Rename renames oldname to newname and syncs their folder.
func (o DirFS) Rename(oldname, newname string) error {
	from, a, err := o.parent("rename", oldname)
	if err != nil {
		return err
	}
	defer from.Close()
	to, b, err := o.parent("rename", newname)
	if err != nil {
		return err
	}
	defer to.Close()
	if err := from.Rename(a, to, b); err != nil {
		return err
	}
	return to.Sync()
}
