package cmd

import (
	"github.com/bcnvisuals/autobackup/internal/copies"
	"github.com/bcnvisuals/autobackup/internal/index"
	"github.com/bcnvisuals/autobackup/internal/table"
	"github.com/bcnvisuals/autobackup/internal/units"
)

// projectRowJSON is one project × category of a project-level comparison.
type projectRowJSON struct {
	Project  string     `json:"project"`
	Category string     `json:"category"`
	A        *classJSON `json:"a"`
	B        *classJSON `json:"b"`
	Status   string     `json:"status"` // same, differs, only_a, only_b
}

type projectsJSON struct {
	A          string           `json:"a"`
	B          string           `json:"b"`
	Rows       []projectRowJSON `json:"rows"`
	MissingAtB classJSON        `json:"missing_at_b"` // locations only in A, and their bytes
	Differ     int              `json:"differ"`
}

// compareProjects compares, from the index, each project × category of
// two databases.
func compareProjects(s *Session, projects []index.Project, da, db index.Database) error {
	o := versusOutput{copies.Versus(s.Index, projects, s.Layout.Categories, da.Name, db.Name), da.Name, db.Name}
	if err := s.show(o); err != nil {
		return err
	}
	for _, r := range o.rows {
		if r.Standing != copies.Same {
			return differError{"compare", da.Name, db.Name}
		}
	}
	return nil
}

// differError fails a compare that found differences, as verify does,
// so that scripts and cron can tell: exit status 1.
type differError struct{ verb, a, b string }

func (e differError) Error() string {
	return e.verb + ": " + e.a + " and " + e.b + " differ (listed above)"
}

// versusOutput is what compare client and compare all print.
type versusOutput struct {
	rows []copies.Row
	a, b string
}

// missing counts the locations only in A and their bytes, and those on
// both sides that differ.
func (o versusOutput) missing() (only classJSON, differ int) {
	for _, r := range o.rows {
		switch r.Standing {
		case copies.OnlyA:
			only.Files++
			only.Bytes += r.A.Bytes
		case copies.Other:
			differ++
		}
	}
	return only, differ
}

func (o versusOutput) jsonValue() any {
	out := projectsJSON{A: o.a, B: o.b, Rows: []projectRowJSON{}}
	for _, r := range o.rows {
		out.Rows = append(out.Rows, projectRowJSON{Project: r.Project.String(), Category: r.Category.Name,
			A: statsJSON(r.A), B: statsJSON(r.B), Status: r.Standing.String()})
	}
	out.MissingAtB, out.Differ = o.missing()
	return out
}

func (o versusOutput) writeText(s *Session) error {
	t := s.table("PROJECT", "CATEGORY", o.a, o.b, "").Flex(0)
	for _, r := range o.rows {
		status := map[copies.Standing]string{
			copies.Same: "same", copies.OnlyA: s.paint(yellow, "only in "+o.a),
			copies.OnlyB: s.paint(yellow, "only in "+o.b), copies.Other: s.paint(red, "differs"),
		}[r.Standing]
		t.Row(table.Escape(r.Project.String()), r.Category.Name, sizeCell(r.A), sizeCell(r.B), status)
	}
	if len(o.rows) > 0 {
		if _, err := t.WriteTo(s.Stdout); err != nil {
			return err
		}
	}
	only, differ := o.missing()
	s.Printf("missing at %s: %s (%s) held only in %s; %s in both but not the same\n", o.b,
		plural(only.Files, "location"), units.Bytes(only.Bytes), o.a, plural(differ, "location"))
	return nil
}

func statsJSON(st *index.Stats) *classJSON {
	if st == nil {
		return nil
	}
	return &classJSON{int(st.Files), st.Bytes}
}

func sizeCell(st *index.Stats) string {
	if st == nil {
		return "—"
	}
	return units.Bytes(st.Bytes) + " (" + string(units.AppendCount(nil, st.Files)) + ")"
}
