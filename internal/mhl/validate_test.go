package mhl

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// goodGeneration is a valid generation for the example media.
func goodGeneration() Generation {
	h := "0ea03b369a463d9d"
	return Generation{
		Process: Transfer,
		Creator: Creator{Date: gen1Date, Hostname: "cart", Tool: "autobackup", ToolVersion: "1"},
		Files: []FileEntry{
			{Path: "Clips/a.mov", Size: 5, Hashes: []HashEntry{{Format: XXH64, Value: h, Action: Original}}},
		},
		Dirs: []DirEntry{{Path: "Clips", Hashes: []DirHash{{Format: XXH64, Content: h, Structure: h}}}},
		Root: []DirHash{{Format: XXH64, Content: h, Structure: h}},
	}
}

func TestCommitRejectsBadInput(t *testing.T) {
	hash := func(v string) []HashEntry { return []HashEntry{{Format: XXH64, Value: v, Action: Original}} }
	tests := []struct {
		name   string
		change func(g *Generation)
		substr string
	}{
		{"process", func(g *Generation) { g.Process = Flatten }, `process "flatten"`},
		{"no date", func(g *Generation) { g.Creator.Date = time.Time{} }, "creation date is missing"},
		{"no hostname", func(g *Generation) { g.Creator.Hostname = "" }, "hostname is missing"},
		{"no tool", func(g *Generation) { g.Creator.Tool = "" }, "tool name is missing"},
		{"bad email", func(g *Generation) { g.Creator.Authors = []Author{{Email: "ana"}} }, `email "ana"`},
		{"control character", func(g *Generation) { g.Creator.Comment = "bell\a" }, "U+0007"},
		{"year 10000", func(g *Generation) { g.Files[0].Modified = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC) }, "years 1 to 9999"},
		{"absolute path", func(g *Generation) { g.Files[0].Path = "/etc/passwd" }, "not a clean relative path"},
		{"dot-dot path", func(g *Generation) { g.Files[0].Path = "../x" }, "not a clean relative path"},
		{"path in ascmhl", func(g *Generation) { g.Files[0].Path = "B/ascmhl/x.mhl" }, "inside an ascmhl folder"},
		{"invalid UTF-8", func(g *Generation) { g.Files[0].Path = "a\xffb" }, "not valid UTF-8"},
		{"control in path", func(g *Generation) { g.Files[0].Path = "a\x01b" }, "U+0001"},
		{"no hash", func(g *Generation) { g.Files[0].Hashes = nil }, "no hash"},
		{"bad hash", func(g *Generation) { g.Files[0].Hashes = hash("xyz") }, "expected 16 hex digits"},
		{"two xxh64", func(g *Generation) { g.Files[0].Hashes = append(hash("0ea03b369a463d9d"), hash("0ea03b369a463d9d")...) }, "two xxh64"},
		{"bad action", func(g *Generation) { g.Files[0].Hashes[0].Action = "new" }, `action "new"`},
		{"negative size", func(g *Generation) { g.Files[0].Size = -1 }, "negative"},
		{"file twice", func(g *Generation) { g.Files = append(g.Files, g.Files[0]) }, "listed twice"},
		{"file and folder", func(g *Generation) { g.Dirs[0].Path = "Clips/a.mov" }, "listed twice"},
		{"file holding a file", func(g *Generation) {
			g.Files = append(g.Files, FileEntry{Path: "Clips/a.mov/b", Hashes: hash("0ea03b369a463d9d")})
		}, "inside it"},
		{"bad folder hash", func(g *Generation) { g.Dirs[0].Hashes[0].Structure = "" }, "structure hash"},
		{"bad root hash", func(g *Generation) { g.Root[0].Format = "crc32" }, "unknown hash format"},
		{"bad ignore", func(g *Generation) { g.Ignore = []string{"[a"} }, "not a valid glob"},
	}
	for _, tt := range tests {
		dir := media(t)
		o := openDirFS(t, dir)
		h, err := Read(o, o.Name())
		if err != nil {
			t.Fatal(err)
		}
		g := goodGeneration()
		tt.change(&g)
		_, err = Commit(context.Background(), h, o, g)
		if err == nil || !strings.Contains(err.Error(), tt.substr) {
			t.Errorf("%s: err = %v, want one containing %q", tt.name, err, tt.substr)
		}
		if _, err := os.Stat(filepath.Join(dir, FolderName)); !os.IsNotExist(err) {
			t.Errorf("%s: something was written", tt.name)
		}
	}
	// The good one itself is written.
	o := openDirFS(t, media(t))
	h, _ := Read(o, o.Name())
	if _, err := Commit(context.Background(), h, o, goodGeneration()); err != nil {
		t.Errorf("a good generation: %v", err)
	}
	h.Name = "a/b"
	if _, err := Commit(context.Background(), h, o, goodGeneration()); err == nil {
		t.Error("a history named with a slash: no error")
	}
}

func TestCommitCanonicalHashes(t *testing.T) {
	dir := media(t)
	o := openDirFS(t, dir)
	h, _ := Read(o, o.Name())
	g := goodGeneration()
	g.Files[0].Hashes[0].Value = "0EA03B369A463D9D"
	if _, err := Commit(context.Background(), h, o, g); err != nil {
		t.Fatal(err)
	}
	if r, _ := h.Lookup("Clips/a.mov"); r.Original[0].Value != "0ea03b369a463d9d" {
		t.Errorf("recorded %q", r.Original[0].Value)
	}
	if g.Files[0].Hashes[0].Value != "0EA03B369A463D9D" {
		t.Error("Commit changed its caller's generation")
	}
}
