package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden pages in testdata and docs/report.png")

// smallStudio has three databases (A online, B online of unknown size, C
// offline), two categories, and the projects of two clients interleaved.
func smallStudio() Studio {
	at := time.Date(2026, 9, 30, 12, 0, 0, 0, time.UTC)
	return Studio{
		Title: "small", Generated: at, Minimum: 2,
		Databases: []Database{
			{Name: "A", Root: "/a", Online: true, LastScan: at, ScanTook: 1500 * time.Millisecond, Used: 60, Free: 40, Total: 100},
			{Name: "B", Root: "/b", Online: true, LastScan: at, Used: 5, Free: 7},
			{Name: "C", Root: "/c", Offline: "root /c not found", LastSeen: at.AddDate(0, 0, -3)},
		},
		Categories: []Category{{Name: "project", Path: "project", MinCopies: 2}, {Name: "cache", Path: "scratch/cache"}},
		Projects: []Project{
			{Client: "x", Name: "one", Cells: map[string]map[string]Cell{
				"project": {"A": {State: Copy, Bytes: 10, Files: 1, Verified: at}, "B": {State: Stale, Bytes: 8, Files: 1}, "C": {State: Offline, Bytes: 10, Files: 1}},
			}},
			{Client: "y", Name: "two", Cells: map[string]map[string]Cell{
				"project": {"A": {State: Copy, Bytes: 20, Files: 2}, "B": {State: Copy, Bytes: 20, Files: 2}},
				"cache":   {"A": {State: Copy, Bytes: 5, Files: 1}, "C": {}},
			}},
			{Client: "x", Name: "three", Cells: map[string]map[string]Cell{
				"project": {"B": {State: Incomplete, Bytes: 3, Files: 1, Note: "1 of 2 files"}},
				"cache":   {"A": {State: Missing}},
			}},
		},
	}
}

func TestStudioGrid(t *testing.T) {
	v := smallStudio().view()
	type row struct {
		project, category, copies string
		atRisk                    bool
		classes                   string
	}
	var got []row
	var clients []string
	for _, g := range v.Groups {
		clients = append(clients, g.Name+" "+g.Count)
		for _, p := range g.Projects {
			for _, r := range p.Rows {
				var classes []string
				for _, c := range r.Cells {
					classes = append(classes, c.Class)
				}
				got = append(got, row{p.Search, r.Category, r.Copies, r.AtRisk, strings.Join(classes, " ")})
			}
		}
	}
	want := []row{
		{"x/one", "project", "1/2", true, "s-copy s-stale s-offline"},
		{"x/three", "project", "0/2", true, "s-missing s-incomplete s-missing"},
		{"y/two", "project", "2/2", false, "s-copy s-copy s-missing"},
		{"y/two", "cache", "1/0", false, "s-copy s-missing s-missing"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rows:\n got %v\nwant %v", got, want)
	}
	if want := []string{"x 2 projects", "y 1 project"}; !reflect.DeepEqual(clients, want) {
		t.Errorf("clients = %v, want %v", clients, want)
	}
	if v.Span != 6 {
		t.Errorf("span = %d, want 6", v.Span)
	}
}

func TestStudioRisks(t *testing.T) {
	s := smallStudio()
	want := []Risk{
		{Project: "x/one", Category: "project", Copies: 1, Min: 2, HeldBy: []string{"A"}, Bytes: 10},
		{Project: "x/three", Category: "project", Copies: 0, Min: 2, Bytes: 3},
	}
	if got := s.Risks(); !reflect.DeepEqual(got, want) {
		t.Errorf("Risks() =\n %+v\nwant %+v", got, want)
	}
	tests := []struct {
		name   string
		atRisk []Risk
		line   string
		rows   int
	}{
		{"computed when nil", nil, "2 locations at risk (10 B held in one place only).", 2},
		{"none when empty", []Risk{}, "No location at risk: every location has its minimum of copies.", 0},
		{"the caller's", []Risk{{Project: "z/p", Category: "c", Copies: 1, Min: 3, HeldBy: []string{"A"}, Bytes: 7e9}},
			"1 location at risk (7.0 GB held in one place only).", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s.AtRisk = tt.atRisk
			v := s.view()
			if v.RiskLine != tt.line || len(v.Risks) != tt.rows {
				t.Errorf("got %q with %d rows, want %q with %d", v.RiskLine, len(v.Risks), tt.line, tt.rows)
			}
		})
	}
}

