package checksum

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/zeebo/xxh3"

	"github.com/bcnvisuals/autobackup/internal/fsys"
	"github.com/bcnvisuals/autobackup/internal/testkit"
)

func TestReader(t *testing.T) {
	tests := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"short", []byte("hello")},
		{"several buffers", bytes.Repeat([]byte("0123456789"), BufSize/5+3)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			read := 0
			got, err := Reader(context.Background(), bytes.NewReader(tt.data), make([]byte, BufSize), func(n int) { read += n })
			if err != nil {
				t.Fatal(err)
			}
			if want := xxh3.Hash128(tt.data); got != want {
				t.Fatalf("Reader = %s, want %s", Hex(got), Hex(want))
			}
			if read != len(tt.data) {
				t.Fatalf("onRead saw %d bytes, want %d", read, len(tt.data))
			}
		})
	}
}

func TestOpenAndBoth(t *testing.T) {
	dir := t.TempDir()
	a, b := []byte(strings.Repeat("x", 3000)), []byte(strings.Repeat("y", 5000))
	must(t, os.WriteFile(filepath.Join(dir, "a"), a, 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "b"), b, 0o644))
	must(t, os.Symlink("a", filepath.Join(dir, "l")))
	d, err := fsys.OpenRoot(dir)
	must(t, err)
	defer d.Close()
	var read atomic.Int64
	count := func(n int) { read.Add(int64(n)) }
	sa, sb, err := Both(context.Background(), d, "a", d, "b", make([]byte, 1024), make([]byte, 1024), count)
	if err != nil || sa != xxh3.Hash128(a) || sb != xxh3.Hash128(b) || read.Load() != 8000 {
		t.Fatalf("Both = %s %s, %v (read %d)", Hex(sa), Hex(sb), err, read.Load())
	}
	if _, err := Open(context.Background(), d, "l", make([]byte, 10), nil); err == nil {
		t.Fatal("Open followed a symlink")
	}
	if _, _, err := Both(context.Background(), d, "a", d, "missing", make([]byte, 10), make([]byte, 10), nil); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("missing: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Open(ctx, d, "a", make([]byte, 10), nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: %v", err)
	}
}

// TestHex pins known XXH3-128 values in the form xxhsum -H2 prints them
// (the canonical big-endian form), which ASC MHL manifests record.
func TestHex(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "99aa06d3014798d86001c324468d497f"},
		{"abc", "06b05ab6733a618578af5f94892f3950"},
		{"media-hash-list", "61a67c014f703a456ee7a776fd8c06bd"},
	}
	for _, tt := range tests {
		if got := Hex(xxh3.Hash128([]byte(tt.in))); got != tt.want {
			t.Errorf("Hex(xxh128(%q)) = %s, want %s", tt.in, got, tt.want)
		}
	}
	if Hex(Sum{}) != strings.Repeat("0", 32) {
		t.Fatalf("Hex(0) = %q", Hex(Sum{}))
	}
}

var must = testkit.Must
