package fsys

import (
	"fmt"
	"slices"
	"testing"
)

func TestList(t *testing.T) {
	files := map[string]string{"sub/": "", "l": "->x"}
	for i := range 700 { // more than one getdents buffer
		files[fmt.Sprintf("file-with-a-rather-long-name-%04d", i)] = "x"
	}
	d, _ := root(t, files)
	names, err := d.(*localDir).Names()
	must(t, err)
	if len(names) != 702 || !slices.Contains(names, "sub") || slices.Contains(names, ".") || slices.Contains(names, "..") {
		t.Fatalf("Names: %d names", len(names))
	}
	entries, err := d.List()
	must(t, err)
	kinds := map[Kind]int{}
	for _, e := range entries {
		kinds[e.Kind]++
	}
	if kinds[KindFile] != 700 || kinds[KindDir] != 1 || kinds[KindSymlink] != 1 {
		t.Fatalf("List kinds %v", kinds)
	}
}
