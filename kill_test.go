package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/bcnvisuals/autobackup/internal/testkit"
)

// TestKillAndResume copies a tree of over 100 MB with the real program,
// kills its whole process group at random moments, and checks after every
// kill that no file under its final name differs from the source. Then it
// runs the copy to the end and checks the destination is byte-identical,
// with no temp file left.
func TestKillAndResume(t *testing.T) {
	dir := t.TempDir()
	t.Cleanup(func() { makeWritable(dir) })
	src := filepath.Join(dir, "WORK/footage/acme/spot")
	dst := filepath.Join(dir, "NAS/footage/acme/spot")
	size := writeKillTree(t, src)
	if size < 100<<20 {
		t.Fatalf("the tree is %d bytes, want at least 100 MB", size)
	}
	must(t, os.MkdirAll(filepath.Join(dir, "NAS"), 0o755))
	cfg := filepath.Join(dir, "config")
	must(t, os.WriteFile(cfg, []byte("add database WORK WORK\nadd database NAS NAS\nadd category footage footage\nload\n"), 0o644))

	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 7))
	kills := 0
	for round := 0; kills < 10; round++ {
		if round > 60 {
			t.Fatalf("only %d of 60 rounds were killed while copying", kills)
		}
		delay := time.Duration(5+rng.IntN(400)) * time.Millisecond
		finished, err := runAndKill(cfg, delay)
		if err != nil {
			t.Fatal(err)
		}
		checkNoBadFinalNames(t, src, dst)
		if finished {
			// The copy completed before the kill: start again from empty,
			// so that the next kills land in the middle of a copy.
			must(t, os.RemoveAll(filepath.Join(dir, "NAS/footage")))
			continue
		}
		kills++
	}
	t.Logf("%d kills landed mid-copy", kills)
	for try := 0; ; try++ {
		out, err := copyCommand(cfg).CombinedOutput()
		if err == nil {
			break
		}
		if try == 2 {
			t.Fatalf("the copy does not finish after the kills: %v\n%s", err, out)
		}
	}
	if diff := compareTrees(src, dst); diff != "" {
		t.Fatalf("after the final run: %s", diff)
	}
	var temps []string
	filepath.WalkDir(filepath.Join(dir, "NAS"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(d.Name(), ".tmp") {
			temps = append(temps, p)
		}
		return nil
	})
	if len(temps) > 0 {
		t.Fatalf("temp files left: %q", temps)
	}
}

// copyCommand runs this test binary as autobackup (see TestMain).
func copyCommand(cfg string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "--config", cfg, "copy", "acme/spot", "footage", "WORK", "NAS")
	cmd.Dir = filepath.Dir(cfg)
	cmd.Env = append(os.Environ(), runMainEnv+"=1")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	return cmd
}

// runAndKill starts a copy and SIGKILLs its process group after delay. It
// reports whether the copy had already finished.
func runAndKill(cfg string, delay time.Duration) (finished bool, err error) {
	cmd := copyCommand(cfg)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		return false, err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			return false, fmt.Errorf("copy failed before the kill: %v\n%s", err, out.String())
		}
		return true, nil
	case <-time.After(delay):
	}
	_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	err = <-done
	var exit *exec.ExitError
	switch {
	case err == nil:
		return true, nil // it finished just before the kill
	case errors.As(err, &exit) && exit.Sys().(syscall.WaitStatus).Signal() == syscall.SIGKILL:
		return false, nil
	}
	return false, fmt.Errorf("the copy failed on its own instead of being killed: %v\n%s", err, out.String())
}

// checkNoBadFinalNames fails if any file under its final name at the
// destination differs from the source.
func checkNoBadFinalNames(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(dst, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if !d.Type().IsRegular() || strings.HasPrefix(d.Name(), ".autobackup-") {
			return nil
		}
		rel, _ := filepath.Rel(dst, p)
		a, err1 := os.ReadFile(filepath.Join(src, rel))
		b, err2 := os.ReadFile(p)
		if err1 != nil || err2 != nil || !bytes.Equal(a, b) {
			t.Fatalf("after a kill, %s differs from the source (%v, %v)", rel, err1, err2)
		}
		return nil
	})
	must(t, err)
}

// compareTrees returns how dst differs from src, or "": the content,
// mode and modification time of every file, and the mode and time of
// every folder.
func compareTrees(src, dst string) string {
	var diffs []string
	count := 0
	filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		count++
		rel, _ := filepath.Rel(src, p)
		a, _ := os.Lstat(p)
		b, err := os.Lstat(filepath.Join(dst, rel))
		switch {
		case err != nil:
			diffs = append(diffs, rel+" is missing")
		case a.Mode() != b.Mode() || !a.ModTime().Equal(b.ModTime()):
			diffs = append(diffs, fmt.Sprintf("%s is %v %v, not %v %v", rel, b.Mode(), b.ModTime(), a.Mode(), a.ModTime()))
		case d.Type().IsRegular():
			ca, _ := os.ReadFile(p)
			cb, _ := os.ReadFile(filepath.Join(dst, rel))
			if !bytes.Equal(ca, cb) {
				diffs = append(diffs, rel+" has other content")
			}
		}
		return nil
	})
	if len(diffs) > 0 {
		return fmt.Sprintf("%d of %d entries differ, such as %s", len(diffs), count, diffs[0])
	}
	return ""
}

// writeKillTree writes 6 files of 12 MB and 1,200 of 4-64 KB, of random
// bytes, and returns the total size.
func writeKillTree(t *testing.T, root string) int64 {
	rng := rand.New(rand.NewPCG(1, 2))
	var total int64
	put := func(name string, n int) {
		p := filepath.Join(root, name)
		must(t, os.MkdirAll(filepath.Dir(p), 0o755))
		b := make([]byte, n)
		for i := 0; i < n; i += 8 {
			v := rng.Uint64()
			for j := 0; j < 8 && i+j < n; j++ {
				b[i+j] = byte(v >> (8 * j))
			}
		}
		must(t, os.WriteFile(p, b, 0o644))
		total += int64(n)
	}
	for i := range 6 {
		put(fmt.Sprintf("day%d/A%03d.mov", i%2+1, i), 12<<20)
	}
	for i := range 1200 {
		put(fmt.Sprintf("frames/seq%02d/frame_%04d.exr", i/100, i), 4<<10+rng.IntN(60<<10))
	}
	// Folders with modes and times of their own, some read-only, set
	// deepest first: a resumed copy must end with the same.
	old := time.Date(2025, 3, 4, 5, 6, 7, 890, time.UTC)
	for i := range 12 {
		seq := filepath.Join(root, fmt.Sprintf("frames/seq%02d", i))
		must(t, os.Chmod(seq, []os.FileMode{0o555, 0o750, 0o700}[i%3]))
		must(t, os.Chtimes(seq, old, old.Add(time.Duration(i)*time.Hour)))
	}
	for _, d := range []string{"frames", "day1", "day2", "."} {
		must(t, os.Chtimes(filepath.Join(root, d), old, old))
	}
	return total
}

// makeWritable lets a non-root user remove read-only folders a test made.
func makeWritable(dir string) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			os.Chmod(p, 0o755)
		}
		return nil
	})
}

var must = testkit.Must
