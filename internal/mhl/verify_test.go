package mhl

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// verifyDir reads the history of dir and verifies dir against it.
func verifyDir(t *testing.T, dir string, opt VerifyOptions) *Report {
	t.Helper()
	h, err := Read(os.DirFS(dir), filepath.Base(dir))
	if err != nil {
		t.Fatal(err)
	}
	r, err := Verify(context.Background(), h, os.DirFS(dir), opt)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// statuses lists "path status" for every result that is not OK.
func statuses(r *Report) []string {
	var out []string
	for _, f := range r.Files {
		if f.Status != OK {
			out = append(out, f.Path+" "+f.Status.String())
		}
	}
	return out
}

func TestVerifyExamplesClean(t *testing.T) {
	for _, ex := range examples {
		dir := example(ex.scenario, ex.drive)
		r := verifyDir(t, dir, VerifyOptions{DirHashes: true})
		if !r.OK() || r.Count(OK) != 3 {
			t.Errorf("%s/%s: not clean: %q, dirs %+v, problems %q", ex.scenario, ex.drive, statuses(r), r.FailedDirs, r.Problems)
		}
	}
}

// Every directory hash the reference tool recorded for the examples, in
// every generation and format, is computed again from their files.
func TestExampleDirHashesReproduced(t *testing.T) {
	checked := 0
	for _, ex := range examples {
		dir := example(ex.scenario, ex.drive)
		h, err := Read(os.DirFS(dir), "A002R2EC")
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range h.Generations {
			recorded := map[string][]DirHash{".": g.Root}
			for _, d := range g.Dirs {
				recorded[d.Path] = d.Hashes
			}
			for p, hs := range recorded {
				for _, want := range hs {
					got := computeDirSum(t, dir, want.Format)[p]
					if got != (DirSum{want.Content, want.Structure}) {
						t.Errorf("%s/%s gen %d %s %s: computed %+v, recorded %+v", ex.scenario, ex.drive, g.Seq, p, want.Format, got, want)
					}
					checked++
				}
			}
		}
	}
	// 7 generations, each with a root hash and one for Clips.
	if checked != 14 {
		t.Errorf("checked %d recorded directory hashes, want 14", checked)
	}
}

// computeDirSum hashes the files of dir (without its ascmhl/) in format f
// and returns the directory hashes of its folders.
func computeDirSum(t *testing.T, dir string, f Format) map[string]DirSum {
	t.Helper()
	tr, _ := NewTree(f)
	err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.Name() == FolderName:
			return fs.SkipDir
		case d.IsDir():
			return tr.AddDir(p)
		}
		data, err := os.ReadFile(filepath.Join(dir, p))
		if err != nil {
			return err
		}
		s, _ := f.Sum(data)
		return tr.AddFile(p, s)
	})
	if err != nil {
		t.Fatal(err)
	}
	sums, err := tr.Sums()
	if err != nil {
		t.Fatal(err)
	}
	return sums
}

