package fsys

import (
	"errors"
	"io"
	"io/fs"
	"testing"
	"testing/fstest"
	"time"
)

var t1 = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

func mapStudio() fstest.MapFS {
	return fstest.MapFS{
		"footage/acme/spot/a.mov":  {Data: []byte("0123456789"), ModTime: t1, Mode: 0o640},
		"footage/acme/spot/latest": {Data: []byte("a.mov"), Mode: fs.ModeSymlink | 0o777},
		"footage/acme/spot/empty":  {Mode: fs.ModeDir | 0o755},
	}
}

func TestFromFSRead(t *testing.T) {
	root := FromFS(mapStudio(), "WORK")
	spot, err := Walk(root, "footage/acme/spot")
	if err != nil {
		t.Fatal(err)
	}
	entries, err := spot.List()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Entry{}
	for _, e := range entries {
		got[e.Name] = e
	}
	tests := []struct {
		name   string
		kind   Kind
		size   int64
		target string
	}{
		{"a.mov", KindFile, 10, ""},
		{"latest", KindSymlink, 5, "a.mov"},
		{"empty", KindDir, 0, ""},
	}
	for _, tt := range tests {
		e, ok := got[tt.name]
		if !ok || e.Kind != tt.kind || e.Size != tt.size || e.Target != tt.target {
			t.Errorf("%s: %+v, want kind %v size %d target %q", tt.name, e, tt.kind, tt.size, tt.target)
		}
	}
	if !got["a.mov"].ModTime.Equal(t1) || got["a.mov"].Mode.Perm() != 0o640 {
		t.Errorf("a.mov: time %v mode %v", got["a.mov"].ModTime, got["a.mov"].Mode)
	}
	f, err := spot.Open("a.mov")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b := make([]byte, 4)
	if n, err := f.ReadAt(b, 6); n != 4 || string(b) != "6789" || (err != nil && !errors.Is(err, io.EOF)) {
		t.Errorf("ReadAt: %d %q %v", n, b, err)
	}
	if s, err := ReadFile(spot, "a.mov", 100); err != nil || string(s) != "0123456789" {
		t.Errorf("ReadFile: %q %v", s, err)
	}
}

func TestFromFSRefuses(t *testing.T) {
	spot, err := Walk(FromFS(mapStudio(), "WORK"), "footage/acme/spot")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		do   func() error
		want error
	}{
		{"symlink as folder", func() error { _, err := spot.OpenDir("latest"); return err }, ErrNotDir},
		{"symlink as file", func() error { _, err := spot.Open("latest"); return err }, fs.ErrInvalid},
		{"missing", func() error { _, err := spot.Lstat("nope"); return err }, fs.ErrNotExist},
		{"create", func() error { _, err := spot.Create("x", 0o644); return err }, ErrUnsupported},
		{"mkdir", func() error { return spot.Mkdir("x", 0o755) }, ErrUnsupported},
		{"rename", func() error { return spot.Rename("a.mov", spot, "b.mov") }, ErrUnsupported},
		{"remove", func() error { return spot.Remove("a.mov") }, ErrUnsupported},
		{"write", func() error {
			f, err := spot.Open("a.mov")
			if err != nil {
				return err
			}
			defer f.Close()
			_, err = f.Write([]byte("x"))
			return err
		}, ErrUnsupported},
	}
	for _, tt := range tests {
		if err := tt.do(); !errors.Is(err, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, err, tt.want)
		}
	}
}
