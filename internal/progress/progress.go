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
	select {
	case <-d.stop:
		return
	case <-spec.clock.After(Delay):
	}
	bar := newBar(w, spec)
	ticks, stop := spec.clock.Ticker(spec.Interval)
	defer stop()
	for {
		n := spec.Read()
		if spec.Total < 0 {
			bar.Describe(spec.Description + " " + units.Comma(n) + " " + spec.Unit)
		}
		_ = bar.Set64(n)
		select {
		case <-d.stop:
			_ = bar.Finish() // clears the line: the bar is set to clear on finish
			return
		case <-ticks:
		}
	}
}

func newBar(w io.Writer, spec Spec) *progressbar.ProgressBar {
	opts := []progressbar.Option{
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription(spec.Description),
		progressbar.OptionThrottle(spec.Interval),
		progressbar.OptionSetWidth(30),
		progressbar.OptionUseANSICodes(true),
		progressbar.OptionClearOnFinish(),
		// Draw only from loop: the library's own spinner goroutine would
		// outlive Stop.
		progressbar.OptionSetSpinnerChangeInterval(0),
	}
	if spec.Total >= 0 {
		opts = append(opts, progressbar.OptionShowCount())
	}
	if spec.Unit == "" {
		opts = append(opts, progressbar.OptionShowBytes(true))
	} else {
		opts = append(opts, progressbar.OptionShowIts(), progressbar.OptionSetItsString(spec.Unit))
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
