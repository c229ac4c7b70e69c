package mhl

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestSealFindsFailedAndMissing(t *testing.T) {
	dir := copyTree(t, example("scenario_03", "file_server"))
	writeFiles(t, dir, map[string]string{"Sidecar.txt": "edited", "Clips/new.mov": "new", "Clips/.DS_Store": "x"})
	if err := os.Remove(filepath.Join(dir, "Clips", "A002C007_141024_R2EC.mov")); err != nil {
		t.Fatal(err)
	}
	o := openDirFS(t, dir)
	h, err := Read(o, o.Name())
	if err != nil {
		t.Fatal(err)
	}
	// Asked for xxh128 only: each recorded file is hashed in its first
	// recorded format too, to be verified.
	s, err := Seal(context.Background(), h, o, gen2Date, SealOptions{Formats: []Format{XXH128}, Ignore: []string{"*.tmp"}})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(s.Failed, []string{"Sidecar.txt"}) || !slices.Equal(s.Missing, []string{"Clips/A002C007_141024_R2EC.mov"}) {
		t.Errorf("failed %q, missing %q", s.Failed, s.Missing)
	}
	actions := map[string]string{}
	for _, f := range s.Generation.Files {
		for _, e := range f.Hashes {
			actions[f.Path] += string(e.Format) + ":" + string(e.Action) + " "
		}
	}
	want := map[string]string{
		"Clips/A002C006_141024_R2EC.mov": "xxh128:verified xxh64:verified ",
		"Clips/new.mov":                  "xxh128:original ",
		"Sidecar.txt":                    "xxh64:failed ",
	}
	for p, w := range want {
		if actions[p] != w {
			t.Errorf("%s: %q, want %q", p, actions[p], w)
		}
	}
	g := s.Generation
	if len(g.Files) != 3 || len(g.Dirs) != 1 || g.Dirs[0].Path != "Clips" || len(g.Root) != 1 || g.Root[0].Format != XXH128 ||
		!slices.Equal(g.Ignore, []string{"*.tmp"}) {
		t.Errorf("generation %+v", g)
	}
	broken := func(context.Context, string, []Format) (map[Format]string, error) {
		return nil, errors.New("bad sector")
	}
	if _, err := Seal(context.Background(), h, o, gen2Date, SealOptions{Hash: broken}); err == nil {
		t.Error("Seal with a failing hash: no error")
	}
	if _, err := Seal(context.Background(), h, o, gen2Date, SealOptions{Formats: []Format{"crc"}}); err == nil {
		t.Error("Seal with an unknown format: no error")
	}
}
