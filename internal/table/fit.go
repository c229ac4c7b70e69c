package table

import (
	"slices"
	"strings"
)

// Flex marks columns whose cells may be cut in the middle (names, paths,
// reasons) when the table is wider than MaxWidth.
func (t *Table) Flex(cols ...int) *Table {
	t.flex = append(t.flex, cols...)
	return t
}

// Optional marks columns that may be left out, the last named first, when
// the table is still wider than MaxWidth with its Flex columns cut.
func (t *Table) Optional(cols ...int) *Table {
	t.optional = append(t.optional, cols...)
	return t
}

// minFlex is the narrowest a flexible column is cut to: a name cut
// further says nothing.
const minFlex = 10

// fit narrows the flexible columns, widest first, until the table fits
// in MaxWidth columns or they are all at minFlex, then leaves out the
// optional columns until it fits. It returns each column's width, -1 for
// a column left out; a cell wider than its column is cut when written.
func (t *Table) fit() []int {
	widths := slices.Clone(t.widths)
	if t.MaxWidth <= 0 || len(widths) == 0 {
		return widths
	}
	dropped := 0
	for {
		t.narrow(widths, t.total(widths)-t.MaxWidth)
		if t.total(widths) <= t.MaxWidth || dropped == len(t.optional) {
			return widths
		}
		// Leave out the next optional column, and narrow afresh.
		dropped++
		copy(widths, t.widths)
		for _, c := range t.optional[len(t.optional)-dropped:] {
			if c < len(widths) {
				widths[c] = -1
			}
		}
	}
}

// total is the width of a line with the given column widths.
func (t *Table) total(widths []int) int {
	total := Width(t.Indent)
	n := 0
	for _, w := range widths {
		if w >= 0 {
			total += w
			n++
		}
	}
	return total + 2*max(n-1, 0)
}

// narrow cuts the flexible columns by over columns in all, widest first.
func (t *Table) narrow(widths []int, over int) {
	for over > 0 {
		widest := -1
		for _, c := range t.flex {
			if c < len(widths) && widths[c] > minFlex && (widest < 0 || widths[c] > widths[widest]) {
				widest = c
			}
		}
		if widest < 0 {
			break // nothing left to narrow: Wrap breaks the lines
		}
		cut := min(over, widths[widest]-minFlex)
		// Narrow the widest only down to the next widest, so that the
		// flexible columns share the cut.
		for _, c := range t.flex {
			if c != widest && c < len(widths) && widths[c] < widths[widest] && widths[c] >= minFlex {
				cut = min(cut, max(1, widths[widest]-widths[c]))
			}
		}
		widths[widest] -= cut
		over -= cut
	}
}

// Wrap breaks the lines of text wider than width at spaces, continuing
// each with its own indent and two more spaces; a word wider than the
// line is cut. A width of 0 or less leaves text as it is.
func Wrap(text string, width int) string {
	if width <= 0 {
		return text
	}
	var b strings.Builder
	for i, line := range strings.Split(text, "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		wrapLine(&b, line, width)
	}
	return b.String()
}

func wrapLine(b *strings.Builder, line string, width int) {
	if Width(line) <= width {
		b.WriteString(line)
		return
	}
	body := strings.TrimLeft(line, " ")
	indent := line[:len(line)-len(body)]
	more := indent + "  "
	if len(more) > width/2 {
		more = "  "
	}
	w := &wrapper{b: b, width: width, more: more}
	w.start(indent)
	for _, word := range strings.Split(body, " ") {
		w.add(word)
	}
	b.WriteString(strings.TrimRight(w.cur.String(), " "))
}

// wrapper fills lines of at most width columns with words.
type wrapper struct {
	b       *strings.Builder
	width   int
	more    string // the indent of continuation lines
	cur     strings.Builder
	curW    int
	started bool // a word is on the current line
}

func (w *wrapper) start(indent string) {
	w.cur.Reset()
	w.cur.WriteString(indent)
	w.curW, w.started = Width(indent), false
}

// next ends the current line and starts a continuation line.
func (w *wrapper) next() {
	w.b.WriteString(strings.TrimRight(w.cur.String(), " "))
	w.b.WriteByte('\n')
	w.start(w.more)
}

func (w *wrapper) add(word string) {
	ww := Width(word)
	if w.started && w.curW+1+ww > w.width {
		w.next()
	}
	if w.started {
		w.cur.WriteByte(' ')
		w.curW++
	}
	for w.curW+ww > w.width { // longer than a line: cut it
		n := fitRunes(word, w.width-w.curW)
		if n == 0 {
			if !w.started && w.curW <= len(w.more) {
				n = len(string([]rune(word)[0])) // not even one rune fits: write it anyway
			} else {
				w.next()
				continue
			}
		}
		w.cur.WriteString(word[:n])
		word = word[n:]
		ww = Width(word)
		w.next()
	}
	w.cur.WriteString(word)
	w.curW += ww
	w.started = true
}

// fitRunes is how many bytes of s, whole runes, fit in n columns.
func fitRunes(s string, n int) int {
	w, end := 0, 0
	for i, r := range s {
		rw := Width(string(r))
		if w+rw > n {
			return end
		}
		w += rw
		end = i + len(string(r))
	}
	return end
}

// Len is the number of rows, the header's included.
func (t *Table) Len() int { return len(t.rows) }

// LineWidth is the width of the table's widest line, fitted to MaxWidth.
func (t *Table) LineWidth() int { return t.total(t.fit()) }

// Grow makes room for n more rows.
func (t *Table) Grow(n int) { t.rows = slices.Grow(t.rows, n) }
