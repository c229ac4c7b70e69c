package compare

import (
	"context"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bcnvisuals/autobackup/internal/checksum"
)

// Progress counts the bytes a running Verify has hashed, both sides
// together. It is safe to read while Verify runs.
type Progress struct {
	Bytes atomic.Int64
}

// hashBuf is verify's read size: small enough that a block is still in
// the processor's cache when it is hashed, as four streams at once read.
const hashBuf = 256 << 10

// Verify compares the folders a and b by content: every file present on
// both sides with the same size is hashed on both sides (xxh3-128), so a
// file whose bytes differ is found even when its size and time agree.
// Files are hashed jobs at a time, and each side of a file is read at the
// same time as the other. Time differences alone do not count.
func Verify(ctx context.Context, a, b string, jobs int, progress *Progress) (*Result, error) {
	r, err := Trees(ctx, a, b, time.Nanosecond)
	if err != nil {
		return nil, err
	}
	if progress == nil {
		progress = &Progress{}
	}
	var todo []int
	for i, e := range r.Entries {
		switch {
		case e.A.Kind == File && e.B.Kind == File && e.A.Size == e.B.Size:
			todo = append(todo, i)
		case e.Class == Differs && e.Why == "time":
			r.Entries[i].Class, r.Entries[i].Why = Identical, "" // only content counts here
		}
	}
	errs := make([]error, len(r.Entries))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range max(1, min(jobs, len(todo))) {
		wg.Go(func() {
			bufA, bufB := make([]byte, hashBuf), make([]byte, hashBuf)
			for {
				k := int(next.Add(1) - 1)
				if k >= len(todo) || ctx.Err() != nil {
					return
				}
				i := todo[k]
				errs[i] = hashPair(ctx, &r.Entries[i], a, b, bufA, bufB, progress)
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return r, nil
}

// hashPair hashes both sides of an entry at once and classifies it.
func hashPair(ctx context.Context, e *Entry, a, b string, bufA, bufB []byte, p *Progress) error {
	count := func(n int) { p.Bytes.Add(int64(n)) }
	var sumB checksum.Sum
	var errB error
	done := make(chan struct{})
	go func() {
		defer close(done)
		sumB, errB = checksum.Path(ctx, join(b, e.Rel), bufB, count)
	}()
	sumA, errA := checksum.Path(ctx, join(a, e.Rel), bufA, count)
	<-done
	if errA != nil {
		return errA
	}
	if errB != nil {
		return errB
	}
	if sumA == sumB {
		e.Class, e.Why = Identical, ""
	} else {
		e.Class, e.Why = Differs, "content"
	}
	return nil
}

func join(root, rel string) string {
	return root + string(filepath.Separator) + filepath.FromSlash(rel)
}
