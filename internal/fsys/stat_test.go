package fsys

import (
	"io/fs"
	"testing"

	"golang.org/x/sys/unix"
)

func TestModes(t *testing.T) {
	for _, m := range []uint32{0o644, 0o4755, 0o2750, 0o1777, 0o7777, 0} {
		if got := SysMode(permOf(m)); got != m {
			t.Errorf("SysMode(permOf(%o)) = %o", m, got)
		}
	}
	tests := []struct {
		mode uint32
		kind Kind
		typ  fs.FileMode
	}{
		{unix.S_IFREG, KindFile, 0}, {unix.S_IFDIR, KindDir, fs.ModeDir}, {unix.S_IFLNK, KindSymlink, fs.ModeSymlink},
		{unix.S_IFIFO, KindSpecial, fs.ModeNamedPipe}, {unix.S_IFSOCK, KindSpecial, fs.ModeSocket},
		{unix.S_IFCHR, KindSpecial, fs.ModeDevice | fs.ModeCharDevice}, {unix.S_IFBLK, KindSpecial, fs.ModeDevice},
	}
	for _, tt := range tests {
		if kindOf(tt.mode) != tt.kind || typeOf(tt.mode) != tt.typ {
			t.Errorf("mode %o: kind %v type %v", tt.mode, kindOf(tt.mode), typeOf(tt.mode))
		}
	}
}
