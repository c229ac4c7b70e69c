package progress

import (
	"bytes"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

func TestDisplay(t *testing.T) {
	tests := []struct {
		name    string
		enabled bool
		run     time.Duration
		want    []string // substrings of what is drawn
	}{
		{"off when not a terminal", false, Delay + 200*time.Millisecond, nil},
		{"nothing for quick work", true, Delay / 3, nil},
		{"a count for long work", true, Delay + 300*time.Millisecond, []string{"scanning 1,234 files", "files/s"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out syncBuffer
			var n atomic.Int64
			n.Store(1234)
			d := Start(&out, tt.enabled, Spec{Description: "scanning", Unit: "files", Total: -1, Read: n.Load, Interval: 20 * time.Millisecond})
			time.Sleep(tt.run)
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
	var out syncBuffer
	var n atomic.Int64
	n.Store(5 << 20)
	d := Start(&out, true, Spec{Description: "copying", Total: 10 << 20, Read: n.Load, Interval: 20 * time.Millisecond})
	time.Sleep(Delay + 200*time.Millisecond)
	d.Stop()
	if got := out.String(); !strings.Contains(got, "copying") || !strings.Contains(got, "50%") {
		t.Fatalf("drawing %q", got)
	}
}
