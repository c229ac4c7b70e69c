package main

import (
	"math"
	"testing"
)

func TestSummarize(t *testing.T) {
	tests := []struct {
		name    string
		xs      []float64
		want    Summary
		spread  float64
		wantErr bool
	}{
		{name: "one", xs: []float64{2}, want: Summary{N: 1, Median: 2, Min: 2, Max: 2}},
		{name: "odd, unsorted", xs: []float64{3, 1, 2}, want: Summary{N: 3, Median: 2, Min: 1, Max: 3}, spread: 1},
		{name: "even: mean of the middle two", xs: []float64{4, 1, 3, 2}, want: Summary{N: 4, Median: 2.5, Min: 1, Max: 4}, spread: 1.2},
		{name: "an outlier moves the median little", xs: []float64{1.0, 1.1, 1.2, 0.9, 9}, want: Summary{N: 5, Median: 1.1, Min: 0.9, Max: 9}, spread: 8.1 / 1.1},
		{name: "seven alike", xs: []float64{2, 2, 2, 2, 2, 2, 2}, want: Summary{N: 7, Median: 2, Min: 2, Max: 2}},
		{name: "none", xs: nil, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := append([]float64(nil), tt.xs...)
			got, err := Summarize(tt.xs)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("Summarize(%v) = %+v, want an error", tt.xs, got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Fatalf("Summarize(%v) = %+v, want %+v", tt.xs, got, tt.want)
			}
			if s := got.Spread(); math.Abs(s-tt.spread) > 1e-9 {
				t.Fatalf("Spread() = %v, want %v", s, tt.spread)
			}
			for i := range in {
				if in[i] != tt.xs[i] {
					t.Fatalf("Summarize reordered its input: %v", tt.xs)
				}
			}
		})
	}
}

// sum is a Summary of the given median and spread around it.
func sum(median, spread float64) Summary {
	return Summary{N: 7, Median: median, Min: median * (1 - spread/2), Max: median * (1 + spread/2)}
}

func TestRatioOf(t *testing.T) {
	tests := []struct {
		name     string
		num, den Summary
		want     Ratio
	}{
		{name: "medians divided", num: sum(1, 0.1), den: sum(2, 0.2), want: Ratio{Value: 0.5}},
		{name: "spread of exactly 30% still counts", num: sum(1, 0.3), den: sum(4, 0), want: Ratio{Value: 0.25}},
		{name: "a spread printed as 30% counts as 30%", num: sum(1, 0.3049), den: sum(4, 0), want: Ratio{Value: 0.25}},
		{name: "a spread printed as 31% passes", num: sum(1, 0.306), den: sum(4, 0), want: Ratio{Withheld: "`autobackup`'s spread 31%: no ratio published"}},
		{name: "numerator too spread", num: sum(1, 0.42), den: sum(2, 0.1), want: Ratio{Withheld: "`autobackup`'s spread 42%: no ratio published"}},
		{name: "denominator too spread", num: sum(1, 0.1), den: sum(2, 0.5), want: Ratio{Withheld: "spread 50%: no ratio published"}},
		{name: "nothing measured", num: sum(1, 0), den: Summary{N: 1}, want: Ratio{Withheld: "no time measured: no ratio published"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ratioOf(tt.num, tt.den, "autobackup", "")
			if got.Withheld != tt.want.Withheld || math.Abs(got.Value-tt.want.Value) > 1e-9 {
				t.Fatalf("ratioOf = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func result(key string, median, spread float64, rssMB int64) *Result {
	return &Result{Tool: Tool{Key: key}, Time: sum(median, spread), PeakRSS: rssMB << 20}
}

func TestJudge(t *testing.T) {
	ab, du, gdu := result("autobackup", 1, 0.1, 12), result("du", 2, 0.1, 11), result("gdu", 3, 0.1, 443)
	wild := result("cp", 0.5, 0.6, 5)
	tests := []struct {
		name string
		t    Target
		a, b *Result
		want Verdict
	}{
		{name: "at most, holds", t: Target{A: "autobackup", B: "du", Kind: AtMost, Limit: 0.65}, a: ab, b: du,
			want: Verdict{Result: "0.50×", Holds: true, Judged: true}},
		{name: "at most, missed", t: Target{Kind: AtMost, Limit: 0.45}, a: ab, b: du,
			want: Verdict{Result: "0.50×", Judged: true}},
		{name: "faster by, holds", t: Target{Kind: FasterBy, Limit: 1.5}, a: ab, b: du,
			want: Verdict{Result: "2.00× faster", Holds: true, Judged: true}},
		{name: "faster by, missed", t: Target{Kind: FasterBy, Limit: 2.5}, a: ab, b: du,
			want: Verdict{Result: "2.00× faster", Judged: true}},
		{name: "memory, holds", t: Target{Kind: MemoryPart, Limit: 8}, a: ab, b: gdu,
			want: Verdict{Result: "1/37 (12 MB against 443 MB)", Holds: true, Judged: true}},
		{name: "memory, more than the peer", t: Target{Kind: MemoryPart, Limit: 8}, a: gdu, b: ab,
			want: Verdict{Result: "36.9× (443 MB against 12 MB)", Judged: true}},
		{name: "peer too spread", t: Target{Kind: AtMost, Limit: 1.5}, a: ab, b: wild,
			want: Verdict{Result: "not judged: `cp`'s spread 60%: no ratio published"}},
		{name: "a tool left out", t: Target{Kind: AtMost, Limit: 1}, a: ab, b: nil,
			want: Verdict{Result: "not judged: a tool did not run"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Judge(tt.t, tt.a, tt.b); got != tt.want {
				t.Fatalf("Judge = %+v, want %+v", got, tt.want)
			}
		})
	}
}
