// Package progress draws live progress on a terminal for work whose
// counters another goroutine updates.
package progress

import (
	"io"
	"sync"
	"time"

	"github.com/bcnvisuals/autobackup/internal/units"
	"github.com/schollz/progressbar/v3"
)

// Delay is how long work runs before progress appears, so that quick
// commands print nothing extra.
const Delay = 300 * time.Millisecond

// Spec describes one progress display.
type Spec struct {
	Description string
	Unit        string        // what Read counts, such as "files"; empty counts bytes
	Total       int64         // -1 when unknown: a spinner with a rate
	Read        func() int64  // the current count
	Interval    time.Duration // redraw period; 0 means 100ms

	// clock gives the display its waits; tests replace it to draw at
	// moments they choose.
	clock clock
}

// clock is what the display waits on: the delay before it appears, and
// the ticks of its redraws.
type clock interface {
	After(d time.Duration) <-chan time.Time
	Ticker(d time.Duration) (ticks <-chan time.Time, stop func())
}

// realClock is the system's time.
type realClock struct{}

func (realClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

func (realClock) Ticker(d time.Duration) (<-chan time.Time, func()) {
	t := time.NewTicker(d)
	return t.C, t.Stop
}

// Display is a running progress display.
type Display struct {
	stop chan struct{}
	done sync.WaitGroup
}

// Start draws progress to w until Stop is called. When enabled is false
// (w is not a terminal) it draws nothing.
func Start(w io.Writer, enabled bool, spec Spec) *Display {
	d := &Display{stop: make(chan struct{})}
	if !enabled {
		return d
	}
	if spec.Interval <= 0 {
		spec.Interval = 100 * time.Millisecond
	}
	if spec.clock == nil {
		spec.clock = realClock{}
	}
	d.done.Go(func() { d.loop(w, spec) })
	return d
}

func (d *Display) loop(w io.Writer, spec Spec) {
	var start time.Time
	select {
	case <-d.stop:
		return
	case start = <-spec.clock.After(Delay):
	}
	bar := newBar(w, spec)
	ticks, stop := spec.clock.Ticker(spec.Interval)
	defer stop()
	r := rate{}
	r.add(start, spec.Read())
	for {
		n := spec.Read()
		_ = bar.Set64(n)
		bar.Describe(describe(spec, n, r)) // draws: the loop is the throttle
		select {
		case <-d.stop:
			_ = bar.Finish() // clears the line: the bar is set to clear on finish
			return
		case now := <-ticks:
			r.add(now, spec.Read())
		}
	}
}

// describe is the words before the bar: what is done, its rate with
// thousands separators, and the time left where the total is known.
func describe(spec Spec, n int64, r rate) string {
	desc := spec.Description
	per := r.perSecond()
	if spec.Unit != "" {
		desc += " " + units.Comma(n) + " " + spec.Unit
		if per > 0 {
			desc += ", " + units.Comma(int64(per+0.5)) + " " + spec.Unit + "/s"
		}
	} else if per > 0 {
		desc += " " + units.Bytes(int64(per)) + "/s"
	}
	if spec.Total > 0 && per > 0 && n < spec.Total {
		left := time.Duration(float64(spec.Total-n) / per * float64(time.Second))
		desc += ", " + left.Round(time.Second).String() + " left"
	}
	return desc
}

// rate measures how fast the count grows over the last few seconds.
type rate struct {
	times  []time.Time
	counts []int64
}

// window is how far back the rate looks.
const window = 3 * time.Second

func (r *rate) add(t time.Time, n int64) {
	r.times, r.counts = append(r.times, t), append(r.counts, n)
	for len(r.times) > 2 && t.Sub(r.times[1]) >= window {
		r.times, r.counts = r.times[1:], r.counts[1:]
	}
}

// perSecond is the rate over the window; 0 until there are two samples.
func (r rate) perSecond() float64 {
	if len(r.times) < 2 {
		return 0
	}
	last := len(r.times) - 1
	dt := r.times[last].Sub(r.times[0]).Seconds()
	if dt <= 0 {
		return 0
	}
	return float64(r.counts[last]-r.counts[0]) / dt
}

func newBar(w io.Writer, spec Spec) *progressbar.ProgressBar {
	opts := []progressbar.Option{
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription(spec.Description),
		progressbar.OptionSetWidth(30),
		progressbar.OptionUseANSICodes(true),
		progressbar.OptionClearOnFinish(),
		// The rate and time left are in the description, with separators;
		// the library's own would say [0s:0s] at the start.
		progressbar.OptionSetElapsedTime(false),
		progressbar.OptionSetPredictTime(false),
		// Draw only from loop: the library's own spinner goroutine would
		// outlive Stop.
		progressbar.OptionSetSpinnerChangeInterval(0),
	}
	if spec.Total >= 0 {
		opts = append(opts, progressbar.OptionShowCount())
	}
	if spec.Unit == "" {
		opts = append(opts, progressbar.OptionShowBytes(true))
	}
	return progressbar.NewOptions64(spec.Total, opts...)
}

// Stop removes the display and waits until it is gone. It may be called
// more than once.
func (d *Display) Stop() {
	select {
	case <-d.stop:
	default:
		close(d.stop)
	}
	d.done.Wait()
}
