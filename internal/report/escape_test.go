package report

import (
	"html"
	"strings"
	"testing"
)

// hostileNames are folder names a studio's disks may hold, by accident or
// not; each must show as the text it is.
var hostileNames = []string{
	`<script>alert(1)</script>`,
	`"><img src=x onerror=alert(1)>`,
	`' onmouseover='alert(1)`,
	"two\nlines</td></tr>",
	"\u202egnp.exe",         // right-to-left override: reads "exe.png"
	"שלום \u200f/ عربي",     // right-to-left scripts and mark
	`</style><b>bold</b>`,   // leaving the style sheet
	`{{.Title}} &amp; &lt;`, // template syntax and entities
	"javascript:alert(1)",
}

// hostileStudio puts name everywhere the studio page shows a name.
func hostileStudio(name string) Studio {
	s := smallStudio()
	s.Title = name
	s.Databases[0].Name, s.Databases[0].Root = name, name
	s.Databases[2].Offline = name
	s.Categories[0].Name, s.Categories[0].Path = name, name
	for i, p := range s.Projects {
		cells := map[string]map[string]Cell{}
		for cat, row := range p.Cells {
			if cat == "project" {
				cat = name
			}
			cells[cat] = map[string]Cell{}
			for db, c := range row {
				if db == "A" {
					db, c.Note = name, name
				}
				cells[cat][db] = c
			}
		}
		s.Projects[i].Client, s.Projects[i].Cells = name, cells
	}
	s.Projects[0].Name = name
	return s
}

func hostileTransfer(name string) Transfer {
	t := demoTransfer()
	t.Command, t.From, t.To, t.HashSummary = name, name, []string{name}, name
	t.Notes = []string{name}
	l := &t.Locations[2]
	l.Project, l.Category, l.To = name, name, name
	l.Conflicts, l.Failed, l.Changed, l.Warnings = []string{name}, []string{name}, []string{name}, []string{name}
	return t
}

func TestHostileNamesAreText(t *testing.T) {
	for _, name := range hostileNames {
		for kind, p := range map[string]Page{"studio": hostileStudio(name), "transfer": hostileTransfer(name)} {
			t.Run(kind+" "+name, func(t *testing.T) {
				page := render(t, p)
				scripts := 0
				if kind == "studio" {
					scripts = 1 // the filter's own
				}
				for tag, n := range map[string]int{"<script": scripts, "</script>": scripts, "<style>": 1, "</style>": 1, "<img": 0, "<b>bold": 0} {
					if got := strings.Count(page, tag); got != n {
						t.Errorf("%s appears %d times, want %d", tag, got, n)
					}
				}
				if strings.ContainsAny(name, `<>"'&`) && strings.Contains(page, name) {
					t.Errorf("the name is in the page unescaped")
				}
				if esc := html.EscapeString(name); !strings.Contains(page, "<bdi>"+esc+"</bdi>") {
					t.Errorf("the name is not shown as isolated text <bdi>%s</bdi>", esc)
				}
			})
		}
	}
}
