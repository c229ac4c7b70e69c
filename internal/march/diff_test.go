package march

import (
	"testing"
	"time"

	"github.com/bcnvisuals/autobackup/internal/fsys"
)

func TestCompareAndDescribe(t *testing.T) {
	t0 := time.Date(2026, 1, 2, 3, 4, 5, 123456789, time.UTC)
	file := func(size int64, at time.Time) *fsys.Entry {
		return &fsys.Entry{Kind: fsys.KindFile, Size: size, ModTime: at}
	}
	link := func(target string) *fsys.Entry { return &fsys.Entry{Kind: fsys.KindSymlink, Target: target} }
	dir := &fsys.Entry{Kind: fsys.KindDir}
	fifo := &fsys.Entry{Kind: fsys.KindSpecial}
	tests := []struct {
		a, b      *fsys.Entry
		precision time.Duration
		diff      Diff
		words     string
	}{
		{file(1, t0), file(1, t0), time.Nanosecond, Same, "identical"},
		{file(136395, t0), file(136404, t0), time.Nanosecond, Size, "size differs: WORK 136,395 B, NAS 136,404 B"},
		{file(1, t0), file(1, t0.Add(time.Hour)), time.Nanosecond, Time, "modification time differs: WORK 2026-01-02 03:04:05 UTC, NAS 2026-01-02 04:04:05 UTC"},
		{file(1, t0), file(1, t0.Add(2*time.Millisecond)), time.Nanosecond, Time, "modification time differs: WORK 2026-01-02 03:04:05.123 UTC, NAS 2026-01-02 03:04:05.125 UTC"},
		{file(1, t0), file(1, t0.Add(7)), time.Nanosecond, Time, "modification time differs: WORK 2026-01-02 03:04:05.123456789 UTC, NAS 2026-01-02 03:04:05.123456796 UTC"},
		{file(1, t0), file(1, t0.Truncate(time.Second)), time.Second, Same, "identical"},
		{file(1, t0), dir, time.Nanosecond, Kind, "type differs: a file in WORK, a folder in NAS"},
		{link("a"), link("b"), time.Nanosecond, Target, `symlink target differs: "a" in WORK, "b" in NAS`},
		{link("a"), link("a"), time.Nanosecond, Same, "identical"},
		{dir, dir, time.Nanosecond, Same, "identical"},
		{file(1, t0), nil, time.Nanosecond, OnlyA, "only in WORK"},
		{nil, dir, time.Nanosecond, OnlyB, "only in NAS"},
		{fifo, nil, time.Nanosecond, Special, "a socket, device or FIFO: never copied"},
		{fifo, file(1, t0), time.Nanosecond, Kind, "type differs: a special file in WORK, a file in NAS"},
	}
	for _, tt := range tests {
		d := Compare(tt.a, tt.b, tt.precision)
		if d != tt.diff {
			t.Errorf("Compare(%+v, %+v) = %v, want %v", tt.a, tt.b, d, tt.diff)
			continue
		}
		if w := Describe(d, tt.a, tt.b, "WORK", "NAS"); w != tt.words {
			t.Errorf("Describe(%v) = %q, want %q", d, w, tt.words)
		}
	}
	if Describe(Content, nil, nil, "WORK", "NAS") != "content differs between WORK and NAS" {
		t.Error("Describe(Content)")
	}
	names := ""
	for d := Same; d <= Special; d++ {
		names += d.String() + ","
	}
	if names != "identical,only in A,only in B,type,size,time,target,content,special," {
		t.Errorf("names %q", names)
	}
}
