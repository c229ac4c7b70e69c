package cmd

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// studio writes a small studio under a temp folder:
//
//	WORK: project/acme/spot, project/acme/shot10, project/acme/shot2,
//	      footage/acme/spot, project/Big Co/Spot 2
//	NAS:  project/acme/spot, footage/zeta/one
//
// and returns a session that tracks and has loaded it.
func studio(t testing.TB) (*Session, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	dir := t.TempDir()
	files := map[string]int{
		"WORK/project/acme/spot/a.prj":          100,
		"WORK/project/acme/spot/sub/b.prj":      50,
		"WORK/project/acme/shot10/x":            1,
		"WORK/project/acme/shot2/x":             2,
		"WORK/footage/acme/spot/A001.mov":       1000,
		"WORK/project/Big Co/Spot 2/it's.prj":   3,
		"NAS/project/acme/spot/a.prj":           100,
		"NAS/footage/zeta/one/A001.mov":         10,
		"NAS/project/.Trashes/hidden/x":         1,
		"NAS/project/stray-file-not-a-client":   1,
		"WORK/footage/acme/.snapshot/hidden/xx": 1,
	}
	for name, size := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, bytes.Repeat([]byte("x"), size), 0o644); err != nil {
			t.Fatal(err)
		}
		// Fixed times: WORK's acme/spot project is the newer, with a file
		// NAS lacks.
		when := time.Date(2026, 10, 1, 14, 0, 0, 0, time.UTC)
		if name == "WORK/project/acme/spot/sub/b.prj" {
			when = when.Add(time.Hour)
		}
		if err := os.Chtimes(p, when, when); err != nil {
			t.Fatal(err)
		}
	}
	var out, errs bytes.Buffer
	s := NewSession(&out, &errs)
	s.Dir = dir
	for _, line := range []string{
		"add database WORK WORK",
		"add database NAS NAS",
		"add database OFF /nonexistent/autobackup/OFF",
		"add category project project",
		"add category footage footage",
		"load",
	} {
		if err := Run(context.Background(), s, line); err != nil {
			t.Fatalf("%s: %v", line, err)
		}
	}
	out.Reset()
	errs.Reset()
	return s, &out, &errs
}

func TestSessionAbs(t *testing.T) {
	home, err := os.UserHomeDir()
	if err != nil {
		t.Skip("no home folder")
	}
	s := NewSession(nil, nil)
	s.Dir = "/base/dir"
	tests := []struct{ in, want string }{
		{"WORK/", "/base/dir/WORK"},
		{"../up", "/base/up"},
		{"/abs/path/", "/abs/path"},
		{"~", home},
		{"~/x", filepath.Join(home, "x")},
		{"~user/x", "/base/dir/~user/x"},
	}
	for _, tt := range tests {
		got, err := s.Abs(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("Abs(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestUnknownName(t *testing.T) {
	tests := []struct {
		name  string
		known []string
		want  string
	}{
		{"NSA", []string{"WORK", "NAS"}, `unknown database "NSA" (did you mean "NAS"?)`},
		{"work", []string{"WORK", "NAS"}, `unknown database "work" (did you mean "WORK"?)`},
		{"ARCHIVE", []string{"WORK", "NAS"}, `unknown database "ARCHIVE" (known: WORK, NAS)`},
		{"X", nil, `unknown database "X": no database is tracked yet (add database NAME PATH)`},
	}
	for _, tt := range tests {
		if got := unknownName("database", tt.name, tt.known).Error(); got != tt.want {
			t.Errorf("unknownName(%q) = %s, want %s", tt.name, got, tt.want)
		}
	}
}

func TestNeedLoaded(t *testing.T) {
	s := NewSession(nil, nil)
	if err := s.needLoaded(); err == nil || !strings.Contains(err.Error(), "add database") {
		t.Fatalf("no databases: %v", err)
	}
	s.Dir = t.TempDir()
	if err := Run(context.Background(), s, "add database A a"); err != nil {
		t.Fatal(err)
	}
	if err := s.needLoaded(); err == nil || !strings.Contains(err.Error(), "run 'load'") {
		t.Fatalf("not loaded: %v", err)
	}
	s2, _, _ := studio(t)
	if err := s2.needLoaded(); err != nil {
		t.Fatalf("loaded: %v", err)
	}
}

func TestPrintJSON(t *testing.T) {
	var out bytes.Buffer
	s := NewSession(&out, nil)
	if err := s.printJSON(map[string][]string{"clients": {"a b", "ü"}}); err != nil {
		t.Fatal(err)
	}
	if got, want := out.String(), `{"clients":["a b","ü"]}`+"\n"; got != want {
		t.Fatalf("printJSON wrote %q, want %q", got, want)
	}
}

func TestUnknownCategoryWithNoneTracked(t *testing.T) {
	want := `unknown category "footage": no category is tracked yet (add category NAME RELPATH)`
	if got := unknownName("category", "footage", nil).Error(); got != want {
		t.Fatalf("got %s, want %s", got, want)
	}
}
