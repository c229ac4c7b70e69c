package cmd

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/dustin/go-humanize"

	"github.com/bcnvisuals/autobackup/internal/index"
	"github.com/bcnvisuals/autobackup/internal/table"
)

var cmdFetch = &Command{
	Name: "fetch",
	Usage: []string{
		"fetch all",
		"fetch client CLIENT",
		"fetch project CLIENT/PROJECT",
		"fetch CLIENT/PROJECT",
	},
	Short: "show where a project's categories are, with sizes",
	Long: `fetch shows, for each project, a table with a row per category and a column
per database. A cell holds the size and, in brackets, the number of files
of that category in that database, or — where it is absent. COPIES counts
the databases that hold the category.

fetch all shows every project; fetch client CLIENT every project of a
client; fetch project CLIENT/PROJECT (or just fetch CLIENT/PROJECT) one
project. CLIENT and PROJECT may be glob patterns: fetch acme/*spot*.`,
	Complete: map[string]Completer{
		"CLIENT":         completeClients,
		"CLIENT/PROJECT": completeProjects,
	},
	Run: runFetch,
}

func runFetch(_ context.Context, s *Session, a Args) error {
	if err := s.needLoaded(); err != nil {
		return err
	}
	projects, err := fetchTargets(s, a)
	if err != nil {
		return err
	}
	if s.JSON {
		return s.printJSON(fetchJSON(s, projects))
	}
	var b strings.Builder
	for i, p := range projects {
		if i > 0 {
			b.WriteByte('\n')
		}
		writeProjectTable(&b, s, p)
	}
	_, err = fmt.Fprint(s.Stdout, b.String())
	return err
}

// fetchTargets returns the projects a fetch line names.
func fetchTargets(s *Session, a Args) ([]index.Project, error) {
	switch {
	case a.Has("all"):
		return s.Index.Projects(""), nil
	case a.Has("client"):
		client := a.Get("CLIENT")
		if err := clientExists(s, client); err != nil {
			return nil, err
		}
		return s.Index.MatchProjects(client, "*", "")
	}
	return matchProjects(s, a.Get("CLIENT/PROJECT"))
}

// matchProjects resolves a CLIENT/PROJECT argument, which may hold globs,
// to the projects it names, or says clearly that it names none.
func matchProjects(s *Session, arg string) ([]index.Project, error) {
	p, err := index.SplitProject(arg)
	if err != nil {
		return nil, err
	}
	projects, err := s.Index.MatchProjects(p.Client, p.Name, "")
	if err != nil || len(projects) > 0 {
		return projects, err
	}
	if err := clientExists(s, p.Client); err != nil {
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

// cell is what a table cell says about one location.
func cell(s *Session, database, category string, p index.Project) (string, bool) {
	snap, loaded := s.Index.Snapshot(database)
	switch {
	case !loaded:
		return "unloaded", false
	case !snap.Online:
		return "offline", false
	}
	st, ok := s.Index.Location(database, category, p)
	if !ok {
		return "—", false
	}
	return fmt.Sprintf("%s (%s)", humanize.Bytes(uint64(st.Bytes)), humanize.Comma(st.Files)), true
}

func writeProjectTable(b *strings.Builder, s *Session, p index.Project) {
	b.WriteString(p.String() + "\n")
	header := append(append([]string{"CATEGORY"}, s.Layout.DatabaseNames()...), "COPIES")
	t := table.New(header...).AlignRight(len(header) - 1)
	t.Indent = "  "
	for _, c := range s.Layout.Categories {
		row := []string{c.Name}
		copies := 0
		for _, d := range s.Layout.Databases {
			text, present := cell(s, d.Name, c.Name, p)
			if present {
				copies++
			}
			row = append(row, text)
		}
		t.Row(append(row, fmt.Sprint(copies))...)
	}
	_, _ = t.WriteTo(b) // a strings.Builder does not fail
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
}

func fetchJSON(s *Session, projects []index.Project) map[string][]fetchProjectJSON {
	out := make([]fetchProjectJSON, 0, len(projects))
	for _, p := range projects {
		fp := fetchProjectJSON{Project: p.String(), Locations: []locationJSON{}}
		for _, c := range s.Layout.Categories {
			for _, d := range s.Layout.Databases {
				st, ok := s.Index.Location(d.Name, c.Name, p)
				if !ok {
					continue
				}
				fp.Locations = append(fp.Locations, locationJSON{
					Database: d.Name, Category: c.Name,
					Path:  filepath.Join(d.Root, filepath.FromSlash(c.Path), p.Client, p.Name),
					Bytes: st.Bytes, Files: st.Files,
					Modified: st.Modified.UTC().Format(time.RFC3339),
				})
			}
		}
		out = append(out, fp)
	}
	return map[string][]fetchProjectJSON{"projects": out}
}
