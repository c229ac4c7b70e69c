package cmd

import (
	"context"
	"strings"
	"testing"

	"github.com/bcnvisuals/autobackup/internal/table"
)

// TestOutputFitsWidth (issue 8): every command's text output fits the
// terminal's width, at 60, 80 and 120 columns: tables cut names in the
// middle or leave columns out, and long lines wrap at spaces.
func TestOutputFitsWidth(t *testing.T) {
	lines := []string{
		"help", "help copy", "help status", "help compare",
		"list clients", "list projects", "list databases", "list categories",
		"fetch all", "fetch acme/spot", "fetch client acme",
		"status", "status --all", "status --plan NAS",
		"compare acme/spot WORK NAS", "compare --all acme/spot project WORK NAS", "compare all WORK NAS",
		"verify --all acme/spot project WORK NAS",
		"copy -n acme/spot project WORK NAS",
		"load",
	}
	for _, width := range []int{60, 80, 120} {
		s, out, _ := studio(t)
		s.Columns = func() int { return width }
		for _, line := range lines {
			out.Reset()
			_ = Run(context.Background(), s, line) // some fail on purpose (status at risk); their output counts
			for _, l := range strings.Split(out.String(), "\n") {
				if w := table.Width(l); w > width {
					t.Errorf("%d columns: %s: a line of %d: %q", width, line, w, l)
				}
			}
		}
	}
}
