package mhl

import (
	"context"
	"errors"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// errKilled stands for the process being killed mid-write.
var errKilled = errors.New("killed")

// killFS is an OSFS whose process "dies" at the first write kill picks:
// nothing after it is written. With torn set, that write leaves half its
// data in a temporary file, as a kill during the write would.
type killFS struct {
	DirFS
	root string // the folder on disk, to leave a torn temp file in
	kill func(name string) bool
	torn bool
	dead bool
}

func (k *killFS) WriteFileAtomic(name string, data []byte) error {
	if k.dead {
		return errKilled
	}
	if k.kill(name) {
		k.dead = true
		if k.torn {
			p := filepath.Join(k.root, filepath.FromSlash(name))
			tmp := filepath.Join(filepath.Dir(p), "."+filepath.Base(p)+".tmp-4242")
			if err := os.WriteFile(tmp, data[:len(data)/2], 0o600); err != nil {
				return err
			}
		}
		return errKilled
	}
	return k.DirFS.WriteFileAtomic(name, data)
}

// A write killed at any point leaves a history that reads as it was
// before, or with the new generation whole; the next commit carries on.
func TestCommitKilled(t *testing.T) {
	isChain := func(name string) bool { return path.Base(name) == ChainName }
	isGen := func(name string) bool { return strings.HasSuffix(name, ".mhl") }
	tests := []struct {
		name      string
		kill      func(string) bool
		torn      bool
		unchained []string // what Read finds outside the chain after the kill
	}{
		{"before the chain", isChain, false, []string{"0002_A002R2EC_2020-01-17_143000Z.mhl"}},
		{"while writing the chain", isChain, true, []string{"0002_A002R2EC_2020-01-17_143000Z.mhl"}},
		{"while writing the generation", isGen, true, nil},
	}
	for _, tt := range tests {
		dir := copyTree(t, example("scenario_01", "travel_01"))
		before, _ := os.ReadFile(filepath.Join(dir, FolderName, ChainName))
		o := openDirFS(t, dir)
		h, err := Read(o, o.Name())
		if err != nil {
			t.Fatal(err)
		}
		s, err := Seal(context.Background(), h, o, gen2Date, SealOptions{Formats: []Format{MD5}})
		if err != nil {
			t.Fatal(err)
		}
		s.Generation.Process, s.Generation.Creator = Transfer, refCreator(gen2Date)
		_, err = Commit(context.Background(), h, &killFS{DirFS: o, root: dir, kill: tt.kill, torn: tt.torn}, s.Generation)
		if !errors.Is(err, errKilled) {
			t.Fatalf("%s: Commit = %v, want the kill", tt.name, err)
		}

		after, _ := os.ReadFile(filepath.Join(dir, FolderName, ChainName))
		if string(after) != string(before) {
			t.Errorf("%s: the chain changed", tt.name)
		}
		h, err = Read(o, o.Name())
		if err != nil {
			t.Fatalf("%s: reading after the kill: %v", tt.name, err)
		}
		if len(h.Generations) != 1 || !slices.Equal(h.Unchained, tt.unchained) {
			t.Errorf("%s: %d generations, unchained %q; want 1, %q", tt.name, len(h.Generations), h.Unchained, tt.unchained)
		}
		r, err := Verify(context.Background(), h, o, VerifyOptions{DirHashes: true})
		if err != nil || len(statuses(r)) != 0 || len(r.FailedDirs) != 0 || len(r.Problems) != len(tt.unchained) {
			t.Errorf("%s: verify after the kill: %v, %q, %+v, %q", tt.name, err, statuses(r), r.FailedDirs, r.Problems)
		}

		// The next run, a minute later, sets the orphan aside and commits.
		next := gen2Date.Add(time.Minute)
		s.Generation.Creator = refCreator(next)
		done, err := Commit(context.Background(), h, o, s.Generation)
		if err != nil {
			t.Fatalf("%s: committing after the kill: %v", tt.name, err)
		}
		wantAside := []string(nil)
		for _, n := range tt.unchained {
			wantAside = append(wantAside, "ascmhl/"+n+".unchained")
		}
		if !slices.Equal(done.SetAside, wantAside) || done.Generations[0] != "ascmhl/0002_A002R2EC_2020-01-17_143100Z.mhl" {
			t.Errorf("%s: committed %+v", tt.name, done)
		}
		h, err = Read(o, o.Name())
		if err != nil || len(h.Generations) != 2 || len(h.Problems()) != 0 {
			t.Fatalf("%s: after the next commit: %v, %+v", tt.name, err, h)
		}
		schemaCheck(t, dir)
	}
}

// A history whose first write was killed before its chain has no
// generation; the next commit starts it over.
func TestCommitKilledFirstGeneration(t *testing.T) {
	dir := media(t)
	o := openDirFS(t, dir)
	h, _ := Read(o, o.Name())
	s, err := Seal(context.Background(), h, o, gen1Date, SealOptions{})
	if err != nil {
		t.Fatal(err)
	}
	s.Generation.Process, s.Generation.Creator = InPlace, refCreator(gen1Date)
	k := &killFS{DirFS: o, root: dir, kill: func(name string) bool { return path.Base(name) == ChainName }}
	if _, err := Commit(context.Background(), h, k, s.Generation); !errors.Is(err, errKilled) {
		t.Fatalf("Commit = %v", err)
	}
	h, err = Read(o, o.Name())
	if err != nil || len(h.Generations) != 0 || len(h.Unchained) != 1 || h.NextSeq() != 1 {
		t.Fatalf("after the kill: %v, %+v", err, h)
	}
	r, err := Verify(context.Background(), h, o, VerifyOptions{})
	if err != nil || r.Count(New) != 3 || r.OK() {
		t.Errorf("verify after the kill: %v, %q, %q", err, statuses(r), r.Problems)
	}
	done, err := Commit(context.Background(), h, o, s.Generation)
	if err != nil || len(done.SetAside) != 1 {
		t.Fatalf("commit after the kill: %v, %+v", err, done)
	}
	if h, err = Read(o, o.Name()); err != nil || len(h.Generations) != 1 || len(h.Problems()) != 0 {
		t.Errorf("read after the next commit: %v, %+v", err, h)
	}
}
