package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
)

// sizes are the trees' sizes and the counts of a run: the full set, or a
// small one for checking the harness.
type sizes struct {
	loadFiles, coldLoadFiles int // files of the load studio and of the cold one
	largeCount, largeMB      int
	smallCount               int
	ddMB                     int
	runs                     int
	goBenchtime              string
}

var (
	fullSizes  = sizes{loadFiles: 200_000, coldLoadFiles: 1_000_000, largeCount: 4, largeMB: 512, smallCount: 50_000, ddMB: 1024, runs: 7, goBenchtime: "40x"}
	quickSizes = sizes{loadFiles: 2_000, coldLoadFiles: 10_000, largeCount: 4, largeMB: 16, smallCount: 500, ddMB: 64, runs: 3, goBenchtime: "3x"}
)

// env is where a run works: the project, the trees, the binaries.
type env struct {
	top     string // the project's folder
	work    string // where the trees are: _bench, or _bench/quick
	bin     string // the autobackup binary
	gen     string // the genstudio binary
	sz      sizes
	runs    int
	warmup  int
	peers   *installer
	run     runner
	machine Machine
	log     io.Writer
}

// build compiles autobackup into the project's folder (as `make build`)
// and genstudio beside the trees.
func (e *env) build(ctx context.Context) error {
	if err := os.MkdirAll(e.work, 0o755); err != nil {
		return err
	}
	for _, b := range [][2]string{{e.bin, "."}, {e.gen, "./internal/tools/genstudio"}} {
		cmd := exec.CommandContext(ctx, "go", "build", "-o", b[0], b[1])
		cmd.Dir = e.top
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("go build %s: %w\n%s", b[1], err, out)
		}
	}
	return nil
}

// ensureTree makes the tree at dir by running write on a temporary folder
// beside it, renamed to dir when complete: a tree that is there is whole.
// A tree already there is kept.
func (e *env) ensureTree(dir, what string, write func(tmp string) error) error {
	if _, err := os.Stat(dir); err == nil {
		return nil
	}
	tmp := filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+".partial")
	if err := os.RemoveAll(tmp); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return err
	}
	fmt.Fprintf(e.log, "generating %s into %s\n", what, rel(e.top, dir))
	if err := write(tmp); err != nil {
		return fmt.Errorf("generating %s: %w", what, err)
	}
	syscall.Sync()
	return os.Rename(tmp, dir)
}

func (e *env) genstudio(ctx context.Context, args ...string) error {
	cmd := exec.CommandContext(ctx, e.gen, args...)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("genstudio %v: %w\n%s", args, err, out)
	}
	return nil
}

// loadStudio is the studio of the load blocks (files files over the
// databases WORK, STORAGE and NAS) and the script that loads it, both
// under work: scan for the warm one, scan-1m for the cold one.
func (e *env) loadStudio(ctx context.Context, name string, files int) (script string, err error) {
	dir := filepath.Join(e.work, name)
	err = e.ensureTree(dir, fmt.Sprintf("a studio of %s files", thousands(int64(files))), func(tmp string) error {
		return e.genstudio(ctx, "scan", tmp, fmt.Sprint(files))
	})
	if err != nil {
		return "", err
	}
	script = "load-" + name + ".ab"
	text := fmt.Sprintf("add database WORK %[1]s/WORK\nadd database STORAGE %[1]s/STORAGE\nadd database NAS %[1]s/NAS\n"+
		"add category project project\nadd category footage footage\nadd category render scratch/render\nadd category cache scratch/cache\nload\n", name)
	return script, os.WriteFile(filepath.Join(e.work, script), []byte(text), 0o644)
}

// The copy and verify trees: projects acme/large and acme/small in the
// footage category of the database src, and a copy of both in mirror
// for verify. Copies are written into dst, emptied before every run.
const (
	copyConfig   = "copy.cfg"
	verifyConfig = "verify.cfg"
)

// dataTrees makes the large and small trees and their copies for
// verify, and the configs of copy and verify.
func (e *env) dataTrees(ctx context.Context) error {
	large := fmt.Sprintf("%d files of %d MB", e.sz.largeCount, e.sz.largeMB)
	small := fmt.Sprintf("%s files of 4-64 KB", thousands(int64(e.sz.smallCount)))
	for _, t := range []struct{ name, what string }{{"large", large}, {"small", small}} {
		src := e.tree("src", t.name)
		err := e.ensureTree(src, t.what, func(tmp string) error {
			if t.name == "large" {
				return e.genstudio(ctx, "large", tmp, fmt.Sprint(e.sz.largeCount), fmt.Sprint(e.sz.largeMB))
			}
			return e.genstudio(ctx, "small", tmp, fmt.Sprint(e.sz.smallCount))
		})
		if err != nil {
			return err
		}
		err = e.ensureTree(e.tree("mirror", t.name), "a copy of the "+t.name+" tree for verify", func(tmp string) error {
			out, err := exec.CommandContext(ctx, "cp", "-a", src, tmp).CombinedOutput()
			if err != nil {
				return fmt.Errorf("cp -a: %w: %s", err, out)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	configs := map[string]string{
		copyConfig:   "add database SRC src\nadd database DST dst\nadd category footage footage\nload SRC\n",
		verifyConfig: "add database SRC src\nadd database DST mirror\nadd category footage footage\n",
	}
	for name, text := range configs {
		if err := os.WriteFile(filepath.Join(e.work, name), []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// tree is where the project acme/NAME of the footage category is in a
// database folder of work (src, mirror, dst).
func (e *env) tree(db, name string) string {
	return filepath.Join(e.work, db, "footage", "acme", name)
}

// emptyDst is the prepare step of every copy: no destination tree, its
// parent made, and everything on disk.
func (e *env) emptyDst() error {
	dst := filepath.Join(e.work, "dst")
	if err := os.RemoveAll(dst); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(dst, "footage", "acme"), 0o755); err != nil {
		return err
	}
	syscall.Sync()
	return nil
}

// sameTree checks a copy's work: dst holds as many files and bytes as
// src for the project acme/name.
func (e *env) sameTree(name string) func() error {
	return func() error {
		sf, _, sb, err := countTree(e.tree("src", name))
		if err != nil {
			return err
		}
		df, _, db, err := countTree(e.tree("dst", name))
		if err != nil {
			return fmt.Errorf("the copy is not there: %w", err)
		}
		if sf != df || sb != db {
			return fmt.Errorf("the copy holds %s of %s bytes; the source %s of %s bytes", count(df, "file"), thousands(db), count(sf, "file"), thousands(sb))
		}
		return nil
	}
}

// countTree counts the files, folders and bytes under dir.
func countTree(dir string) (files, folders, bytes int64, err error) {
	err = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		switch {
		case d.IsDir():
			folders++
		case d.Type().IsRegular():
			fi, err := d.Info()
			if err != nil {
				return err
			}
			files++
			bytes += fi.Size()
		}
		return nil
	})
	return files, folders, bytes, err
}

// rel is path relative to base, for messages.
func rel(base, path string) string {
	if r, err := filepath.Rel(base, path); err == nil {
		return r
	}
	return path
}
