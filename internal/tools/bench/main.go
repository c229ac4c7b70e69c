// Command bench times autobackup against its peers on generated trees
// and writes the tables into BENCHMARKS.md:
//
//	go run ./internal/tools/bench [-quick] [-runs N] [-warmup N] [-doc FILE] [SECTION...]
//
// Sections: load, copy, verify, go, floor, load-cold, copy-cold,
// verify-cold; or the groups all (the default), warm and cold. Every
// tool of a table runs alternately (A B C A B C ...), -runs times each;
// each table gives the median, min and max per tool, the ratio of medians
// to autobackup's unless a spread passes 30%, the peak memory, and the
// section's targets with whether they hold.
//
// The trees are generated once into ./_bench (./_bench/quick for -quick,
// whose tables go to a copy of BENCHMARKS.md there). The peers are
// installed with apt-get when missing. Cold sections drop the page cache
// before every run, which needs root.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	switch {
	case errors.Is(err, flag.ErrHelp):
		os.Exit(0)
	case errors.As(err, new(usageError)):
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(2)
	case err != nil:
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// usageError is a command line that cannot be run.
type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

const usage = "usage: bench [-quick] [-runs N] [-warmup N] [-doc FILE] [all|warm|cold|load|copy|verify|go|floor|load-cold|copy-cold|verify-cold ...]"

// options are the command line's.
type options struct {
	quick         bool
	runs, warmup  int
	doc           string
	sectionsAsked []section
}

func parseOptions(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.BoolVar(&o.quick, "quick", false, "small trees and 3 runs, to check the harness; tables go to _bench/quick/BENCHMARKS.md")
	fs.IntVar(&o.runs, "runs", 0, "runs of each tool per table (default 7, or 3 with -quick)")
	fs.IntVar(&o.warmup, "warmup", 1, "uncounted rounds before a warm table's runs")
	fs.StringVar(&o.doc, "doc", "", "the document to write the tables into (default BENCHMARKS.md)")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), usage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return o, err
		}
		return o, usageError{err.Error() + "; " + usage}
	}
	if o.runs < 0 || o.warmup < 0 {
		return o, usageError{"-runs and -warmup cannot be negative; " + usage}
	}
	secs, err := pickSections(fs.Args())
	if err != nil {
		return o, usageError{err.Error() + "; " + usage}
	}
	o.sectionsAsked = secs
	return o, nil
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o, err := parseOptions(args, stderr)
	if err != nil {
		return err
	}
	top, err := projectRoot()
	if err != nil {
		return err
	}
	e := &env{top: top, work: filepath.Join(top, "_bench"), sz: fullSizes, warmup: o.warmup, log: stderr,
		peers: &installer{log: stderr}, run: runner{exec: execTool, dropCaches: dropCaches, log: stderr}}
	if o.quick {
		e.work, e.sz = filepath.Join(e.work, "quick"), quickSizes
	}
	e.runs = e.sz.runs
	if o.runs > 0 {
		e.runs = o.runs
	}
	e.bin, e.gen = filepath.Join(top, "autobackup"), filepath.Join(e.work, "genstudio")
	doc, err := e.document(o)
	if err != nil {
		return err
	}
	if err := e.build(ctx); err != nil {
		return err
	}
	e.machine = readMachine(ctx, top, e.work)
	fmt.Fprintf(stdout, "## machine\n\n%s\n", e.machine.render())
	if err := writeBlocks(doc, []docBlock{{"machine", "machine", e.machine.render()}}); err != nil {
		return err
	}
	coldWhy := ""
	for _, s := range o.sectionsAsked {
		if s.cold && coldWhy == "" {
			coldWhy = coldAllowed()
		}
	}
	for _, s := range o.sectionsAsked {
		if s.cold && coldWhy != "" {
			fmt.Fprintf(stderr, "\n*** %s skipped: %s ***\n\n", s.name, coldWhy)
			continue
		}
		if err := e.peers.ensure(ctx, s.peers); err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
		fmt.Fprintf(stderr, "== %s\n", s.name)
		body, err := s.body(ctx, e)
		if err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
		fmt.Fprintf(stdout, "## %s\n\n%s\n", s.title, body)
		if err := writeBlocks(doc, []docBlock{{s.name, s.title, body}}); err != nil {
			return err
		}
	}
	fmt.Fprintf(stderr, "tables written into %s\n", rel(top, doc))
	return nil
}

// document is the file the tables go into: -doc, else BENCHMARKS.md, or
// with -quick a fresh copy of it beside the quick trees, so that a check
// of the harness never puts its figures into the project's document.
func (e *env) document(o options) (string, error) {
	if o.doc != "" {
		return filepath.Abs(o.doc)
	}
	doc := filepath.Join(e.top, "BENCHMARKS.md")
	if !o.quick {
		return doc, nil
	}
	text, err := os.ReadFile(doc)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(e.work, 0o755); err != nil {
		return "", err
	}
	quick := filepath.Join(e.work, "BENCHMARKS.md")
	return quick, os.WriteFile(quick, text, 0o644)
}

// projectRoot is the folder of autobackup's go.mod, at or above the
// working folder.
func projectRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		b, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && strings.Contains(string(b), "module github.com/bcnvisuals/autobackup\n") {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("run bench inside the autobackup project (no go.mod of github.com/bcnvisuals/autobackup above here)")
		}
		dir = parent
	}
}
