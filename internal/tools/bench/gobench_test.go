package main

import (
	"reflect"
	"testing"
)

func TestParseGoBench(t *testing.T) {
	out := `goos: linux
goarch: amd64
pkg: github.com/bcnvisuals/autobackup/internal/cmd
cpu: AMD EPYC
BenchmarkFetchAll-2   	      40	  41000000 ns/op	 1234 B/op	  12 allocs/op
BenchmarkFetchAll-2   	      40	  43500000 ns/op
PASS
ok  	github.com/bcnvisuals/autobackup/internal/cmd	3.2s
BenchmarkScan-2   	      40	  25000000 ns/op	      4866 folders	     20160 files	  5137 ns/folder
BenchmarkNoSuffix   	      10	  1000000 ns/op
BenchmarkBroken-2   	      10	  fast ns/op
--- FAIL: BenchmarkOther
`
	want := map[string][]float64{
		"BenchmarkFetchAll": {41, 43.5},
		"BenchmarkScan":     {25},
		"BenchmarkNoSuffix": {1},
	}
	if got := parseGoBench(out); !reflect.DeepEqual(got, want) {
		t.Fatalf("parseGoBench = %v, want %v", got, want)
	}
}

func TestGoVerdict(t *testing.T) {
	tests := []struct {
		sum          Summary
		targetMs     float64
		target, hold string
	}{
		{sum(41, 0.1), 50, "< 50 ms", "yes"},
		{sum(50, 0.1), 50, "< 50 ms", "**no**"},
		{sum(41, 0.74), 50, "< 50 ms", "not judged: spread 74%"},
		{sum(300, 0.9), 0, "—", "—"},
	}
	for _, tt := range tests {
		target, holds := goVerdict(tt.sum, tt.targetMs)
		if target != tt.target || holds != tt.hold {
			t.Errorf("goVerdict(%+v, %v) = %q, %q; want %q, %q", tt.sum, tt.targetMs, target, holds, tt.target, tt.hold)
		}
	}
}

func TestTestBinary(t *testing.T) {
	for pkg, want := range map[string]string{".": "autobackup.test", "./internal/scan": "internal_scan.test", "./internal/fsys/fsystest": "internal_fsys_fsystest.test"} {
		if got := testBinary(pkg); got != want {
			t.Errorf("testBinary(%q) = %q, want %q", pkg, got, want)
		}
	}
}
