package cmd

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/bcnvisuals/autobackup/internal/copies"
	"github.com/bcnvisuals/autobackup/internal/index"
	"github.com/bcnvisuals/autobackup/internal/table"
	"github.com/bcnvisuals/autobackup/internal/units"
)

var cmdFetch = &Command{
	Name: "fetch",
	Usage: []string{
		"fetch [--sort KEY] all",
		"fetch [--sort KEY] client CLIENT",
		"fetch project CLIENT/PROJECT",
		"fetch CLIENT/PROJECT",
	},
	Short: "show where a project's categories are, with sizes",
	Long: `fetch shows, for each project, a table with a row per category and a column
per database. A cell holds the size and, in brackets, the number of files
of that category in that database, or — where it is absent. A cell that
is not a copy of the newest location is marked: ~ stale (older), ≠ differs,
… incomplete (a copy into it was interrupted); status says how each falls
short. COPIES counts the true copies.

fetch all shows every project, and fetch client CLIENT every project of a
client, as one table: a row per category held somewhere, the project's
name on its first row, a total row per client and one at the end.
--sort size lists the largest first (a project's size is its largest
copy's); --sort name, the default, in natural order. fetch project
CLIENT/PROJECT (or just fetch CLIENT/PROJECT) shows one project's table.
CLIENT and PROJECT may be glob patterns: fetch acme/*spot*.`,
	Complete: map[string]Completer{
		"CLIENT":         completeClients,
		"CLIENT/PROJECT": completeProjects,
		"KEY":            completeSortKeys,
	},
	Run: runFetch,
}

func runFetch(ctx context.Context, s *Session, a Args) error {
	if err := s.needLoaded(); err != nil {
		return err
	}
	projects, err := fetchTargets(ctx, s, a)
	if err != nil {
		return err
	}
	key, _ := a.Flag("sort")
	if key != "" && key != "name" && key != "size" {
		return fmt.Errorf("--sort %q: want name or size", key)
	}
	return s.show(fetchOutput{s.Index, s.Layout, projects, a.Has("all") || a.Has("client"), key == "size"})
}

func completeSortKeys(*Session, []string, string) []string { return []string{"name", "size"} }

// fetchOutput is what fetch prints: a table per project.
type fetchOutput struct {
	ix       *index.Index
	layout   *index.Layout
	projects []index.Project
	oneTable bool // all of the studio or of a client, as one table
	bySize   bool // the largest first
}

func (o fetchOutput) writeText(s *Session) error {
	if o.oneTable {
		return o.writeAll(s)
	}
	g := newGrid(s)
	var b strings.Builder
	b.Grow(len(o.projects) * 64 * (len(o.layout.Categories) + 2))
	for i, p := range o.projects {
		if i > 0 {
			b.WriteByte('\n')
		}
		g.write(&b, o.ix, p)
	}
	for _, n := range g.notes {
		b.WriteString(n + "\n")
	}
	_, err := io.WriteString(s.Stdout, b.String())
	return err
}

// fetchTargets returns the projects a fetch line names.
func fetchTargets(ctx context.Context, s *Session, a Args) ([]index.Project, error) {
	switch {
	case a.Has("all"):
		return s.Index.Projects(""), nil
	case a.Has("client"):
		client := a.Get("CLIENT")
		if err := clientExists(ctx, s, client); err != nil {
			return nil, err
		}
		return s.Index.MatchProjects(client, "*", "")
	}
	arg := a.Get("CLIENT/PROJECT")
	if !strings.Contains(arg, "/") {
		if clients, _ := s.Index.MatchClients(arg, ""); len(clients) > 0 {
			return nil, fmt.Errorf("%q is a client, not CLIENT/PROJECT: fetch client %s shows its projects", arg, Quote(arg))
		}
	}
	return matchProjects(ctx, s, arg)
}

