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
