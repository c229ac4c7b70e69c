package compare

import (
	"context"
	"errors"
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
	// Each side of each file is a task of its own, next to its pair, so
	// that the two sides are read at once on the two databases, by the
	// workers there are, without a goroutine started per file.
	sums := make([]checksum.Sum, 2*len(todo))
	errs := make([]error, 2*len(todo))
	roots := [2]fsys.Dir{da, db}
	parallel.Each(ctx, max(2, jobs), 2*len(todo), func() *hasher { return &hasher{buf: make([]byte, hashBuf)} },
		func(k int, h *hasher) {
			e := &r.Entries[todo[k/2]]
			sums[k], errs[k] = h.hash(ctx, roots[k%2], k%2, e.Rel, progress)
		})
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for k, i := range todo {
		if sums[2*k] == sums[2*k+1] {
			r.Entries[i].Diff = march.Same
		} else {
			r.Entries[i].Diff = march.Content
		}
	}
	return r, nil
}

// hasher is one verify worker: its buffer, and the folder it last opened
// on each side, since the files come folder by folder.
type hasher struct {
	buf  []byte
	dirs [2]string
	open [2]fsys.Dir
}

// hash hashes the file rel on one side.
func (h *hasher) hash(ctx context.Context, root fsys.Dir, side int, rel string, p *Progress) (checksum.Sum, error) {
	dir := path.Dir(rel)
	if h.open[side] == nil || h.dirs[side] != dir {
		if h.open[side] != nil {
			h.open[side].Close()
			h.open[side] = nil
		}
		d, err := fsys.Walk(root, dir)
		if err != nil {
			return checksum.Sum{}, err
		}
		h.open[side], h.dirs[side] = d, dir
	}
	return checksum.Open(ctx, h.open[side], path.Base(rel), h.buf, func(n int) { p.Bytes.Add(int64(n)) })
}

// Close closes the folders it holds open.
func (h *hasher) Close() {
	for _, d := range h.open {
		if d != nil {
			d.Close()
		}
	}
}
