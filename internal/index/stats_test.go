package index

import (
	"maps"
	"testing"
	"time"
)

var (
	t0 = time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)
	t1 = t0.Add(time.Hour)
	t2 = t0.Add(2 * time.Hour)
)

type file struct {
	id    FileID
	nlink uint64
	size  int64
	mtime time.Time
}

func statsOf(files ...file) *Stats {
	s := &Stats{}
	for _, f := range files {
		s.AddFile(f.id, f.nlink, f.size, f.mtime)
	}
	return s
}

func checkStats(t *testing.T, got *Stats, want Stats) {
	t.Helper()
	if got.Bytes != want.Bytes || got.Files != want.Files || !got.Modified.Equal(want.Modified) {
		t.Errorf("stats = {Bytes:%d Files:%d Modified:%v}, want {Bytes:%d Files:%d Modified:%v}",
			got.Bytes, got.Files, got.Modified, want.Bytes, want.Files, want.Modified)
	}
	if !maps.Equal(got.Links, want.Links) || (got.Links == nil) != (want.Links == nil) {
		t.Errorf("Links = %v (nil %v), want %v (nil %v)", got.Links, got.Links == nil, want.Links, want.Links == nil)
	}
}

func TestAddFile(t *testing.T) {
	a, b := FileID{Dev: 1, Ino: 10}, FileID{Dev: 1, Ino: 11}
	tests := []struct {
		name  string
		files []file
		want  Stats
	}{
		{
			name: "nothing",
			want: Stats{},
		},
		{
			name:  "one file",
			files: []file{{a, 1, 100, t0}},
			want:  Stats{Bytes: 100, Files: 1, Modified: t0},
		},
		{
			name:  "single links share no identity",
			files: []file{{a, 1, 100, t0}, {a, 1, 100, t0}},
			want:  Stats{Bytes: 200, Files: 2, Modified: t0},
		},
		{
			name:  "zero nlink counted each time",
			files: []file{{a, 0, 5, t0}, {a, 0, 5, t0}},
			want:  Stats{Bytes: 10, Files: 2, Modified: t0},
		},
		{
			name:  "hard link counted once",
			files: []file{{a, 2, 100, t1}, {a, 2, 100, t1}},
			want:  Stats{Bytes: 100, Files: 1, Modified: t1, Links: map[FileID]int64{a: 100}},
		},
		{
			name:  "hard link seen three times",
			files: []file{{a, 3, 100, t1}, {a, 3, 100, t1}, {a, 3, 100, t1}},
			want:  Stats{Bytes: 100, Files: 1, Modified: t1, Links: map[FileID]int64{a: 100}},
		},
		{
			name:  "two hard-linked files",
			files: []file{{a, 2, 100, t0}, {b, 2, 7, t1}, {a, 2, 100, t0}, {b, 2, 7, t1}},
			want:  Stats{Bytes: 107, Files: 2, Modified: t1, Links: map[FileID]int64{a: 100, b: 7}},
		},
		{
			name:  "same inode on another device is another file",
			files: []file{{FileID{Dev: 1, Ino: 10}, 2, 100, t0}, {FileID{Dev: 2, Ino: 10}, 2, 50, t0}},
			want:  Stats{Bytes: 150, Files: 2, Modified: t0, Links: map[FileID]int64{{Dev: 1, Ino: 10}: 100, {Dev: 2, Ino: 10}: 50}},
		},
		{
			name:  "mixed",
			files: []file{{b, 1, 1, t2}, {a, 2, 100, t0}, {a, 2, 100, t0}, {b, 1, 1, t1}},
			want:  Stats{Bytes: 102, Files: 3, Modified: t2, Links: map[FileID]int64{a: 100}},
		},
		{
			name:  "empty file",
			files: []file{{a, 1, 0, t1}},
			want:  Stats{Bytes: 0, Files: 1, Modified: t1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkStats(t, statsOf(tt.files...), tt.want)
		})
	}
}

func TestTouch(t *testing.T) {
	tests := []struct {
		name    string
		touches []time.Time
		want    time.Time
	}{
		{"none", nil, time.Time{}},
		{"zero", []time.Time{{}}, time.Time{}},
		{"one", []time.Time{t1}, t1},
		{"rising", []time.Time{t0, t1, t2}, t2},
		{"falling", []time.Time{t2, t1, t0}, t2},
		{"newest in the middle", []time.Time{t0, t2, t1}, t2},
		{"older than zero is ignored", []time.Time{time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC).Add(-time.Hour)}, time.Time{}},
		{"same instant", []time.Time{t1, t1.In(time.FixedZone("x", 3600))}, t1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s Stats
			for _, m := range tt.touches {
				s.Touch(m)
			}
			if !s.Modified.Equal(tt.want) {
				t.Errorf("Modified = %v, want %v", s.Modified, tt.want)
			}
			if s.Bytes != 0 || s.Files != 0 || s.Links != nil {
				t.Errorf("Touch changed counts: %+v", s)
			}
		})
	}
}

