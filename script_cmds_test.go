package main

import (
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// Extra testscript commands for building database trees.

// hardlink EXISTING NEW
func cmdHardlink(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: hardlink EXISTING NEW")
	}
	ts.Check(os.Link(ts.MkAbs(args[0]), ts.MkAbs(args[1])))
}

// mkfile SIZE PATH... writes files of SIZE bytes, creating their folders.
func cmdMkfile(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: mkfile SIZE PATH...")
	}
	size, err := strconv.Atoi(args[0])
	ts.Check(err)
	for _, p := range args[1:] {
		p = ts.MkAbs(p)
		ts.Check(os.MkdirAll(p[:strings.LastIndex(p, "/")], 0o755))
		ts.Check(os.WriteFile(p, []byte(strings.Repeat("x", size)), 0o644))
	}
}

// mtime RFC3339 PATH... sets modification times.
func cmdMtime(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: mtime RFC3339 PATH...")
	}
	t, err := time.Parse(time.RFC3339, args[0])
	ts.Check(err)
	for _, p := range args[1:] {
		ts.Check(os.Chtimes(ts.MkAbs(p), t, t))
	}
}
