package cmd

import (
	"slices"
	"strings"
	"testing"
)

func TestComplete(t *testing.T) {
	tests := []struct {
		line   string
		want   []string
		length int
	}{
		{"", []string{"add ", "compare ", "copy ", "exit ", "explore ", "fetch ", "forget ", "help ", "list ", "load ", "quit ", "remove ", "set ", "status ", "verify "}, 0},
		{"l", []string{"ist ", "oad "}, 1},
		{"fe", []string{"tch "}, 2},
		{"list ", []string{"categories ", "clients ", "databases ", "projects "}, 0},
		{"list c", []string{"ategories ", "lients "}, 1},
		{"list clients ", []string{"in "}, 0},
		{"list clients in ", []string{"NAS ", "OFF ", "WORK "}, 0},
		{"list clients in N", []string{"AS "}, 1},
		{"list projects in ", []string{`'Big Co' `, "acme ", "zeta "}, 0},
		{"list projects in B", []string{`ig\ Co `}, 1},
		{`list projects in "B`, []string{`ig Co" `}, 2},
		{`list projects in 'B`, []string{`ig Co' `}, 2},
		{"list projects in acme ", []string{"in "}, 0},
		{"list projects in acme in ", []string{"NAS ", "OFF ", "WORK "}, 0},
		{"fetch ", []string{`'Big Co/`, "acme/", "all ", "client ", "project ", "zeta/"}, 0},
		{"fetch acme/", []string{"shot10 ", "shot2 ", "spot "}, 5},
		{"fetch acme/sp", []string{"ot "}, 7},
		{`fetch "Big Co/`, []string{`Spot 2" `}, 8},
		{`fetch 'Big Co/`, []string{`Spot 2' `}, 8},
		{`fetch Big\ Co/`, []string{`Spot\ 2 `}, 8},
		{"fetch project z", []string{"eta/"}, 1},
		{"fetch client ", []string{`'Big Co' `, "acme ", "zeta "}, 0},
		{"add ", []string{"category ", "database "}, 0},
		{"add database ", nil, 0},
		{"remove database ", []string{"NAS ", "OFF ", "WORK "}, 0},
		{"remove category ", []string{"footage ", "project "}, 0},
		{"load ", []string{"NAS ", "OFF ", "WORK "}, 0},
		{"load -", []string{"-verbose ", "j ", "v "}, 1},
		{"load NAS ", []string{"NAS ", "OFF ", "WORK "}, 0},
		{"help f", []string{"etch ", "orget "}, 1},
		{"frobnicate ", nil, 0},
		{"list clients # in ", nil, 0},
		{"exit ", nil, 0},
		{`fetch trailing\`, nil, 0},
	}
	s, _, _ := studio(t)
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			got, length := Complete(s, tt.line)
			if !slices.Equal(got, tt.want) || length != tt.length {
				t.Fatalf("Complete(%q) = %q, %d; want %q, %d", tt.line, got, length, tt.want, tt.length)
			}
		})
	}
}

// TestCompleteAgreesWithRun checks that every whole-word completion of a
// command line leads to a line that dispatch can parse to the end.
func TestCompleteAgreesWithRun(t *testing.T) {
	s, _, _ := studio(t)
	lines := []string{""}
	accepted := 0
	for depth := 0; depth < 6; depth++ {
		var next []string
		for _, line := range lines {
			cands, _ := Complete(s, line)
			for _, c := range cands {
				next = append(next, line+c)
			}
		}
		for _, line := range next {
			words, err := Words(line)
			if err != nil && !strings.HasSuffix(line, "/") {
				t.Fatalf("completed line %q does not split: %v", line, err)
			}
			if len(words) == 0 {
				continue
			}
			c, _ := Lookup(words[0])
			if _, err := c.grammar.match(words[1:]); err == nil {
				accepted++
			}
		}
		lines = next
	}
	if accepted < 50 {
		t.Fatalf("only %d completed lines were whole commands", accepted)
	}
}

// FuzzComplete checks that completion never panics and that completing a
// whole word after any line that splits gives a line that still splits,
// whose last word is the completed value.
func FuzzComplete(f *testing.F) {
	for _, line := range []string{"", "fetch ", `fetch "Big`, "list projects in B", `x\`, "load -", "fetch acme/", "# x"} {
		f.Add(line)
	}
	s, _, _ := studio(f)
	f.Fuzz(func(t *testing.T, line string) {
		cands, length := Complete(s, line)
		if length > len([]rune(line)) || length < 0 {
			t.Fatalf("Complete(%q) length %d out of range", line, length)
		}
		for _, c := range cands {
			if !strings.HasSuffix(c, " ") {
				continue
			}
			if _, err := Split(line + c); err != nil {
				t.Fatalf("Complete(%q) offered %q, and the line no longer splits: %v", line, c, err)
			}
		}
	})
}
