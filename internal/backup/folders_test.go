package backup

import (
	"os"
	"path/filepath"
	"testing"
)

func TestFolders(t *testing.T) {
	dir := t.TempDir()
	must(t, os.MkdirAll(filepath.Join(dir, "a/b"), 0o755))
	outside := t.TempDir()
	must(t, os.Symlink(outside, filepath.Join(dir, "escape")))
	root, err := os.OpenRoot(dir)
	must(t, err)
	defer root.Close()
	fo := newFolders(root)
	x, err := fo.get("a/b")
	must(t, err)
	y, err := fo.get("a/b")
	must(t, err)
	if x != y || fo.count() != 1 {
		t.Fatalf("a folder was opened twice: %d open", fo.count())
	}
	must(t, x.WriteFile("f", []byte("x"), 0o644))
	if _, err := os.Stat(filepath.Join(dir, "a/b/f")); err != nil {
		t.Fatalf("write through the folder: %v", err)
	}
	if _, err := fo.get("escape"); err == nil {
		t.Fatal("a folder reached through a symlink out of the root was opened")
	}
	if _, err := x.OpenFile("../../escape/g", os.O_CREATE|os.O_WRONLY, 0o644); err == nil {
		t.Fatal("a name with .. left the folder")
	}
	fo.closeAll()
	if fo.count() != 0 {
		t.Fatalf("%d folders open after closeAll", fo.count())
	}
	if entries, _ := os.ReadDir(outside); len(entries) != 0 {
		t.Fatalf("something was written outside: %v", entries)
	}
}

func TestInterleave(t *testing.T) {
	items := []Item{{Rel: "a/1"}, {Rel: "a/2"}, {Rel: "a/3"}, {Rel: "b/1"}, {Rel: "c/1"}, {Rel: "c/2"}}
	var got []string
	for _, it := range interleave(items) {
		got = append(got, it.Rel)
	}
	want := []string{"a/1", "b/1", "c/1", "a/2", "c/2", "a/3"}
	if len(got) != len(want) {
		t.Fatalf("interleave = %q", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("interleave = %q, want %q", got, want)
		}
	}
}

func TestBatchLen(t *testing.T) {
	var items []Item
	for i := range batchFiles + 5 {
		items = append(items, Item{Rel: "d/" + itoa(i), Size: 1})
	}
	if n := batchLen(items); n != batchFiles {
		t.Errorf("batchLen by count = %d", n)
	}
	big := []Item{{Rel: "a", Size: batchBytes}, {Rel: "b", Size: 1}}
	if n := batchLen(big); n != 1 {
		t.Errorf("batchLen by bytes = %d", n)
	}
	var spread []Item
	for i := range batchFolders + 3 {
		spread = append(spread, Item{Rel: itoa(i) + "/f"})
	}
	if n := batchLen(spread); n != batchFolders {
		t.Errorf("batchLen by folders = %d", n)
	}
}
