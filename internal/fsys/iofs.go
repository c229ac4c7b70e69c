package fsys

import (
	"errors"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"
)

// IOFS is the read side of a Dir as an io/fs.FS, for code written against
// the standard interface (the ASC MHL reader, say). Symlinks are never
// followed: opening one fails.
func IOFS(d Dir) fs.FS { return ioFS{d} }

type ioFS struct{ d Dir }

// Open opens the file or folder name, a slash-separated path below d.
func (f ioFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if name == "." {
		d, err := f.d.OpenDir(".")
		if err != nil {
			return nil, err
		}
		return &ioDir{d: d, name: "."}, nil
	}
	parent, err := Walk(f.d, path.Dir(name))
	if err != nil {
		return nil, err
	}
	defer parent.Close()
	base := path.Base(name)
	e, err := parent.Lstat(base)
	if err != nil {
		return nil, err
	}
	switch e.Kind {
	case KindDir:
		d, err := parent.OpenDir(base)
		if err != nil {
			return nil, err
		}
		return &ioDir{d: d, name: base}, nil
	case KindFile:
		file, err := parent.Open(base)
		if err != nil {
			return nil, err
		}
		return ioFile{file}, nil
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: errors.New("not a file or folder (symlinks are not followed)")}
}

// ioFile is an open File as an fs.File.
type ioFile struct{ File }

func (f ioFile) Stat() (fs.FileInfo, error) {
	e, err := f.File.Stat()
	return info{e}, err
}

// ioDir is an open folder as an fs.ReadDirFile.
type ioDir struct {
	d       Dir
	name    string
	entries []fs.DirEntry
	read    bool
}

func (d *ioDir) Stat() (fs.FileInfo, error) {
	e, err := d.d.Stat()
	e.Name = d.name
	return info{e}, err
}

func (d *ioDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.name, Err: errors.New("is a folder")}
}

func (d *ioDir) Close() error { return d.d.Close() }

// ReadDir lists the folder in name order, n entries at a time (all when
// n <= 0), as fs.ReadDirFile asks.
func (d *ioDir) ReadDir(n int) ([]fs.DirEntry, error) {
	if !d.read {
		list, err := d.d.List()
		if err != nil {
			return nil, err
		}
		slices.SortFunc(list, func(a, b Entry) int { return strings.Compare(a.Name, b.Name) })
		for _, e := range list {
			d.entries = append(d.entries, fs.FileInfoToDirEntry(info{e}))
		}
		d.read = true
	}
	if n <= 0 {
		out := d.entries
		d.entries = nil
		return out, nil
	}
	if len(d.entries) == 0 {
		return nil, io.EOF
	}
	k := min(n, len(d.entries))
	out := d.entries[:k]
	d.entries = d.entries[k:]
	return out, nil
}

// info is an Entry as an fs.FileInfo.
type info struct{ e Entry }

func (i info) Name() string       { return i.e.Name }
func (i info) Size() int64        { return i.e.Size }
func (i info) Mode() fs.FileMode  { return i.e.Mode }
func (i info) ModTime() time.Time { return i.e.ModTime }
func (i info) IsDir() bool        { return i.e.Kind == KindDir }
func (i info) Sys() any           { return i.e }
