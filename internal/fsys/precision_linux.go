package fsys

import (
	"time"

	"golang.org/x/sys/unix"
)

// precisions by file-system magic number (statfs f_type).
var precisions = map[int64]time.Duration{
	0xEF53:     time.Nanosecond,       // ext2, ext3, ext4
	0x58465342: time.Nanosecond,       // xfs
	0x9123683E: time.Nanosecond,       // btrfs
	0x01021994: time.Nanosecond,       // tmpfs
	0x2FC12FC1: time.Nanosecond,       // zfs
	0xF2F52010: time.Nanosecond,       // f2fs
	0x794c7630: time.Nanosecond,       // overlayfs
	0x7366746e: 100 * time.Nanosecond, // ntfs3
	0xFE534D42: 100 * time.Nanosecond, // smb2
	0xFF534D42: 100 * time.Nanosecond, // cifs
	0x2011BAB0: 10 * time.Millisecond, // exfat
	0x4d44:     2 * time.Second,       // msdos, vfat
	0x482b:     time.Second,           // hfsplus
}

func fsPrecision(fd int) (time.Duration, bool) {
	var st unix.Statfs_t
	if err := retry(func() error { return unix.Fstatfs(fd, &st) }); err != nil {
		return 0, false
	}
	p, ok := precisions[int64(st.Type)]
	return p, ok
}
