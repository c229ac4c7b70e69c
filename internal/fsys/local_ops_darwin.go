package fsys

import (
	"golang.org/x/sys/unix"
)

func exchange(fromfd int, from string, tofd int, to string) error {
	return unix.RenameatxNp(fromfd, from, tofd, to, unix.RENAME_SWAP)
}

// SyncFS is not available here: the caller syncs each file instead.
func (d *localDir) SyncFS() error { return ErrUnsupported }

// forgetCache has no form here; a read-back may come from the cache.
func forgetCache(int) {}

// readAhead has no form here.
func readAhead(int) {}

// utimeOmit tells utimensat to leave a time as it is.
const utimeOmit = -2

// copyRange is not available here.
func copyRange(_, _ int, _, _ string, _, _ int64) error { return ErrUnsupported }

func renameNoReplace(fromfd int, from string, tofd int, to string) error {
	return unix.RenameatxNp(fromfd, from, tofd, to, unix.RENAME_EXCL)
}

// writeBehind has no form here.
func writeBehind(int, int64, int64) {}
