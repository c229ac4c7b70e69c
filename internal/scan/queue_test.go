package scan

import (
	"context"
	"errors"
	"runtime"
	"slices"
	"strconv"
	"sync/atomic"
	"testing"
	"time"
)

// treeTask is a node of a complete tree laid out like a heap: the children
// of id are id*fanout+1 ... id*fanout+fanout.
type treeTask struct {
	id, depth int
}

// runWithin runs q and fails the test if it does not return within d, so
// that a deadlock shows as a failure rather than a hung test.
func runWithin[T any](t *testing.T, ctx context.Context, d time.Duration, q *queue[T], n int, worker func() func(T)) error {
	t.Helper()
	errc := make(chan error, 1)
	go func() { errc <- q.run(ctx, n, worker) }()
	select {
	case err := <-errc:
		return err
	case <-time.After(d):
		t.Fatalf("run did not return within %v", d)
		return nil
	}
}

func TestQueueRunsEveryTaskOnce(t *testing.T) {
	const (
		fanout = 4
		depth  = 6 // 1 + 4 + ... + 4^6 = 5461 tasks
	)
	total := 0
	for d, w := 0, 1; d <= depth; d, w = d+1, w*fanout {
		total += w
	}
	for _, n := range []int{1, 2, 8} {
		t.Run("workers="+strconv.Itoa(n), func(t *testing.T) {
			seen := make([]atomic.Int32, total)
			var workers, ran atomic.Int64
			q := newQueue[treeTask]()
			q.push(treeTask{id: 0, depth: 0})
			err := runWithin(t, context.Background(), 30*time.Second, q, n, func() func(treeTask) {
				workers.Add(1)
				return func(tk treeTask) {
					ran.Add(1)
					seen[tk.id].Add(1)
					if tk.depth == depth {
						return
					}
					kids := make([]treeTask, fanout)
					for k := range kids {
						kids[k] = treeTask{id: tk.id*fanout + k + 1, depth: tk.depth + 1}
					}
					// Push one at a time and all at once, to use both the
					// Signal and the Broadcast path.
					if tk.id%2 == 0 {
						q.push(kids...)
					} else {
						for _, k := range kids {
							q.push(k)
						}
					}
				}
			})
			if err != nil {
				t.Fatalf("run = %v, want nil", err)
			}
			if got := workers.Load(); got != int64(n) {
				t.Errorf("worker factory called %d times, want %d", got, n)
			}
			if got := ran.Load(); got != int64(total) {
				t.Errorf("ran %d tasks, want %d", got, total)
			}
			for id := range seen {
				if c := seen[id].Load(); c != 1 {
					t.Fatalf("task %d ran %d times, want 1", id, c)
				}
			}
			q.mu.Lock()
			pending, left := q.pending, len(q.tasks)
			q.mu.Unlock()
			if pending != 0 || left != 0 {
				t.Errorf("after run: pending=%d tasks=%d, want 0 and 0", pending, left)
			}
		})
	}
}

func TestQueueRunEmptyReturnsAtOnce(t *testing.T) {
	for _, n := range []int{1, 2, 8} {
		t.Run("workers="+strconv.Itoa(n), func(t *testing.T) {
			q := newQueue[int]()
			var ran atomic.Int64
			start := time.Now()
			err := runWithin(t, context.Background(), 5*time.Second, q, n, func() func(int) {
				return func(int) { ran.Add(1) }
			})
			if err != nil {
				t.Fatalf("run = %v, want nil", err)
			}
			if ran.Load() != 0 {
				t.Errorf("ran %d tasks on an empty queue", ran.Load())
			}
			if el := time.Since(start); el > time.Second {
				t.Errorf("run on an empty queue took %v", el)
			}
		})
	}
}

