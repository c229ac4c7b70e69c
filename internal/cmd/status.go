package cmd

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/bcnvisuals/autobackup/internal/index"
	"github.com/bcnvisuals/autobackup/internal/table"
	"github.com/bcnvisuals/autobackup/internal/units"
)

var cmdStatus = &Command{
	Name:  "status",
	Usage: []string{"status [--plan TO] [CLIENT[/PROJECT]]"},
	Short: "show which locations are held in too few places",
	Long: `status lists, for every project and category, the databases that hold it,
and flags the locations at risk: held by fewer databases than the minimum
(2 by default; set copies N changes it, add category ... --copies N sets
it for one category). It ends with a verdict line, such as
"3 locations at risk (412 GB held in one place only)". With CLIENT or
CLIENT/PROJECT (glob patterns allowed) it looks at those projects only.
Databases that are offline do not count as holding anything.

status --plan TO prints, instead, the copy lines that would put each
location at risk onto database TO, ready to run as a script:

    autobackup status --plan NAS > fix.ab && autobackup -f fix.ab`,
	Complete: map[string]Completer{
		"TO":               completeDatabases,
		"CLIENT[/PROJECT]": completeProjects,
	},
	Run: runStatus,
}

// holding is one location and the databases that hold it.
type holding struct {
	project  index.Project
	category index.Category
	min      int
	holders  []string
	bytes    int64 // the largest copy's size
}

func (h holding) atRisk() bool { return len(h.holders) < h.min }

func runStatus(_ context.Context, s *Session, a Args) error {
	if err := s.needLoaded(); err != nil {
		return err
	}
	projects, err := statusProjects(s, a.Get("CLIENT[/PROJECT]"))
	if err != nil {
		return err
	}
	holdings := collectHoldings(s, projects)
	if to, ok := a.Flag("plan"); ok {
		d, err := s.database(to)
		if err != nil {
			return err
		}
		return printFixPlan(s, holdings, d)
	}
	if s.JSON {
		return s.printJSON(statusJSON(s, holdings))
	}
	return printStatus(s, holdings)
}

func statusProjects(s *Session, pattern string) ([]index.Project, error) {
	switch {
	case pattern == "":
		return s.Index.Projects(""), nil
	case strings.Contains(pattern, "/"):
		return matchProjects(s, pattern)
	}
	if err := clientExists(s, pattern); err != nil {
		return nil, err
	}
	return s.Index.MatchProjects(pattern, "*", "")
}

// collectHoldings finds who holds each location of the projects.
func collectHoldings(s *Session, projects []index.Project) []holding {
	var out []holding
	for _, p := range projects {
		for _, c := range s.Layout.Categories {
			h := holding{project: p, category: c, min: c.MinCopies(s.Copies)}
			for _, d := range s.Layout.Databases {
				if snap, ok := s.Index.Snapshot(d.Name); !ok || !snap.Online {
					continue
				}
				if st, ok := s.Index.Location(d.Name, c.Name, p); ok {
					h.holders = append(h.holders, d.Name)
					h.bytes = max(h.bytes, st.Bytes)
				}
			}
			if len(h.holders) > 0 {
				out = append(out, h)
			}
		}
	}
	return out
}

func printStatus(s *Session, holdings []holding) error {
	t := table.New("PROJECT", "CATEGORY", "COPIES", "HELD BY", "")
	for _, h := range holdings {
		flag := ""
		if h.atRisk() {
			flag = s.paint(red, "at risk")
		}
		t.Row(table.Shorten(h.project.String(), 32), h.category.Name,
			fmt.Sprintf("%d/%d", len(h.holders), h.min), strings.Join(h.holders, " "), flag)
	}
	if len(holdings) > 0 {
		if _, err := t.WriteTo(s.Stdout); err != nil {
			return err
		}
	}
	s.Printf("%s\n", verdict(s, holdings))
	return nil
}

// verdict is the one line that ends status.
func verdict(s *Session, holdings []holding) string {
	n, once := atRisk(holdings)
	line := "no location at risk: every location has its minimum of copies"
	if n > 0 {
		line = s.paint(red, fmt.Sprintf("%s at risk (%s held in one place only)", plural(n, "location"), units.Bytes(once)))
	}
	if offline := uncounted(s); len(offline) > 0 {
		line += "; not counted, as offline or not loaded: " + strings.Join(offline, ", ")
	}
	return line
}

// uncounted lists the databases whose copies status cannot see.
func uncounted(s *Session) []string {
	var out []string
	for _, d := range s.Layout.Databases {
		if snap, ok := s.Index.Snapshot(d.Name); !ok || !snap.Online {
			out = append(out, d.Name)
		}
	}
	return out
}

// printFixPlan prints the copy lines that put each location at risk onto
// database to. A location that is on to already, but still short, gets a
// comment instead: another database is needed.
func printFixPlan(s *Session, holdings []holding, to index.Database) error {
	var lines []string
	for _, h := range holdings {
		if !h.atRisk() {
			continue
		}
		if slices.Contains(h.holders, to.Name) {
			lines = append(lines, fmt.Sprintf("# %s %s: already on %s, still %d of %d copies; needs another database",
				h.project, h.category.Name, to.Name, len(h.holders), h.min))
			continue
		}
		lines = append(lines, strings.Join([]string{"copy", Quote(h.project.String()), Quote(h.category.Name),
			Quote(h.holders[0]), Quote(to.Name)}, " "))
	}
	if s.JSON {
		return s.printJSON(map[string][]string{"plan": nonNil(lines)})
	}
	for _, l := range lines {
		s.Printf("%s\n", l)
	}
	return nil
}

type holdingJSON struct {
	Project  string   `json:"project"`
	Category string   `json:"category"`
	Copies   int      `json:"copies"`
	Min      int      `json:"min"`
	HeldBy   []string `json:"held_by"`
	Bytes    int64    `json:"bytes"`
	AtRisk   bool     `json:"at_risk"`
}

type statusOutJSON struct {
	Locations []holdingJSON `json:"locations"`
	AtRisk    int           `json:"at_risk"`
	OnePlace  int64         `json:"bytes_in_one_place"`
	Uncounted []string      `json:"uncounted"` // offline or unloaded databases
}

func statusJSON(s *Session, holdings []holding) statusOutJSON {
	out := statusOutJSON{Locations: []holdingJSON{}, Uncounted: nonNil(uncounted(s))}
	for _, h := range holdings {
		out.Locations = append(out.Locations, holdingJSON{h.project.String(), h.category.Name, len(h.holders), h.min, h.holders, h.bytes, h.atRisk()})
	}
	out.AtRisk, out.OnePlace = atRisk(holdings)
	return out
}

// atRisk counts the locations at risk, and the bytes of those held in one
// place only.
func atRisk(holdings []holding) (n int, once int64) {
	for _, h := range holdings {
		if h.atRisk() {
			n++
			if len(h.holders) == 1 {
				once += h.bytes
			}
		}
	}
	return n, once
}
