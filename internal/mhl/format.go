package mhl

import (
	"context"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha512"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"math/big"
	"strings"

	"github.com/cespare/xxhash/v2"
	"github.com/zeebo/xxh3"
)

// Format is a hash format an ASC MHL file can record, named as its XML
// element is.
type Format string

// The formats of ASC MHL v2.0, in the order the schema wants them.
const (
	C4     Format = "c4"
	MD5    Format = "md5"
	SHA1   Format = "sha1"
	XXH128 Format = "xxh128"
	XXH3   Format = "xxh3"
	XXH64  Format = "xxh64"
)

// formats lists every Format in schema order.
var formats = [...]Format{C4, MD5, SHA1, XXH128, XXH3, XXH64}

// Formats returns every supported Format in the order the schema lists
// them (which is also their alphabetical order).
func Formats() []Format { return formats[:] }

// ParseFormat returns the Format named s ("xxh128", "md5", ...).
func ParseFormat(s string) (Format, error) {
	f := Format(s)
	if !f.Valid() {
		return "", fmt.Errorf("unknown hash format %q (expected one of c4, md5, sha1, xxh128, xxh3, xxh64)", s)
	}
	return f, nil
}

// Valid reports whether f is one of the supported formats.
func (f Format) Valid() bool { return f.rank() >= 0 }

// rank is f's place in schema order, or -1 for an unknown format.
func (f Format) rank() int {
	for i, g := range formats {
		if f == g {
			return i
		}
	}
	return -1
}

// New returns a fresh hasher for f. Its Sum gives the raw digest, which
// Encode turns into the string an MHL file records.
func (f Format) New() (hash.Hash, error) {
	switch f {
	case C4:
		return sha512.New(), nil
	case MD5:
		return md5.New(), nil
	case SHA1:
		return sha1.New(), nil
	case XXH128:
		return xxh3.New128(), nil
	case XXH3:
		return xxh3.New(), nil
	case XXH64:
		return xxhash.New(), nil
	}
	return nil, fmt.Errorf("unknown hash format %q", string(f))
}

// digestSize is the length in bytes of f's raw digest.
func (f Format) digestSize() int {
	switch f {
	case C4:
		return sha512.Size
	case MD5:
		return md5.Size
	case SHA1:
		return sha1.Size
	case XXH128:
		return 16
	case XXH3, XXH64:
		return 8
	}
	return 0
}

// c4Alphabet is the base58 alphabet of C4 ids; '1' stands for zero.
const c4Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

// c4Len is the length of a C4 id: "c4" and 88 base58 digits.
const c4Len = 90

// Encode returns the MHL string form of a raw digest of format f:
// lowercase hex of the canonical (big-endian) value, or for C4 the id
// "c4" + the SHA-512 as a base58 number left-padded with '1' to 88 digits.
func (f Format) Encode(digest []byte) (string, error) {
	if !f.Valid() {
		return "", fmt.Errorf("unknown hash format %q", string(f))
	}
	if len(digest) != f.digestSize() {
		return "", fmt.Errorf("%s digest has %d bytes, expected %d", f, len(digest), f.digestSize())
	}
	if f != C4 {
		return hex.EncodeToString(digest), nil
	}
	n := new(big.Int).SetBytes(digest)
	base, mod := big.NewInt(58), new(big.Int)
	buf := make([]byte, c4Len)
	for i := range buf {
		buf[i] = '1'
	}
	buf[0], buf[1] = 'c', '4'
	for i := c4Len - 1; n.Sign() > 0; i-- {
		n.DivMod(n, base, mod)
		buf[i] = c4Alphabet[mod.Int64()]
	}
	return string(buf), nil
}

// Decode returns the raw digest that s, an MHL string of format f, stands
// for. Hex digits may be of either case.
func (f Format) Decode(s string) ([]byte, error) {
	if !f.Valid() {
		return nil, fmt.Errorf("unknown hash format %q", string(f))
	}
	if f != C4 {
		if len(s) != 2*f.digestSize() {
			return nil, fmt.Errorf("%s hash %q: expected %d hex digits", f, s, 2*f.digestSize())
		}
		b, err := hex.DecodeString(s)
		if err != nil {
			return nil, fmt.Errorf("%s hash %q: not hex", f, s)
		}
		return b, nil
	}
	if len(s) != c4Len || !strings.HasPrefix(s, "c4") {
		return nil, fmt.Errorf("c4 hash %q: expected \"c4\" and 88 base58 digits", s)
	}
	n, base := new(big.Int), big.NewInt(58)
	for _, r := range s[2:] {
		d := strings.IndexRune(c4Alphabet, r)
		if d < 0 {
			return nil, fmt.Errorf("c4 hash %q: %q is not a base58 digit", s, r)
		}
		n.Mul(n, base).Add(n, big.NewInt(int64(d)))
	}
	if n.BitLen() > 8*sha512.Size {
		return nil, fmt.Errorf("c4 hash %q: value exceeds 512 bits", s)
	}
	return n.FillBytes(make([]byte, sha512.Size)), nil
}

// Normalize returns s in f's canonical string form (lowercase hex), or an
// error when s is not a well-formed hash of format f.
func (f Format) Normalize(s string) (string, error) {
	b, err := f.Decode(s)
	if err != nil {
		return "", err
	}
	return f.Encode(b)
}

// Sum returns the MHL string of f's hash of data.
func (f Format) Sum(data []byte) (string, error) {
	h, err := f.New()
	if err != nil {
		return "", err
	}
	h.Write(data)
	return f.Encode(h.Sum(nil))
}

// readBufSize is the read size of HashReader.
const readBufSize = 1 << 20

// HashReader reads r to its end once and returns its hash in each of the
// given formats, stopping early when ctx is cancelled.
func HashReader(ctx context.Context, r io.Reader, fs ...Format) (map[Format]string, error) {
	if len(fs) == 0 {
		return map[Format]string{}, nil
	}
	hs := make(map[Format]hash.Hash, len(fs))
	ws := make([]io.Writer, 0, len(fs))
	for _, f := range fs {
		if _, dup := hs[f]; dup {
			continue
		}
		h, err := f.New()
		if err != nil {
			return nil, err
		}
		hs[f] = h
		ws = append(ws, h)
	}
	w := io.MultiWriter(ws...)
	buf := make([]byte, readBufSize)
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		n, err := r.Read(buf)
		w.Write(buf[:n])
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	out := make(map[Format]string, len(hs))
	for f, h := range hs {
		s, err := f.Encode(h.Sum(nil))
		if err != nil {
			return nil, err
		}
		out[f] = s
	}
	return out, nil
}
