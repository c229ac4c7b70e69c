package main

import "testing"

func TestTreesAreDeterministic(t *testing.T) {
	a, b := randomBytes(1, 100), randomBytes(1, 100)
	if string(a) != string(b) || string(randomBytes(1, 64)) == string(randomBytes(2, 64)) {
		t.Fatal("randomBytes is not a function of its seed")
	}
}

func TestWriteScanTreeShape(t *testing.T) {
	dir := t.TempDir()
	if err := writeScanTree(dir, 2000); err != nil {
		t.Fatal(err)
	}
	files, size := countFiles(t, dir)
	if files != 2000 || size < 2000*1024 {
		t.Fatalf("scan tree: %d files, %d bytes", files, size)
	}
}
