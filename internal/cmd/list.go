package cmd

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/bcnvisuals/autobackup/internal/index"
	"github.com/bcnvisuals/autobackup/internal/table"
	"github.com/bcnvisuals/autobackup/internal/units"
)

var cmdList = &Command{
	Name: "list",
	Usage: []string{
		"list clients [in DATABASE]",
		"list projects [--sort KEY] [in CLIENT [in DATABASE]]",
		"list databases",
		"list categories",
	},
	Short: "list clients, projects, databases or categories",
	Long: `list clients prints every client found in any database, once; with
'in DATABASE', only those found in that database.

list projects prints every project as client/project; 'in CLIENT' keeps one
client's projects (CLIENT may be a glob pattern such as 'ac*'), and
'in CLIENT in DATABASE' keeps those that exist in one database. With
--sort size, the largest come first, each with its size (its largest
copy's, or what it holds in DATABASE).

list databases shows each database's root, whether it is online, and what
the last load found there. list categories shows each category's path.

Names are sorted in natural order: shot2 comes before shot10.`,
	Complete: map[string]Completer{
		"DATABASE": completeDatabases,
		"CLIENT":   completeClients,
		"KEY":      completeSortKeys,
	},
	Run: runList,
}

func runList(ctx context.Context, s *Session, a Args) error {
	switch {
	case a.Has("clients"):
		return listClients(s, a.Get("DATABASE"))
	case a.Has("projects"):
		key, _ := a.Flag("sort")
		if key != "" && key != "name" && key != "size" {
			return fmt.Errorf("--sort %q: want name or size", key)
		}
		return listProjects(ctx, s, a.Get("CLIENT"), a.Get("DATABASE"), key == "size")
	case a.Has("databases"):
		return listDatabases(s)
	}
	return listCategories(s)
}

func listClients(s *Session, database string) error {
	if database != "" {
		if _, err := s.database(database); err != nil {
			return err
		}
	}
	if err := s.needLoaded(); err != nil {
		return err
	}
	if err := s.saySeen(database); err != nil {
		return err
	}
	return s.show(names{"clients", s.Index.Clients(database)})
}

func listProjects(ctx context.Context, s *Session, client, database string, bySize bool) error {
	if database != "" {
		if _, err := s.database(database); err != nil {
			return err
		}
	}
	if err := s.needLoaded(); err != nil {
		return err
	}
	pattern := client
	if pattern == "" {
		pattern = "*"
	}
	projects, err := s.Index.MatchProjects(pattern, "*", database)
	if err != nil {
		return err
	}
	if client != "" && len(projects) == 0 {
		if err := clientExists(ctx, s, client); err != nil {
			return err
		}
	}
	if err := s.saySeen(database); err != nil {
		return err
	}
	if bySize {
		return s.show(sizedProjects(s.Index, projects, database))
	}
	list := make([]string, len(projects))
	for i, p := range projects {
		list[i] = p.String()
	}
	return s.show(names{"projects", list})
}

// sizedProjects lists projects the largest first, with their sizes: in
// one database, or their largest copy's.
func sizedProjects(ix *index.Index, projects []index.Project, database string) sizedList {
	out := sizedList{names: names{key: "projects"}}
	size := make(map[index.Project]int64, len(projects))
	for _, p := range projects {
		if database == "" {
			size[p] = projectSize(ix, p)
			continue
		}
		for _, l := range ix.Locations(p) {
			if l.Database == database {
				size[p] += l.Stats.Bytes
			}
		}
	}
	sorted := slices.Clone(projects)
	slices.SortStableFunc(sorted, func(a, b index.Project) int { return compareSize(size[a], size[b]) })
	for _, p := range sorted {
		out.list = append(out.list, p.String())
		out.sizes = append(out.sizes, size[p])
	}
	return out
}

// sizedList is names with a size each, written as a table.
type sizedList struct {
	names
	sizes []int64
}

func (l sizedList) writeText(s *Session) error {
	t := s.table().AlignRight(0).Flex(1)
	for i, n := range l.list {
		t.Row(units.Bytes(l.sizes[i]), table.Escape(n))
	}
	_, err := t.WriteTo(s.Stdout)
	return err
}

// clientExists fails when no loaded database has a client matching the
// pattern.
func clientExists(ctx context.Context, s *Session, pattern string) error {
	clients, err := s.Index.MatchClients(pattern, "")
	if err != nil {
		return err
	}
	if len(clients) == 0 && !index.IsPattern(pattern) && s.lookAgainClient(ctx, pattern) {
		return nil // made since the scan
	}
	if len(clients) == 0 {
		return noMatch("client", pattern, s.Index.Clients(""))
	}
	return nil
}

