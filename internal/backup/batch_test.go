package backup

import (
	"testing"

	"github.com/bcnvisuals/autobackup/internal/fsys"
)

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
		items = append(items, Item{Rel: "d/" + itoa(i), Entry: fsys.Entry{Size: 1}})
	}
	if n := batchLen(items, batchFolders); n != batchFiles {
		t.Errorf("batchLen by count = %d", n)
	}
	big := []Item{{Rel: "a", Entry: fsys.Entry{Size: batchBytes}}, {Rel: "b", Entry: fsys.Entry{Size: 1}}}
	if n := batchLen(big, batchFolders); n != 1 {
		t.Errorf("batchLen by bytes = %d", n)
	}
	var spread []Item
	for i := range batchFolders + 3 {
		spread = append(spread, Item{Rel: itoa(i) + "/f"})
	}
	if n := batchLen(spread, batchFolders); n != batchFolders {
		t.Errorf("batchLen by folders = %d", n)
	}
	if n := batchLen(spread, 5); n != 5 {
		t.Errorf("batchLen with 5 folders open at most = %d", n)
	}
}

// TestFileSystemsOf (issue 7, item 19): a batch that wrote to two file
// systems syncs both.
func TestFileSystemsOf(t *testing.T) {
	a, err := fsys.OpenRoot(t.TempDir())
	must(t, err)
	defer a.Close()
	b, err := fsys.OpenRoot(t.TempDir())
	must(t, err)
	defer b.Close()
	ws := []*written{{dir: a}, {dir: b}, {dir: a}}
	if got := fileSystemsOf(ws); len(got) != 1 || got[0] != a {
		t.Fatalf("one file system: %d folders", len(got))
	}
	other, err := fsys.OpenRoot("/dev/shm")
	if err != nil || other.ID().Dev == a.ID().Dev {
		t.Skip("no second file system at /dev/shm")
	}
	defer other.Close()
	ws = append(ws, &written{dir: other})
	if got := fileSystemsOf(ws); len(got) != 2 || got[1] != other {
		t.Fatalf("two file systems: %d folders", len(got))
	}
}
