package table

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"testing"
)

func TestTable(t *testing.T) {
	tests := []struct {
		name   string
		header []string
		right  []int
		indent string
		rows   [][]string
		want   string
	}{
		{
			name: "empty",
			want: "",
		},
		{
			name:   "header only",
			header: []string{"NAME", "SIZE"},
			want:   "NAME  SIZE\n",
		},
		{
			name:   "left aligned",
			header: []string{"NAME", "SIZE", "DB"},
			rows:   [][]string{{"acme", "10", "work"}, {"client10", "2000", "nas"}},
			want: "" +
				"NAME      SIZE  DB\n" +
				"acme      10    work\n" +
				"client10  2000  nas\n",
		},
		{
			name:   "right aligned column",
			header: []string{"NAME", "SIZE", "DB"},
			right:  []int{1},
			rows:   [][]string{{"acme", "10", "work"}, {"client10", "2000", "nas"}},
			want: "" +
				"NAME      SIZE  DB\n" +
				"acme        10  work\n" +
				"client10  2000  nas\n",
		},
		{
			name:   "right aligned last column",
			header: []string{"NAME", "FILES", "SIZE"},
			right:  []int{1, 2},
			rows:   [][]string{{"a", "1", "1.0 kB"}, {"bb", "12345", "9 B"}},
			want: "" +
				"NAME  FILES    SIZE\n" +
				"a         1  1.0 kB\n" +
				"bb    12345     9 B\n",
		},
		{
			name:   "right aligned first column",
			header: []string{"N", "NAME"},
			right:  []int{0},
			rows:   [][]string{{"1", "a"}, {"100", "b"}},
			want: "" +
				"  N  NAME\n" +
				"  1  a\n" +
				"100  b\n",
		},
		{
			name:  "right aligned column past the last is ignored",
			right: []int{5},
			rows:  [][]string{{"a", "1"}, {"bbb", "22"}},
			want: "" +
				"a    1\n" +
				"bbb  22\n",
		},
		{
			name:   "wide characters",
			header: []string{"NAME", "N"},
			rows:   [][]string{{"ünï", "1"}, {"東京", "2"}, {"abcde", "3"}},
			want: "" +
				"NAME   N\n" +
				"ünï    1\n" +
				"東京   2\n" +
				"abcde  3\n",
		},
		{
			name:   "wide characters set the width",
			header: []string{"CLIENT", "PROJECT", "SIZE"},
			right:  []int{2},
			rows:   [][]string{{"東京スタジオ", "ünïcode", "1"}, {"acme", "shot1", "200"}},
			want: "" +
				"CLIENT        PROJECT  SIZE\n" +
				"東京スタジオ  ünïcode     1\n" +
				"acme          shot1     200\n",
		},
		{
			name: "combining marks take no column",
			rows: [][]string{{"u\u0308n", "x"}, {"abc", "y"}},
			want: "" +
				"u\u0308n   x\n" +
				"abc  y\n",
		},
		{
			name:   "indent",
			header: []string{"A", "B"},
			indent: "    ",
			rows:   [][]string{{"aaa", "b"}},
			want: "" +
				"    A    B\n" +
				"    aaa  b\n",
		},
		{
			name:   "indent written even on empty lines",
			indent: "> ",
			rows:   [][]string{{""}, {"a"}},
			want:   "> \n> a\n",
		},
		{
			name:   "trailing spaces trimmed",
			header: []string{"NAME", "NOTE"},
			rows:   [][]string{{"a", ""}, {"b"}, {"c", "long note"}},
			want: "" +
				"NAME  NOTE\n" +
				"a\n" +
				"b\n" +
				"c     long note\n",
		},
		{
			name:   "trailing right aligned empty cell trimmed",
			header: []string{"NAME", "SIZE"},
			right:  []int{1},
			rows:   [][]string{{"a", ""}, {"b", "1"}},
			want: "" +
				"NAME  SIZE\n" +
				"a\n" +
				"b        1\n",
		},
		{
			name:   "empty cell in the middle",
			header: []string{"A", "BBB", "C"},
			rows:   [][]string{{"a", "", "c"}},
			want: "" +
				"A  BBB  C\n" +
				"a       c\n",
		},
		{
			name:   "empty right aligned cell in the middle",
			header: []string{"A", "BBB", "C"},
			right:  []int{1},
			rows:   [][]string{{"a", "", "c"}, {"a", "b", "c"}},
			want: "" +
				"A  BBB  C\n" +
				"a       c\n" +
				"a    b  c\n",
		},
		{
			name: "no header",
			rows: [][]string{{"x", "yy"}, {"xxx", "y"}},
			want: "" +
				"x    yy\n" +
				"xxx  y\n",
		},
		{
			name:   "rows longer than the header",
			header: []string{"A"},
			rows:   [][]string{{"a", "b", "c"}, {"aa", "bb"}},
			want: "" +
				"A\n" +
				"a   b   c\n" +
				"aa  bb\n",
		},
		{
			name: "wide padding",
			rows: [][]string{{strings.Repeat("x", 100), "y"}, {"a", "b"}},
			want: "" +
				strings.Repeat("x", 100) + "  y\n" +
				"a" + strings.Repeat(" ", 101) + "b\n",
		},
		{
			name: "tab counts as one byte",
			rows: [][]string{{"a\tb", "c"}, {"dddd", "e"}},
			want: "" +
				"a\tb   c\n" +
				"dddd  e\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tb := New(tt.header...).AlignRight(tt.right...)
			tb.Indent = tt.indent
			for _, r := range tt.rows {
				tb.Row(r...)
			}
			var b strings.Builder
			tb.Append(&b)
			if got := b.String(); got != tt.want {
				t.Errorf("Append wrote\n%s\nwant\n%s\n(%q, want %q)", got, tt.want, got, tt.want)
			}

			// WriteTo writes the same, and says how much.
			var buf bytes.Buffer
			n, err := tb.WriteTo(&buf)
			if err != nil || n != int64(len(tt.want)) || buf.String() != tt.want {
				t.Errorf("WriteTo = %d, %v, wrote %q; want %d, nil, %q", n, err, buf.String(), len(tt.want), tt.want)
			}
		})
	}
}

