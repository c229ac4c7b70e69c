package fsys

import (
	"errors"

	"golang.org/x/sys/unix"
)

// Extent is a run of a file's bytes that holds data; the bytes between
// extents are holes, which read as zeros and take no space.
type Extent struct{ Off, Len int64 }

// dataExtents lists where a file of the given size holds data. A file
// system that cannot tell gives one extent over the whole file.
func dataExtents(fd int, size int64) ([]Extent, error) {
	var out []Extent
	for off := int64(0); off < size; {
		data, err := seek(fd, off, unix.SEEK_DATA)
		switch {
		case errors.Is(err, unix.ENXIO):
			return out, nil // only a hole is left
		case errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOTSUP):
			return []Extent{{0, size}}, nil
		case err != nil:
			return nil, err
		}
		hole, err := seek(fd, data, unix.SEEK_HOLE)
		if err != nil {
			return nil, err
		}
		hole = min(hole, size)
		if hole > data {
			out = append(out, Extent{data, hole - data})
		}
		off = hole
	}
	return out, nil
}

func seek(fd int, off int64, whence int) (int64, error) {
	for {
		n, err := unix.Seek(fd, off, whence)
		if err != unix.EINTR {
			return n, err
		}
	}
}
