package mhl

import (
	"slices"
	"testing"
)

func TestIgnoreMatch(t *testing.T) {
	tests := []struct {
		patterns []string
		path     string
		isDir    bool
		want     bool
	}{
		{DefaultIgnore(), ".DS_Store", false, true},
		{DefaultIgnore(), "Clips/.DS_Store", false, true},
		{DefaultIgnore(), "ascmhl", true, true},
		{DefaultIgnore(), "B/ascmhl/0001_B.mhl", false, true},
		{DefaultIgnore(), "Clips/A001.mov", false, false},
		{[]string{"*.tmp"}, "a/b/c.tmp", false, true},
		{[]string{"*.tmp"}, "a/b/c.tmpx", false, false},
		{[]string{"Proxy/"}, "Proxy", true, true},
		{[]string{"Proxy/"}, "Proxy", false, false},
		{[]string{"Proxy/"}, "Day1/Proxy/a.mov", false, true},
		{[]string{"Proxy/*.mov"}, "Proxy/a.mov", false, true},
		{[]string{"Proxy/*.mov"}, "Day1/Proxy/a.mov", false, false}, // anchored
		{[]string{"/Sidecar.txt"}, "Sidecar.txt", false, true},
		{[]string{"/Sidecar.txt"}, "Clips/Sidecar.txt", false, false},
		{[]string{"**/cache/**"}, "a/cache/b/c", false, true},
		{[]string{"*.mov", "!keep.mov"}, "keep.mov", false, false},
		{[]string{"*.mov", "!keep.mov"}, "drop.mov", false, true},
		{[]string{"Proxy/", "!Proxy/keep.mov"}, "Proxy/keep.mov", false, true}, // inside an ignored folder
		{[]string{"{a,b}.txt"}, "a.txt", false, false},                         // braces are literal
		{[]string{"{a,b}.txt"}, "{a,b}.txt", false, true},
		{[]string{"# comment", ""}, "# comment", false, false},
		{[]string{"file?.r3d"}, "file1.r3d", false, true},
		{[]string{"[ab].txt"}, "b.txt", false, true},
	}
	for _, tt := range tests {
		ig, err := NewIgnore(tt.patterns)
		if err != nil {
			t.Fatalf("%q: %v", tt.patterns, err)
		}
		if got := ig.Match(tt.path, tt.isDir); got != tt.want {
			t.Errorf("%q Match(%q, dir=%v) = %v, want %v", tt.patterns, tt.path, tt.isDir, got, tt.want)
		}
	}
}

func TestIgnoreRejects(t *testing.T) {
	for _, p := range []string{"/", "[a"} {
		if _, err := NewIgnore([]string{p}); err == nil {
			t.Errorf("NewIgnore(%q): no error", p)
		}
	}
}

func TestMergeIgnore(t *testing.T) {
	tests := []struct {
		base, extra, want []string
	}{
		{nil, nil, DefaultIgnore()},
		{nil, []string{"*.tmp"}, append(DefaultIgnore(), "*.tmp")},
		{[]string{"*.tmp"}, []string{"*.tmp", "x"}, []string{"*.tmp", "x", "ascmhl", "ascmhl/"}},
	}
	for _, tt := range tests {
		if got := mergeIgnore(tt.base, tt.extra); !slices.Equal(got, tt.want) {
			t.Errorf("mergeIgnore(%q, %q) = %q, want %q", tt.base, tt.extra, got, tt.want)
		}
	}
}
