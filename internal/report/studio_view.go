package report

import (
	"html/template"
	"strconv"
	"strings"
	"time"
)

// studioView is the studio page's data, every text already formatted, so
// that the template only places it.
type studioView struct {
	Title, Generated string
	Tiles            []tile
	Databases        []dbView
	Columns          []column
	Span             int // the grid's columns: project, category, the databases, copies
	Groups           []clientGroup
	Projects         int
	Legend           []legendItem
	Risks            []riskView
	RiskLine         string
}

// tile is one number of the header.
type tile struct{ Label, Value, Note, Class, Href string }

type column struct {
	Name    string
	Offline bool
}

type legendItem struct{ Class, Symbol, Name, Meaning string }

type clientGroup struct {
	Index    int
	Name     string
	Count    string
	Projects []projectView
}

type projectView struct {
	Group       int
	Name        string
	Search      string
	AtRisk      bool
	Rows        []rowView
	RowsSpanned int
}

type rowView struct {
	Category string
	Path     string // the category's folder, relative to each root
	Cells    []cellView
	Copies   string
	AtRisk   bool
}

type cellView struct{ Class, Symbol, Size, Files, Note, Title string }

type riskView struct{ Project, Category, Copies, HeldBy, Size string }

func (s Studio) view() studioView {
	v := studioView{Title: s.Title, Projects: len(s.Projects), Legend: legend()}
	if v.Title == "" {
		v.Title = "autobackup report"
	}
	if !s.Generated.IsZero() {
		v.Generated = s.Generated.Format(zoneLayout)
	}
	for _, d := range s.Databases {
		v.Columns = append(v.Columns, column{d.Name, !d.Online})
		v.Databases = append(v.Databases, s.databaseView(d))
	}
	v.Span = len(v.Columns) + 3
	v.Groups = s.groups()
	risks := s.risks()
	var once int64
	for _, r := range risks {
		if r.Copies == 1 {
			once += r.Bytes
		}
		held := strings.Join(r.HeldBy, " ")
		if held == "" {
			held = "no complete copy"
		}
		v.Risks = append(v.Risks, riskView{r.Project, r.Category,
			strconv.Itoa(r.Copies) + "/" + strconv.Itoa(r.Min), held, size(r.Bytes)})
	}
	v.RiskLine = "No location at risk: every location has its minimum of copies."
	if len(risks) > 0 {
		v.RiskLine = plural(int64(len(risks)), "location") + " at risk (" + size(once) + " held in one place only)."
	}
	v.Tiles = s.tiles(len(risks), once)
	return v
}

func legend() []legendItem {
	var out []legendItem
	for _, st := range States() {
		out = append(out, legendItem{"s-" + st.String(), st.Symbol(), st.String(), st.Meaning()})
	}
	return out
}

// tiles are the header's totals.
func (s Studio) tiles(risks int, once int64) []tile {
	online, clients := 0, map[string]bool{}
	for _, d := range s.Databases {
		if d.Online {
			online++
		}
	}
	var bytes, files int64
	for _, p := range s.Projects {
		clients[p.Client] = true
		for _, row := range p.Cells {
			for _, c := range row {
				if c.State != Missing && c.State != Offline {
					bytes, files = bytes+c.Bytes, files+c.Files
				}
			}
		}
	}
	dbNote := strconv.Itoa(online) + " online"
	if off := len(s.Databases) - online; off > 0 {
		dbNote += ", " + strconv.Itoa(off) + " offline"
	}
	risk := tile{Label: "At risk", Value: strconv.Itoa(risks), Note: "locations below their minimum", Class: "ok", Href: "#at-risk"}
	if risks > 0 {
		risk.Class, risk.Note = "risk", size(once)+" in one place only"
	}
	return []tile{
		{Label: "Databases", Value: strconv.Itoa(len(s.Databases)), Note: dbNote},
		{Label: "Clients", Value: count(int64(len(clients)))},
		{Label: "Projects", Value: count(int64(len(s.Projects)))},
		{Label: "Data online", Value: size(bytes), Note: plural(files, "file") + ", every copy counted"},
		{Label: "Minimum", Value: strconv.Itoa(s.Minimum), Note: "copies of each location"},
		risk,
	}
}

