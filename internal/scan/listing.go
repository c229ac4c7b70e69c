package scan

import (
	"errors"
	"io/fs"
	"path"

	"github.com/zeebo/xxh3"

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

// read lists the folder at rel below root. inProject is the folder's path
// inside its project, for the fingerprint, or nil outside projects.
// When follow is false, a folder that is a symlink is refused.
func (l *listing) read(root fsys.Scanner, base, rel string, follow bool, inProject *string) error {
	var seed uint64
	if inProject != nil {
		seed = xxh3.HashString(index.Canonical(*inProject))
	}
	self, err := root.Scan(rel, follow, func(e *fsys.Entry, err error) {
		if err != nil {
			l.fail(path.Join(base, rel, e.Name), err)
			return
		}
		l.add(e, inProject != nil, seed)
	})
	if err != nil {
		return err
	}
	l.files.Touch(self.ModTime)
	return nil
}

// add counts one entry.
func (l *listing) add(e *fsys.Entry, inProject bool, seed uint64) {
	if inProject && fsys.IsMetadata(e) { // a copy's temp file, or a manifest history
		if e.Kind == fsys.KindFile {
			l.files.Temps++
		}
		return
	}
	switch e.Kind {
	case fsys.KindDir:
		l.dirs = append(l.dirs, e.Name)
	case fsys.KindFile:
		l.files.AddFile(e.ID, e.Links, e.Size, e.ModTime)
	case fsys.KindSpecial:
		return // never copied, so not part of what a copy must match
	}
	if inProject {
		l.files.Fingerprint += entryPrint(seed, e)
	}
}
