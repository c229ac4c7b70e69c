package main

import (
	"context"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
)

func TestSchedule(t *testing.T) {
	tests := []struct {
		tools, rounds int
		want          []int
	}{
		{3, 3, []int{0, 1, 2, 0, 1, 2, 0, 1, 2}},
		{2, 1, []int{0, 1}},
		{1, 4, []int{0, 0, 0, 0}},
		{4, 0, []int{}},
	}
	for _, tt := range tests {
		if got := schedule(tt.tools, tt.rounds); !slices.Equal(got, tt.want) {
			t.Errorf("schedule(%d, %d) = %v, want %v", tt.tools, tt.rounds, got, tt.want)
		}
	}
}

// fakeRunner records what a measure does, in order; tool X's n-th run
// takes n seconds and n MB.
type fakeRunner struct {
	events []string
	runs   map[string]int
	failOn string
}

func (f *fakeRunner) runner() runner {
	return runner{
		exec: func(_ context.Context, t Tool) (Run, error) {
			f.events = append(f.events, "run "+t.Key)
			if t.Key == f.failOn {
				return Run{}, errors.New("exit status 1")
			}
			f.runs[t.Key]++
			n := f.runs[t.Key]
			return Run{Seconds: float64(n), PeakRSS: int64(n) << 20}, nil
		},
		dropCaches: func() error { f.events = append(f.events, "drop"); return nil },
		log:        io.Discard,
	}
}

func (f *fakeRunner) tool(key string) Tool {
	return Tool{Key: key, Label: key + " --flag", Prepare: func() error { f.events = append(f.events, "prepare "+key); return nil }}
}

func TestMeasureAlternates(t *testing.T) {
	tests := []struct {
		name           string
		cold           bool
		runs, warmup   int
		wantEvents     string
		wantTimes      []float64 // of A
		wantRSS        int64     // of A, MB
		wantErrContain string
	}{
		{
			name: "warm: a warm-up round, then rounds A B C", runs: 2, warmup: 1,
			wantEvents: "prepare A,run A,run B,prepare C,run C," +
				"prepare A,run A,run B,prepare C,run C," +
				"prepare A,run A,run B,prepare C,run C",
			wantTimes: []float64{2, 3}, wantRSS: 3,
		},
		{
			name: "cold: caches dropped after every prepare, no warm-up", cold: true, runs: 2, warmup: 1,
			wantEvents: "prepare A,drop,run A,drop,run B,prepare C,drop,run C," +
				"prepare A,drop,run A,drop,run B,prepare C,drop,run C",
			wantTimes: []float64{1, 2}, wantRSS: 2,
		},
		{name: "no runs", runs: 0, wantErrContain: "at least 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fakeRunner{runs: map[string]int{}}
			b := Block{Name: "blk", Cold: tt.cold, Tools: []Tool{f.tool("A"), {Key: "B"}, f.tool("C")}}
			res, err := f.runner().measure(context.Background(), b, tt.runs, tt.warmup)
			if tt.wantErrContain != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErrContain) {
					t.Fatalf("measure error = %v, want %q", err, tt.wantErrContain)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(f.events, ","); got != tt.wantEvents {
				t.Fatalf("events:\n got %s\nwant %s", got, tt.wantEvents)
			}
			if len(res) != 3 || res[0].Tool.Key != "A" || res[2].Tool.Key != "C" {
				t.Fatalf("results are not in the tools' order: %+v", res)
			}
			if !slices.Equal(res[0].Times, tt.wantTimes) || res[0].PeakRSS != tt.wantRSS<<20 {
				t.Fatalf("A: times %v, peak %d; want %v, %d MB", res[0].Times, res[0].PeakRSS, tt.wantTimes, tt.wantRSS)
			}
			if res[0].Time.N != tt.runs {
				t.Fatalf("A summarized %d runs, want %d", res[0].Time.N, tt.runs)
			}
		})
	}
}

func TestMeasureStopsOnAFailingTool(t *testing.T) {
	f := &fakeRunner{runs: map[string]int{}, failOn: "B"}
	b := Block{Name: "copy-large", Tools: []Tool{f.tool("A"), {Key: "B", Label: "cp -a src dst"}}}
	_, err := f.runner().measure(context.Background(), b, 3, 0)
	if err == nil || err.Error() != "copy-large: cp -a src dst: exit status 1" {
		t.Fatalf("error = %v", err)
	}
	if got := strings.Join(f.events, ","); got != "prepare A,run A,run B" {
		t.Fatalf("ran on after the failure: %s", got)
	}
}

func TestMeasureChecksEachRun(t *testing.T) {
	f := &fakeRunner{runs: map[string]int{}}
	checked := 0
	a := f.tool("A")
	a.Check = func() error {
		checked++
		f.events = append(f.events, "check A")
		if checked == 3 {
			return errors.New("the copy holds 0 files")
		}
		return nil
	}
	_, err := f.runner().measure(context.Background(), Block{Name: "copy-small", Tools: []Tool{a}}, 5, 1)
	if err == nil || err.Error() != "copy-small: A --flag: the copy holds 0 files" {
		t.Fatalf("error = %v", err)
	}
	want := "prepare A,run A,check A,prepare A,run A,check A,prepare A,run A,check A"
	if got := strings.Join(f.events, ","); got != want {
		t.Fatalf("events:\n got %s\nwant %s", got, want)
	}
}

func TestMeasureStopsWhenCancelled(t *testing.T) {
	f := &fakeRunner{runs: map[string]int{}}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := f.runner().measure(ctx, Block{Name: "x", Tools: []Tool{{Key: "A"}}}, 3, 0)
	if !errors.Is(err, context.Canceled) || len(f.events) != 0 {
		t.Fatalf("error = %v after %v", err, f.events)
	}
}

func TestTailKeepsTheEnd(t *testing.T) {
	var w tail
	if w.String() != "(nothing)" {
		t.Fatalf("empty tail = %q", w.String())
	}
	w.Write([]byte(strings.Repeat("a", 3000)))
	w.Write([]byte("the end"))
	if s := w.String(); len(s) != 2048 || !strings.HasSuffix(s, "the end") {
		t.Fatalf("tail kept %d bytes ending %q", len(s), s[len(s)-10:])
	}
}
