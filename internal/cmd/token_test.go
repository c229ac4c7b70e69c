package cmd

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		line string
		want []string
		err  error
	}{
		{"", nil, nil},
		{"   \t ", nil, nil},
		{"list clients", []string{"list", "clients"}, nil},
		{"  list   clients  ", []string{"list", "clients"}, nil},
		{`fetch "Big Co/Spot 2"`, []string{"fetch", "Big Co/Spot 2"}, nil},
		{`fetch 'Big Co/Spot 2'`, []string{"fetch", "Big Co/Spot 2"}, nil},
		{`fetch Big\ Co/Spot\ 2`, []string{"fetch", "Big Co/Spot 2"}, nil},
		{`a"b c"d`, []string{"ab cd"}, nil},
		{`'it''s'`, []string{"its"}, nil},
		{`"it's"`, []string{"it's"}, nil},
		{`'say "hi"'`, []string{`say "hi"`}, nil},
		{`"a \"q\" \\ \n"`, []string{`a "q" \ n`}, nil},
		{`'a \ b'`, []string{`a \ b`}, nil},
		{`""`, []string{""}, nil},
		{`x '' y`, []string{"x", "", "y"}, nil},
		{"load # a comment", []string{"load"}, nil},
		{"# only a comment", nil, nil},
		{"add client#1 x", []string{"add", "client#1", "x"}, nil},
		{`add "#1" x`, []string{"add", "#1", "x"}, nil},
		{`add \#1`, []string{"add", "#1"}, nil},
		{"fetch Ünïcode/東京", []string{"fetch", "Ünïcode/東京"}, nil},
		{"load\r", []string{"load"}, nil},
		{`fetch "open`, nil, ErrUnclosedQuote},
		{`fetch 'open`, nil, ErrUnclosedQuote},
		{`fetch trailing\`, nil, ErrTrailingSlash},
		{`"# not a comment"`, []string{"# not a comment"}, nil},
		// $'...' (issue 7, item 10): control characters a script can hold
		// on one line.
		{`copy $'two\nlines' x`, []string{"copy", "two\nlines", "x"}, nil},
		{`$'\t\x1b[31m\\ \' \q'`, []string{"\t\x1b[31m\\ ' \\q"}, nil},
		{`$'\x4'x`, []string{"\x04x"}, nil},
		{`cost$5 $ a$`, []string{"cost$5", "$", "a$"}, nil},
		{`"$'not ansi'"`, []string{"$'not ansi'"}, nil},
		{`$'open`, nil, ErrUnclosedQuote},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			got, err := Words(tt.line)
			if !errors.Is(err, tt.err) {
				t.Fatalf("Words(%q) error = %v, want %v", tt.line, err, tt.err)
			}
			if !slices.Equal(got, tt.want) {
				t.Fatalf("Words(%q) = %q, want %q", tt.line, got, tt.want)
			}
		})
	}
}

func TestSplitOffsets(t *testing.T) {
	line := `fetch  "a b"/c  x`
	toks, err := Split(line)
	if err != nil {
		t.Fatal(err)
	}
	want := []Token{{"fetch", 0, 5}, {"a b/c", 7, 14}, {"x", 16, 17}}
	if !slices.Equal(toks, want) {
		t.Fatalf("Split(%q) = %+v, want %+v", line, toks, want)
	}
}

func TestQuote(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"", "''"},
		{"with space", "'with space'"},
		{"it's", `"it's"`},
		{`say "hi" it's`, `"say \"hi\" it's"`},
		{`back\slash`, `'back\slash'`},
		{"#hash", "'#hash'"},
		{"mid#hash", "mid#hash"},
		{"东京", "东京"},
		{"two\nlines", `$'two\nlines'`},
		{"esc\x1b[31m it's", `$'esc\e[31m it\'s'`},
		{"c1\u0085", `$'c1\xc2\x85'`},
		{"$'x'", `"$'x'"`},
		{"cost$5", `'cost$5'`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := Quote(tt.in)
			if got != tt.want {
				t.Fatalf("Quote(%q) = %s, want %s", tt.in, got, tt.want)
			}
			back, err := Words(got)
			if err != nil || len(back) != 1 || back[0] != tt.in {
				t.Fatalf("Words(Quote(%q)) = %q, %v", tt.in, back, err)
			}
		})
	}
}

func TestEscapeIn(t *testing.T) {
	tests := []struct {
		q          quote
		open, in   string
		wantResult string
	}{
		{unquoted, "", `a b'c"d\e#f`, `a b'c"d\e#f`},
		{double, `"`, `a "b" \c 'd'`, `a "b" \c 'd'`},
		{single, `'`, `it's "x"`, `it's "x"`},
	}
	for _, tt := range tests {
		line := "x " + tt.open + escapeIn(tt.q, tt.in)
		if tt.q != unquoted {
			line += string(tt.q)
		}
		got, err := Words(line)
		if err != nil || len(got) != 2 || got[1] != tt.wantResult {
			t.Errorf("escapeIn(%q, %q): %s reads back as %q, %v", tt.q, tt.in, line, got, err)
		}
	}
}

// FuzzSplit checks that no line makes the tokenizer panic, and that what
// it reads can be written back with Quote and read again unchanged.
func FuzzSplit(f *testing.F) {
	for _, s := range []string{
		"list clients", `fetch "Big Co/Spot 2"`, `a'b'"c"\ d`, "# c", `"\`, `'`, "東京 #x", "\x00\xff",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		words, err := Words(line)
		if err != nil {
			return
		}
		quoted := make([]string, len(words))
		for i, w := range words {
			quoted[i] = Quote(w)
			if strings.ContainsAny(quoted[i], "\n\r") {
				t.Fatalf("Quote(%q) = %q spans lines", w, quoted[i])
			}
		}
		again, err := Words(strings.Join(quoted, " "))
		if err != nil {
			t.Fatalf("re-split of %q: %v", quoted, err)
		}
		if !slices.Equal(words, again) {
			t.Fatalf("round trip of %q: %q became %q", line, words, again)
		}
	})
}
