package main

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// goBench is a Go benchmark the document keeps: its package, what it
// measures and its target (a most time per operation; 0 for none).
type goBench struct {
	pkg, name, what string
	targetMs        float64
}

var goBenches = []goBench{
	{"./internal/cmd", "BenchmarkFetchAll", "`fetch all` over an index of 10,000 projects in 3 databases and 4 categories", 50},
	{"./internal/scan", "BenchmarkScan", "a scan of 20,160 files in 4,866 folders (2 databases × 3 categories)", 0},
	{"./internal/catalog", "BenchmarkLoad", "reading a catalog of 200,000 locations (10,000 projects × 4 categories × 5 databases) into an index", 100},
	{".", "BenchmarkStartup", "start-up to the first prompt from that catalog: open it, run the config file (its load taken from the catalog), one command", 100},
	{".", "BenchmarkFetchAllFromCatalog", "that start-up, then `fetch all` (10,000 projects' grids)", 0},
}

// goBenchmarks compiles the benchmarks' test binaries and runs them
// alternately, runs times each, and writes their median, min and max
// time per operation.
func goBenchmarks(ctx context.Context, e *env) (string, error) {
	bins := make([]string, len(goBenches))
	for i, b := range goBenches {
		bins[i] = filepath.Join(e.work, testBinary(b.pkg))
		cmd := exec.CommandContext(ctx, "go", "test", "-c", "-o", bins[i], b.pkg)
		cmd.Dir = e.top
		if out, err := cmd.CombinedOutput(); err != nil {
			return "", fmt.Errorf("go test -c %s: %w\n%s", b.pkg, err, out)
		}
	}
	times := map[string][]float64{}
	for _, i := range schedule(len(goBenches), e.runs) {
		b := goBenches[i]
		cmd := exec.CommandContext(ctx, bins[i], "-test.run", "^$", "-test.bench", "^"+b.name+"$", "-test.benchtime", e.sz.goBenchtime)
		cmd.Dir = filepath.Join(e.top, b.pkg) // where go test would run it
		out, err := cmd.CombinedOutput()
		if err != nil {
			return "", fmt.Errorf("%s: %w\n%s", b.name, err, out)
		}
		got := parseGoBench(string(out))[b.name]
		if len(got) != 1 {
			return "", fmt.Errorf("%s printed no figure:\n%s", b.name, out)
		}
		fmt.Fprintf(e.log, "  go %-22s %8.1f ms\n", b.name, got[0])
		times[b.name] = append(times[b.name], got[0])
	}
	var s strings.Builder
	fmt.Fprintf(&s, "Each benchmark's test binary (`go test -c`) run with `-test.bench NAME -test.benchtime %s`, %d runs of each, alternating; %s.\n\n", e.sz.goBenchtime, e.runs, e.machine.stamp())
	s.WriteString("| benchmark | what | median (ms) | min (ms) | max (ms) | spread | target | holds |\n|---|---|---:|---:|---:|---:|---|---|\n")
	for _, b := range goBenches {
		sum, err := Summarize(times[b.name])
		if err != nil {
			return "", fmt.Errorf("%s: %w", b.name, err)
		}
		target, holds := goVerdict(sum, b.targetMs)
		fmt.Fprintf(&s, "| `%s` (`%s`) | %s | %.1f | %.1f | %.1f | %d%% | %s | %s |\n",
			b.name, b.pkg, b.what, sum.Median, sum.Min, sum.Max, sum.SpreadPercent(), target, holds)
	}
	return s.String(), nil
}

// goVerdict is a Go benchmark's target and whether its median meets it;
// not judged when its runs spread past maxSpread.
func goVerdict(sum Summary, targetMs float64) (target, holds string) {
	if targetMs <= 0 {
		return "—", "—"
	}
	target = fmt.Sprintf("< %.0f ms", targetMs)
	switch sp := sum.SpreadPercent(); {
	case sp > maxSpread:
		return target, fmt.Sprintf("not judged: spread %d%%", sp)
	case sum.Median < targetMs:
		return target, "yes"
	}
	return target, "**no**"
}

// parseGoBench reads go test -bench's result lines ("BenchmarkX-2  40
// 41234567 ns/op ...") into each benchmark's times per operation, in
// milliseconds, without the -GOMAXPROCS suffix of the name.
func parseGoBench(out string) map[string][]float64 {
	times := map[string][]float64{}
	for line := range strings.Lines(out) {
		f := strings.Fields(line)
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		for i := 2; i+1 < len(f); i++ {
			if f[i+1] != "ns/op" {
				continue
			}
			ns, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				break
			}
			name := f[0]
			if j := strings.LastIndex(name, "-"); j > 0 {
				if _, err := strconv.Atoi(name[j+1:]); err == nil {
					name = name[:j]
				}
			}
			times[name] = append(times[name], ns/1e6)
			break
		}
	}
	return times
}

// testBinary names a package's test binary: internal_scan.test, and
// autobackup.test for the module's root.
func testBinary(pkg string) string {
	name := strings.Trim(strings.ReplaceAll(pkg, "/", "_"), "._")
	if name == "" {
		name = "autobackup"
	}
	return name + ".test"
}
