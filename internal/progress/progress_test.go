package progress

import (
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bcnvisuals/autobackup/internal/testkit"
)

// fakeClock fires the display's delay and ticks when the test says.
type fakeClock struct {
	after chan time.Time
	ticks chan time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{after: make(chan time.Time), ticks: make(chan time.Time)}
}

func (c *fakeClock) After(time.Duration) <-chan time.Time { return c.after }

func (c *fakeClock) Ticker(time.Duration) (<-chan time.Time, func()) { return c.ticks, func() {} }

func TestDisplay(t *testing.T) {
	tests := []struct {
		name    string
		enabled bool
		elapse  bool // the delay passes: the work is long
		ticks   int
		want    []string // substrings of what is drawn
	}{
		{"off when not a terminal", false, true, 2, nil},
		{"nothing for quick work", true, false, 0, nil},
		{"a count for long work", true, true, 2, []string{"scanning 1,234 files"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out testkit.SyncBuffer
			var n atomic.Int64
			n.Store(1234)
			clock := newFakeClock()
			d := Start(&out, tt.enabled, Spec{Description: "scanning", Unit: "files", Total: -1, Read: n.Load, clock: clock})
			if tt.enabled && tt.elapse {
				clock.after <- time.Now()
				for range tt.ticks {
					clock.ticks <- time.Now()
				}
			}
			d.Stop()
			d.Stop() // a second Stop is harmless
			got := out.String()
			if len(tt.want) == 0 && got != "" {
				t.Fatalf("drew %q", got)
			}
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("drawing %q lacks %q", got, w)
				}
			}
		})
	}
}

func TestDisplayBytes(t *testing.T) {
	var out testkit.SyncBuffer
	var n atomic.Int64
	n.Store(5 << 20)
	clock := newFakeClock()
	d := Start(&out, true, Spec{Description: "copying", Total: 10 << 20, Read: n.Load, clock: clock})
	clock.after <- time.Now()
	clock.ticks <- time.Now()
	d.Stop()
	if got := out.String(); !strings.Contains(got, "copying") || !strings.Contains(got, "50%") {
		t.Fatalf("drawing %q", got)
	}
}

func TestDescribe(t *testing.T) {
	t0 := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		spec    Spec
		samples []int64 // one a second
		want    string
	}{
		{"files, no rate yet", Spec{Description: "scanning", Unit: "files", Total: -1}, []int64{1234}, "scanning 1,234 files"},
		{"files with a rate", Spec{Description: "scanning", Unit: "files", Total: -1}, []int64{0, 12000, 24690}, "scanning 24,690 files, 12,345 files/s"},
		{"bytes with time left", Spec{Description: "copying", Total: 100 << 20}, []int64{0, 10 << 20}, "copying 10 MB/s, 9s left"},
		{"bytes done", Spec{Description: "copying", Total: 10}, []int64{0, 10}, "copying 10 B/s"},
		{"nothing yet", Spec{Description: "copying", Total: 10}, []int64{0, 0}, "copying"},
	}
	for _, tt := range tests {
		var r rate
		for i, n := range tt.samples {
			r.add(t0.Add(time.Duration(i)*time.Second), n)
		}
		if got := describe(tt.spec, tt.samples[len(tt.samples)-1], r); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestRealClock: the display runs on the system's time when no clock is
// given.
func TestRealClock(t *testing.T) {
	c := realClock{}
	ticks, stop := c.Ticker(time.Millisecond)
	<-ticks
	stop()
	<-c.After(time.Millisecond)
}
