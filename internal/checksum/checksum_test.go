package checksum

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zeebo/xxh3"
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

func TestFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(p, []byte(strings.Repeat("x", 3000)), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := File(context.Background(), func() (*os.File, error) { return os.Open(p) }, make([]byte, 1024), nil)
	if err != nil || got != xxh3.Hash128([]byte(strings.Repeat("x", 3000))) {
		t.Fatalf("File = %s, %v", Hex(got), err)
	}
	if _, err := File(context.Background(), func() (*os.File, error) { return os.Open(p + "-missing") }, nil, nil); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("missing file: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := File(ctx, func() (*os.File, error) { return os.Open(p) }, make([]byte, 10), nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: %v", err)
	}
}

func TestHex(t *testing.T) {
	s := xxh3.Hash128([]byte("abc"))
	h := Hex(s)
	if len(h) != 32 || strings.Trim(h, "0123456789abcdef") != "" {
		t.Fatalf("Hex = %q", h)
	}
	if Hex(Sum{}) != strings.Repeat("0", 32) {
		t.Fatalf("Hex(0) = %q", Hex(Sum{}))
	}
}

func TestPath(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "f")
	data := []byte(strings.Repeat("y", 5000))
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	read := 0
	got, err := Path(context.Background(), p, make([]byte, 1024), func(n int) { read += n })
	if err != nil || got != xxh3.Hash128(data) || read != len(data) {
		t.Fatalf("Path = %s, %v (read %d)", Hex(got), err, read)
	}
	if err := os.Symlink("f", filepath.Join(dir, "l")); err != nil {
		t.Fatal(err)
	}
	if _, err := Path(context.Background(), filepath.Join(dir, "l"), make([]byte, 10), nil); err == nil {
		t.Fatal("Path followed a symlink")
	}
	if _, err := Path(context.Background(), filepath.Join(dir, "missing"), make([]byte, 10), nil); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("missing: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Path(ctx, p, make([]byte, 10), nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: %v", err)
	}
}
