package report

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
)

// Render writes the studio report, a whole HTML page, to w. The model is
// checked first (known states, cells naming known categories and
// databases, no name twice); nothing is written when it is wrong.
func (s Studio) Render(w io.Writer) error {
	if err := s.check(); err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := pages.ExecuteTemplate(&buf, "studio", s.view()); err != nil {
		return fmt.Errorf("report: rendering the studio page: %w", err)
	}
	_, err := buf.WriteTo(w)
	return err
}

// check says what is wrong with the model, in one line.
func (s Studio) check() error {
	dbs, err := names("database", len(s.Databases), func(i int) string { return s.Databases[i].Name })
	if err != nil {
		return err
	}
	cats, err := names("category", len(s.Categories), func(i int) string { return s.Categories[i].Name })
	if err != nil {
		return err
	}
	for _, p := range s.Projects {
		for _, cat := range slices.Sorted(maps.Keys(p.Cells)) {
			if !cats[cat] {
				return fmt.Errorf("report: project %s/%s has cells in category %q, which is not in the report's categories", p.Client, p.Name, cat)
			}
			row := p.Cells[cat]
			for _, db := range slices.Sorted(maps.Keys(row)) {
				c := row[db]
				if !dbs[db] {
					return fmt.Errorf("report: project %s/%s has a cell on database %q, which is not in the report's databases", p.Client, p.Name, db)
				}
				if !c.State.valid() {
					return fmt.Errorf("report: project %s/%s %s on %s has an unknown state %d", p.Client, p.Name, cat, db, int(c.State))
				}
			}
		}
	}
	return nil
}

// names collects n names, refusing an empty one or one given twice.
func names(kind string, n int, name func(int) string) (map[string]bool, error) {
	seen := make(map[string]bool, n)
	for i := range n {
		switch nm := name(i); {
		case nm == "":
			return nil, errors.New("report: a " + kind + " has no name")
		case seen[nm]:
			return nil, fmt.Errorf("report: %s %q is given twice", kind, nm)
		default:
			seen[nm] = true
		}
	}
	return seen, nil
}

// Risks computes the locations at risk from the cells, as the page's
// COPIES column counts them: for every project and category that some
// database holds, the databases holding a Copy (so neither a stale,
// differing, incomplete nor an offline database's copy), when they are
// fewer than the category's MinCopies. Bytes is the largest copy's size,
// or the largest cell's when there is no copy.
func (s Studio) Risks() []Risk {
	var out []Risk
	for _, p := range s.Projects {
		for _, c := range s.Categories {
			row := p.Cells[c.Name]
			if !present(row) {
				continue
			}
			held, bytes, any := s.holders(row)
			if len(held) >= c.MinCopies {
				continue
			}
			if len(held) == 0 {
				bytes = any
			}
			out = append(out, Risk{Project: p.Client + "/" + p.Name, Category: c.Name,
				Copies: len(held), Min: c.MinCopies, HeldBy: held, Bytes: bytes})
		}
	}
	return out
}

// holders lists, in the databases' order, those holding a Copy in row,
// with the largest copy's size and the largest of any present cell.
func (s Studio) holders(row map[string]Cell) (held []string, copyBytes, anyBytes int64) {
	for _, d := range s.Databases {
		c, ok := row[d.Name]
		if !ok || c.State == Missing {
			continue
		}
		anyBytes = max(anyBytes, c.Bytes)
		if c.State == Copy {
			held = append(held, d.Name)
			copyBytes = max(copyBytes, c.Bytes)
		}
	}
	return held, copyBytes, anyBytes
}

// present reports whether any database holds something of a row.
func present(row map[string]Cell) bool {
	for _, c := range row {
		if c.State != Missing {
			return true
		}
	}
	return false
}

// risks is the at-risk list the page shows: the caller's, or computed.
func (s Studio) risks() []Risk {
	if s.AtRisk != nil {
		return s.AtRisk
	}
	return s.Risks()
}
