package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDemoIsRepeatable(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	if err := writeDemo(a); err != nil {
		t.Fatal(err)
	}
	if err := writeDemo(b); err != nil {
		t.Fatal(err)
	}
	na, sa := countFiles(t, a)
	nb, sb := countFiles(t, b)
	if na != nb || sa != sb || na < 50 {
		t.Fatalf("two demos differ or are too small: %d/%d files, %d/%d bytes", na, nb, sa, sb)
	}
	cfg, err := os.ReadFile(filepath.Join(a, ".config"))
	if err != nil || !strings.Contains(string(cfg), "add category render scratch/render/") {
		t.Fatalf(".config: %q, %v", cfg, err)
	}
	// A location held in two databases is the same bytes in both.
	x, err1 := os.ReadFile(filepath.Join(a, "WORK/project/acme/spot_30s/main.prj"))
	y, err2 := os.ReadFile(filepath.Join(a, "NAS/project/acme/spot_30s/main.prj"))
	if err1 != nil || err2 != nil || string(x) != string(y) {
		t.Fatalf("copies differ: %v %v", err1, err2)
	}
}
