package mhl

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// writeFiles creates files (path: content) and empty folders under dir.
func writeFiles(t *testing.T, dir string, files map[string]string, empty ...string) {
	t.Helper()
	for p, c := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range empty {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
}

// readText returns the text of a file below dir.
func readText(t *testing.T, dir, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The reference tool's tests/test_nested.py, step by step: histories
// sealed in sub-folders first, then the whole folder.
func TestCommitNested(t *testing.T) {
	root := filepath.Join(t.TempDir(), "root")
	writeFiles(t, root, map[string]string{
		"Stuff.txt": "stuff\n", "A/A1.txt": "A1\n", "B/B1.txt": "B1\n", "A/A2.txt": "A2\n",
		"C/C1.txt": "A2\n", "A/AA/AA1.txt": "AA1\n",
	}, "emptyFolderA")
	day := time.Date(2020, 1, 16, 9, 15, 0, 0, time.UTC)
	seal(t, filepath.Join(root, "A", "AA"), []Format{XXH64}, refCreator(day), nil)
	seal(t, filepath.Join(root, "B"), []Format{XXH64}, refCreator(day), nil)
	_, done := seal(t, root, []Format{XXH64}, refCreator(day), nil)
	want := []string{
		"A/AA/ascmhl/0002_AA_2020-01-16_091500Z.mhl",
		"B/ascmhl/0002_B_2020-01-16_091500Z.mhl",
		"ascmhl/0001_root_2020-01-16_091500Z.mhl",
	}
	if !slices.Equal(done.Generations, want) {
		t.Fatalf("wrote %q, want %q", done.Generations, want)
	}
	top := readText(t, root, want[2])
	for _, s := range []string{
		"<path>A/AA/ascmhl/0002_AA_2020-01-16_091500Z.mhl</path>", "<path>B/ascmhl/0002_B_2020-01-16_091500Z.mhl</path>",
		">C/C1.txt</path>", ">A/AA</path>", ">emptyFolderA</path>",
	} {
		if !strings.Contains(top, s) {
			t.Errorf("the top generation lacks %s", s)
		}
	}
	if strings.Contains(top, "AA1.txt") || strings.Contains(top, "B1.txt") {
		t.Error("the top generation records files of nested histories")
	}
	aa := readText(t, root, want[0])
	if !strings.Contains(aa, "<roothash>") || !strings.Contains(aa, `<path size="4"`) || !strings.Contains(aa, `action="verified"`) {
		t.Errorf("the nested generation is not as expected:\n%s", aa)
	}

	h, err := Read(os.DirFS(root), "root")
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Children) != 2 || h.Children[0].Dir != "A/AA" || h.Children[1].Dir != "B" || len(h.Problems()) != 0 {
		t.Fatalf("children %+v, problems %q", h.Children, h.Problems())
	}
	rec, ok := h.Lookup("A/AA/AA1.txt")
	if !ok || len(rec.Original) != 1 || len(rec.Hashes) != 2 || rec.Path != "A/AA/AA1.txt" {
		t.Errorf("A/AA/AA1.txt: %+v, %v", rec, ok)
	}
	if n := len(h.Files()); n != 6 {
		t.Errorf("%d files recorded, want 6", n)
	}
	r, err := Verify(context.Background(), h, os.DirFS(root), VerifyOptions{DirHashes: true})
	if err != nil || !r.OK() || r.Count(OK) != 6 {
		t.Errorf("verify: %v, %q, %+v, %q", err, statuses(r), r.FailedDirs, r.Problems)
	}

	// A file added to the nested history: a new generation there and in
	// every history that holds it (B's file is verified again, too).
	writeFiles(t, root, map[string]string{"A/AA/AA2.txt": "AA2\n"})
	_, done = seal(t, root, []Format{XXH64}, refCreator(day.Add(time.Hour)), nil)
	want = []string{
		"A/AA/ascmhl/0003_AA_2020-01-16_101500Z.mhl",
		"B/ascmhl/0003_B_2020-01-16_101500Z.mhl",
		"ascmhl/0002_root_2020-01-16_101500Z.mhl",
	}
	if !slices.Equal(done.Generations, want) {
		t.Errorf("wrote %q, want %q", done.Generations, want)
	}
	if top := readText(t, root, want[2]); strings.Contains(top, "AA2.txt") || !strings.Contains(top, "0003_AA_") {
		t.Errorf("the second top generation:\n%s", top)
	}
	schemaCheck(t, root)
}

func TestReadNestedFaults(t *testing.T) {
	root := filepath.Join(t.TempDir(), "root")
	writeFiles(t, root, map[string]string{"Stuff.txt": "stuff\n", "B/B1.txt": "B1\n", "B/BB/BB1.txt": "BB1\n"})
	day := time.Date(2020, 1, 16, 9, 15, 0, 0, time.UTC)
	seal(t, filepath.Join(root, "B", "BB"), []Format{XXH64}, refCreator(day), nil)
	_, done := seal(t, root, []Format{XXH64}, refCreator(day), nil)
	// B has no history: the top one references BB's directly.
	if want := "ascmhl/0001_root_2020-01-16_091500Z.mhl"; done.Generations[1] != want ||
		!strings.Contains(readText(t, root, want), "<path>B/BB/ascmhl/0002_BB_2020-01-16_091500Z.mhl</path>") {
		t.Fatalf("wrote %q", done.Generations)
	}

	nested := filepath.Join(root, "B", "BB", FolderName, "0002_BB_2020-01-16_091500Z.mhl")
	good, _ := os.ReadFile(nested)
	if err := os.WriteFile(nested, append(good, ' '), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Read(os.DirFS(root), "root"); !errors.Is(err, ErrGenerationModified) || !strings.Contains(err.Error(), "B/BB/ascmhl/0002_BB") {
		t.Errorf("a nested generation changed: %v", err)
	}

	if err := os.RemoveAll(filepath.Join(root, "B", "BB", FolderName)); err != nil {
		t.Fatal(err)
	}
	h, err := Read(os.DirFS(root), "root")
	if err != nil {
		t.Fatal(err)
	}
	if p := h.Problems(); len(p) != 1 || !strings.Contains(p[0], "B/BB/ascmhl/0002_BB_2020-01-16_091500Z.mhl, but that folder has no history") {
		t.Errorf("problems %q", p)
	}
	r, err := Verify(context.Background(), h, os.DirFS(root), VerifyOptions{})
	if err != nil || r.OK() || !slices.Equal(statuses(r), []string{"B/BB/BB1.txt new"}) {
		t.Errorf("verify: %v, %q, %q", err, statuses(r), r.Problems)
	}
}
