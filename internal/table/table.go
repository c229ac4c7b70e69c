// Package table writes aligned text tables, measuring text by its width on
// a terminal so that names in any script line up.
package table

import (
	"io"
	"strings"

	"github.com/rivo/uniseg"
)

// Table is a header and rows of cells, written with the columns aligned.
type Table struct {
	Indent string // written before every line
	// MaxWidth, when above 0, is the widest a line may be: the Flex
	// columns are cut in the middle to fit (see Flex).
	MaxWidth int
	flex     []int
	optional []int
	rows     [][]cell
	widths   []int
	right    []bool
	wide     map[string]int // widths of non-ASCII texts seen, kept across Reset
}

type cell struct {
	text  string
	width int
}

// New starts a table with a header row. An empty header writes no header.
func New(header ...string) *Table {
	t := &Table{}
	if len(header) > 0 {
		t.Row(header...)
	}
	return t
}

// AlignRight right-aligns the given columns, as suits numbers.
func (t *Table) AlignRight(cols ...int) *Table {
	for _, c := range cols {
		for len(t.right) <= c {
			t.right = append(t.right, false)
		}
		t.right[c] = true
	}
	return t
}

// Row adds a row.
func (t *Table) Row(cells ...string) {
	var row []cell
	if len(t.rows) < cap(t.rows) && cap(t.rows[:len(t.rows)+1][len(t.rows)]) >= len(cells) {
		row = t.rows[:len(t.rows)+1][len(t.rows)][:len(cells)]
	} else {
		row = make([]cell, len(cells))
	}
	for i, c := range cells {
		w := t.width(c)
		row[i] = cell{c, w}
		if i >= len(t.widths) {
			t.widths = append(t.widths, 0)
		}
		t.widths[i] = max(t.widths[i], w)
	}
	t.rows = append(t.rows, row)
}

// Reset empties the table but keeps its alignment and memory, so that
// one table can write many.
func (t *Table) Reset() {
	t.rows = t.rows[:0]
	t.widths = t.widths[:0]
}

func (t *Table) width(s string) int {
	if isASCII(s) && strings.IndexByte(s, 0x1b) < 0 {
		return len(s)
	}
	if w, ok := t.wide[s]; ok {
		return w
	}
	if t.wide == nil {
		t.wide = map[string]int{}
	}
	w := Width(s)
	t.wide[s] = w
	return w
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// Width is the number of terminal columns s takes. Color escapes
// ("\x1b[31m") take none.
func Width(s string) int {
	if strings.IndexByte(s, 0x1b) >= 0 {
		s = stripEscapes(s)
	}
	if isASCII(s) {
		return len(s)
	}
	return uniseg.StringWidth(s)
}

// stripEscapes removes ANSI color escapes.
func stripEscapes(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '[' {
			j := i + 2
			for j < len(s) && (s[j] < 0x40 || s[j] > 0x7e) {
				j++
			}
			i = j
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// Shorten fits s into max terminal columns by cutting its middle, so that
// both the start and the end of a long name stay readable:
// "a_very_long_pro…ject_name". It never drops a name altogether. A name
// that must be escaped (see Escape) is shown in the $'...' form, cut
// inside the quotes.
func Shorten(s string, max int) string {
	if e := Escape(s); Width(e) <= max || max < 8 {
		return e
	}
	if NeedsEscape(s) {
		return "$'" + cutMiddle(EscapeBody(s), max-3) + "'"
	}
	return cutMiddle(s, max)
}

// cutMiddle cuts the middle of s, text without escapes, to max columns.
func cutMiddle(s string, max int) string {
	runes := []rune(s)
	head, tail := (max-1+1)/2, (max-1)/2
	for Width(string(runes[:head]))+1+Width(string(runes[len(runes)-tail:])) > max && head > 1 {
		if head > tail {
			head--
		} else {
			tail--
		}
	}
	return string(runes[:head]) + "…" + string(runes[len(runes)-tail:])
}

// WriteTo writes the table.
func (t *Table) WriteTo(w io.Writer) (int64, error) {
	var b strings.Builder
	t.Append(&b)
	n, err := io.WriteString(w, b.String())
	return int64(n), err
}

// Append writes the table into b.
func (t *Table) Append(b *strings.Builder) {
	widths := t.fit()
	for _, r := range t.rows {
		b.WriteString(t.Indent)
		pending, first := 0, true // spaces owed before the next text, dropped at line end
		for i, c := range r {
			if widths[i] < 0 {
				continue // left out to fit
			}
			if !first {
				pending += 2
			}
			first = false
			if c.width > widths[i] && strings.IndexByte(c.text, 0x1b) < 0 { // a painted cell is not cut
				cut := cutMiddle(c.text, widths[i])
				c = cell{cut, Width(cut)}
			}
			pad := widths[i] - c.width
			if i < len(t.right) && t.right[i] {
				pending += pad
				pad = 0
			}
			if c.text != "" {
				writeSpaces(b, pending)
				b.WriteString(c.text)
				pending = 0
			}
			pending += pad
		}
		b.WriteByte('\n')
	}
}

const spaces = "                                                                "

func writeSpaces(b *strings.Builder, n int) {
	for n > len(spaces) {
		b.WriteString(spaces)
		n -= len(spaces)
	}
	b.WriteString(spaces[:n])
}
