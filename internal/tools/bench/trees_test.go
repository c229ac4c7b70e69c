package main

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFiles(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestEnsureTree(t *testing.T) {
	e := &env{work: t.TempDir(), log: io.Discard}
	dir := filepath.Join(e.work, "src", "large")
	// A generation cut short leaves only a partial folder, never dir.
	err := e.ensureTree(dir, "a tree", func(tmp string) error {
		writeFiles(t, tmp, map[string]string{"a": "1"})
		return errors.New("disk full")
	})
	if err == nil || !strings.Contains(err.Error(), "generating a tree: disk full") {
		t.Fatalf("error = %v", err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Fatalf("a failed generation left %s: %v", dir, err)
	}
	// The next one starts afresh and publishes the whole tree.
	err = e.ensureTree(dir, "a tree", func(tmp string) error {
		if _, err := os.Stat(filepath.Join(tmp, "a")); err == nil {
			t.Error("the partial tree was not removed first")
		}
		writeFiles(t, tmp, map[string]string{"b": "22"})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files, _, bytes, err := countTree(dir); err != nil || files != 1 || bytes != 2 {
		t.Fatalf("tree: %d files, %d bytes, %v", files, bytes, err)
	}
	// A tree that is there is kept.
	err = e.ensureTree(dir, "a tree", func(string) error { t.Error("generated again"); return nil })
	if err != nil {
		t.Fatal(err)
	}
}

func TestSameTreeAndEmptyDst(t *testing.T) {
	e := &env{work: t.TempDir()}
	writeFiles(t, e.tree("src", "small"), map[string]string{"s1/a": "abc", "s2/b": "de"})
	check := e.sameTree("small")
	if err := e.emptyDst(); err != nil {
		t.Fatal(err)
	}
	if err := check(); err == nil || !strings.Contains(err.Error(), "the copy is not there") {
		t.Fatalf("check of no copy = %v", err)
	}
	writeFiles(t, e.tree("dst", "small"), map[string]string{"s1/a": "abc"})
	if err := check(); err == nil || err.Error() != "the copy holds 1 file of 3 bytes; the source 2 files of 5 bytes" {
		t.Fatalf("check of half a copy = %v", err)
	}
	writeFiles(t, e.tree("dst", "small"), map[string]string{"s2/b": "de"})
	if err := check(); err != nil {
		t.Fatalf("check of a whole copy = %v", err)
	}
	if err := e.emptyDst(); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(filepath.Join(e.work, "dst", "footage", "acme"))
	if err != nil || len(entries) != 0 {
		t.Fatalf("dst after emptyDst: %v, %v", entries, err)
	}
}

func TestInstallerHas(t *testing.T) {
	in := &installer{log: io.Discard, missing: map[string]string{"b3sum": "the Debian package b3sum could not be installed"}}
	tests := []struct {
		cmd string
		ok  bool
		why string
	}{
		{"sh", true, ""},
		{"b3sum", false, "the Debian package b3sum could not be installed"},
		{"no-such-command-here", false, "not installed"},
	}
	for _, tt := range tests {
		if ok, why := in.has(tt.cmd); ok != tt.ok || why != tt.why {
			t.Errorf("has(%q) = %v, %q; want %v, %q", tt.cmd, ok, why, tt.ok, tt.why)
		}
	}
}