func TestAdd(t *testing.T) {
	a, b, c := FileID{Dev: 1, Ino: 10}, FileID{Dev: 1, Ino: 11}, FileID{Dev: 1, Ino: 12}
	tests := []struct {
		name string
		s, o *Stats
		want Stats
	}{
		{
			name: "both empty",
			s:    &Stats{},
			o:    &Stats{},
			want: Stats{},
		},
		{
			name: "into empty",
			s:    &Stats{},
			o:    statsOf(file{a, 1, 10, t1}),
			want: Stats{Bytes: 10, Files: 1, Modified: t1},
		},
		{
			name: "plain files add up",
			s:    statsOf(file{a, 1, 10, t2}),
			o:    statsOf(file{a, 1, 10, t1}),
			want: Stats{Bytes: 20, Files: 2, Modified: t2},
		},
		{
			name: "shared hard link counted once",
			s:    statsOf(file{a, 2, 100, t0}, file{b, 1, 1, t0}),
			o:    statsOf(file{a, 2, 100, t0}, file{c, 1, 2, t1}),
			want: Stats{Bytes: 103, Files: 3, Modified: t1, Links: map[FileID]int64{a: 100}},
		},
		{
			name: "hard links only in o are taken",
			s:    statsOf(file{b, 1, 1, t2}),
			o:    statsOf(file{a, 2, 100, t0}),
			want: Stats{Bytes: 101, Files: 2, Modified: t2, Links: map[FileID]int64{a: 100}},
		},
		{
			name: "hard links only in s are kept",
			s:    statsOf(file{a, 2, 100, t0}),
			o:    statsOf(file{b, 1, 1, t1}),
			want: Stats{Bytes: 101, Files: 2, Modified: t1, Links: map[FileID]int64{a: 100}},
		},
		{
			name: "some shared some not",
			s:    statsOf(file{a, 2, 100, t0}, file{b, 3, 20, t0}),
			o:    statsOf(file{b, 3, 20, t0}, file{c, 2, 3, t0}),
			want: Stats{Bytes: 123, Files: 3, Modified: t0, Links: map[FileID]int64{a: 100, b: 20, c: 3}},
		},
		{
			name: "same stats twice",
			s:    statsOf(file{a, 2, 100, t0}, file{b, 2, 20, t0}),
			o:    statsOf(file{a, 2, 100, t0}, file{b, 2, 20, t0}),
			want: Stats{Bytes: 120, Files: 2, Modified: t0, Links: map[FileID]int64{a: 100, b: 20}},
		},
		{
			name: "folder newer than files",
			s:    statsOf(file{a, 1, 1, t0}),
			o:    &Stats{Modified: t2},
			want: Stats{Bytes: 1, Files: 1, Modified: t2},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			oBefore := *tt.o
			oLinks := maps.Clone(tt.o.Links)
			tt.s.Add(tt.o)
			checkStats(t, tt.s, tt.want)
			if tt.o.Bytes != oBefore.Bytes || tt.o.Files != oBefore.Files || !tt.o.Modified.Equal(oBefore.Modified) || !maps.Equal(tt.o.Links, oLinks) {
				t.Errorf("Add changed its argument: %+v, was %+v", tt.o, oBefore)
			}
		})
	}
}

func TestAddDoesNotAliasLinks(t *testing.T) {
	a, b := FileID{Dev: 1, Ino: 10}, FileID{Dev: 1, Ino: 11}
	tests := []struct {
		name string
		o    *Stats
	}{
		{"hard link", statsOf(file{a, 2, 100, t0})},
		{"plain", statsOf(file{a, 1, 100, t0})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s Stats
			s.Add(tt.o)
			want := maps.Clone(tt.o.Links)
			s.AddFile(b, 2, 5, t1)
			if !maps.Equal(tt.o.Links, want) {
				t.Errorf("argument's Links = %v after changing the sum, want %v", tt.o.Links, want)
			}
		})
	}
}

func TestSum(t *testing.T) {
	a, b, c := FileID{Dev: 1, Ino: 10}, FileID{Dev: 1, Ino: 11}, FileID{Dev: 2, Ino: 10}
	tests := []struct {
		name string
		all  []*Stats
		want Stats
	}{
		{"none", nil, Stats{}},
		{"one", []*Stats{statsOf(file{a, 1, 5, t1})}, Stats{Bytes: 5, Files: 1, Modified: t1}},
		{
			name: "plain",
			all:  []*Stats{statsOf(file{a, 1, 5, t0}), statsOf(file{b, 1, 6, t2}), statsOf(file{c, 1, 7, t1})},
			want: Stats{Bytes: 18, Files: 3, Modified: t2},
		},
		{
			name: "hard link in three locations",
			all: []*Stats{
				statsOf(file{a, 3, 100, t0}, file{b, 1, 1, t0}),
				statsOf(file{a, 3, 100, t0}),
				statsOf(file{a, 3, 100, t0}, file{c, 2, 9, t1}),
			},
			want: Stats{Bytes: 110, Files: 3, Modified: t1, Links: map[FileID]int64{a: 100, c: 9}},
		},
		{
			name: "empty stats among others",
			all:  []*Stats{{}, statsOf(file{a, 2, 4, t0}), {Modified: t1}},
			want: Stats{Bytes: 4, Files: 1, Modified: t1, Links: map[FileID]int64{a: 4}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := make([]Stats, len(tt.all))
			for i, s := range tt.all {
				before[i] = *s
				before[i].Links = maps.Clone(s.Links)
			}
			got := Sum(tt.all...)
			checkStats(t, &got, tt.want)
			for i, s := range tt.all {
				checkStats(t, s, before[i])
			}
		})
	}
}
