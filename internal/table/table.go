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
	header []string
	rows   [][]string
	right  map[int]bool
}

// New starts a table with a header row. An empty header writes no header.
func New(header ...string) *Table {
	return &Table{header: header, right: map[int]bool{}}
}

// AlignRight right-aligns the given columns, as suits numbers.
func (t *Table) AlignRight(cols ...int) *Table {
	for _, c := range cols {
		t.right[c] = true
	}
	return t
}

// Row adds a row.
func (t *Table) Row(cells ...string) {
	t.rows = append(t.rows, cells)
}

// Width is the number of terminal columns s takes.
func Width(s string) int { return uniseg.StringWidth(s) }

// WriteTo writes the table.
func (t *Table) WriteTo(w io.Writer) (int64, error) {
	all := t.rows
	if len(t.header) > 0 {
		all = append([][]string{t.header}, t.rows...)
	}
	widths := map[int]int{}
	for _, r := range all {
		for i, c := range r {
			widths[i] = max(widths[i], Width(c))
		}
	}
	var b strings.Builder
	for _, r := range all {
		var line strings.Builder
		line.WriteString(t.Indent)
		for i, c := range r {
			if i > 0 {
				line.WriteString("  ")
			}
			pad := strings.Repeat(" ", widths[i]-Width(c))
			if t.right[i] {
				line.WriteString(pad + c)
			} else {
				line.WriteString(c + pad)
			}
		}
		b.WriteString(strings.TrimRight(line.String(), " "))
		b.WriteByte('\n')
	}
	n, err := io.WriteString(w, b.String())
	return int64(n), err
}
