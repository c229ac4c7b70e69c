package units

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/dustin/go-humanize"
)

func TestBytes(t *testing.T) {
	tests := []struct {
		in   int64
		want string
	}{
		{0, "0 B"}, {9, "9 B"}, {10, "10 B"}, {999, "999 B"}, {1000, "1.0 kB"}, {1499, "1.5 kB"},
		{9_949, "9.9 kB"}, {9_950, "10 kB"}, {999_499, "999 kB"}, {999_500, "1.0 MB"}, {1_000_000, "1.0 MB"},
		{1_200_000_000, "1.2 GB"}, {-2048, "-2.0 kB"}, {math.MaxInt64, "9.2 EB"},
	}
	for _, tt := range tests {
		if got := Bytes(tt.in); got != tt.want {
			t.Errorf("Bytes(%d) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestBytesMatchesHumanize holds Bytes to go-humanize's output on powers
// of ten, their neighbours and a million random sizes, up to 2^53 bytes
// (9 PB), past which humanize's float64 arithmetic rounds the size itself.
func TestBytesMatchesHumanize(t *testing.T) {
	var sizes []int64
	for p := int64(1); p > 0 && p < math.MaxInt64/10; p *= 10 {
		for _, d := range []int64{-1, 0, 1, p / 20, p / 2} {
			if p+d >= 0 {
				sizes = append(sizes, p+d, 9*p+d, 95*p/10+d, 995*p/100+d, 9995*p/1000+d)
			}
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 1_000_000 {
		sizes = append(sizes, rng.Int64N(1<<rng.IntN(62)+1))
	}
	for _, n := range sizes {
		if n < 0 || n > 1<<53 {
			continue // overflowed, or past where float64 (humanize) is exact
		}
		got, want := Bytes(n), humanize.Bytes(uint64(n))
		if strings.HasPrefix(want, "1000 ") && strings.HasPrefix(got, "1.0 ") {
			continue // humanize's "1000 kB" is our "1.0 MB"
		}
		if got != want {
			t.Fatalf("Bytes(%d) = %q, humanize says %q", n, got, want)
		}
	}
}

func BenchmarkBytes(b *testing.B) {
	for i := 0; b.Loop(); i++ {
		_ = Bytes(int64(i) * 7919)
	}
}

func TestAppendCount(t *testing.T) {
	for _, n := range []int64{0, 7, 999, 1000, 12345, 999999, 1000000, 1234567890, -1234, math.MaxInt64} {
		if got, want := string(AppendCount(nil, n)), humanize.Comma(n); got != want {
			t.Errorf("AppendCount(%d) = %q, humanize says %q", n, got, want)
		}
	}
}
