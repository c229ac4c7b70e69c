package cmd

import (
	"fmt"
	"strings"

	"github.com/bcnvisuals/autobackup/internal/copies"
	"github.com/bcnvisuals/autobackup/internal/index"
	"github.com/bcnvisuals/autobackup/internal/table"
)

// printFixPlan prints the copy lines that put each location at risk onto
// database to, copying from its newest copy on a database online now. It
// never plans --overwrite: where to holds other versions of the files, a
// comment names the compare to run first.
func printFixPlan(s *Session, locs []copies.Location, to index.Database) error {
	var lines []string
	for _, l := range locs {
		if l.AtRisk() {
			lines = append(lines, planLine(s, l, to))
		}
	}
	return s.show(planLines(lines))
}

// planLines is what status --plan prints: lines of a script.
type planLines []string

func (p planLines) jsonValue() any { return map[string][]string{"plan": nonNil(p)} }

func (p planLines) writeText(s *Session) error {
	for _, line := range p {
		s.Printf("%s\n", line)
	}
	return nil
}

// planLine is the line that fixes one location, or a comment saying why
// there is none.
func planLine(s *Session, l copies.Location, to index.Database) string {
	what := table.Escape(l.Project.String()) + " " + l.Category.Name
	from, ok := onlineCopy(s, l)
	if !ok {
		return fmt.Sprintf("# %s: no copy is on a database online now (held by %s)", what, strings.Join(l.HeldBy(), ", "))
	}
	words := []string{"copy", "--", Literal(l.Project.String()), Quote(l.Category.Name), Quote(from), Quote(to.Name)}
	h, held := l.Holding(to.Name)
	switch {
	case !held || h.State == copies.Incomplete:
		return strings.Join(words, " ")
	case h.State == copies.Copy:
		return fmt.Sprintf("# %s: already on %s, still %d of %d copies; needs another database", what, to.Name, l.Copies(), l.Min)
	case h.State == copies.Stale && fewer(h.Stats, l.Holdings[l.Newest].Stats):
		return strings.Join(words, " ") // to holds an older part of it
	}
	return fmt.Sprintf("# %s: %s holds other versions (%s); look first: compare -- %s %s %s %s",
		what, to.Name, h.Note, Literal(l.Project.String()), Quote(l.Category.Name), Quote(from), Quote(to.Name))
}

// onlineCopy picks the database to copy a location from: its newest copy
// on a database online now.
func onlineCopy(s *Session, l copies.Location) (string, bool) {
	if h := l.Holdings[l.Newest]; !h.Offline {
		return h.Database, true
	}
	for _, h := range l.Holdings {
		if h.State == copies.Copy && !h.Offline {
			return h.Database, true
		}
	}
	return "", false
}

// fewer reports whether a location has fewer files and bytes than the
// newest: likely a part of it, which a plain copy completes.
func fewer(st, newest *index.Stats) bool {
	return st.Files < newest.Files && st.Bytes < newest.Bytes
}

// Literal writes CLIENT/PROJECT so that a command reads it back as that
// one project, whatever its name holds: glob characters escaped (a project
// named * is not every project), then quoted for the tokenizer.
func Literal(name string) string {
	var b strings.Builder
	for _, r := range name {
		if strings.ContainsRune(`*?[\`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return Quote(b.String())
}
