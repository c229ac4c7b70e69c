package fsys

import (
	"encoding/binary"

	"golang.org/x/sys/unix"
)

// Offsets in a linux_dirent64 record.
const (
	direntReclen = 16
	direntName   = 19
)

// readNames lists an open folder with getdents64.
func readNames(fd int) ([]string, error) {
	buf := make([]byte, 32<<10)
	var names []string
	for {
		n, err := unix.Getdents(fd, buf)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, err
		}
		if n <= 0 {
			return names, nil
		}
		names = appendNames(names, buf[:n])
	}
}

func appendNames(names []string, buf []byte) []string {
	for len(buf) >= direntName {
		reclen := int(binary.NativeEndian.Uint16(buf[direntReclen:]))
		if reclen < direntName || reclen > len(buf) {
			break
		}
		name := cstring(buf[direntName:reclen])
		buf = buf[reclen:]
		if name != "." && name != ".." {
			names = append(names, name)
		}
	}
	return names
}

func cstring(b []byte) string {
	for i, c := range b {
		if c == 0 {
			return string(b[:i])
		}
	}
	return string(b)
}
