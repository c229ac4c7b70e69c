package main

import (
	"slices"
	"strings"
	"testing"
)

const straceDu = `% time     seconds  usecs/call     calls    errors syscall
------ ----------- ----------- --------- --------- ----------------
 55.10    0.300000           1    200000           newfstatat
 30.00    0.160000           1    102295           getdents64
 10.00    0.050000           0    102300        12 openat
  4.90    0.020000           0    102300           close
------ ----------- ----------- --------- --------- ----------------
100.00    0.530000           1    506895        12 total
`

const straceAb = `% time     seconds  usecs/call     calls    errors syscall
------ ----------- ----------- --------- --------- ----------------
 70.00    0.200000           1    200100           newfstatat
 20.00    0.050000           0     51000           getdents64
  9.00    0.020000           0     51200           openat
  1.00    0.001000          10       100           futex
------ ----------- ----------- --------- --------- ----------------
100.00    0.271000           0    302400           total
`

func TestParseStrace(t *testing.T) {
	tests := []struct {
		name      string
		text      string
		wantFirst syscallCount
		wantTotal syscallCount
		wantN     int
		wantErr   string
	}{
		{name: "du", text: straceDu, wantN: 4,
			wantFirst: syscallCount{name: "newfstatat", calls: 200000, seconds: 0.3},
			wantTotal: syscallCount{name: "total", calls: 506895, errors: 12, seconds: 0.53}},
		{name: "no errors anywhere", text: straceAb, wantN: 4,
			wantFirst: syscallCount{name: "newfstatat", calls: 200100, seconds: 0.2},
			wantTotal: syscallCount{name: "total", calls: 302400, seconds: 0.271}},
		{name: "no total", text: "% time     seconds  usecs/call     calls    errors syscall\n", wantErr: "no total line"},
		{name: "garbage", text: " 55.10    x           1    200000           newfstatat\n", wantErr: "cannot read"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			calls, total, err := parseStrace(tt.text)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(calls) != tt.wantN {
				t.Fatalf("%d calls, want %d", len(calls), tt.wantN)
			}
			if calls[0] != tt.wantFirst || total != tt.wantTotal {
				t.Fatalf("first %+v total %+v", calls[0], total)
			}
			i := slices.IndexFunc(calls, func(c syscallCount) bool { return c.name == "openat" })
			if tt.name == "du" && (i < 0 || calls[i].calls != 102300 || calls[i].errors != 12) {
				t.Fatalf("openat line read as %+v", calls)
			}
			if !slices.IsSortedFunc(calls, func(x, y syscallCount) int { return int(y.calls - x.calls) }) {
				t.Fatalf("calls not most first: %+v", calls)
			}
		})
	}
}

func TestRenderProfiles(t *testing.T) {
	callsA, totalA, err := parseStrace(straceAb)
	if err != nil {
		t.Fatal(err)
	}
	callsB, totalB, err := parseStrace(straceDu)
	if err != nil {
		t.Fatal(err)
	}
	a := profile{tool: Tool{Label: "autobackup load"}, run: Run{Seconds: 1.05, User: 0.2, System: 1.5}, calls: callsA, total: totalA}
	b := profile{tool: Tool{Label: "du -sb scan"}, run: Run{Seconds: 2.1, User: 0.1, System: 1.9}, calls: callsB, total: totalB}
	if got, want := topCalls(2, a, b), []string{"newfstatat", "openat"}; !slices.Equal(got, want) {
		t.Fatalf("topCalls(2) = %v, want %v", got, want)
	}
	if got, want := topCalls(4, a, b), []string{"newfstatat", "openat", "getdents64", "close", "futex"}; !slices.Equal(got, want) {
		t.Fatalf("topCalls(4) = %v, want %v", got, want)
	}
	want := "| | `autobackup load` | `du -sb scan` |\n|---|---:|---:|\n" +
		"| wall time (s), warm | 1.050 | 2.100 |\n" +
		"| user CPU (s) | 0.200 | 0.100 |\n" +
		"| system CPU (s) | 1.500 | 1.900 |\n" +
		"| system calls | 302,400 | 506,895 |\n" +
		"| system calls per file | 1.51 | 2.53 |\n" +
		"| `newfstatat` per file | 1.00 | 1.00 |\n" +
		"| `openat` per file | 0.26 | 0.51 |\n" +
		"| `getdents64` per file | 0.26 | 0.51 |\n" +
		"| `close` per file | 0 | 0.51 |\n" +
		"| `futex` per file | 0.00 | 0 |\n"
	if got := renderProfiles(200000, a, b); got != want {
		t.Fatalf("got:\n%s\nwant:\n%s", got, want)
	}
	if perFile(5, 0) != "—" {
		t.Fatal("perFile of no files")
	}
}
