package cmd

import (
	"io"
	"strings"

	"github.com/bcnvisuals/autobackup/internal/table"
)

// output is what a command prints: one value, shown as text, or with
// --json as one JSON object on one line. Commands print through show, so
// that the two forms hold the same things and neither is an afterthought.
type output interface {
	writeText(s *Session) error
	jsonValue() any
}

// show prints a command's output in the session's form.
func (s *Session) show(o output) error {
	if s.JSON {
		return s.printJSON(o.jsonValue())
	}
	width := s.width()
	if width <= 0 {
		return o.writeText(s)
	}
	// Written whole, then wrapped: no line passes the terminal's width.
	var buf strings.Builder
	out := s.Stdout
	s.Stdout = &buf
	err := o.writeText(s)
	s.Stdout = out
	if _, werr := io.WriteString(out, table.Wrap(buf.String(), width)); err == nil {
		err = werr
	}
	return err
}

// width is the terminal's width now; 0 when lines need not fit one.
func (s *Session) width() int {
	if s.Columns == nil {
		return 0
	}
	return s.Columns()
}

// table starts a table that fits the terminal: its flexible columns are
// cut in the middle to fit (see table.Flex).
func (s *Session) table(header ...string) *table.Table {
	t := table.New(header...)
	t.MaxWidth = s.width()
	return t
}

// names is a list of names, one per line, such as list clients prints.
type names struct {
	key  string // the JSON object's one key
	list []string
}

func (n names) writeText(s *Session) error {
	for _, name := range n.list {
		s.Printf("%s\n", table.Escape(name))
	}
	return nil
}

func (n names) jsonValue() any { return map[string][]string{n.key: nonNil(n.list)} }

// nonNil turns a nil slice into an empty one, so JSON shows [] not null.
func nonNil[T any](v []T) []T {
	if v == nil {
		return []T{}
	}
	return v
}
