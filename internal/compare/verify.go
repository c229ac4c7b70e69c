package compare

import (
	"context"
	"path"
	"sync/atomic"
	"time"

	"github.com/bcnvisuals/autobackup/internal/checksum"
	"github.com/bcnvisuals/autobackup/internal/fsys"
	"github.com/bcnvisuals/autobackup/internal/march"
	"github.com/bcnvisuals/autobackup/internal/parallel"
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
	da, err := fsys.OpenRoot(a)
	if err != nil {
		return nil, err
	}
	defer da.Close()
	db, err := fsys.OpenRoot(b)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	r, err := Dirs(ctx, da, db, time.Nanosecond)
	if err != nil {
		return nil, err
	}
	if progress == nil {
		progress = &Progress{}
	}
	var todo []int
	for i, e := range r.Entries {
		switch {
		case e.A != nil && e.B != nil && e.A.Kind == fsys.KindFile && e.B.Kind == fsys.KindFile && e.A.Size == e.B.Size:
			todo = append(todo, i)
		case e.Diff == march.Time:
			r.Entries[i].Diff = march.Same // only content counts here
		}
	}
	errs := make([]error, len(r.Entries))
	parallel.Each(ctx, jobs, len(todo), func() *hasher { return newHasher(da, db) }, func(k int, h *hasher) {
		i := todo[k]
		errs[i] = h.hash(ctx, &r.Entries[i], progress)
	})
	for _, h := range errs {
		if h != nil {
			return nil, h
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return r, nil
}

// hasher is one verify worker: its buffers, and the folders it last
// opened on both sides, since the files come folder by folder.
type hasher struct {
	rootA, rootB fsys.Dir
	dir          string
	a, b         fsys.Dir
	bufA, bufB   []byte
}

func newHasher(a, b fsys.Dir) *hasher {
	return &hasher{rootA: a, rootB: b, bufA: make([]byte, hashBuf), bufB: make([]byte, hashBuf)}
}

// hash hashes both sides of an entry at once and classifies it.
func (h *hasher) hash(ctx context.Context, e *Entry, p *Progress) error {
	if err := h.open(e.Dir()); err != nil {
		return err
	}
	name := path.Base(e.Rel)
	sumA, sumB, err := checksum.Both(ctx, h.a, name, h.b, name, h.bufA, h.bufB, func(n int) { p.Bytes.Add(int64(n)) })
	if err != nil {
		return err
	}
	if sumA == sumB {
		e.Diff = march.Same
	} else {
		e.Diff = march.Content
	}
	return nil
}

// open opens the folder dir on both sides, unless it is the one open.
func (h *hasher) open(dir string) error {
	if h.a != nil && h.dir == dir {
		return nil
	}
	h.Close()
	a, err := fsys.Walk(h.rootA, dir)
	if err != nil {
		return err
	}
	b, err := fsys.Walk(h.rootB, dir)
	if err != nil {
		a.Close()
		return err
	}
	h.a, h.b, h.dir = a, b, dir
	return nil
}

// Close closes the folders it holds open.
func (h *hasher) Close() {
	if h.a != nil {
		h.a.Close()
		h.b.Close()
		h.a, h.b = nil, nil
	}
}
