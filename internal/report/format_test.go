package report

import (
	"testing"
	"time"
)

func TestDuration(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{-time.Second, "0s"},
		{0, "0s"},
		{1234 * time.Nanosecond, "1µs"},
		{178_400 * time.Microsecond, "178ms"},
		{3_240 * time.Millisecond, "3.2s"},
		{41_300 * time.Millisecond, "41s"},
		{47*time.Minute + 13_400*time.Millisecond, "47m13s"},
		{2*time.Hour + 3*time.Second, "2h0m3s"},
	}
	for _, tt := range tests {
		if got := duration(tt.d); got != tt.want {
			t.Errorf("duration(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

func TestRate(t *testing.T) {
	tests := []struct {
		bytes int64
		d     time.Duration
		want  string
	}{
		{229_000, 178 * time.Millisecond, "1.3 MB/s"},
		{0, time.Second, ""},
		{100, 0, ""},
		{1_900e9, 47*time.Minute + 13*time.Second, "671 MB/s"},
	}
	for _, tt := range tests {
		if got := rate(tt.bytes, tt.d); got != tt.want {
			t.Errorf("rate(%d, %v) = %q, want %q", tt.bytes, tt.d, got, tt.want)
		}
	}
}

func TestFractionAndWidth(t *testing.T) {
	tests := []struct {
		part, whole int64
		width       string
		percent     string
	}{
		{0, 0, "width:0.0%", "0%"},
		{5, 0, "width:0.0%", "0%"},
		{-5, 10, "width:0.0%", "0%"},
		{1, 3, "width:33.3%", "33%"},
		{6_120, 8_000, "width:76.5%", "77%"},
		{12, 10, "width:100.0%", "100%"},
	}
	for _, tt := range tests {
		f := fraction(tt.part, tt.whole)
		if got := string(width(f)); got != tt.width {
			t.Errorf("width(fraction(%d, %d)) = %q, want %q", tt.part, tt.whole, got, tt.width)
		}
		if got := percent(f); got != tt.percent {
			t.Errorf("percent(fraction(%d, %d)) = %q, want %q", tt.part, tt.whole, got, tt.percent)
		}
	}
}

func TestWords(t *testing.T) {
	at := time.Date(2026, 9, 30, 18, 42, 7, 0, time.UTC)
	tests := []struct{ got, want string }{
		{plural(0, "file"), "0 files"},
		{plural(1, "file"), "1 file"},
		{plural(20_979, "file"), "20,979 files"},
		{size(7_900_000), "7.9 MB"},
		{count(1234567), "1,234,567"},
		{stamp(at, "never"), "2026-09-30 18:42"},
		{stamp(time.Time{}, "never"), "never"},
		{day(at, "never"), "2026-09-30"},
		{day(time.Time{}, "never"), "never"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}
