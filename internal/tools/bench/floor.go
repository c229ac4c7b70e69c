package main

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// floor is the "where the time goes" section: the disk's raw bandwidth,
// and per command the system calls per file of autobackup and its peer.
func floor(ctx context.Context, e *env) (string, error) {
	var out []string
	disk, err := e.diskBandwidth(ctx)
	if err != nil {
		return "", err
	}
	out = append(out, disk)
	script, err := e.loadStudio(ctx, "scan", e.sz.loadFiles)
	if err != nil {
		return "", err
	}
	if err := e.dataTrees(ctx); err != nil {
		return "", err
	}
	loadFiles, _, _, err := countTree(filepath.Join(e.work, "scan"))
	if err != nil {
		return "", err
	}
	small := "src/footage/acme/small"
	copyA := e.tool("autobackup", "--config", copyConfig, "copy", "acme/small", "footage", "SRC", "DST")
	copyB := e.shell("cp", "cp -a "+small+" dst/footage/acme/small && sync")
	copyA.Prepare, copyB.Prepare = e.emptyDst, e.emptyDst
	pairs := []struct {
		title string
		files int64
		a, b  Tool
	}{
		{fmt.Sprintf("load of %s files", thousands(loadFiles)), loadFiles,
			e.tool("autobackup", "--no-config", "-f", script), e.tool("du", "-sb", "scan/WORK", "scan/STORAGE", "scan/NAS")},
		{fmt.Sprintf("copy of %s small files", thousands(int64(e.sz.smallCount))), int64(e.sz.smallCount), copyA, copyB},
		{fmt.Sprintf("verify of %s small files and their copies", thousands(int64(e.sz.smallCount))), int64(e.sz.smallCount),
			e.tool("autobackup", "--config", verifyConfig, "verify", "acme/small", "footage", "SRC", "DST"),
			e.shell("xxhsum", "find "+small+" -type f -print0 | xargs -0 xxhsum -H2 >/dev/null && find mirror/footage/acme/small -type f -print0 | xargs -0 xxhsum -H2 >/dev/null")},
	}
	for _, p := range pairs {
		fmt.Fprintf(e.log, "floor: %s\n", p.title)
		a, err := e.profile(ctx, p.a)
		if err != nil {
			return "", err
		}
		b, err := e.profile(ctx, p.b)
		if err != nil {
			return "", err
		}
		out = append(out, "### "+p.title+"\n\n"+renderProfiles(p.files, a, b))
	}
	return strings.Join(out, "\n"), nil
}

// diskBandwidth measures writing and reading a file with direct I/O,
// past the page cache, alternately, and says what that makes the least
// time to write and read the large tree.
func (e *env) diskBandwidth(ctx context.Context) (string, error) {
	count := fmt.Sprint(e.sz.ddMB)
	w := e.tool("dd", "if=/dev/zero", "of=dd", "bs=1M", "count="+count, "oflag=direct")
	r := e.tool("dd", "if=dd", "of=/dev/null", "bs=1M", "iflag=direct")
	w.Key, r.Key = "write", "read"
	defer os.Remove(filepath.Join(e.work, "dd"))
	b := Block{Name: "disk", Tools: []Tool{w, r}}
	res, err := e.run.measure(ctx, b, e.runs, 0)
	if err != nil {
		return "", err
	}
	var s strings.Builder
	bytes := float64(e.sz.ddMB) * (1 << 20)
	fmt.Fprintf(&s, "The disk of `_bench`, %d MiB written and read with direct I/O (no page cache), alternately, %d runs each; %s.\n\n", e.sz.ddMB, e.runs, e.machine.stamp())
	s.WriteString("| | command | median (MB/s) | min (MB/s) | max (MB/s) |\n|---|---|---:|---:|---:|\n")
	for _, x := range res {
		// the slowest run is the lowest bandwidth
		fmt.Fprintf(&s, "| %s | `%s` | %.0f | %.0f | %.0f |\n", x.Tool.Key, cell(x.Tool.Label), bytes/x.Time.Median/1e6, bytes/x.Time.Max/1e6, bytes/x.Time.Min/1e6)
	}
	wr, rd := bytes/res[0].Time.Median, bytes/res[1].Time.Median
	large := float64(e.sz.largeCount*e.sz.largeMB) * (1 << 20)
	fmt.Fprintf(&s, "\nAt these medians, %d × %d MB take at least %.2f s to write and %.2f s to read: a verified copy that reads each file back after writing it, at least %.2f s unless the two overlap; a cold verify of both copies on this one disk, at least %.2f s.\n",
		e.sz.largeCount, e.sz.largeMB, large/wr, large/rd, large/wr+large/rd, 2*large/rd)
	return s.String(), nil
}

