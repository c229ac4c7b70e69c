package index

import (
	"time"

	"github.com/bcnvisuals/autobackup/internal/fsys"
)

// FileID identifies a file on its device, so that hard links to one file
// are counted once: the file system's own identity.
type FileID = fsys.ID

// Stats sums what lies below one location.
type Stats struct {
	Bytes    int64     // sizes of the regular files, each hard-linked file once
	Files    int64     // number of regular files, each hard-linked file once
	Modified time.Time // newest modification time of the files and the folder itself
	Newest   time.Time // newest modification time of the files alone: folder times move as entries come and go

	// Links holds the files with more than one hard link, with their sizes,
	// so that sums over several locations can count each of them once.
	// It is nil when there are none.
	Links map[FileID]int64

	// Fingerprint is an order-independent digest of the location's
	// listing: the sum of a hash of each entry's path inside the location,
	// kind, size, modification time (to 2 s, the coarsest precision a
	// database may keep) and symlink target. Two locations with the same
	// fingerprint hold the same names with the same sizes and times.
	Fingerprint uint64

	// Temps counts a copy's temp files and its unfinished marker found in
	// the location: a copy into it was interrupted and not resumed.
	Temps int64
}

// AddFile counts one regular file. A file with several hard links is
// counted only the first time its identity is seen.
func (s *Stats) AddFile(id FileID, nlink uint64, size int64, mtime time.Time) {
	if nlink > 1 {
		if _, seen := s.Links[id]; seen {
			return
		}
		if s.Links == nil {
			s.Links = map[FileID]int64{}
		}
		s.Links[id] = size
	}
	s.Bytes += size
	s.Files++
	s.Touch(mtime)
	if mtime.After(s.Newest) {
		s.Newest = mtime
	}
}

// Touch raises Modified to t if t is newer.
func (s *Stats) Touch(t time.Time) {
	if t.After(s.Modified) {
		s.Modified = t
	}
}

// Add folds o into s, counting a hard-linked file known to both only once.
func (s *Stats) Add(o *Stats) {
	bytes, files := o.Bytes, o.Files
	for id, size := range o.Links {
		if _, seen := s.Links[id]; seen {
			bytes -= size
			files--
			continue
		}
		if s.Links == nil {
			s.Links = map[FileID]int64{}
		}
		s.Links[id] = size
	}
	s.Bytes += bytes
	s.Files += files
	s.Fingerprint += o.Fingerprint
	s.Temps += o.Temps
	s.Touch(o.Modified)
	if o.Newest.After(s.Newest) {
		s.Newest = o.Newest
	}
}

// Sum returns the combined stats of several locations.
func Sum(all ...*Stats) Stats {
	var total Stats
	for _, s := range all {
		total.Add(s)
	}
	return total
}
