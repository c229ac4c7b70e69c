package scan

import (
	"context"
	"sync"
)

// queue is a last-in, first-out work list shared by a fixed set of
// workers. Taking the newest task first walks depth-first, which keeps the
// list short: its length follows the width of the tree being walked, not
// the number of folders in it.
type queue[T any] struct {
	mu      sync.Mutex
	wake    *sync.Cond
	tasks   []T
	pending int // tasks queued or running
	waiting int // workers waiting in pop, for tests to wait on
	stopped bool
}

func newQueue[T any]() *queue[T] {
	q := &queue[T]{}
	q.wake = sync.NewCond(&q.mu)
	return q
}

// push adds tasks.
func (q *queue[T]) push(ts ...T) {
	if len(ts) == 0 {
		return
	}
	q.mu.Lock()
	q.tasks = append(q.tasks, ts...)
	q.pending += len(ts)
	q.mu.Unlock()
	if len(ts) == 1 {
		q.wake.Signal()
	} else {
		q.wake.Broadcast()
	}
}

// pop waits for a task. It returns false when every task is done or the
// queue was stopped.
func (q *queue[T]) pop() (T, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.tasks) == 0 && q.pending > 0 && !q.stopped {
		q.waiting++
		q.wake.Wait()
		q.waiting--
	}
	var zero T
	if q.stopped || len(q.tasks) == 0 {
		return zero, false
	}
	t := q.tasks[len(q.tasks)-1]
	q.tasks[len(q.tasks)-1] = zero
	q.tasks = q.tasks[:len(q.tasks)-1]
	return t, true
}

// done marks one popped task finished.
func (q *queue[T]) done() {
	q.mu.Lock()
	q.pending--
	last := q.pending == 0
	q.mu.Unlock()
	if last {
		q.wake.Broadcast()
	}
}

// stop makes every pop return false.
func (q *queue[T]) stop() {
	q.mu.Lock()
	q.stopped = true
	q.mu.Unlock()
	q.wake.Broadcast()
}

// run starts n workers, each with its own function from worker, that
// handle tasks until the queue is drained or ctx is cancelled, and waits
// for them.
func (q *queue[T]) run(ctx context.Context, n int, worker func() func(T)) error {
	stop := context.AfterFunc(ctx, q.stop)
	defer stop()
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			do := worker()
			for {
				t, ok := q.pop()
				if !ok {
					return
				}
				do(t)
				q.done()
			}
		})
	}
	wg.Wait()
	return ctx.Err()
}

// waiters is how many workers wait in pop.
func (q *queue[T]) waiters() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.waiting
}
