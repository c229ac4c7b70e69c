package mhl

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// OSFS is a location's folder on the local disk, for reading (it is an
// fs.FS, as os.DirFS gives) and for Commit's writes (a WriteFS).
type OSFS struct {
	fs.FS
	dir string
}

// NewOSFS returns the OSFS of the folder dir.
func NewOSFS(dir string) OSFS { return OSFS{FS: os.DirFS(dir), dir: dir} }

// Name is the name of the folder, as Read wants it.
func (o OSFS) Name() string { return filepath.Base(filepath.Clean(o.dir)) }

// path turns a slash-separated name into a path on disk.
func (o OSFS) path(name string) (string, error) {
	if !fs.ValidPath(name) {
		return "", &fs.PathError{Op: "write", Path: name, Err: fs.ErrInvalid}
	}
	return filepath.Join(o.dir, filepath.FromSlash(name)), nil
}

// MkdirAll creates the folder name and its missing parents, and syncs the
// folder above it so that the new entry lasts.
func (o OSFS) MkdirAll(name string) error {
	p, err := o.path(name)
	if err != nil {
		return err
	}
	if fi, err := os.Stat(p); err == nil && fi.IsDir() {
		return nil
	}
	if err := os.MkdirAll(p, 0o755); err != nil {
		return err
	}
	return syncDir(filepath.Dir(p))
}

// WriteFileAtomic writes data to a temporary file beside name, syncs it,
// renames it to name and syncs the folder. On any failure the temporary
// file is removed and name is as it was.
func (o OSFS) WriteFileAtomic(name string, data []byte) (err error) {
	p, err := o.path(name)
	if err != nil {
		return err
	}
	dir := filepath.Dir(p)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(p)+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Chmod(0o644); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), p); err != nil {
		return err
	}
	return syncDir(dir)
}

// Rename renames oldname to newname and syncs their folder.
func (o OSFS) Rename(oldname, newname string) error {
	from, err := o.path(oldname)
	if err != nil {
		return err
	}
	to, err := o.path(newname)
	if err != nil {
		return err
	}
	if err := os.Rename(from, to); err != nil {
		return err
	}
	return syncDir(filepath.Dir(to))
}

// syncDir syncs a folder, making the entries added to it last.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	serr := d.Sync()
	cerr := d.Close()
	if err := errors.Join(serr, cerr); err != nil {
		return fmt.Errorf("syncing folder %s: %w", dir, err)
	}
	return nil
}