// profile is one command's run and its system calls.
type profile struct {
	tool  Tool
	run   Run
	calls []syscallCount
	total syscallCount
}

// profile times a command once after a warm-up, then runs it again under
// `strace -c -f` to count its system calls (and its children's).
func (e *env) profile(ctx context.Context, t Tool) (profile, error) {
	p := profile{tool: t}
	b := Block{Name: "floor"}
	for range 2 {
		run, err := e.run.once(ctx, b, t)
		if err != nil {
			return p, err
		}
		p.run = run
	}
	out := filepath.Join(e.work, "strace.txt")
	defer os.Remove(out)
	traced := t
	traced.Argv = append([]string{"strace", "-c", "-f", "-o", out, "--"}, t.Argv...)
	if _, err := e.run.once(ctx, b, traced); err != nil {
		return p, err
	}
	text, err := os.ReadFile(out)
	if err != nil {
		return p, err
	}
	p.calls, p.total, err = parseStrace(string(text))
	return p, err
}

// syscallCount is a line of strace -c's summary.
type syscallCount struct {
	name          string
	calls, errors int64
	seconds       float64
}

// parseStrace reads the summary table `strace -c` writes: the calls of
// each system call, most first, and the total line.
func parseStrace(text string) (calls []syscallCount, total syscallCount, err error) {
	for line := range strings.Lines(text) {
		f := strings.Fields(line)
		if len(f) < 5 || f[0] == "%" || strings.HasPrefix(f[0], "---") {
			continue
		}
		c := syscallCount{name: f[len(f)-1]}
		secs, err1 := strconv.ParseFloat(f[1], 64)
		n, err2 := strconv.ParseInt(f[3], 10, 64)
		if err1 != nil || err2 != nil {
			return nil, total, fmt.Errorf("strace summary: cannot read %q", strings.TrimSpace(line))
		}
		c.seconds, c.calls = secs, n
		if len(f) == 6 {
			if c.errors, err = strconv.ParseInt(f[4], 10, 64); err != nil {
				return nil, total, fmt.Errorf("strace summary: cannot read %q", strings.TrimSpace(line))
			}
		}
		if c.name == "total" {
			total = c
			continue
		}
		calls = append(calls, c)
	}
	if total.name == "" {
		return nil, total, fmt.Errorf("strace summary: no total line in %q", text)
	}
	slices.SortStableFunc(calls, func(x, y syscallCount) int { return cmp.Compare(y.calls, x.calls) })
	return calls, total, nil
}

// topCalls are the names of the n most frequent calls of each profile,
// most frequent (summed over both) first.
func topCalls(n int, ps ...profile) []string {
	chosen := map[string]bool{}
	for _, p := range ps {
		for _, c := range p.calls[:min(n, len(p.calls))] {
			chosen[c.name] = true
		}
	}
	sum := map[string]int64{}
	for _, p := range ps {
		for _, c := range p.calls {
			if chosen[c.name] {
				sum[c.name] += c.calls
			}
		}
	}
	names := make([]string, 0, len(chosen))
	for name := range chosen {
		names = append(names, name)
	}
	slices.SortFunc(names, func(x, y string) int { return cmp.Or(cmp.Compare(sum[y], sum[x]), cmp.Compare(x, y)) })
	return names
}

// renderProfiles sets two commands' runs and system calls side by side,
// per file of the tree.
func renderProfiles(files int64, a, b profile) string {
	var s strings.Builder
	fmt.Fprintf(&s, "| | `%s` | `%s` |\n|---|---:|---:|\n", cell(a.tool.Label), cell(b.tool.Label))
	row := func(what string, f func(p profile) string) {
		fmt.Fprintf(&s, "| %s | %s | %s |\n", what, f(a), f(b))
	}
	row("wall time (s), warm", func(p profile) string { return secs(p.run.Seconds) })
	row("user CPU (s)", func(p profile) string { return secs(p.run.User) })
	row("system CPU (s)", func(p profile) string { return secs(p.run.System) })
	row("system calls", func(p profile) string { return thousands(p.total.calls) })
	row("system calls per file", func(p profile) string { return perFile(p.total.calls, files) })
	for _, name := range topCalls(6, a, b) {
		row("`"+name+"` per file", func(p profile) string {
			for _, c := range p.calls {
				if c.name == name {
					return perFile(c.calls, files)
				}
			}
			return "0"
		})
	}
	return s.String()
}

func perFile(calls, files int64) string {
	if files == 0 {
		return "—"
	}
	return fmt.Sprintf("%.2f", float64(calls)/float64(files))
}