type failWriter struct{ n int }

var errFail = errors.New("disk full")

func (w failWriter) Write(p []byte) (int, error) { return min(w.n, len(p)), errFail }

func TestWriteToError(t *testing.T) {
	tests := []struct {
		name  string
		n     int
		wantN int64
	}{
		{"nothing written", 0, 0},
		{"part written", 3, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tb := New("NAME", "SIZE")
			tb.Row("acme", "1")
			n, err := tb.WriteTo(failWriter{tt.n})
			if n != tt.wantN || !errors.Is(err, errFail) {
				t.Errorf("WriteTo = %d, %v, want %d, %v", n, err, tt.wantN, errFail)
			}
		})
	}
}

func TestReset(t *testing.T) {
	tests := []struct {
		name   string
		before [][]string // rows written before Reset
		after  [][]string // rows written after Reset
		want   string     // what the table writes after Reset
	}{
		{
			name:   "empty after reset",
			before: [][]string{{"acme", "10", "work"}},
			want:   "",
		},
		{
			name:   "widths start over",
			before: [][]string{{"a very long name", "1234567"}},
			after:  [][]string{{"a", "1"}, {"bb", "22"}},
			want: "" +
				"a    1\n" +
				"bb  22\n",
		},
		{
			name:   "fewer cells than before",
			before: [][]string{{"acme", "10", "work"}, {"b", "2", "nas"}},
			after:  [][]string{{"x"}, {"y", "3"}},
			want: "" +
				"x\n" +
				"y  3\n",
		},
		{
			name:   "more cells than before",
			before: [][]string{{"a"}},
			after:  [][]string{{"x", "1", "z"}},
			want:   "x  1  z\n",
		},
		{
			name:   "more rows than before",
			before: [][]string{{"a", "1"}},
			after:  [][]string{{"x", "1"}, {"東京", "22"}, {"z", "333"}},
			want: "" +
				"x       1\n" +
				"東京   22\n" +
				"z     333\n",
		},
		{
			name:   "empty rows reused",
			before: [][]string{{}, {"a", "1"}},
			after:  [][]string{{}, {"b", "2"}, {}},
			want:   "\nb  2\n\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tb := New("NAME", "SIZE").AlignRight(1)
			for _, r := range tt.before {
				tb.Row(r...)
			}
			var b strings.Builder
			tb.Append(&b)
			tb.Reset()
			for _, r := range tt.after {
				tb.Row(r...)
			}
			b.Reset()
			tb.Append(&b)
			if got := b.String(); got != tt.want {
				t.Errorf("after Reset wrote %q, want %q", got, tt.want)
			}
		})
	}
}

