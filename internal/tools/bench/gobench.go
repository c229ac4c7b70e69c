package main

import (
	"context"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
)

// goBench is a Go benchmark the document keeps, what it measures and its
// target (a most time per operation; 0 for none).
type goBench struct {
	name, what string
	targetMs   float64
}

var goBenches = []goBench{
	{"BenchmarkFetchAll", "`fetch all` over an index of 10,000 projects in 3 databases and 4 categories", 50},
	{"BenchmarkScan", "a scan of 20,160 files in 4,866 folders (2 databases × 3 categories)", 0},
}

// goBenchmarks runs the Go benchmarks runs times each (go test -count)
// and writes their median, min and max time per operation.
func goBenchmarks(ctx context.Context, e *env) (string, error) {
	args := []string{"test", "./internal/cmd", "./internal/scan", "-run", "^$",
		"-bench", "^Benchmark(FetchAll|Scan)$", "-benchtime", e.sz.goBenchtime, "-count", fmt.Sprint(e.runs)}
	fmt.Fprintf(e.log, "go %s\n", strings.Join(args, " "))
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = e.top
	var stderr tail
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go test -bench: %w\n%s%s", err, out, stderr.String())
	}
	times := parseGoBench(string(out))
	var s strings.Builder
	fmt.Fprintf(&s, "`go test ./internal/cmd ./internal/scan -run '^$' -bench '^Benchmark(FetchAll|Scan)$' -benchtime %s -count %d`; %s.\n\n", e.sz.goBenchtime, e.runs, e.machine.stamp())
	s.WriteString("| benchmark | what | median (ms) | min (ms) | max (ms) | spread | target | holds |\n|---|---|---:|---:|---:|---:|---|---|\n")
	for _, b := range goBenches {
		sum, err := Summarize(times[b.name])
		if err != nil {
			return "", fmt.Errorf("go test -bench printed no figure for %s:\n%s", b.name, out)
		}
		target, holds := "—", "—"
		if b.targetMs > 0 {
			target = fmt.Sprintf("< %.0f ms", b.targetMs)
			holds = "yes"
			if sum.Median >= b.targetMs {
				holds = "**no**"
			}
		}
		fmt.Fprintf(&s, "| %s | %s | %.1f | %.1f | %.1f | %d%% | %s | %s |\n",
			b.name, b.what, sum.Median, sum.Min, sum.Max, sum.SpreadPercent(), target, holds)
	}
	return s.String(), nil
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