// groups puts the projects under their clients, each client where its
// first project is, the projects in the order given.
func (s Studio) groups() []clientGroup {
	var out []clientGroup
	at := map[string]int{}
	for _, p := range s.Projects {
		i, ok := at[p.Client]
		if !ok {
			i = len(out)
			at[p.Client] = i
			out = append(out, clientGroup{Index: i, Name: p.Client})
		}
		out[i].Projects = append(out[i].Projects, s.projectView(p, i))
	}
	for i := range out {
		out[i].Count = plural(int64(len(out[i].Projects)), "project")
	}
	return out
}

func (s Studio) projectView(p Project, group int) projectView {
	v := projectView{Group: group, Name: p.Name, Search: p.Client + "/" + p.Name}
	for _, c := range s.Categories {
		if row := p.Cells[c.Name]; present(row) {
			v.Rows = append(v.Rows, s.rowView(p, c, row))
		}
	}
	if len(v.Rows) == 0 {
		// Held nowhere: its rows show it, rather than hide it.
		for _, c := range s.Categories {
			v.Rows = append(v.Rows, s.rowView(p, c, nil))
		}
	}
	for _, r := range v.Rows {
		v.AtRisk = v.AtRisk || r.AtRisk
	}
	v.RowsSpanned = len(v.Rows)
	return v
}

func (s Studio) rowView(p Project, c Category, row map[string]Cell) rowView {
	held, _, _ := s.holders(row)
	r := rowView{Category: c.Name, Path: c.Path, Copies: strconv.Itoa(len(held)) + "/" + strconv.Itoa(c.MinCopies)}
	r.AtRisk = len(held) < c.MinCopies
	for _, d := range s.Databases {
		r.Cells = append(r.Cells, cellOf(row[d.Name], p, c.Name, d.Name))
	}
	return r
}

// cellOf formats one cell: what it shows, and the tooltip that says all.
func cellOf(c Cell, p Project, category, database string) cellView {
	v := cellView{Class: "s-" + c.State.String(), Symbol: c.State.Symbol()}
	title := []string{p.Client + "/" + p.Name + " · " + category + " · " + database, c.State.String() + ": " + c.State.Meaning()}
	if c.State != Missing {
		v.Size, v.Files, v.Note = size(c.Bytes), "("+count(c.Files)+")", c.Note
		title = append(title, size(c.Bytes)+" in "+plural(c.Files, "file"),
			"modified "+stamp(c.Modified, "unknown"), "verified "+stamp(c.Verified, "never"))
		if c.Note != "" {
			title = append(title, c.Note)
		}
	}
	v.Title = strings.Join(title, "\n")
	return v
}

// dbView is one database's card.
type dbView struct {
	Name, Root, Status, Why string
	Online, HasBar, Low     bool
	DataWidth, OtherWidth   template.CSS
	Space, Holds            string
	Scan, Verified          string
}

func (s Studio) databaseView(d Database) dbView {
	v := dbView{Name: d.Name, Root: d.Root, Online: d.Online, Status: "online"}
	if !d.Online {
		v.Status, v.Why = "offline", d.Offline
		if v.Why == "" {
			v.Why = "not found at the last scan"
		}
		v.Why += "; seen " + day(d.LastSeen, "never")
	}
	var bytes, files, projects int64
	var verified time.Time
	for _, p := range s.Projects {
		held := false
		for _, row := range p.Cells {
			if c, ok := row[d.Name]; ok && c.State != Missing {
				bytes, files, held = bytes+c.Bytes, files+c.Files, true
				if c.Verified.After(verified) {
					verified = c.Verified
				}
			}
		}
		if held {
			projects++
		}
	}
	v.Holds = plural(projects, "project") + ", " + size(bytes) + " in " + plural(files, "file")
	if !d.Online {
		v.Holds += " when last seen"
	}
	v.Scan = "last scan " + stamp(d.LastScan, "never")
	if !d.LastScan.IsZero() && d.ScanTook > 0 {
		v.Scan += " (took " + duration(d.ScanTook) + ")"
	}
	v.Verified = "last verify " + stamp(verified, "never")
	if d.Total > 0 {
		v.HasBar = true
		data := min(bytes, d.Used)
		v.DataWidth, v.OtherWidth = width(fraction(data, d.Total)), width(fraction(d.Used-data, d.Total))
		free := fraction(d.Free, d.Total)
		v.Low = free < 0.1
		v.Space = size(d.Used) + " used of " + size(d.Total) + " · " + size(d.Free) + " free (" + percent(free) + ")"
	} else if d.Used > 0 || d.Free > 0 {
		v.Space = size(d.Used) + " used · " + size(d.Free) + " free"
	} else {
		v.Space = "space unknown"
	}
	return v
}