// TestRowCopiesCells checks that a table keeps its own copy of the cells,
// even when Reset lets it reuse memory.
func TestRowCopiesCells(t *testing.T) {
	tests := []struct {
		name  string
		reset bool
	}{
		{"fresh", false},
		{"after reset", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tb := New()
			if tt.reset {
				tb.Row("old", "old")
				tb.Reset()
			}
			cells := []string{"a", "b"}
			tb.Row(cells...)
			cells[0], cells[1] = "changed", "changed"
			var b strings.Builder
			tb.Append(&b)
			if got, want := b.String(), "a  b\n"; got != want {
				t.Errorf("wrote %q, want %q", got, want)
			}
		})
	}
}

func TestWidth(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"", 0},
		{"abc", 3},
		{"a b\t", 4},
		{"ünï", 3},
		{"u\u0308n\u0308i\u0308", 3},
		{"東京", 4},
		{"東京スタジオ", 12},
		{"a東b", 4},
		{"😀", 2},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Width(tt.in); got != tt.want {
				t.Errorf("Width(%q) = %d, want %d", tt.in, got, tt.want)
			}
			var tb Table
			if got := tb.width(tt.in); got != tt.want {
				t.Errorf("width(%q) = %d, want %d", tt.in, got, tt.want)
			}
			// A second look is answered from the cache, with the same width.
			if got := tb.width(tt.in); got != tt.want {
				t.Errorf("cached width(%q) = %d, want %d", tt.in, got, tt.want)
			}
			wantCached := 0
			if !isASCII(tt.in) {
				wantCached = 1
			}
			if len(tb.wide) != wantCached {
				t.Errorf("cache holds %d texts, want %d", len(tb.wide), wantCached)
			}
		})
	}
}

func TestWideCacheKeptAcrossReset(t *testing.T) {
	tests := []struct {
		name string
		rows [][]string
		want map[string]int
	}{
		{"ascii only", [][]string{{"a", "b"}}, map[string]int{}},
		{"wide", [][]string{{"東京", "ünï"}, {"東京", "x"}}, map[string]int{"東京": 4, "ünï": 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tb := New()
			for _, r := range tt.rows {
				tb.Row(r...)
			}
			tb.Reset()
			if len(tb.wide) != len(tt.want) {
				t.Errorf("cache = %v, want %v", tb.wide, tt.want)
			}
			for s, w := range tt.want {
				if tb.wide[s] != w {
					t.Errorf("cache[%q] = %d, want %d", s, tb.wide[s], w)
				}
			}
		})
	}
}

func TestIsASCII(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"", true},
		{"abc 123\t\x7f", true},
		{"ü", false},
		{"abc\x80", false},
		{"東", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := isASCII(tt.in); got != tt.want {
				t.Errorf("isASCII(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestWriteSpaces(t *testing.T) {
	tests := []struct {
		n int
	}{{0}, {1}, {63}, {64}, {65}, {128}, {129}, {200}}
	for _, tt := range tests {
		t.Run(strconv.Itoa(tt.n), func(t *testing.T) {
			var b strings.Builder
			writeSpaces(&b, tt.n)
			if got, want := b.String(), strings.Repeat(" ", tt.n); got != want {
				t.Errorf("writeSpaces(%d) wrote %d bytes %q, want %d spaces", tt.n, len(got), got, tt.n)
			}
		})
	}
}

func TestShorten(t *testing.T) {
	tests := []struct {
		in   string
		max  int
		want string
	}{
		{"short", 10, "short"},
		{"exactly10!", 10, "exactly10!"},
		{"a_very_long_project_name", 11, "a_ver…_name"},
		{"a_very_long_project_name", 12, "a_very…_name"},
		{"東京東京東京東京", 9, "東京…東京"},
		{"tiny", 3, "tiny"},
	}
	for _, tt := range tests {
		got := Shorten(tt.in, tt.max)
		if got != tt.want || (Width(tt.in) > tt.max && tt.max >= 5 && Width(got) > tt.max) {
			t.Errorf("Shorten(%q, %d) = %q (width %d), want %q", tt.in, tt.max, got, Width(got), tt.want)
		}
	}
}

func TestWidthIgnoresColor(t *testing.T) {
	if w := Width("\x1b[31mat risk\x1b[0m"); w != 7 {
		t.Fatalf("Width of a colored word = %d", w)
	}
	tab := New("A", "B")
	tab.Row("\x1b[33mwide\x1b[0m", "x")
	tab.Row("a", "y")
	var b strings.Builder
	tab.Append(&b)
	want := "A     B\n\x1b[33mwide\x1b[0m  x\na     y\n"
	if b.String() != want {
		t.Fatalf("got %q, want %q", b.String(), want)
	}
}
