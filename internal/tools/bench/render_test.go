package main

import (
	"testing"
)

func outcome(cold bool, results ...*Result) Outcome {
	for i, r := range results {
		r.Tool.Label = map[string]string{"autobackup": "autobackup --no-config -f load.ab", "du": "du -sb a | cat", "gdu": "gdu -n -p -a scan"}[r.Tool.Key]
		results[i] = r
	}
	return Outcome{
		Block: Block{Name: "load", About: "A studio of 200 files", Ref: "autobackup", Cold: cold,
			Targets: []Target{
				{Label: "load ≤ 0.65× `du -sb`", A: "autobackup", B: "du", Kind: AtMost, Limit: 0.65},
				{Label: "load ≤ 0.60× `gdu`", A: "autobackup", B: "gdu", Kind: AtMost, Limit: 0.60},
				{Label: "peak RSS ≤ 1/8 of gdu's", A: "autobackup", B: "gdu", Kind: MemoryPart, Limit: 8},
			}},
		Results: results, Runs: 7, Stamp: "measured 2026-11-28 10:00 UTC at abc1234",
	}
}

func TestRenderOutcome(t *testing.T) {
	tests := []struct {
		name string
		o    Outcome
		want string
	}{
		{
			name: "ratios and targets",
			o:    outcome(false, result("autobackup", 1, 0.1, 12), result("du", 2, 0.2, 11), result("gdu", 12.5, 0.04, 443)),
			want: "A studio of 200 files, warm cache (one uncounted warm-up round first). 7 runs of each command, alternating (A B C A B C …); measured 2026-11-28 10:00 UTC at abc1234.\n\n" +
				"| command | median (s) | min (s) | max (s) | spread | `autobackup` ÷ this | peak RSS (MB) |\n" +
				"|---|---:|---:|---:|---:|---:|---:|\n" +
				"| `autobackup --no-config -f load.ab` | 1.000 | 0.950 | 1.050 | 10% | 1.00 | 12 |\n" +
				"| `du -sb a \\| cat` | 2.000 | 1.800 | 2.200 | 20% | 0.50 | 11 |\n" +
				"| `gdu -n -p -a scan` | 12.50 | 12.25 | 12.75 | 4% | 0.08 | 443 |\n" +
				"\n" +
				"| target | result | holds |\n| --- | --- | --- |\n" +
				"| load ≤ 0.65× `du -sb` | 0.50× | yes |\n" +
				"| load ≤ 0.60× `gdu` | 0.08× | yes |\n" +
				"| peak RSS ≤ 1/8 of gdu's | 1/37 (12 MB against 443 MB) | yes |\n",
		},
		{
			name: "a peer's spread past 30%: no ratio, target not judged",
			o:    outcome(true, result("autobackup", 1, 0.1, 12), result("du", 0.5, 0.42, 11), result("gdu", 1, 0.1, 50)),
			want: "A studio of 200 files, cold cache (`sync; echo 3 > /proc/sys/vm/drop_caches` before every run). 7 runs of each command, alternating (A B C A B C …); measured 2026-11-28 10:00 UTC at abc1234.\n\n" +
				"| command | median (s) | min (s) | max (s) | spread | `autobackup` ÷ this | peak RSS (MB) |\n" +
				"|---|---:|---:|---:|---:|---:|---:|\n" +
				"| `autobackup --no-config -f load.ab` | 1.000 | 0.950 | 1.050 | 10% | 1.00 | 12 |\n" +
				"| `du -sb a \\| cat` | 0.500 | 0.395 | 0.605 | 42% | spread 42%: no ratio published | 11 |\n" +
				"| `gdu -n -p -a scan` | 1.000 | 0.950 | 1.050 | 10% | 1.00 | 50 |\n" +
				"\n" +
				"| target | result | holds |\n| --- | --- | --- |\n" +
				"| load ≤ 0.65× `du -sb` | not judged: `du`'s spread 42%: no ratio published | — |\n" +
				"| load ≤ 0.60× `gdu` | 1.00× | **no** |\n" +
				"| peak RSS ≤ 1/8 of gdu's | 1/4 (12 MB against 50 MB) | **no** |\n",
		},
		{
			name: "autobackup's own spread past 30%: no ratio anywhere",
			o: func() Outcome {
				o := outcome(false, result("autobackup", 1, 0.35, 12), result("du", 2, 0.1, 11))
				o.Block.Targets = nil
				o.Missing = []string{"`ncdu -0 -o /dev/null scan` (not installed)"}
				return o
			}(),
			want: "A studio of 200 files, warm cache (one uncounted warm-up round first). 7 runs of each command, alternating (A B C A B C …); measured 2026-11-28 10:00 UTC at abc1234.\n\n" +
				"**Left out: `ncdu -0 -o /dev/null scan` (not installed).**\n\n" +
				"| command | median (s) | min (s) | max (s) | spread | `autobackup` ÷ this | peak RSS (MB) |\n" +
				"|---|---:|---:|---:|---:|---:|---:|\n" +
				"| `autobackup --no-config -f load.ab` | 1.000 | 0.825 | 1.175 | 35% | spread 35%: no ratio published | 12 |\n" +
				"| `du -sb a \\| cat` | 2.000 | 1.900 | 2.100 | 10% | `autobackup`'s spread 35%: no ratio published | 11 |\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := renderOutcome(tt.o); got != tt.want {
				t.Fatalf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestNumbers(t *testing.T) {
	tests := []struct{ got, want string }{
		{secs(0.0123), "0.012"},
		{secs(9.9994), "9.999"},
		{secs(10), "10.00"},
		{secs(123.456), "123.46"},
		{thousands(0), "0"},
		{thousands(999), "999"},
		{thousands(1000), "1,000"},
		{thousands(1_000_000), "1,000,000"},
		{thousands(-102295), "-102,295"},
		{mb(12 << 20), "12 MB"},
		{count(1, "folder"), "1 folder"},
		{count(0, "file"), "0 files"},
		{count(102295, "folder"), "102,295 folders"},
		{cell("find a | xargs xxhsum"), `find a \| xargs xxhsum`},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}