// matchProjects resolves a CLIENT/PROJECT argument, which may hold globs,
// to the projects it names, or says clearly that it names none.
func matchProjects(ctx context.Context, s *Session, arg string) ([]index.Project, error) {
	p, err := index.SplitProject(arg)
	if err != nil {
		return nil, err
	}
	projects, err := s.Index.MatchProjects(p.Client, p.Name, "")
	if err != nil || len(projects) > 0 {
		return projects, err
	}
	if !index.IsPattern(arg) && s.lookAgain(ctx, p, s.Layout.Databases) {
		return []index.Project{p}, nil // made since the scan
	}
	if err := clientExists(ctx, s, p.Client); err != nil {
		return nil, err
	}
	if index.IsPattern(arg) {
		return nil, fmt.Errorf("no project matches %q", arg)
	}
	var known []string
	for _, q := range s.Index.Projects("") {
		if q.Client == p.Client {
			known = append(known, q.Name)
		}
	}
	if sg := suggest(p.Name, known); sg != "" {
		return nil, fmt.Errorf("no project %q in any database (did you mean %q?)", arg, p.Client+"/"+sg)
	}
	return nil, fmt.Errorf("no project %q in any database", arg)
}

// grid lays out fetch's tables: a row per category, a column per
// database. It reads each project's locations from the index in one
// lookup and places them by name, so a large fetch does no per-cell
// searching.
type grid struct {
	header []string
	cats   []string
	dbs    map[string]int // database name to column
	catIdx map[string]int // category name to row
	state  []string       // per column: "" when online, else what to show
	table  *table.Table
	cells  []string // [row][column], reused
	buf    []byte
	paint  func(color, text string) string
	notes  []string // footnotes: offline databases shown as last seen

	// one row's locations, reused: their sums and states
	stats  []*index.Stats
	states []copies.State
}

func newGrid(s *Session) *grid {
	g := &grid{
		paint:  s.paint,
		header: append(append([]string{"CATEGORY"}, s.Layout.DatabaseNames()...), "COPIES"),
		cats:   s.Layout.CategoryNames(),
		dbs:    map[string]int{},
		catIdx: map[string]int{},
	}
	for i, d := range s.Layout.Databases {
		g.dbs[d.Name] = i
		snap, loaded := s.Index.Snapshot(d.Name)
		switch {
		case !loaded:
			g.state = append(g.state, "unloaded")
		case !snap.Online && snap.Scanned.IsZero():
			g.state = append(g.state, "offline")
		case !snap.Online:
			// Offline, known from the catalog: its cells show what it held
			// when last seen, and its name says so.
			g.state = append(g.state, "")
			g.header[i+1] += "*"
			g.notes = append(g.notes, fmt.Sprintf("* %s is offline: as last seen, %s", d.Name, when(snap.Scanned, time.Now())))
		default:
			g.state = append(g.state, "")
		}
	}
	for i, c := range g.cats {
		g.catIdx[c] = i
	}
	g.table = table.New().AlignRight(len(g.header) - 1)
	g.table.Indent = "  "
	g.cells = make([]string, len(g.cats)*len(g.state))
	return g
}

// fill lays one project's locations into the cells, and returns how many
// copies each category row has and the project's locations.
func (g *grid) fill(ix *index.Index, p index.Project) ([]int, []index.Location) {
	ncol := len(g.state)
	for r := range g.cats {
		copy(g.cells[r*ncol:], g.state)
	}
	for i, c := range g.cells {
		if c == "" {
			g.cells[i] = "—"
		}
	}
	held := make([][]int, len(g.cats)) // per row, the indexes of its locations
	locs := ix.Locations(p)
	for i, loc := range locs {
		col, ok1 := g.dbs[loc.Database]
		row, ok2 := g.catIdx[loc.Category]
		if ok1 && ok2 && g.state[col] == "" {
			held[row] = append(held[row], i)
		}
	}
	count := make([]int, len(g.cats))
	for row, idx := range held {
		if len(idx) > 0 {
			count[row] = g.judgeRow(row, locs, idx)
		}
	}
	return count, locs
}

