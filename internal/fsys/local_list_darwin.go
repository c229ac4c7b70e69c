package fsys

import (
	"os"

	"golang.org/x/sys/unix"
)

// readNames lists an open folder through package os.
func readNames(fd int) ([]string, error) {
	dup, err := unix.Dup(fd)
	if err != nil {
		return nil, err
	}
	f := os.NewFile(uintptr(dup), ".")
	defer f.Close()
	return f.Readdirnames(-1)
}
