package parallel

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
)

func TestEach(t *testing.T) {
	tests := []struct{ jobs, n int }{{1, 10}, {4, 1000}, {8, 3}, {0, 5}, {4, 0}}
	for _, tt := range tests {
		var mu sync.Mutex
		seen := map[int]int{}
		states := map[*int]bool{}
		Each(context.Background(), tt.jobs, tt.n, func() *int { return new(int) }, func(i int, s *int) {
			mu.Lock()
			seen[i]++
			states[s] = true
			mu.Unlock()
		})
		if len(seen) != tt.n {
			t.Errorf("jobs %d, n %d: %d tasks ran", tt.jobs, tt.n, len(seen))
		}
		for i, c := range seen {
			if c != 1 {
				t.Errorf("task %d ran %d times", i, c)
			}
		}
		if tt.n > 0 && len(states) > max(1, tt.jobs) {
			t.Errorf("jobs %d: %d worker states", tt.jobs, len(states))
		}
	}
}

func TestEachStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var ran atomic.Int64
	Each(ctx, 2, 1000, func() struct{} { return struct{}{} }, func(i int, _ struct{}) {
		if ran.Add(1) == 10 {
			cancel()
		}
	})
	if n := ran.Load(); n > 12 {
		t.Fatalf("%d tasks ran after the cancel", n)
	}
}

type closer struct{ closed *atomic.Int64 }

func (c closer) Close() { c.closed.Add(1) }

func TestEachClosesStates(t *testing.T) {
	var closed atomic.Int64
	Each(context.Background(), 3, 100, func() closer { return closer{&closed} }, func(int, closer) {})
	if closed.Load() != 3 {
		t.Fatalf("%d states closed, want 3", closed.Load())
	}
}
