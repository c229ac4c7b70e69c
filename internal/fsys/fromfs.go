package fsys

import (
	"errors"
	"io"
	"io/fs"
	"path"
	"time"
)

// FromFS is a read-only Dir over an io/fs file system, such as
// testing/fstest.MapFS: the engines' read side (scan, compare, verify)
// runs on it as on a disk. Every write fails with ErrUnsupported. Symlinks
// are seen as such where fsys implements fs.ReadLinkFS (MapFS does).
// Entries have no identity (their ID is zero) and one link.
func FromFS(fsys fs.FS, name string) Dir { return &fsDir{fs: fsys, rel: ".", name: name} }

// errReadOnly says a write was asked of a read-only Dir.
var errReadOnly = errors.Join(ErrUnsupported, errors.New("read-only file system"))

type fsDir struct {
	fs   fs.FS
	rel  string // slash-separated below the root, "." for the root
	name string // the root's name, for messages
}

func (d *fsDir) Path() string { return path.Join(d.name, d.rel) }
func (d *fsDir) ID() ID       { return ID{} }
func (d *fsDir) Close() error { return nil }

func (d *fsDir) join(name string) string { return path.Join(d.rel, name) }

func (d *fsDir) fail(op, name string, err error) error {
	return &fs.PathError{Op: op, Path: path.Join(d.Path(), name), Err: err}
}

func (d *fsDir) Stat() (Entry, error) { return d.entry(d.rel, path.Base(d.rel)) }

func (d *fsDir) Lstat(name string) (Entry, error) { return d.entry(d.join(name), name) }

func (d *fsDir) entry(rel, name string) (Entry, error) {
	fi, err := fs.Lstat(d.fs, rel)
	if err != nil {
		return Entry{}, d.fail("lstat", name, err)
	}
	e := entryOfInfo(name, fi)
	if e.Kind == KindSymlink {
		if e.Target, err = fs.ReadLink(d.fs, rel); err != nil {
			return Entry{}, d.fail("readlink", name, err)
		}
	}
	return e, nil
}

func (d *fsDir) List() ([]Entry, error) {
	des, err := fs.ReadDir(d.fs, d.rel)
	if err != nil {
		return nil, d.fail("readdir", "", err)
	}
	out := make([]Entry, 0, len(des))
	for _, de := range des {
		e, err := d.Lstat(de.Name())
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

func (d *fsDir) OpenDir(name string) (Dir, error) {
	e, err := d.Lstat(name)
	switch {
	case err != nil:
		return nil, err
	case e.Kind != KindDir:
		return nil, d.fail("open", name, ErrNotDir)
	}
	return &fsDir{fs: d.fs, rel: d.join(name), name: d.name}, nil
}

func (d *fsDir) Open(name string) (File, error) {
	e, err := d.Lstat(name)
	switch {
	case err != nil:
		return nil, err
	case e.Kind != KindFile:
		return nil, d.fail("open", name, fs.ErrInvalid)
	}
	f, err := d.fs.Open(d.join(name))
	if err != nil {
		return nil, d.fail("open", name, err)
	}
	return &fsFile{File: f, name: name, entry: e}, nil
}

func (d *fsDir) Readlink(name string) (string, error) {
	t, err := fs.ReadLink(d.fs, d.join(name))
	if err != nil {
		return "", d.fail("readlink", name, err)
	}
	return t, nil
}

func (d *fsDir) Create(name string, _ fs.FileMode) (File, error) {
	return nil, d.fail("create", name, errReadOnly)
}
func (d *fsDir) Mkdir(name string, _ fs.FileMode) error  { return d.fail("mkdir", name, errReadOnly) }
func (d *fsDir) Symlink(_, name string) error            { return d.fail("symlink", name, errReadOnly) }
func (d *fsDir) Link(name string, _ Dir, _ string) error { return d.fail("link", name, errReadOnly) }
func (d *fsDir) Rename(name string, _ Dir, _ string) error {
	return d.fail("rename", name, errReadOnly)
}
func (d *fsDir) RenameNoReplace(name string, _ Dir, _ string) error {
	return d.fail("rename", name, errReadOnly)
}
func (d *fsDir) Exchange(name string, _ Dir, _ string) error {
	return d.fail("exchange", name, errReadOnly)
}
func (d *fsDir) Remove(name string) error         { return d.fail("remove", name, errReadOnly) }
func (d *fsDir) Chmod(fs.FileMode) error          { return d.fail("chmod", "", errReadOnly) }
func (d *fsDir) SetModTime(time.Time) error       { return d.fail("chtimes", "", errReadOnly) }
func (d *fsDir) Sync() error                      { return nil } // nothing is ever written
func (d *fsDir) SyncFS() error                    { return nil }
func (d *fsDir) FreeSpace() (uint64, error)       { return 0, nil }
func (d *fsDir) Lock(string) (func(), error)      { return nil, d.fail("lock", "", errReadOnly) }
func (d *fsDir) Precision() (time.Duration, bool) { return time.Nanosecond, true }
func (d *fsDir) SetEntryModTime(name string, _ time.Time) error {
	return d.fail("chtimes", name, errReadOnly)
}

// entryOfInfo is an Entry from an io/fs FileInfo.
func entryOfInfo(name string, fi fs.FileInfo) Entry {
	m := fi.Mode()
	e := Entry{Name: name, Mode: m, Size: fi.Size(), ModTime: fi.ModTime(), Change: fi.ModTime(), Links: 1}
	switch {
	case m.IsRegular():
		e.Kind = KindFile
	case m.IsDir():
		e.Kind = KindDir
	case m&fs.ModeSymlink != 0:
		e.Kind = KindSymlink
	default:
		e.Kind = KindSpecial
	}
	if e.Kind == KindDir || e.Kind == KindSpecial {
		e.Size = 0
	}
	return e
}

// fsFile is a file of a FromFS Dir: read-only, with ReadAt and Seek where
// the io/fs file has them.
type fsFile struct {
	fs.File
	name  string
	entry Entry
}

func (f *fsFile) Name() string         { return f.name }
func (f *fsFile) Stat() (Entry, error) { return f.entry, nil }

func (f *fsFile) ReadAt(p []byte, off int64) (int, error) {
	if ra, ok := f.File.(io.ReaderAt); ok {
		return ra.ReadAt(p, off)
	}
	return 0, &fs.PathError{Op: "readat", Path: f.name, Err: ErrUnsupported}
}

func (f *fsFile) Seek(off int64, whence int) (int64, error) {
	if s, ok := f.File.(io.Seeker); ok {
		return s.Seek(off, whence)
	}
	return 0, &fs.PathError{Op: "seek", Path: f.name, Err: ErrUnsupported}
}

func (f *fsFile) Write([]byte) (int, error) {
	return 0, &fs.PathError{Op: "write", Path: f.name, Err: errReadOnly}
}
func (f *fsFile) Sync() error { return nil }
func (f *fsFile) Chmod(fs.FileMode) error {
	return &fs.PathError{Op: "chmod", Path: f.name, Err: errReadOnly}
}
func (f *fsFile) Truncate(int64) error {
	return &fs.PathError{Op: "truncate", Path: f.name, Err: errReadOnly}
}
func (f *fsFile) Extents(size int64) ([]Extent, error) {
	return []Extent{{0, size}}, nil
}
func (f *fsFile) ForgetCache()           {}
func (f *fsFile) ReadAhead()             {}
func (f *fsFile) WriteBehind(_, _ int64) {}
