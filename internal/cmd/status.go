package cmd

import (
	"context"
	"fmt"
	"strings"

	"github.com/bcnvisuals/autobackup/internal/copies"
	"github.com/bcnvisuals/autobackup/internal/index"
	"github.com/bcnvisuals/autobackup/internal/table"
	"github.com/bcnvisuals/autobackup/internal/units"
)

var cmdStatus = &Command{
	Name:  "status",
	Usage: []string{"status [--all] [-q|--quiet] [--plan TO] [CLIENT[/PROJECT]]"},
	Short: "show which locations are held in too few places",
	Long: `status lists the locations at risk: those with fewer true copies than
their minimum (2 by default; set copies N changes it, add category ...
--copies N sets it for one category). A database holds a copy of a
location only when its listing matches the newest one: same names, sizes
and times (a fingerprint taken at load). A copy that is older, different,
or that a copy left unfinished does not count; status says which, and how
it falls short ("STORAGE: 5 of 12 files, 37 kB of 142 kB, older"). It
ends with a verdict line, such as "3 locations at risk (412 GB held in
one place only)", and fails (exit 1 in a script) when anything is at risk.

  --all         list every location, not only those at risk
  -q, --quiet   print the verdict line only

With CLIENT or CLIENT/PROJECT (glob patterns allowed) it looks at those
projects only. An offline database counts with what it held when last
seen.

status --plan TO prints, instead, the copy lines that would put each
location at risk onto database TO, ready to run as a script; where TO
holds other versions of the files, a comment says what to compare first:

    autobackup status --plan NAS > fix.ab && autobackup -f fix.ab`,
	Complete: map[string]Completer{
		"TO":               completeDatabases,
		"CLIENT[/PROJECT]": completeProjects,
	},
	Run: runStatus,
}

// atRiskError fails a status that found locations at risk.
type atRiskError struct {
	n     int
	where string
}

func (e atRiskError) Error() string { return plural(e.n, "location") + " at risk (" + e.where + ")" }

func runStatus(ctx context.Context, s *Session, a Args) error {
	if err := s.needLoaded(); err != nil {
		return err
	}
	projects, err := statusProjects(ctx, s, a.Get("CLIENT[/PROJECT]"))
	if err != nil {
		return err
	}
	locs := copies.Study(s.Index, *s.Layout, s.Copies, projects)
	if to, ok := a.Flag("plan"); ok {
		d, err := s.database(to)
		if err != nil {
			return err
		}
		return printFixPlan(s, locs, d)
	}
	_, all := a.Flag("all")
	_, quiet := a.Flag("quiet")
	if err := s.show(statusOutput{locs, uncounted(s), all, quiet}); err != nil {
		return err
	}
	if n, _ := atRisk(locs); n > 0 {
		where := "listed above"
		if quiet || s.JSON {
			where = "status lists them"
		}
		return atRiskError{n, where}
	}
	return nil
}

func statusProjects(ctx context.Context, s *Session, pattern string) ([]index.Project, error) {
	switch {
	case pattern == "":
		return s.Index.Projects(""), nil
	case strings.Contains(pattern, "/"):
		return matchProjects(ctx, s, pattern)
	}
	if err := clientExists(ctx, s, pattern); err != nil {
		return nil, err
	}
	return s.Index.MatchProjects(pattern, "*", "")
}

// statusOutput is what status prints.
type statusOutput struct {
	locs       []copies.Location
	uncounted  []string // databases status could not see
	all, quiet bool
}

func (o statusOutput) writeText(s *Session) error {
	locs, all, quiet := o.locs, o.all, o.quiet
	var rows [][]string
	notes := false
	for _, l := range locs {
		if quiet || (!all && !l.AtRisk()) {
			continue
		}
		count, flag := fmt.Sprintf("%d/%d", l.Copies(), l.Min), ""
		if l.AtRisk() {
			count, flag = s.paint(red, count), s.paint(red, "at risk")
		}
		row := []string{table.Escape(l.Project.String()), l.Category.Name, count, heldBy(l), notCopies(l)}
		if all {
			row = append(row, flag)
		}
		notes = notes || row[4] != ""
		rows = append(rows, row)
	}
	if len(rows) > 0 {
		header := []string{"PROJECT", "CATEGORY", "COPIES", "HELD BY", "NOT COPIES", ""}
		if !all {
			header = header[:5]
		}
		if !notes { // no column of nothing
			header = append(header[:4], header[5:]...)
			for i, r := range rows {
				rows[i] = append(r[:4], r[5:]...)
			}
		}
		t := s.table(header...).Flex(0, 3, 4)
		for _, r := range rows {
			t.Row(r...)
		}
		if _, err := t.WriteTo(s.Stdout); err != nil {
			return err
		}
	}
	s.Printf("%s\n", verdict(s, locs, o.uncounted))
	return nil
}

// heldBy names the databases with a copy; an offline one says when it was
// last seen.
func heldBy(l copies.Location) string {
	var names []string
	for _, h := range l.Holdings {
		if h.State != copies.Copy {
			continue
		}
		name := h.Database
		if h.Offline {
			name += " (offline, seen " + h.Seen.Local().Format("2006-01-02") + ")"
		}
		names = append(names, name)
	}
	return strings.Join(names, " ")
}

// notCopies says of each holding that is not a copy how it falls short.
func notCopies(l copies.Location) string {
	var out []string
	for _, h := range l.Holdings {
		if h.State != copies.Copy {
			out = append(out, h.Database+": "+h.Note)
		}
	}
	return strings.Join(out, "; ")
}

// verdict is the one line that ends status.
func verdict(s *Session, locs []copies.Location, uncounted []string) string {
	n, once := atRisk(locs)
	var line string
	switch {
	case n == 0:
		line = "no location at risk: every location has its minimum of copies"
	case once == 0:
		line = s.paint(red, fmt.Sprintf("%s at risk, none of them held in one place only", plural(n, "location")))
	default:
		line = s.paint(red, fmt.Sprintf("%s at risk (%s held in one place only)", plural(n, "location"), units.Bytes(once)))
	}
	if len(uncounted) > 0 {
		line += "; not counted, as offline or not loaded: " + strings.Join(uncounted, ", ")
	}
	return line
}

// uncounted lists the databases whose copies status cannot see: never
// loaded, or offline with nothing known of them.
func uncounted(s *Session) []string {
	var out []string
	for _, d := range s.Layout.Databases {
		if snap, ok := s.Index.Snapshot(d.Name); !ok || (!snap.Online && snap.Scanned.IsZero()) {
			out = append(out, d.Name)
		}
	}
	return out
}

// atRisk counts the locations at risk, and the bytes of those held in one
// place only.
func atRisk(locs []copies.Location) (n int, once int64) {
	for _, l := range locs {
		if l.AtRisk() {
			n++
			if l.Copies() <= 1 {
				once += l.Bytes()
			}
		}
	}
	return n, once
}
