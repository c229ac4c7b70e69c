package main

import (
	"errors"
	"fmt"
	"math"
	"slices"
)

// maxSpread is the widest spread, (max-min)/median in whole percent as
// the tables print it, of a tool's runs for which a ratio is still
// published: past it the runs disagree too much for a ratio of medians to
// mean anything.
const maxSpread = 30

// Summary is what a tool's runs come to: their count, median, fastest and
// slowest.
type Summary struct {
	N                int
	Median, Min, Max float64
}

// Summarize sums up a tool's run times (or any sample). The median of an
// even count is the mean of the two middle values.
func Summarize(xs []float64) (Summary, error) {
	if len(xs) == 0 {
		return Summary{}, errors.New("no runs to summarize")
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	med := s[n/2]
	if n%2 == 0 {
		med = (s[n/2-1] + s[n/2]) / 2
	}
	return Summary{N: n, Median: med, Min: s[0], Max: s[n-1]}, nil
}

// Spread is how far apart the runs lie, as a fraction of the median.
func (s Summary) Spread() float64 {
	if s.Median == 0 {
		return 0
	}
	return (s.Max - s.Min) / s.Median
}

// SpreadPercent is the spread in whole percent, as the tables print it
// and as it is held against maxSpread.
func (s Summary) SpreadPercent() int {
	return int(math.Round(100 * s.Spread()))
}

// Ratio is a ratio of two medians, or the reason none is published.
type Ratio struct {
	Value    float64
	Withheld string // non-empty: why there is no ratio
}

// ratioOf divides num's median by den's, unless either's runs spread past
// maxSpread. The reason names the tool whose spread is too wide, by the
// name given for it ("" for the row the ratio is shown in).
func ratioOf(num, den Summary, numName, denName string) Ratio {
	for _, t := range []struct {
		s    Summary
		name string
	}{{num, numName}, {den, denName}} {
		if sp := t.s.SpreadPercent(); sp > maxSpread {
			who := "spread"
			if t.name != "" {
				who = "`" + t.name + "`'s spread"
			}
			return Ratio{Withheld: fmt.Sprintf("%s %d%%: no ratio published", who, sp)}
		}
	}
	if den.Median == 0 {
		return Ratio{Withheld: "no time measured: no ratio published"}
	}
	return Ratio{Value: num.Median / den.Median}
}

// TargetKind says how a target compares two tools.
type TargetKind int

// The kinds of target.
const (
	AtMost     TargetKind = iota // median(A)/median(B) ≤ Limit
	FasterBy                     // median(B)/median(A) ≥ Limit
	MemoryPart                   // peak RSS of A ≤ peak RSS of B / Limit
)

// Target is a goal a section states, comparing tool A with tool B.
type Target struct {
	Label string // how the goal reads: "load ≤ 0.65× `du -sb`"
	A, B  string // the tools' keys
	Kind  TargetKind
	Limit float64
}

// Verdict is a target's outcome.
type Verdict struct {
	Result string // "0.53×", "1.7× faster", "1/37 (12 MB against 443 MB)"
	Holds  bool
	Judged bool // false: spread too wide or a tool missing, Result says why
}

// Judge weighs a target against two tools' results.
func Judge(t Target, a, b *Result) Verdict {
	if a == nil || b == nil {
		return Verdict{Result: "not judged: a tool did not run"}
	}
	switch t.Kind {
	case MemoryPart:
		if a.PeakRSS <= 0 || b.PeakRSS <= 0 {
			return Verdict{Result: "not judged: no memory figure"}
		}
		part := float64(b.PeakRSS) / float64(a.PeakRSS)
		res := fmt.Sprintf("1/%.0f (%s against %s)", part, mb(a.PeakRSS), mb(b.PeakRSS))
		if part < 1 {
			res = fmt.Sprintf("%.1f× (%s against %s)", 1/part, mb(a.PeakRSS), mb(b.PeakRSS))
		}
		return Verdict{Result: res, Holds: part >= t.Limit, Judged: true}
	case FasterBy:
		r := ratioOf(b.Time, a.Time, b.Tool.Key, a.Tool.Key)
		if r.Withheld != "" {
			return Verdict{Result: "not judged: " + r.Withheld}
		}
		return Verdict{Result: fmt.Sprintf("%.2f× faster", r.Value), Holds: r.Value >= t.Limit, Judged: true}
	default:
		r := ratioOf(a.Time, b.Time, a.Tool.Key, b.Tool.Key)
		if r.Withheld != "" {
			return Verdict{Result: "not judged: " + r.Withheld}
		}
		return Verdict{Result: fmt.Sprintf("%.2f×", r.Value), Holds: r.Value <= t.Limit, Judged: true}
	}
}

// mb writes a byte count in whole megabytes (MiB, as time(1) and top do).
func mb(b int64) string {
	return fmt.Sprintf("%.0f MB", float64(b)/(1<<20))
}
