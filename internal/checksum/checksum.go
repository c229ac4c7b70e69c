// Package checksum hashes file content with xxh3-128, the hash copy
// verifies with and verify compares: fast enough that hashing never waits
// on anything but the disks, and 128 bits wide, so that a corrupted copy
// matching its source by chance is out of the question.
package checksum

import (
	"context"
	"errors"
	"io"
	"os"

	"github.com/zeebo/xxh3"
	"golang.org/x/sys/unix"
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

// File hashes what open returns.
func File(ctx context.Context, open func() (*os.File, error), buf []byte, onRead func(int)) (Sum, error) {
	f, err := open()
	if err != nil {
		return Sum{}, err
	}
	defer f.Close()
	return Reader(ctx, f, buf, onRead)
}

// Path hashes the file at path, reading it with plain system calls: for
// many small files, the bookkeeping of an os.File costs more than the
// reading. A symlink is not followed.
func Path(ctx context.Context, path string, buf []byte, onRead func(int)) (Sum, error) {
	fd, err := openRetry(path)
	if err != nil {
		return Sum{}, &os.PathError{Op: "open", Path: path, Err: err}
	}
	defer unix.Close(fd)
	h := xxh3.New()
	for {
		if err := ctx.Err(); err != nil {
			return Sum{}, err
		}
		n, err := unix.Read(fd, buf)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return Sum{}, &os.PathError{Op: "read", Path: path, Err: err}
		}
		if n == 0 {
			return h.Sum128(), nil
		}
		h.Write(buf[:n])
		if onRead != nil {
			onRead(n)
		}
	}
}

func openRetry(path string) (int, error) {
	for {
		fd, err := unix.Open(path, unix.O_RDONLY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
		if err != unix.EINTR {
			return fd, err
		}
	}
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
