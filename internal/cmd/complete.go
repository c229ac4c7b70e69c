package cmd

import (
	"slices"
	"strings"
	"unicode"
)

// Complete returns what may follow the end of line, the text before the
// cursor. Each candidate is the rest of the word being typed, quoted or
// escaped to suit how that word was started, and followed by a space when
// it is a whole word. length is how many runes of the line the word being
// typed already holds.
//
// It reads the line with the same lexer as Run and looks commands up in
// the same table, so it offers exactly what dispatch accepts.
func Complete(s *Session, line string) (candidates []string, length int) {
	lx := lex(line)
	if lx.escaped && lx.state == unquoted {
		return nil, 0
	}
	if strings.HasPrefix(strings.TrimLeft(line[lx.lastEnd():], " \t"), "#") {
		return nil, 0 // inside a comment
	}
	typed, start := "", len(line)
	if lx.inWord {
		typed, start = lx.cur.String(), lx.start
	}
	prev := make([]string, len(lx.tokens))
	for i, t := range lx.tokens {
		prev[i] = t.Value
	}
	var values []string
	if len(prev) == 0 {
		values = commandNames()
	} else if c, ok := Lookup(prev[0]); ok {
		values = c.candidates(s, prev[1:], typed)
	}
	for _, v := range matching(values, typed) {
		candidates = append(candidates, encode(v, typed, lx))
	}
	return candidates, len([]rune(line[start:]))
}

// lastEnd is the offset just past the last finished token.
func (lx *lexer) lastEnd() int {
	if len(lx.tokens) == 0 {
		return 0
	}
	return lx.tokens[len(lx.tokens)-1].End
}

// candidates lists what may come after the arguments prev.
func (c *Command) candidates(s *Session, prev []string, typed string) []string {
	flags, rest, err := c.grammar.parseFlags(prev)
	if err != nil {
		return nil
	}
	var out []string
	if len(rest) == len(prev) || strings.HasPrefix(typed, "-") {
		for _, f := range c.grammar.flags {
			if _, given := flags[f.Name()]; !given && strings.HasPrefix(typed, "-") {
				out = append(out, f.Names...)
			}
		}
	}
	for _, f := range c.grammar.forms {
		e, ok := f.next(rest)
		switch {
		case !ok:
		case e.keyword:
			out = append(out, e.word)
		case c.Complete[e.word] != nil:
			out = append(out, c.Complete[e.word](s, rest, typed)...)
		}
	}
	return out
}

// matching keeps the distinct values that start with typed, sorted.
func matching(values []string, typed string) []string {
	var out []string
	for _, v := range values {
		if strings.HasPrefix(v, typed) && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	slices.Sort(out)
	return out
}

// encode returns the text to append to the word being typed so that it
// reads back as v. A value ending in "/" is the first half of
// CLIENT/PROJECT, so it is left open for the second half.
func encode(v, typed string, lx *lexer) string {
	rest := v[len(typed):]
	state := lx.state
	open := ""
	switch {
	case !lx.inWord && strings.ContainsFunc(v, unicode.IsControl):
		state, open = ansi, "$'"
	case !lx.inWord && needsQuote(v) && !strings.Contains(v, "'"):
		state, open = single, "'" // as Quote writes names: plan lines, help
	case !lx.inWord && needsQuote(v):
		state, open = double, `"`
	}
	out := open + escapeIn(state, rest)
	if strings.HasSuffix(v, "/") {
		return out
	}
	switch state {
	case unquoted:
	case ansi:
		out += "'"
	default:
		out += string(state)
	}
	return out + " "
}

// Completers shared by the commands.

func completeDatabases(s *Session, _ []string, _ string) []string {
	return s.Layout.DatabaseNames()
}

func completeCategories(s *Session, _ []string, _ string) []string {
	return s.Layout.CategoryNames()
}

func completeClients(s *Session, _ []string, _ string) []string { return s.Index.Clients("") }

func completeCommands(*Session, []string, string) []string { return commandNames() }

// completeProjects completes CLIENT/PROJECT in two steps: "client/" until
// a slash is typed, then "client/project".
func completeProjects(s *Session, _ []string, typed string) []string {
	var out []string
	if !strings.Contains(typed, "/") {
		for _, c := range s.Index.Clients("") {
			out = append(out, c+"/")
		}
		return out
	}
	for _, p := range s.Index.Projects("") {
		out = append(out, p.String())
	}
	return out
}
