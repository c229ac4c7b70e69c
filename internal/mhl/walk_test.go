package mhl

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestWalkFolder(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a.mov": "a", "Sub/b.mov": "b", "Sub/skip.tmp": "t", "ascmhl/x.mhl": "x", "Sub/ascmhl/y.mhl": "y",
		"Proxy/p.mov": "p",
	}, "Empty")
	for link, target := range map[string]string{"link.mov": "a.mov", "linkdir": "Sub", "dangling": "nothing"} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	ig, _ := NewIgnore(append(DefaultIgnore(), "*.tmp", "Proxy/"))
	var got []string
	err := walkFolder(context.Background(), os.DirFS(dir), ig, func(rel string, isDir bool) error {
		if isDir {
			rel += "/"
		}
		got = append(got, rel)
		return nil
	})
	want := []string{"./", "Empty/", "Sub/", "Sub/b.mov", "a.mov", "link.mov"}
	if err != nil || !slices.Equal(got, want) {
		t.Errorf("walked %q, %v; want %q", got, err, want)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := walkFolder(ctx, os.DirFS(dir), ig, func(string, bool) error { return nil }); err == nil {
		t.Error("a cancelled walk: no error")
	}
}