func TestVerifyNamesWhatChanged(t *testing.T) {
	const clip = "Clips/A002C006_141024_R2EC.mov"
	tests := []struct {
		name     string
		change   func(dir string) error
		want     []string
		wantDirs []string // "path format"
	}{
		{"one byte of one file", func(dir string) error {
			p := filepath.Join(dir, clip)
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			b[2] ^= 1
			return os.WriteFile(p, b, 0o644)
		}, []string{clip + " changed"}, []string{". xxh64", "Clips xxh64"}},
		{"a file removed", func(dir string) error { return os.Remove(filepath.Join(dir, "Sidecar.txt")) },
			[]string{"Sidecar.txt missing"}, []string{". xxh64"}},
		{"a file added", func(dir string) error {
			return os.WriteFile(filepath.Join(dir, "Clips", "new.mov"), []byte("x"), 0o644)
		},
			[]string{"Clips/new.mov new"}, []string{". xxh64", "Clips xxh64"}},
		{"ignored files added", func(dir string) error {
			return errors.Join(os.WriteFile(filepath.Join(dir, ".DS_Store"), []byte("x"), 0o644),
				os.WriteFile(filepath.Join(dir, "Clips", ".DS_Store"), []byte("x"), 0o644))
		}, nil, nil},
		{"a file renamed", func(dir string) error {
			return os.Rename(filepath.Join(dir, "Sidecar.txt"), filepath.Join(dir, "Notes.txt"))
		}, []string{"Notes.txt new", "Sidecar.txt missing"}, []string{". xxh64"}},
		{"the Clips folder removed", func(dir string) error { return os.RemoveAll(filepath.Join(dir, "Clips")) },
			[]string{"Clips missing", clip + " missing", "Clips/A002C007_141024_R2EC.mov missing"}, []string{". xxh64"}},
	}
	for _, tt := range tests {
		dir := copyTree(t, example("scenario_01", "travel_01"))
		if err := tt.change(dir); err != nil {
			t.Fatal(err)
		}
		r := verifyDir(t, dir, VerifyOptions{DirHashes: true})
		got := statuses(r)
		slices.Sort(got)
		slices.Sort(tt.want)
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: results %q, want %q", tt.name, got, tt.want)
		}
		var dirs []string
		for _, d := range r.FailedDirs {
			dirs = append(dirs, d.Path+" "+string(d.Format))
		}
		if !slices.Equal(dirs, tt.wantDirs) {
			t.Errorf("%s: failed folders %q, want %q", tt.name, dirs, tt.wantDirs)
		}
		if r.OK() != (len(tt.want) == 0 && len(tt.wantDirs) == 0) {
			t.Errorf("%s: OK() = %v", tt.name, r.OK())
		}
	}
}

func TestVerifyChangedReportsHashes(t *testing.T) {
	dir := copyTree(t, example("scenario_03", "file_server"))
	if err := os.WriteFile(filepath.Join(dir, "Sidecar.txt"), []byte("edited"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := verifyDir(t, dir, VerifyOptions{})
	want, _ := XXH64.Sum([]byte("edited"))
	i := slices.IndexFunc(r.Files, func(f FileResult) bool { return f.Path == "Sidecar.txt" })
	// Checked against the original xxh64, not the later verified md5.
	if f := r.Files[i]; f.Status != Changed || f.Format != XXH64 || f.Recorded != "3ab5a4166b9bde44" || f.Actual != want {
		t.Errorf("result %+v", f)
	}
	if len(r.FailedDirs) != 0 {
		t.Errorf("directory hashes compared without being asked: %+v", r.FailedDirs)
	}
}

func TestVerifyWithHashFuncAndMapFS(t *testing.T) {
	m := mapFS(t, example("scenario_02", "file_server"))
	h, err := Read(m, "A002R2EC")
	if err != nil {
		t.Fatal(err)
	}
	var asked []string
	hash := func(ctx context.Context, rel string, fs []Format) (map[Format]string, error) {
		asked = append(asked, fmt.Sprint(rel, fs))
		if rel == "Sidecar.txt" {
			return nil, errors.New("disk on fire")
		}
		return HashReader(ctx, bytesReader(m[rel].Data), fs...)
	}
	r, err := Verify(context.Background(), h, m, VerifyOptions{Hash: hash, Ignore: []string{"*7_141024_R2EC.mov"}})
	if err != nil {
		t.Fatal(err)
	}
	wantAsked := []string{"Clips/A002C006_141024_R2EC.mov[xxh64]", "Sidecar.txt[xxh64]"}
	if !slices.Equal(asked, wantAsked) {
		t.Errorf("hashed %q, want %q", asked, wantAsked)
	}
	got := statuses(r)
	if !slices.Equal(got, []string{"Sidecar.txt unreadable"}) || r.Files[1].Err == nil {
		t.Errorf("results %q", got)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Verify(ctx, h, m, VerifyOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled verify: %v", err)
	}
}

// bytesReader reads b.
func bytesReader(b []byte) *bytes.Reader { return bytes.NewReader(b) }
