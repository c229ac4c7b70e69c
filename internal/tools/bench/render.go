package main

import (
	"fmt"
	"strings"
)

// Outcome is a measured block, ready to be written down.
type Outcome struct {
	Block   Block
	Results []*Result
	Runs    int
	Stamp   string   // when and at which revision: "2026-11-28 14:03 UTC, 614e894"
	Missing []string // tools left out, each with the reason
}

// result is the result of the tool with that key, or nil.
func (o Outcome) result(key string) *Result {
	for _, r := range o.Results {
		if r.Tool.Key == key {
			return r
		}
	}
	return nil
}

// renderOutcome writes a block as Markdown: a line saying what was run,
// the table of tools, and the table of targets.
func renderOutcome(o Outcome) string {
	var b strings.Builder
	cache := "warm cache (one uncounted warm-up round first)"
	if o.Block.Cold {
		cache = "cold cache (`sync; echo 3 > /proc/sys/vm/drop_caches` before every run)"
	}
	fmt.Fprintf(&b, "%s, %s. %d runs of each command, alternating (A B C A B C …); %s.\n\n", o.Block.About, cache, o.Runs, o.Stamp)
	for _, m := range o.Missing {
		fmt.Fprintf(&b, "**Left out: %s.**\n\n", m)
	}
	b.WriteString(renderTools(o))
	if len(o.Block.Targets) > 0 {
		b.WriteString("\n")
		b.WriteString(renderTargets(o))
	}
	return b.String()
}

// renderTools is the table of tools: median, min, max and spread of the
// run times, autobackup's median divided by each tool's (unless a spread
// is too wide), and the peak memory.
func renderTools(o Outcome) string {
	var b strings.Builder
	ref := o.result(o.Block.Ref)
	refName := "autobackup"
	if ref != nil {
		refName = "`" + ref.Tool.Key + "`"
	}
	fmt.Fprintf(&b, "| command | median (s) | min (s) | max (s) | spread | %s ÷ this | peak RSS (MB) |\n", refName)
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|\n")
	for _, r := range o.Results {
		ratio := "—"
		if ref != nil {
			refKey := ref.Tool.Key
			if r == ref {
				refKey = ""
			}
			ratio = ratioCell(ratioOf(ref.Time, r.Time, refKey, ""))
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %d%% | %s | %.0f |\n",
			cell(r.Tool.Label), secs(r.Time.Median), secs(r.Time.Min), secs(r.Time.Max),
			r.Time.SpreadPercent(), ratio, float64(r.PeakRSS)/(1<<20))
	}
	return b.String()
}

func ratioCell(r Ratio) string {
	if r.Withheld != "" {
		return r.Withheld
	}
	return fmt.Sprintf("%.2f", r.Value)
}

// renderTargets is the table of the block's targets and whether each
// holds.
func renderTargets(o Outcome) string {
	var b strings.Builder
	b.WriteString("| target | result | holds |\n| --- | --- | --- |\n")
	for _, t := range o.Block.Targets {
		v := Judge(t, o.result(t.A), o.result(t.B))
		holds := "—"
		switch {
		case v.Judged && v.Holds:
			holds = "yes"
		case v.Judged:
			holds = "**no**"
		}
		fmt.Fprintf(&b, "| %s | %s | %s |\n", t.Label, v.Result, holds)
	}
	return b.String()
}

// cell makes text safe in a Markdown table cell: a | would end the cell,
// even inside a code span.
func cell(text string) string {
	return strings.ReplaceAll(text, "|", `\|`)
}

// count writes n things: "1 folder", "2,000 folders".
func count(n int64, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return thousands(n) + " " + thing + "s"
}

// secs writes a time in seconds with three significant decimals for short
// times and two past ten seconds.
func secs(s float64) string {
	if s >= 10 {
		return fmt.Sprintf("%.2f", s)
	}
	return fmt.Sprintf("%.3f", s)
}

// thousands writes n with commas between groups of three digits.
func thousands(n int64) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
