package table

import "testing"

// TestEscape (issue 7, item 18): a name with control characters prints as
// one visible line.
func TestEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain name", "plain name"},
		{"Café «Été»", "Café «Été»"},
		{"two\nlines", `two\nlines`},
		{"tab\there", `tab\there`},
		{"\x1b[31mred", `\x1b[31mred`},
		{"nul\x00", `nul\x00`},
		{"del\x7f", `del\x7f`},
		{"c1\u0085", `c1\x85`},
		{"\r", `\r`},
	}
	for _, tt := range tests {
		if got := Escape(tt.in); got != tt.want {
			t.Errorf("Escape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := Shorten("a\nvery long name with a newline in it", 12); got != `a\nver…in it` {
		t.Errorf("Shorten escapes first: %q", got)
	}
}
