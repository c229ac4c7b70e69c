package fsys

import (
	"os"
	"path/filepath"
	"testing"
)

func TestDataExtents(t *testing.T) {
	dir := t.TempDir()
	f, err := os.Create(filepath.Join(dir, "sparse"))
	must(t, err)
	defer f.Close()
	const size = 16 << 20
	must(t, f.Truncate(size))
	_, err = f.WriteAt([]byte("middle"), 8<<20)
	must(t, err)
	extents, err := dataExtents(int(f.Fd()), size)
	must(t, err)
	var data int64
	for _, e := range extents {
		data += e.Len
		if e.Off < 0 || e.Off+e.Len > size {
			t.Fatalf("extent %+v out of the file", e)
		}
	}
	if len(extents) == 0 || (data >= size && len(extents) != 1) {
		t.Fatalf("extents %+v", extents)
	}
	if data < size && (extents[0].Off > 8<<20 || extents[0].Off+extents[0].Len < 8<<20+6) {
		t.Fatalf("the data is not in the extents: %+v", extents)
	}
	empty, err := dataExtents(int(f.Fd()), 0)
	if err != nil || len(empty) != 0 {
		t.Fatalf("empty file: %+v, %v", empty, err)
	}
}
