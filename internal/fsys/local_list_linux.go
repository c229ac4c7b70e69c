package fsys

import (
	"encoding/binary"

	"golang.org/x/sys/unix"
)

// Offsets in a linux_dirent64 record.
const (
	direntIno    = 0
	direntReclen = 16
	direntType   = 18
	direntName   = 19
)

// scanEntries lists an open folder with getdents64 into buf, calling fn
// with each entry's name, its inode number and the kind the listing gives
// (known false where the file system does not say).
func scanEntries(fd int, buf []byte, fn func(name string, ino uint64, kind Kind, known bool)) error {
	for {
		n, err := unix.Getdents(fd, buf)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return err
		}
		if n <= 0 {
			return nil
		}
		for rec := buf[:n]; len(rec) >= direntName; {
			reclen := int(binary.NativeEndian.Uint16(rec[direntReclen:]))
			if reclen < direntName || reclen > len(rec) {
				break
			}
			name, typ := cstring(rec[direntName:reclen]), rec[direntType]
			ino := binary.NativeEndian.Uint64(rec[direntIno:])
			rec = rec[reclen:]
			if name == "." || name == ".." {
				continue
			}
			switch typ {
			case unix.DT_DIR:
				fn(name, ino, KindDir, true)
			case unix.DT_REG:
				fn(name, ino, KindFile, true)
			case unix.DT_LNK:
				fn(name, ino, KindSymlink, true)
			case unix.DT_UNKNOWN:
				fn(name, ino, KindFile, false)
			default:
				fn(name, ino, KindSpecial, true)
			}
		}
	}
}

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