func TestStudioDatabases(t *testing.T) {
	v := smallStudio().view()
	type db struct{ status, why, space, holds, scan, verified string }
	var got []db
	for _, d := range v.Databases {
		got = append(got, db{d.Status, d.Why, d.Space, d.Holds, d.Scan, d.Verified})
	}
	want := []db{
		{"online", "", "60 B used of 100 B · 40 B free (40%)", "2 projects, 35 B in 4 files", "last scan 2026-09-30 12:00 (took 1.5s)", "last verify 2026-09-30 12:00"},
		{"online", "", "5 B used · 7 B free", "3 projects, 31 B in 4 files", "last scan 2026-09-30 12:00", "last verify never"},
		{"offline", "root /c not found; seen 2026-09-27", "space unknown", "1 project, 10 B in 1 file when last seen", "last scan never", "last verify never"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("databases:\n got %+v\nwant %+v", got, want)
	}
	if !v.Databases[0].HasBar || v.Databases[0].Low || v.Databases[1].HasBar {
		t.Errorf("bars: %+v", v.Databases)
	}
	if got := string(v.Databases[0].DataWidth) + " " + string(v.Databases[0].OtherWidth); got != "width:35.0% width:25.0%" {
		t.Errorf("bar of A = %q", got)
	}
	low := Studio{Databases: []Database{{Name: "N", Online: true, Used: 95, Free: 5, Total: 100}}}
	if !low.view().Databases[0].Low {
		t.Error("5% free is not low")
	}
}

func TestStudioTiles(t *testing.T) {
	var got []string
	for _, tl := range smallStudio().view().Tiles {
		got = append(got, tl.Label+"="+tl.Value+" ("+tl.Note+")"+tl.Class)
	}
	want := []string{"Databases=3 (2 online, 1 offline)", "Clients=2 ()", "Projects=3 ()",
		"Data online=66 B (8 files, every copy counted)", "Minimum=2 (copies of each location)",
		"At risk=2 (10 B in one place only)risk"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("tiles:\n got %q\nwant %q", got, want)
	}
}

func TestStudioBadInput(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(*Studio)
		error string
	}{
		{"unknown state", func(s *Studio) { s.Projects[0].Cells["project"]["A"] = Cell{State: 42} },
			"report: project x/one project on A has an unknown state 42"},
		{"unknown category", func(s *Studio) { s.Projects[1].Cells["render"] = map[string]Cell{} },
			`report: project y/two has cells in category "render", which is not in the report's categories`},
		{"unknown database", func(s *Studio) { s.Projects[1].Cells["cache"]["NAS"] = Cell{} },
			`report: project y/two has a cell on database "NAS", which is not in the report's databases`},
		{"database twice", func(s *Studio) { s.Databases = append(s.Databases, Database{Name: "B"}) },
			`report: database "B" is given twice`},
		{"category without a name", func(s *Studio) { s.Categories = append(s.Categories, Category{}) },
			"report: a category has no name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := smallStudio()
			tt.edit(&s)
			var buf bytes.Buffer
			err := s.Render(&buf)
			if err == nil || err.Error() != tt.error {
				t.Fatalf("Render() = %v, want %q", err, tt.error)
			}
			if buf.Len() != 0 {
				t.Errorf("Render wrote %d bytes despite the error", buf.Len())
			}
		})
	}
}

// TestStudioEveryState renders the demo studio and finds every state in
// the grid, and each once in the legend.
func TestStudioEveryState(t *testing.T) {
	page := render(t, demoStudio())
	for _, st := range States() {
		if n := strings.Count(page, `<td class="cell s-`+st.String()+`"`); n == 0 {
			t.Errorf("no %s cell in the grid", st)
		}
		legend := `<span class="cell s-` + st.String() + `"><span class="sym">` + st.Symbol() + `</span></span><b>` + st.String() + `</b>`
		if n := strings.Count(page, legend); n != 1 {
			t.Errorf("the legend has %s %d times", st, n)
		}
	}
}

// TestStudioGolden holds the demo studio's page byte for byte, and the
// same model renders the same bytes every time (maps are read in the
// order of the slices, never their own).
func TestStudioGolden(t *testing.T) {
	page := render(t, demoStudio())
	for range 20 {
		if again := render(t, demoStudio()); again != page {
			t.Fatal("two renders of one model differ")
		}
	}
	golden(t, "studio.golden.html", page)
}

func render(t *testing.T, p Page) string {
	t.Helper()
	var buf bytes.Buffer
	if err := p.Render(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if got != string(want) {
		a, b := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := range min(len(a), len(b)) {
			if a[i] != b[i] {
				t.Fatalf("%s differs at line %d:\n got %s\nwant %s\n(go test -update rewrites it after a deliberate change)", path, i+1, a[i], b[i])
			}
		}
		t.Fatalf("%s differs in length: %d lines, want %d", path, len(a), len(b))
	}
}
