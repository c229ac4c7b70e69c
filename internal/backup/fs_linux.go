package backup

import (
	"os"

	"golang.org/x/sys/unix"
)

// syncFS flushes the whole file system f is on to its disk: one call for
// a batch of files instead of one fsync each.
func syncFS(f *os.File) error {
	return unix.Syncfs(int(f.Fd()))
}

// dropCache asks the kernel to forget f's cached pages, which are clean
// once synced, so that reading f back reads the disk.
func dropCache(f *os.File) {
	_ = unix.Fadvise(int(f.Fd()), 0, 0, unix.FADV_DONTNEED)
}
