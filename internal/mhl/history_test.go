package mhl

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// example is the folder of one reference-written example location.
func example(scenario, drive string) string {
	return filepath.Join("testdata", "examples", scenario, drive, "A002R2EC")
}

// examples lists every example location.
var examples = []struct{ scenario, drive string }{
	{"scenario_01", "travel_01"},
	{"scenario_02", "travel_01"},
	{"scenario_02", "file_server"},
	{"scenario_03", "travel_01"},
	{"scenario_03", "file_server"},
}

// mapFS loads the folder dir into a MapFS.
func mapFS(t *testing.T, dir string) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(filepath.Join(dir, p))
		m[p] = &fstest.MapFile{Data: data, Mode: 0o644}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// copyTree copies the folder src into a new temporary folder named like
// src and returns its path.
func copyTree(t *testing.T, src string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), filepath.Base(src))
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	return dst
}

func TestReadExamples(t *testing.T) {
	tests := []struct {
		scenario, drive string
		gens            int
		file            string
		size            int64
		original        []HashEntry // Format and Value only
		entries         int
	}{
		{"scenario_01", "travel_01", 1, "Sidecar.txt", 58, []HashEntry{{Format: XXH64, Value: "3ab5a4166b9bde44"}}, 1},
		{"scenario_02", "file_server", 2, "Clips/A002C007_141024_R2EC.mov", 4, []HashEntry{{Format: XXH64, Value: "7680e5f98f4a80fd"}}, 2},
		// The md5 of generation 2 is "verified": only xxh64 is original.
		{"scenario_03", "file_server", 2, "Clips/A002C006_141024_R2EC.mov", 5, []HashEntry{{Format: XXH64, Value: "0ea03b369a463d9d"}}, 3},
	}
	for _, tt := range tests {
		h, err := Read(os.DirFS(example(tt.scenario, tt.drive)), "A002R2EC")
		if err != nil {
			t.Fatalf("%s/%s: %v", tt.scenario, tt.drive, err)
		}
		if len(h.Generations) != tt.gens || len(h.Chain) != tt.gens || h.NextSeq() != tt.gens+1 {
			t.Errorf("%s: %d generations, %d chained, next %d; want %d", tt.scenario, len(h.Generations), len(h.Chain), h.NextSeq(), tt.gens)
		}
		if p := h.Problems(); len(p) != 0 {
			t.Errorf("%s: problems %q", tt.scenario, p)
		}
		r, ok := h.Lookup(tt.file)
		if !ok {
			t.Fatalf("%s: no record of %s", tt.scenario, tt.file)
		}
		var got []HashEntry
		for _, e := range r.Original {
			if e.Action != Original || e.Date.IsZero() {
				t.Errorf("%s: original entry %+v", tt.scenario, e)
			}
			got = append(got, HashEntry{Format: e.Format, Value: e.Value})
		}
		if r.Size != tt.size || !slices.Equal(got, tt.original) || len(r.Hashes) != tt.entries {
			t.Errorf("%s: %s = size %d, original %v, %d entries; want %d, %v, %d",
				tt.scenario, tt.file, r.Size, got, len(r.Hashes), tt.size, tt.original, tt.entries)
		}
		var paths []string
		for _, r := range h.Files() {
			paths = append(paths, r.Path)
		}
		want := []string{"Clips/A002C006_141024_R2EC.mov", "Clips/A002C007_141024_R2EC.mov", "Sidecar.txt"}
		if !slices.Equal(paths, want) {
			t.Errorf("%s: Files = %q", tt.scenario, paths)
		}
		if _, ok := h.Lookup("Clips"); ok {
			t.Errorf("%s: Lookup of a folder found a file record", tt.scenario)
		}
		g := h.Generations[0]
		if g.Creator.Tool != "ascmhl.py" || g.Creator.ToolVersion != "0.3 alpha" || g.Creator.Hostname != "myHost.local" ||
			g.Process != InPlace || !slices.Equal(g.Ignore, DefaultIgnore()) || len(g.Root) != 1 || len(g.Dirs) != 1 {
			t.Errorf("%s: generation 1 read as %+v", tt.scenario, g)
		}
	}
}

func TestReadNoHistory(t *testing.T) {
	h, err := Read(fstest.MapFS{"a.mov": {Data: []byte("a")}}, "X")
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Generations) != 0 || h.NextSeq() != 1 || len(h.Files()) != 0 || !slices.Equal(h.Ignore(), DefaultIgnore()) {
		t.Errorf("empty history read as %+v", h)
	}
}

func TestReadChainFaults(t *testing.T) {
	const gen1 = "ascmhl/0001_A002R2EC_2020-01-16_091500Z.mhl"
	const gen2 = "ascmhl/0002_A002R2EC_2020-01-17_143000Z.mhl"
	tests := []struct {
		name   string
		change func(fstest.MapFS)
		want   error  // errors.Is target, or nil
		substr string // in the error
	}{
		{"generation missing", func(m fstest.MapFS) { delete(m, gen2) }, ErrGenerationMissing, "0002_A002R2EC"},
		{"generation changed", func(m fstest.MapFS) {
			m[gen1].Data = []byte(strings.Replace(string(m[gen1].Data), "myHost", "myHorse", 1))
		}, ErrGenerationModified, "0001_A002R2EC"},
		{"chain not XML", func(m fstest.MapFS) { m["ascmhl/ascmhl_chain.xml"].Data = []byte("nope") }, nil, "not an ASC MHL chain file"},
		{"chain names a file elsewhere", func(m fstest.MapFS) {
			m["ascmhl/ascmhl_chain.xml"].Data = []byte(strings.Replace(string(m["ascmhl/ascmhl_chain.xml"].Data),
				"<path>0001_", "<path>../0001_", 1))
		}, nil, "no generation file name"},
	}
	for _, tt := range tests {
		m := mapFS(t, example("scenario_02", "file_server"))
		tt.change(m)
		_, err := Read(m, "A002R2EC")
		if err == nil || (tt.want != nil && !errors.Is(err, tt.want)) || !strings.Contains(err.Error(), tt.substr) {
			t.Errorf("%s: err = %v, want %v containing %q", tt.name, err, tt.want, tt.substr)
		}
	}
}

func TestReadUnchainedGeneration(t *testing.T) {
	m := mapFS(t, example("scenario_02", "file_server"))
	// As a write killed before its chain leaves it: the chain lists one.
	m["ascmhl/ascmhl_chain.xml"] = mapFS(t, example("scenario_02", "travel_01"))["ascmhl/ascmhl_chain.xml"]
	h, err := Read(m, "A002R2EC")
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Generations) != 1 || h.NextSeq() != 2 || !slices.Equal(h.Unchained, []string{"0002_A002R2EC_2020-01-17_143000Z.mhl"}) {
		t.Errorf("generations %d, next %d, unchained %q", len(h.Generations), h.NextSeq(), h.Unchained)
	}
	if p := h.Problems(); len(p) != 1 || !strings.Contains(p[0], "not in the chain") {
		t.Errorf("problems %q", p)
	}
	// Without any chain, no generation belongs to the history.
	delete(m, "ascmhl/ascmhl_chain.xml")
	if h, err = Read(m, "A002R2EC"); err != nil || len(h.Generations) != 0 || len(h.Unchained) != 2 {
		t.Errorf("no chain: %v, %+v", err, h)
	}
}
