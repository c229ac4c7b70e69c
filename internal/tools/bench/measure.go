package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"syscall"
	"time"
)

// Tool is one command a block times.
type Tool struct {
	Key     string       // short name targets and messages use: "du", "autobackup"
	Label   string       // the command as a person types it, shown in tables
	Argv    []string     // what is run; Argv[0] is looked up in PATH
	Dir     string       // where it runs
	Prepare func() error // untimed, before each of its runs; nil for none
	Peer    string       // the command that must be installed; "" for autobackup
	Check   func() error // untimed, after each of its runs: did it do its work?
}

// Block is one table: tools timed against each other on one tree.
type Block struct {
	Name    string // its marker in BENCHMARKS.md: <!-- bench:NAME -->
	Title   string // "load, warm cache"
	About   string // the tree, in a sentence
	Tools   []Tool
	Ref     string // the key of the tool the ratios are taken against
	Targets []Target
	Cold    bool // drop the page cache before every run
}

// Run is one timed run of a tool.
type Run struct {
	Seconds      float64
	User, System float64 // CPU seconds, of the process and its children
	PeakRSS      int64   // bytes
}

// Result is what a tool's runs came to.
type Result struct {
	Tool    Tool
	Times   []float64
	Time    Summary
	PeakRSS int64 // bytes, the highest of its runs
}

// schedule is the order in which the tools of a block run: one round
// after another, each tool once per round (A B C A B C ...), so that a
// drift of the machine over minutes touches every tool alike.
func schedule(tools, rounds int) []int {
	order := make([]int, 0, tools*rounds)
	for range rounds {
		for t := range tools {
			order = append(order, t)
		}
	}
	return order
}

// runner times blocks: exec runs a tool once, dropCaches empties the page
// cache, log hears of each run.
type runner struct {
	exec       func(ctx context.Context, t Tool) (Run, error)
	dropCaches func() error
	log        io.Writer
}

// measure runs a block's tools alternately: warmup uncounted rounds (none
// for a cold block), then runs counted ones. Each run is preceded by its
// tool's Prepare and, in a cold block, by dropping the caches.
func (r runner) measure(ctx context.Context, b Block, runs, warmup int) ([]*Result, error) {
	if runs < 1 {
		return nil, fmt.Errorf("%s: %d runs: at least 1 is needed", b.Name, runs)
	}
	if b.Cold {
		warmup = 0
	}
	results := make([]*Result, len(b.Tools))
	for i, t := range b.Tools {
		results[i] = &Result{Tool: t}
	}
	n := len(b.Tools)
	for i, ti := range schedule(n, warmup+runs) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		t, round := b.Tools[ti], i/n
		run, err := r.once(ctx, b, t)
		if err != nil {
			return nil, err
		}
		what := fmt.Sprintf("run %d/%d", round-warmup+1, runs)
		if round < warmup {
			what = "warm-up"
		} else {
			res := results[ti]
			res.Times = append(res.Times, run.Seconds)
			res.PeakRSS = max(res.PeakRSS, run.PeakRSS)
		}
		fmt.Fprintf(r.log, "  %s %s %-22s %8.3f s  %s\n", b.Name, what, t.Key, run.Seconds, mb(run.PeakRSS))
	}
	for _, res := range results {
		s, err := Summarize(res.Times)
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %w", b.Name, res.Tool.Key, err)
		}
		res.Time = s
	}
	return results, nil
}

func (r runner) once(ctx context.Context, b Block, t Tool) (Run, error) {
	if t.Prepare != nil {
		if err := t.Prepare(); err != nil {
			return Run{}, fmt.Errorf("%s: preparing %s: %w", b.Name, t.Key, err)
		}
	}
	if b.Cold {
		if err := r.dropCaches(); err != nil {
			return Run{}, fmt.Errorf("%s: %w", b.Name, err)
		}
	}
	run, err := r.exec(ctx, t)
	if err != nil {
		return Run{}, fmt.Errorf("%s: %s: %w", b.Name, t.Label, err)
	}
	if t.Check != nil {
		if err := t.Check(); err != nil {
			return Run{}, fmt.Errorf("%s: %s: %w", b.Name, t.Label, err)
		}
	}
	return run, nil
}

// execTool runs a tool once with its output discarded, and measures the
// wall time from start to exit and the peak resident memory of the
// process and its children (wait4's rusage, as GNU time's %M).
func execTool(ctx context.Context, t Tool) (Run, error) {
	devnull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		return Run{}, err
	}
	defer devnull.Close()
	cmd := exec.CommandContext(ctx, t.Argv[0], t.Argv[1:]...)
	cmd.Dir = t.Dir
	cmd.Stdout = devnull
	var stderr tail
	cmd.Stderr = &stderr
	start := time.Now()
	err = cmd.Run()
	secs := time.Since(start).Seconds()
	if err != nil {
		return Run{}, fmt.Errorf("%w; it said: %s", err, stderr.String())
	}
	run := Run{Seconds: secs, User: cmd.ProcessState.UserTime().Seconds(), System: cmd.ProcessState.SystemTime().Seconds()}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		run.PeakRSS = ru.Maxrss << 10 // Linux counts in KiB
	}
	return run, nil
}

// dropCachesPath is where Linux is told to drop its caches.
const dropCachesPath = "/proc/sys/vm/drop_caches"

// dropCaches writes dirty pages out and empties the page cache, the
// dentries and the inodes: `sync; echo 3 > /proc/sys/vm/drop_caches`.
func dropCaches() error {
	syscall.Sync()
	if err := os.WriteFile(dropCachesPath, []byte("3\n"), 0); err != nil {
		return fmt.Errorf("dropping the caches: %w", err)
	}
	return nil
}

// coldAllowed says why cold blocks cannot run here, or "" when they can.
func coldAllowed() string {
	if os.Geteuid() != 0 {
		return "not root: cold runs need to write " + dropCachesPath
	}
	if err := dropCaches(); err != nil {
		return err.Error()
	}
	return ""
}

// tail keeps the last 2 KB written to it: enough of a failing command's
// complaint to tell what went wrong.
type tail struct{ b []byte }

func (w *tail) Write(p []byte) (int, error) {
	const keep = 2 << 10
	w.b = append(w.b, p...)
	if len(w.b) > keep {
		w.b = w.b[len(w.b)-keep:]
	}
	return len(p), nil
}

func (w *tail) String() string {
	if len(w.b) == 0 {
		return "(nothing)"
	}
	return string(w.b)
}
