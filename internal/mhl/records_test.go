package mhl

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// A file recorded under a new name with its previous path keeps its
// original hash.
func TestRecordsFollowRenames(t *testing.T) {
	dir := media(t)
	seal(t, dir, []Format{XXH64}, refCreator(gen1Date), nil)
	if err := os.Rename(filepath.Join(dir, "Sidecar.txt"), filepath.Join(dir, "Notes.txt")); err != nil {
		t.Fatal(err)
	}
	o := openDirFS(t, dir)
	h, _ := Read(o, o.Name())
	g := goodGeneration()
	g.Files = []FileEntry{{Path: "Notes.txt", Size: 58, PreviousPath: "Sidecar.txt",
		Hashes: []HashEntry{{Format: XXH64, Value: "3ab5a4166b9bde44", Action: Verified}}}}
	g.Dirs = nil
	if _, err := Commit(context.Background(), h, o, g); err != nil {
		t.Fatal(err)
	}
	h, err := Read(o, o.Name())
	if err != nil {
		t.Fatal(err)
	}
	r, ok := h.Lookup("Notes.txt")
	if !ok || len(r.Original) != 1 || r.Original[0].Value != "3ab5a4166b9bde44" || len(r.Hashes) != 2 || r.Size != 58 {
		t.Errorf("Notes.txt: %+v, %v", r, ok)
	}
	if _, ok := h.Lookup("Sidecar.txt"); ok {
		t.Error("the old name is still recorded")
	}
	var paths []string
	for _, r := range h.Files() {
		paths = append(paths, r.Path)
	}
	if !slices.Equal(paths, []string{"Clips/A002C006_141024_R2EC.mov", "Clips/A002C007_141024_R2EC.mov", "Notes.txt"}) {
		t.Errorf("Files = %q", paths)
	}
	rep, err := Verify(context.Background(), h, o, VerifyOptions{})
	if err != nil || len(statuses(rep)) != 0 {
		t.Errorf("verify: %v, %q", err, statuses(rep))
	}
	schemaCheck(t, dir)
}

func TestJoinRel(t *testing.T) {
	tests := []struct{ dir, rel, want string }{
		{".", "a/b", "a/b"}, {"A", ".", "A"}, {"A/B", "c", "A/B/c"},
	}
	for _, tt := range tests {
		if got := joinRel(tt.dir, tt.rel); got != tt.want {
			t.Errorf("joinRel(%q, %q) = %q, want %q", tt.dir, tt.rel, got, tt.want)
		}
	}
}

// foreignHistory returns a MapFS holding a history of one generation file
// with the given <hashes> body, chained.
func foreignHistory(t *testing.T, hashes string) fstest.MapFS {
	t.Helper()
	const name = "0001_X_2020-01-16_091500Z.mhl"
	gen := hashList("2.0", hashes)
	c4, _ := C4.Sum(gen)
	chain := encodeChain([]ChainEntry{{Seq: 1, Name: name, Format: C4, Hash: c4}})
	return fstest.MapFS{"ascmhl/" + name: {Data: gen}, "ascmhl/" + ChainName: {Data: chain}}
}

func TestRecordedPathsCleaned(t *testing.T) {
	const h = `<xxh64 action="original">ef46db3751d8e999</xxh64>`
	tests := []struct {
		path, lookup, err string
	}{
		{"./Clips//a.mov", "Clips/a.mov", ""},
		{"Clips/./b/../a.mov", "Clips/a.mov", ""},
		{"../outside.mov", "", "not a clean relative path"},
		{"/etc/passwd", "", "not a clean relative path"},
		{".", "", "not a clean relative path"},
	}
	for _, tt := range tests {
		hist, err := Read(foreignHistory(t, `<hash><path>`+tt.path+`</path>`+h+`</hash>`), "X")
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%q: err = %v, want %q", tt.path, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%q: %v", tt.path, err)
		}
		if _, ok := hist.Lookup(tt.lookup); !ok {
			t.Errorf("%q: no record at %q", tt.path, tt.lookup)
		}
	}
}
