package mhl

import (
	"testing"
)

// treeOf builds a Tree of format f over files (path: content) and empty
// folders.
func treeOf(t *testing.T, f Format, files map[string]string, dirs ...string) *Tree {
	t.Helper()
	tr, err := NewTree(f)
	if err != nil {
		t.Fatal(err)
	}
	for p, content := range files {
		h, err := f.Sum([]byte(content))
		if err != nil {
			t.Fatal(err)
		}
		if err := tr.AddFile(p, h); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range dirs {
		if err := tr.AddDir(d); err != nil {
			t.Fatal(err)
		}
	}
	return tr
}

// The expected values are the ones the reference tool's own tests assert
// (tests/test_dirhash.py and tests/test_create.py) for the same trees.
func TestTreeSumsMatchReference(t *testing.T) {
	simple := map[string]string{"Stuff.txt": "stuff\n", "A/A1.txt": "A1\n"}
	grown := map[string]string{
		"Stuff.txt": "stuff\n", "A/A1.txt": "A1\n", "B/B1.txt": "B1\n",
		"A/A2.txt": "A2\n", "A/AA/AA1.txt": "AA1\n",
	}
	empties := []string{"emptyFolderA", "emptyFolderB", "emptyFolderC/emptyFolderCA", "emptyFolderC/emptyFolderCB"}
	tests := []struct {
		name      string
		tree      *Tree
		dir       string
		content   string
		structure string // "" when the reference asserts none
	}{
		{"simple A", treeOf(t, XXH64, simple), "A", "d3904ee76bba3d2a", "3fbe33b2924e26aa"},
		{"simple root", treeOf(t, XXH64, simple), ".", "ca56d22f064fdf1b", "2ccca3899111eabb"},
		{"grown A", treeOf(t, XXH64, grown, empties...), "A", "cc195301a14023a9", ""},
		{"grown root", treeOf(t, XXH64, grown, empties...), ".", "4ccac5e6856ecf04", ""},
		{"empty folder", treeOf(t, XXH64, grown, empties...), "emptyFolderA", "ef46db3751d8e999", ""},
		{"empty folders in a folder", treeOf(t, XXH64, grown, empties...), "emptyFolderC", "cf4b060700272aa6", "949018e6a4932905"},
	}
	for _, tt := range tests {
		sums, err := tt.tree.Sums()
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		got := sums[tt.dir]
		if got.Content != tt.content || (tt.structure != "" && got.Structure != tt.structure) {
			t.Errorf("%s: %s = %+v, want content %s structure %s", tt.name, tt.dir, got, tt.content, tt.structure)
		}
	}
}

// The values a reference run recorded for the example media (its log.txt).
func TestTreeSumsMatchExampleLog(t *testing.T) {
	files := map[string]map[Format]string{
		"Clips/A002C006_141024_R2EC.mov": {XXH64: "0ea03b369a463d9d", MD5: "f5ac8127b3b6b85cdc13f237c6005d80"},
		"Clips/A002C007_141024_R2EC.mov": {XXH64: "7680e5f98f4a80fd", MD5: "614dd0e977becb4c6f7fa99e64549b12"},
		"Sidecar.txt":                    {XXH64: "3ab5a4166b9bde44", MD5: "6425c5a180ca0f420dd2b25be4536a91"},
	}
	want := map[Format]map[string]DirSum{
		XXH64: {
			"Clips": {"4c226b42e27d7af3", "906faa843d591a9f"},
			".":     {"8d02114c32e28cbe", "f557f8ca8e5a88ef"},
		},
		MD5: {
			"Clips": {"202a2d71b56b080d9b089c1f4f29a4ba", "4a739024fd19d928e9dea6bb5c480200"},
			".":     {"6fae2da9bc6dca45486cb91bfea6db70", "be1f2eaed208efbed061845a64cacdfa"},
		},
	}
	for f, dirs := range want {
		tr, _ := NewTree(f)
		for p, hs := range files {
			if err := tr.AddFile(p, hs[f]); err != nil {
				t.Fatal(err)
			}
		}
		sums, err := tr.Sums()
		if err != nil {
			t.Fatal(err)
		}
		for d, w := range dirs {
			if sums[d] != w {
				t.Errorf("%s %s = %+v, want %+v", f, d, sums[d], w)
			}
		}
	}
}

func TestTreeRejects(t *testing.T) {
	h := "ef46db3751d8e999"
	tests := []struct {
		name string
		do   func(*Tree) error
	}{
		{"absolute", func(tr *Tree) error { return tr.AddFile("/a", h) }},
		{"dot-dot", func(tr *Tree) error { return tr.AddFile("../a", h) }},
		{"root as file", func(tr *Tree) error { return tr.AddFile(".", h) }},
		{"bad hash", func(tr *Tree) error { return tr.AddFile("a", "xyz") }},
		{"twice", func(tr *Tree) error { tr.AddFile("a", h); return tr.AddFile("a", h) }},
		{"file then folder", func(tr *Tree) error { tr.AddFile("a", h); return tr.AddDir("a") }},
		{"folder then file", func(tr *Tree) error { tr.AddFile("a/b", h); return tr.AddFile("a", h) }},
	}
	for _, tt := range tests {
		tr, _ := NewTree(XXH64)
		if err := tt.do(tr); err == nil {
			t.Errorf("%s: no error", tt.name)
		}
	}
	if _, err := NewTree("crc"); err == nil {
		t.Error("NewTree(crc): no error")
	}
}
