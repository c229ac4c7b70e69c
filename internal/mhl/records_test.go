package mhl

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// A file recorded under a new name with its previous path keeps its
// original hash.
func TestRecordsFollowRenames(t *testing.T) {
	dir := media(t)
	seal(t, dir, []Format{XXH64}, refCreator(gen1Date), nil)
	if err := os.Rename(filepath.Join(dir, "Sidecar.txt"), filepath.Join(dir, "Notes.txt")); err != nil {
		t.Fatal(err)
	}
	o := NewOSFS(dir)
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
