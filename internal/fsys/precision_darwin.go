package fsys

import (
	"time"

	"golang.org/x/sys/unix"
)

// precisions by file-system type name.
var precisions = map[string]time.Duration{
	"apfs":  time.Nanosecond,
	"hfs":   time.Second,
	"msdos": 2 * time.Second,
	"exfat": 10 * time.Millisecond,
	"smbfs": 100 * time.Nanosecond,
}

func fsPrecision(fd int) (time.Duration, bool) {
	var st unix.Statfs_t
	if err := retry(func() error { return unix.Fstatfs(fd, &st) }); err != nil {
		return 0, false
	}
	p, ok := precisions[unix.ByteSliceToString(st.Fstypename[:])]
	return p, ok
}
