package cmd

import (
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/bcnvisuals/autobackup/internal/index"
	"github.com/bcnvisuals/autobackup/internal/table"
	"github.com/bcnvisuals/autobackup/internal/units"
)

// writeAll writes many projects as one table, its columns aligned across
// them: a row per category held somewhere, a total row per client and
// one at the end. By size, the clients and their projects come largest
// first, as ncdu and gdu list them.
func (o fetchOutput) writeAll(s *Session) error {
	g := newGrid(s)
	t := s.table(append([]string{"PROJECT"}, g.header...)...).AlignRight(len(g.header)).Flex(0)
	t.Grow(len(o.projects) * 2)
	groups := groupByClient(o.ix, o.projects, g, o.bySize)
	grand := make([]*index.Stats, len(g.state))
	for _, grp := range groups {
		sums := make([]*index.Stats, len(g.state))
		for _, p := range grp.projects {
			g.allRows(t, o.ix, p, sums)
		}
		t.Row(g.totalRow(table.Escape(grp.client)+" total", plural(len(grp.projects), "project"), sums)...)
		for i, st := range sums {
			grand[i] = addStats(grand[i], st)
		}
	}
	if len(groups) > 1 {
		t.Row(g.totalRow("total", plural(len(o.projects), "project"), grand)...)
	}
	var b strings.Builder
	b.Grow(t.Len() * (t.LineWidth() + 1))
	t.Append(&b)
	for _, n := range g.notes {
		b.WriteString(n + "\n")
	}
	_, err := io.WriteString(s.Stdout, b.String())
	return err
}

// allRows adds one project's rows: the categories some database holds.
func (g *grid) allRows(t *table.Table, ix *index.Index, p index.Project, sums []*index.Stats) {
	count, locs := g.fill(ix, p)
	held := make([]bool, len(g.cats))
	for _, l := range locs {
		col, ok1 := g.dbs[l.Database]
		row, ok2 := g.catIdx[l.Category]
		if ok1 && ok2 && g.state[col] == "" {
			held[row] = true
			sums[col] = addStats(sums[col], l.Stats)
		}
	}
	ncol := len(g.state)
	name := table.Escape(p.String())
	line := make([]string, ncol+3)
	for r, c := range g.cats {
		if !held[r] {
			continue
		}
		line[0], line[1] = name, c
		copy(line[2:], g.cells[r*ncol:(r+1)*ncol])
		line[len(line)-1] = strconv.Itoa(count[r])
		t.Row(line...)
		name = "" // the project's name on its first row only
	}
}

// totalRow is a row of sums, one per database.
func (g *grid) totalRow(what, projects string, sums []*index.Stats) []string {
	line := []string{what, projects}
	for i, st := range sums {
		switch {
		case g.state[i] != "":
			line = append(line, g.state[i])
		case st == nil:
			line = append(line, "—")
		default:
			line = append(line, units.Bytes(st.Bytes)+" ("+units.Comma(st.Files)+")")
		}
	}
	return append(line, "")
}

// addStats adds o to st, a hard-linked file once, making st if needed.
func addStats(st, o *index.Stats) *index.Stats {
	if o == nil {
		return st
	}
	if st == nil {
		st = &index.Stats{}
	}
	st.Add(o)
	return st
}

type clientGroup struct {
	client   string
	projects []index.Project
	size     int64
}

// groupByClient groups projects by client, in the order given, or by
// size, the largest first: a project's size is what its largest copy
// holds, a client's the sum of its projects'.
func groupByClient(ix *index.Index, projects []index.Project, g *grid, bySize bool) []clientGroup {
	var groups []clientGroup
	size := map[index.Project]int64{}
	for _, p := range projects {
		if len(groups) == 0 || groups[len(groups)-1].client != p.Client {
			groups = append(groups, clientGroup{client: p.Client})
		}
		grp := &groups[len(groups)-1]
		grp.projects = append(grp.projects, p)
		if bySize {
			size[p] = projectSize(ix, p)
			grp.size += size[p]
		}
	}
	if !bySize {
		return groups
	}
	for _, grp := range groups {
		slices.SortStableFunc(grp.projects, func(a, b index.Project) int { return compareSize(size[a], size[b]) })
	}
	slices.SortStableFunc(groups, func(a, b clientGroup) int { return compareSize(a.size, b.size) })
	return groups
}

// projectSize is the bytes of a project's largest copy.
func projectSize(ix *index.Index, p index.Project) int64 {
	per := map[string]int64{}
	var most int64
	for _, l := range ix.Locations(p) {
		per[l.Database] += l.Stats.Bytes
		most = max(most, per[l.Database])
	}
	return most
}

// compareSize orders the larger first.
func compareSize(a, b int64) int {
	switch {
	case a > b:
		return -1
	case a < b:
		return 1
	}
	return 0
}
