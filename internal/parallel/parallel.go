// Package parallel runs numbered tasks on a fixed number of workers: the
// one worker pool of the copy, verify and anything else that works through
// a list of files.
package parallel

import (
	"context"
	"sync"
	"sync/atomic"
)

// Each runs do(i, state) for every i in [0, n) on at most jobs workers.
// Each worker gets a state of its own from newState (a buffer, say; it
// may be nil), closed when the worker ends if it has a Close method.
// Workers stop taking tasks once ctx is cancelled; Each returns when
// every task begun has ended.
func Each[S any](ctx context.Context, jobs, n int, newState func() S, do func(i int, state S)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range max(1, min(jobs, n)) {
		wg.Go(func() {
			var state S
			if newState != nil {
				state = newState()
			}
			if c, ok := any(state).(interface{ Close() }); ok {
				defer c.Close()
			}
			for {
				i := int(next.Add(1) - 1)
				if i >= n || ctx.Err() != nil {
					return
				}
				do(i, state)
			}
		})
	}
	wg.Wait()
}