// write writes one project's table.
func (g *grid) write(b *strings.Builder, ix *index.Index, p index.Project) {
	count, _ := g.fill(ix, p)
	ncol := len(g.state)
	b.WriteString(table.Escape(p.String()))
	b.WriteByte('\n')
	t := g.table
	t.Reset()
	t.Row(g.header...)
	line := make([]string, len(g.header))
	for r, c := range g.cats {
		line[0] = c
		copy(line[1:], g.cells[r*ncol:(r+1)*ncol])
		line[len(line)-1] = strconv.Itoa(count[r])
		t.Row(line...)
	}
	t.Append(b)
}

// judgeRow fills one row's cells: each location's size and count, marked
// when it is not a copy of the newest. It returns the number of copies.
func (g *grid) judgeRow(row int, locs []index.Location, idx []int) int {
	g.stats, g.states = g.stats[:0], g.states[:0]
	for _, i := range idx {
		g.stats = append(g.stats, locs[i].Stats)
		g.states = append(g.states, copies.Copy)
	}
	copies.Judge(g.states, g.stats)
	n := 0
	ncol := len(g.state)
	for k, i := range idx {
		col := g.dbs[locs[i].Database]
		cell := g.cell(g.stats[k], g.states[k])
		if g.states[k] == copies.Copy {
			n++
		} else {
			cell = g.paint(stateColors[g.states[k]], cell)
		}
		g.cells[row*ncol+col] = cell
	}
	return n
}

// stateMarks mark a cell that is not a copy; stateColors paint it.
var (
	stateMarks  = [...]string{copies.Copy: "", copies.Stale: "~ ", copies.Differs: "≠ ", copies.Incomplete: "… "}
	stateColors = [...]string{copies.Copy: "", copies.Stale: yellow, copies.Differs: red, copies.Incomplete: yellow}
)

// cell writes a location's size and file count: "1.2 GB (1,234)", after a
// mark when it is not a copy: "~ 37 kB (5)".
func (g *grid) cell(st *index.Stats, state copies.State) string {
	g.buf = append(g.buf[:0], stateMarks[state]...)
	g.buf = units.AppendBytes(g.buf, st.Bytes)
	g.buf = append(g.buf, " ("...)
	g.buf = units.AppendCount(g.buf, st.Files)
	g.buf = append(g.buf, ')')
	return string(g.buf)
}

type fetchProjectJSON struct {
	Project   string         `json:"project"`
	Locations []locationJSON `json:"locations"`
}

type locationJSON struct {
	Database string `json:"database"`
	Category string `json:"category"`
	Path     string `json:"path"`
	Bytes    int64  `json:"bytes"`
	Files    int64  `json:"files"`
	Modified string `json:"modified"`
	State    string `json:"state"`             // copy, stale, differs or incomplete, against the newest
	Offline  bool   `json:"offline,omitempty"` // its database is offline: as last seen
	Seen     string `json:"seen,omitempty"`    // when an offline database was last scanned
}

func (o fetchOutput) jsonValue() any {
	out := make([]fetchProjectJSON, 0, len(o.projects))
	for _, p := range o.projects {
		fp := fetchProjectJSON{Project: p.String(), Locations: []locationJSON{}}
		for _, c := range o.layout.Categories {
			var row []locationJSON
			var stats []*index.Stats
			for _, d := range o.layout.Databases {
				st, ok := o.ix.Location(d.Name, c.Name, p)
				if !ok {
					continue
				}
				l := locationJSON{
					Database: d.Name, Category: c.Name,
					Path:  o.ix.Path(d, c, p),
					Bytes: st.Bytes, Files: st.Files,
					Modified: st.Modified.UTC().Format(time.RFC3339),
				}
				if snap, _ := o.ix.Snapshot(d.Name); !snap.Online {
					l.Offline, l.Seen = true, snap.Scanned.UTC().Format(time.RFC3339)
				}
				row = append(row, l)
				stats = append(stats, st)
			}
			if len(row) == 0 {
				continue
			}
			states := make([]copies.State, len(stats))
			copies.Judge(states, stats)
			for i := range row {
				row[i].State = states[i].String()
			}
			fp.Locations = append(fp.Locations, row...)
		}
		out = append(out, fp)
	}
	return map[string][]fetchProjectJSON{"projects": out}
}
