package table

import (
	"strings"
	"testing"
)

func TestEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"", ""},
		{"Big Co/Spot «Été» 2", "Big Co/Spot «Été» 2"},
		{"東京", "東京"},
		{`back\slash`, `back\slash`},
		{"it's", "it's"},
		{"a$'b'", "a$'b'"},
		{"a\nb", `$'a\nb'`},
		{"tab\there", `$'tab\there'`},
		{"\a\b\t\n\v\f\r\x1b", `$'\a\b\t\n\v\f\r\e'`},
		{"nul\x00x\x01\x1f\x7f", `$'nul\x00x\x01\x1f\x7f'`},
		{"it's\n", `$'it\'s\n'`},
		{"back\\slash\n", `$'back\\slash\n'`},
		{"bad\xffname", `$'bad\xffname'`},
		{"\xc3", `$'\xc3'`},
		{"c1\u0085", `$'c1\u0085'`},
		{"line\u2028sep\u2029", `$'line\u2028sep\u2029'`},
		{"bidi\u202etxt.exe", `$'bidi\u202etxt.exe'`},
		{"iso\u2066x\u2069", `$'iso\u2066x\u2069'`},
		{"mark\u200e\u200f\u061c", `$'mark\u200e\u200f\u061c'`},
		{"$'x'", `$'$\'x\''`},
		{"$'", `$'$\''`},
		{"zwj 👩\u200d💻", "zwj 👩\u200d💻"},
	}
	for _, tt := range tests {
		got := Escape(tt.in)
		if got != tt.want {
			t.Errorf("Escape(%q) = %s, want %s", tt.in, got, tt.want)
		}
		if NeedsEscape(tt.in) != (got != tt.in) {
			t.Errorf("NeedsEscape(%q) = %v", tt.in, NeedsEscape(tt.in))
		}
		if strings.ContainsAny(got, "\n\r\x1b") {
			t.Errorf("Escape(%q) = %q still holds a control character", tt.in, got)
		}
	}
}

func TestShortenEscaped(t *testing.T) {
	tests := []struct {
		in   string
		max  int
		want string
	}{
		{"a\nb", 10, `$'a\nb'`},
		{"a_long\nname_with_a_newline", 16, `$'a_long…ewline'`},
		{"bad\xffname_that_is_long", 14, `$'bad\x…_long'`},
		{"plain_but_long_name", 10, "plain…name"},
	}
	for _, tt := range tests {
		got := Shorten(tt.in, tt.max)
		if got != tt.want {
			t.Errorf("Shorten(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
		}
		if w := Width(got); w > tt.max {
			t.Errorf("Shorten(%q, %d) = %q, %d columns", tt.in, tt.max, got, w)
		}
	}
}