// noMatch is the error for a name or pattern that matches nothing loaded.
func noMatch(kind, pattern string, known []string) error {
	if !index.IsPattern(pattern) {
		if sg := suggest(pattern, known); sg != "" {
			return fmt.Errorf("no %s %q in any database (did you mean %q?)", kind, pattern, sg)
		}
		return fmt.Errorf("no %s %q in any database", kind, pattern)
	}
	return fmt.Errorf("no %s matches %q", kind, pattern)
}

type databaseJSON struct {
	Name     string     `json:"name"`
	Path     string     `json:"path"`
	Online   bool       `json:"online"`
	Loaded   bool       `json:"loaded"`
	Seen     *time.Time `json:"seen,omitempty"` // when an offline database was last seen online
	Clients  int        `json:"clients"`
	Projects int        `json:"projects"`
	Bytes    int64      `json:"bytes"`
	Files    int64      `json:"files"`
}

func listDatabases(s *Session) error {
	var rows databaseList
	for _, d := range s.Layout.Databases {
		snap, loaded := s.Index.Snapshot(d.Name)
		t := s.Index.Totals(d.Name)
		row := databaseJSON{
			Name: d.Name, Path: d.Root, Online: loaded && snap.Online, Loaded: loaded,
			Clients: t.Clients, Projects: t.Projects, Bytes: t.Bytes, Files: t.Files,
		}
		if loaded && !snap.Online && !snap.Scanned.IsZero() {
			seen := snap.Scanned.UTC()
			row.Seen = &seen
		}
		rows = append(rows, row)
	}
	return s.show(rows)
}

// databaseList is what list databases prints.
type databaseList []databaseJSON

func (rows databaseList) jsonValue() any { return map[string][]databaseJSON{"databases": nonNil(rows)} }

func (rows databaseList) writeText(s *Session) error {
	t := s.table("NAME", "PATH", "STATUS", "CLIENTS", "PROJECTS", "SIZE", "FILES").AlignRight(3, 4, 5, 6).Flex(1).Optional(3, 6)
	for _, r := range rows {
		status := "not loaded"
		if r.Loaded {
			status = map[bool]string{true: "online", false: "offline"}[r.Online]
		}
		if r.Seen != nil {
			status = "offline, seen " + r.Seen.Local().Format("2006-01-02")
		}
		if !r.Online && r.Seen == nil {
			t.Row(r.Name, table.Escape(r.Path), status, "", "", "", "")
			continue
		}
		t.Row(r.Name, table.Escape(r.Path), status, units.Comma(int64(r.Clients)), units.Comma(int64(r.Projects)),
			units.Bytes(r.Bytes), units.Comma(r.Files))
	}
	_, err := t.WriteTo(s.Stdout)
	return err
}

type categoryJSON struct {
	Name   string `json:"name"`
	Path   string `json:"path"`
	Copies int    `json:"copies"`
}

func listCategories(s *Session) error {
	rows := categoryList{}
	for _, c := range s.Layout.Categories {
		rows = append(rows, categoryJSON{c.Name, c.Path, c.MinCopies(s.Copies)})
	}
	return s.show(rows)
}

// categoryList is what list categories prints.
type categoryList []categoryJSON

func (rows categoryList) jsonValue() any {
	return map[string][]categoryJSON{"categories": nonNil(rows)}
}

func (rows categoryList) writeText(s *Session) error {
	t := s.table("NAME", "PATH", "COPIES").AlignRight(2).Flex(1)
	for _, r := range rows {
		t.Row(r.Name, r.Path, strconv.Itoa(r.Copies))
	}
	_, err := t.WriteTo(s.Stdout)
	return err
}

// saySeen, for a list in one database, fails when that database is offline
// and nothing is known of it; when what it held is known, as last seen,
// it says so on stderr.
func (s *Session) saySeen(database string) error {
	if database == "" {
		return nil
	}
	snap, ok := s.Index.Snapshot(database)
	switch {
	case !ok:
		return fmt.Errorf("database %s is not loaded: run 'load %s'", database, database)
	case snap.Online:
		return nil
	case snap.Scanned.IsZero():
		return fmt.Errorf("database %s is offline (%s), and nothing is known of what it holds", database, snap.Offline)
	}
	s.noteAge(snap, time.Now())
	return nil
}
