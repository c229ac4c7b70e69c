// Package checksum hashes file content with xxh3-128, the hash copy
// verifies with and verify compares: fast enough that hashing never waits
// on anything but the disks, and 128 bits wide, so that a corrupted copy
// matching its source by chance is out of the question.
package checksum

import (
	"context"
	"errors"
	"io"

	"github.com/zeebo/xxh3"

	"github.com/bcnvisuals/autobackup/internal/fsys"
)

// BufSize is the read size: large enough that system calls cost little
// next to the data, small enough to stay in cache while it is hashed.
const BufSize = 1 << 20

// Sum is the xxh3-128 hash of a file's content.
type Sum = xxh3.Uint128

// New returns a hasher whose Sum128 is a Sum.
func New() *xxh3.Hasher { return xxh3.New() }

// Reader hashes r to its end, reading with buf and stopping when ctx is
// cancelled. onRead, when not nil, is told how many bytes each read got.
func Reader(ctx context.Context, r io.Reader, buf []byte, onRead func(int)) (Sum, error) {
	h := xxh3.New()
	for {
		if err := ctx.Err(); err != nil {
			return Sum{}, err
		}
		n, err := r.Read(buf)
		h.Write(buf[:n])
		if onRead != nil && n > 0 {
			onRead(n)
		}
		if errors.Is(err, io.EOF) {
			return h.Sum128(), nil
		}
		if err != nil {
			return Sum{}, err
		}
	}
}

// Open hashes the file name in the folder d.
func Open(ctx context.Context, d fsys.Dir, name string, buf []byte, onRead func(int)) (Sum, error) {
	f, err := d.Open(name)
	if err != nil {
		return Sum{}, err
	}
	defer f.Close()
	return Reader(ctx, f, buf, onRead)
}

// Both hashes two files at once, each in its folder: they are usually on
// two disks, so reading them together takes the time of the slower one.
func Both(ctx context.Context, da fsys.Dir, na string, db fsys.Dir, nb string, bufA, bufB []byte, onRead func(int)) (a, b Sum, err error) {
	var errB error
	done := make(chan struct{})
	go func() {
		defer close(done)
		b, errB = Open(ctx, db, nb, bufB, onRead)
	}()
	a, err = Open(ctx, da, na, bufA, onRead)
	<-done
	if err == nil {
		err = errB
	}
	return a, b, err
}

// Hex writes a sum as 32 hex digits.
func Hex(s Sum) string {
	const digits = "0123456789abcdef"
	b := s.Bytes()
	out := make([]byte, 32)
	for i, c := range b {
		out[2*i], out[2*i+1] = digits[c>>4], digits[c&15]
	}
	return string(out)
}
