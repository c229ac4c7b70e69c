package fsys

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestStepOf(t *testing.T) {
	want := time.Unix(1_700_000_001, 123_456_789)
	tests := []struct {
		got  time.Time
		step time.Duration
	}{
		{want, time.Nanosecond},
		{time.Unix(1_700_000_001, 123_456_700), 100 * time.Nanosecond},
		{time.Unix(1_700_000_001, 123_456_000), time.Microsecond},
		{time.Unix(1_700_000_001, 123_000_000), time.Millisecond},
		{time.Unix(1_700_000_001, 120_000_000), 10 * time.Millisecond},
		{time.Unix(1_700_000_001, 0), time.Second},
		{time.Unix(1_700_000_000, 0), 2 * time.Second}, // truncated to even seconds
		{time.Unix(1_700_000_002, 0), time.Second},     // rounded up: the second probe tells
	}
	for _, tt := range tests {
		if got := stepOf(want, tt.got); got != tt.step {
			t.Errorf("stepOf(%v) = %v, want %v", tt.got, got, tt.step)
		}
	}
}

func TestPrecisionProbeAndLearn(t *testing.T) {
	d, dir := root(t, nil)
	p, err := Probe(d)
	must(t, err)
	if known, ok := d.Precision(); ok && known != p {
		t.Fatalf("the type says %v, a probe found %v", known, p)
	}
	state, err := MkdirOpen(d, StateDir, 0o755)
	must(t, err)
	defer state.Close()
	LearnPrecision(d, state)
	if _, ok := d.Precision(); !ok {
		if _, err := os.Stat(filepath.Join(dir, StateDir, precisionFile)); err != nil {
			t.Fatalf("an unknown type's precision was not recorded: %v", err)
		}
	}
	must(t, WriteFile(state, precisionFile, []byte("2000000000\n")))
	if _, ok := d.Precision(); !ok && TimePrecision(d) != 2*time.Second {
		t.Fatalf("a recorded precision was not read back: %v", TimePrecision(d))
	}
	if RootPrecision(filepath.Join(dir, "missing")) != time.Nanosecond {
		t.Fatal("RootPrecision of a missing root")
	}
}
