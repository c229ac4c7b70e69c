package fsys

import (
	"errors"
	"io/fs"

	"golang.org/x/sys/unix"
)

// List describes every entry of the folder, in no set order. An entry
// that vanishes between the listing and its description is left out.
func (d *localDir) List() ([]Entry, error) {
	names, err := d.Names()
	if err != nil {
		return nil, err
	}
	out := make([]Entry, 0, len(names))
	for _, name := range names {
		e, err := d.Lstat(name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

// Names lists the folder's entry names, in no set order.
func (d *localDir) Names() ([]string, error) {
	// A fresh open of the folder has an offset of its own, so that two
	// goroutines may list one Dir at once.
	fd, err := retryFd(func() (int, error) {
		return unix.Openat(d.fd, ".", unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	})
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: d.path, Err: err}
	}
	defer unix.Close(fd)
	names, err := readNames(fd)
	if err != nil {
		return nil, &fs.PathError{Op: "readdir", Path: d.path, Err: err}
	}
	return names, nil
}
