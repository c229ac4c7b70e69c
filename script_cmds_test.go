package main

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
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

// mkfileq SIZE PATH... is mkfile for names no script line can hold: each
// PATH is read as the inside of a Go string literal, so 'a\nb' is a name
// with a newline in it.
func cmdMkfileq(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: mkfileq SIZE PATH...")
	}
	paths := make([]string, len(args)-1)
	for i, a := range args[1:] {
		p, err := strconv.Unquote(`"` + strings.ReplaceAll(a, `"`, `\"`) + `"`)
		if err != nil {
			ts.Fatalf("mkfileq: %s: %v", a, err)
		}
		paths[i] = p
	}
	cmdMkfile(ts, false, append([]string{args[0]}, paths...))
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

// readlink LINK TARGET checks that LINK is a symlink to TARGET.
func cmdReadlink(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: readlink LINK TARGET")
	}
	got, err := os.Readlink(ts.MkAbs(args[0]))
	if ok := err == nil && got == args[1]; ok == neg {
		ts.Fatalf("readlink %s = %q, %v; want %q", args[0], got, err, args[1])
	}
}

// samefile A B checks that A and B are hard links to one file.
func cmdSamefile(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: samefile A B")
	}
	a, err1 := os.Stat(ts.MkAbs(args[0]))
	b, err2 := os.Stat(ts.MkAbs(args[1]))
	if ok := err1 == nil && err2 == nil && os.SameFile(a, b); ok == neg {
		ts.Fatalf("samefile %s %s: %v (%v, %v)", args[0], args[1], ok, err1, err2)
	}
}

// manifest DIR FILE writes, for every entry below DIR, its path, type,
// mode, size, modification time and content hash, sorted. The .autobackup
// folder at its top, the tool's own state, is left out.
func cmdManifest(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: manifest DIR FILE")
	}
	root := ts.MkAbs(args[0])
	var lines []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if rel == ".autobackup" && d.IsDir() {
			return filepath.SkipDir // the tool's own state: the volume's marker
		}
		size := fi.Size()
		if fi.IsDir() {
			size = 0 // a folder's size is its file system's business
		}
		line := fmt.Sprintf("%s %v %d %d", rel, fi.Mode(), size, fi.ModTime().UnixNano())
		switch {
		case fi.Mode().IsRegular():
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			line += fmt.Sprintf(" %x", sha256.Sum256(b))
		case fi.Mode()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			line += " -> " + target
		}
		lines = append(lines, line)
		return nil
	})
	ts.Check(err)
	slices.Sort(lines)
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), []byte(strings.Join(lines, "\n")+"\n"), 0o644))
}

// recordArgs is a stand-in file manager for explore's tests: it writes
// its arguments, one per line, to $RECORD_ARGS.
func recordArgs() {
	f := os.Getenv("RECORD_ARGS")
	tmp := f + ".tmp"
	if err := os.WriteFile(tmp, []byte(strings.Join(os.Args[1:], "\n")+"\n"), 0o644); err != nil {
		os.Exit(1)
	}
	if err := os.Rename(tmp, f); err != nil {
		os.Exit(1)
	}
	os.Exit(0)
}

// waitfile FILE waits up to 10 seconds for FILE to exist.
func cmdWaitfile(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: waitfile FILE")
	}
	for range 200 {
		if _, err := os.Stat(ts.MkAbs(args[0])); err == nil {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	ts.Fatalf("%s did not appear", args[0])
}

// tmpfs DIR SIZE mounts a tmpfs of SIZE on DIR, unmounted when the script
// ends. Scripts check the [mount] condition first.
func cmdTmpfs(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: tmpfs DIR SIZE")
	}
	dir := ts.MkAbs(args[0])
	ts.Check(os.MkdirAll(dir, 0o755))
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+args[1], "tmpfs", dir).CombinedOutput(); err != nil {
		ts.Fatalf("mount: %v %s", err, out)
	}
	ts.Defer(func() { exec.Command("umount", "-l", dir).Run() })
}

// canMount reports whether this process may mount a tmpfs (as root in CI).
func canMount() bool {
	dir, err := os.MkdirTemp("", "autobackup-mount")
	if err != nil {
		return false
	}
	defer os.Remove(dir)
	if exec.Command("mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", dir).Run() != nil {
		return false
	}
	return exec.Command("umount", dir).Run() == nil
}