func TestQueueRunStopsOnCancel(t *testing.T) {
	for _, n := range []int{1, 2, 8} {
		t.Run("workers="+strconv.Itoa(n), func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			q := newQueue[int]()
			q.push(0)
			var ran atomic.Int64
			// Every task pushes two more: the work never ends by itself.
			err := runWithin(t, ctx, 10*time.Second, q, n, func() func(int) {
				return func(v int) {
					if ran.Add(1) == 100 {
						cancel()
					}
					q.push(v+1, v+2)
				}
			})
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("run = %v, want %v", err, context.Canceled)
			}
			after := ran.Load()
			if after < 100 {
				t.Errorf("ran %d tasks before stopping, want at least 100", after)
			}
			// run returns once every worker has returned: nothing runs on.
			q.push(0)
			if again := ran.Load(); again != after || q.waiters() != 0 {
				t.Errorf("tasks kept running after run returned: %d then %d", after, again)
			}
		})
	}
}

func TestQueueRunPreCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	q := newQueue[int]()
	q.push(0)
	err := runWithin(t, ctx, 10*time.Second, q, 4, func() func(int) {
		return func(v int) { q.push(v+1, v+2) }
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("run = %v, want %v", err, context.Canceled)
	}
}

func TestQueueRunDeadline(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	q := newQueue[int]()
	q.push(0)
	err := runWithin(t, ctx, 10*time.Second, q, 2, func() func(int) {
		return func(v int) {
			<-ctx.Done() // the deadline passes while a task runs
			q.push(v + 1)
		}
	})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("run = %v, want %v", err, context.DeadlineExceeded)
	}
}

func TestQueuePopIsLastInFirstOut(t *testing.T) {
	q := newQueue[string]()
	q.push("a")
	q.push("b", "c")
	q.push() // no tasks: no change
	var got []string
	for range 3 {
		v, ok := q.pop()
		if !ok {
			t.Fatalf("pop returned false with tasks queued")
		}
		got = append(got, v)
	}
	if want := []string{"c", "b", "a"}; !slices.Equal(got, want) {
		t.Errorf("pop order = %q, want %q", got, want)
	}
	if q.pending != 3 {
		t.Errorf("pending = %d after three pops and no done, want 3", q.pending)
	}
	for range 3 {
		q.done()
	}
	if v, ok := q.pop(); ok || v != "" {
		t.Errorf("pop on a drained queue = %q, %v; want \"\", false", v, ok)
	}
}

func TestQueuePushNothing(t *testing.T) {
	q := newQueue[int]()
	q.push()
	q.push([]int{}...)
	if q.pending != 0 || len(q.tasks) != 0 {
		t.Fatalf("push() changed the queue: pending=%d tasks=%d", q.pending, len(q.tasks))
	}
	if _, ok := q.pop(); ok {
		t.Errorf("pop on an empty queue returned a task")
	}
}

func TestQueueStop(t *testing.T) {
	q := newQueue[int]()
	q.push(1, 2, 3)
	q.stop()
	if v, ok := q.pop(); ok {
		t.Errorf("pop after stop = %d, true; want false", v)
	}
	// A pop blocked waiting for work returns once the queue is stopped.
	q2 := newQueue[int]()
	q2.push(1)
	if _, ok := q2.pop(); !ok {
		t.Fatal("pop returned false with a task queued")
	}
	res := make(chan bool, 1)
	go func() {
		_, ok := q2.pop() // one task still pending: this waits
		res <- ok
	}()
	select {
	case <-res:
		t.Fatal("pop returned while a task was still pending")
	case <-time.After(20 * time.Millisecond):
	}
	q2.stop()
	select {
	case ok := <-res:
		if ok {
			t.Error("blocked pop returned a task after stop")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("stop did not wake a blocked pop")
	}
}

func TestQueueDoneWakesWaiters(t *testing.T) {
	q := newQueue[int]()
	q.push(1)
	if _, ok := q.pop(); !ok {
		t.Fatal("pop returned false with a task queued")
	}
	const waiters = 3
	res := make(chan bool, waiters)
	for range waiters {
		go func() {
			_, ok := q.pop()
			res <- ok
		}()
	}
	for q.waiters() < waiters { // every waiter blocked in pop
		runtime.Gosched()
	}
	q.done() // the last pending task finished: every waiter gives up
	for range waiters {
		select {
		case ok := <-res:
			if ok {
				t.Error("a waiter got a task from a drained queue")
			}
		case <-time.After(5 * time.Second):
			t.Fatal("done did not wake every waiter")
		}
	}
}
