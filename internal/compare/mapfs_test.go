package compare

import (
	"context"
	"testing"
	"testing/fstest"
	"time"

	"github.com/bcnvisuals/autobackup/internal/fsys"
)

// TestDirsMapFS: compare reads any fsys.Dir: two in-memory trees behind
// fsys.FromFS compare entry by entry as two disks would.
func TestDirsMapFS(t *testing.T) {
	t1 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	a := fstest.MapFS{
		"same.mov":        {Data: []byte("abc"), ModTime: t1},
		"newer.mov":       {Data: []byte("abc"), ModTime: t1.Add(time.Hour)},
		"bigger.mov":      {Data: []byte("abcd"), ModTime: t1},
		"only-a/x.mov":    {Data: []byte("x"), ModTime: t1},
		"ascmhl/0001.mhl": {Data: []byte("<hashlist/>"), ModTime: t1},
	}
	b := fstest.MapFS{
		"same.mov":   {Data: []byte("abc"), ModTime: t1},
		"newer.mov":  {Data: []byte("abc"), ModTime: t1},
		"bigger.mov": {Data: []byte("abc"), ModTime: t1},
		"only-b.mov": {Data: []byte("yy"), ModTime: t1},
	}
	r, err := Dirs(context.Background(), fsys.FromFS(a, "A"), fsys.FromFS(b, "B"), time.Second)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Class{}
	for _, e := range r.Entries {
		got[e.Rel] = e.Class()
	}
	want := map[string]Class{"newer.mov": Differs, "bigger.mov": Differs, "only-a/x.mov": OnlyA, "only-b.mov": OnlyB}
	for rel, c := range want {
		if got[rel] != c {
			t.Errorf("%s: %v, want %v", rel, got[rel], c)
		}
	}
	if _, ok := got["ascmhl/0001.mhl"]; ok {
		t.Error("the manifest history was compared as content")
	}
	if r.Same() {
		t.Error("Same() with differences")
	}
}
