package cmd

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/bcnvisuals/autobackup/internal/compare"
	"github.com/bcnvisuals/autobackup/internal/fsys"
	"github.com/bcnvisuals/autobackup/internal/index"
	"github.com/bcnvisuals/autobackup/internal/march"
	"github.com/bcnvisuals/autobackup/internal/scan"
	"github.com/bcnvisuals/autobackup/internal/table"
	"github.com/bcnvisuals/autobackup/internal/units"
)

var cmdCompare = &Command{
	Name: "compare",
	Usage: []string{
		"compare [--all] [--limit N] CLIENT/PROJECT CATEGORY A B",
		"compare [--all] [--limit N] CLIENT/PROJECT A B",
		"compare client CLIENT A B",
		"compare all A B",
	},
	Short: "show what differs between two databases",
	Long: `compare CLIENT/PROJECT CATEGORY A B compares one location in databases A and
B file by file, by size and modification time. Every file is identical,
only in A, only in B, or differs (in size, time, or type, such as a file
that is a symlink on the other side). It prints a line of counts and bytes
per class, then the files that are not identical, grouped. --all lists the
identical files too; --limit N shows at most N files per group and says how
many were left out. Without CATEGORY, every category is compared, a section
each. CLIENT and PROJECT may be glob patterns.

compare client CLIENT A B and compare all A B work from the index, at
project level: for each project and category, which side holds it and
whether the sizes and file counts match. This is what still needs backing
up from A to B; the last line gives the bytes missing at B.

verify compares content instead (hashing every file on both sides).`,
	Complete: map[string]Completer{
		"CLIENT/PROJECT": completeProjects,
		"CLIENT":         completeClients,
		"CATEGORY":       completeCategoriesOrAll,
		"A":              completeDatabases,
		"B":              completeDatabases,
	},
	Run: runCompare,
}

func runCompare(ctx context.Context, s *Session, a Args) error {
	da, db, err := comparePair(s, a.Get("A"), a.Get("B"))
	if err != nil {
		return err
	}
	if a.Has("all") || a.Has("client") {
		if err := s.needLoaded(); err != nil {
			return err
		}
	}
	switch {
	case a.Has("all"):
		return compareProjects(s, s.Index.Projects(""), da, db)
	case a.Has("client"):
		if err := clientExists(s, a.Get("CLIENT")); err != nil {
			return err
		}
		projects, err := s.Index.MatchProjects(a.Get("CLIENT"), "*", "")
		if err != nil {
			return err
		}
		return compareProjects(s, projects, da, db)
	}
	limit, err := limitFlag(a)
	if err != nil {
		return err
	}
	_, all := a.Flag("all")
	locs, err := pairLocations(ctx, s, a.Get("CLIENT/PROJECT"), a.Get("CATEGORY"), da, db)
	if err != nil {
		return err
	}
	precision := fsys.Coarser(fsys.RootPrecision(da.Root), fsys.RootPrecision(db.Root))
	_, err = compareFiles(ctx, s, da, db, locs, fileListing{all: all, limit: limit, verb: "compare"},
		func(ctx context.Context, l pairLocation) (*compare.Result, error) {
			return compare.Trees(ctx, l.pathA, l.pathB, precision)
		})
	return err
}

// comparePair checks the two databases a comparison names.
func comparePair(s *Session, a, b string) (index.Database, index.Database, error) {
	da, err := s.database(a)
	if err != nil {
		return da, da, err
	}
	db, err := s.database(b)
	if err != nil {
		return da, db, err
	}
	if da.Name == db.Name {
		return da, db, fmt.Errorf("compare %s with itself: A and B must be different databases", da.Name)
	}
	for _, d := range []index.Database{da, db} {
		if err := checkOnline(d); err != nil {
			return da, db, err
		}
	}
	return da, db, nil
}

func limitFlag(a Args) (int, error) {
	v, ok := a.Flag("limit")
	if !ok {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return 0, fmt.Errorf("--limit %s: want a number of at least 1", v)
	}
	return n, nil
}

// pairLocation is one location as it stands in two databases.
type pairLocation struct {
	project        index.Project
	category       index.Category
	pathA, pathB   string
	inA, inB       bool
	statsA, statsB *index.Stats
}

// pairLocations resolves CLIENT/PROJECT [CATEGORY] against two databases:
// every matching project's categories held by either side, as the disks
// show them now. A plain name needs no index; a glob is matched against it.
func pairLocations(ctx context.Context, s *Session, arg, catName string, da, db index.Database) ([]pairLocation, error) {
	projects, err := pairProjects(s, arg)
	if err != nil {
		return nil, err
	}
	cats := s.Layout.Categories
	if catName != "" && catName != "all" {
		c, err := s.category(catName)
		if err != nil {
			return nil, err
		}
		cats = []index.Category{c}
	}
	var out []pairLocation
	for _, p := range projects {
		for _, c := range cats {
			l := pairLocation{project: p, category: c, pathA: locationPath(da, c, p), pathB: locationPath(db, c, p)}
			l.inA, l.inB = isDir(l.pathA), isDir(l.pathB)
			switch {
			case l.inA && !l.inB:
				l.statsA, err = locationStats(ctx, s, da, c, p, l.pathA)
			case l.inB && !l.inA:
				l.statsB, err = locationStats(ctx, s, db, c, p, l.pathB)
			}
			if err != nil {
				return nil, err
			}
			if l.inA || l.inB {
				out = append(out, l)
			}
		}
	}
	if len(out) == 0 {
		if s.Index.Loaded() > 0 {
			if _, err := matchProjects(s, arg); err != nil {
				return nil, err
			}
		}
		what := "any category"
		if len(cats) == 1 {
			what = cats[0].Name
		}
		return nil, fmt.Errorf("%s has no %s in %s or %s", arg, what, da.Name, db.Name)
	}
	return out, nil
}

// pairProjects names the projects of a CLIENT/PROJECT argument. Only a
// glob needs the index.
func pairProjects(s *Session, arg string) ([]index.Project, error) {
	p, err := index.SplitProject(arg)
	if err != nil {
		return nil, err
	}
	if !index.IsPattern(arg) {
		return []index.Project{p}, nil
	}
	if err := s.needLoaded(); err != nil {
		return nil, err
	}
	return matchProjects(s, arg)
}

func isDir(p string) bool {
	e, err := fsys.Stat(p)
	return err == nil && e.Kind == fsys.KindDir
}

// locationStats sums a location held on one side only: from the index
// when it knows it, else by scanning it.
func locationStats(ctx context.Context, s *Session, d index.Database, c index.Category, p index.Project, dir string) (*index.Stats, error) {
	if st, ok := s.Index.Location(d.Name, c.Name, p); ok {
		return st, nil
	}
	st, errs, err := scan.Scanner{Jobs: s.Jobs}.Project(ctx, dir)
	if err != nil {
		return nil, err
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("read %s: %w", errs[0].Path, errs[0].Err)
	}
	return st, nil
}

func locationPath(d index.Database, c index.Category, p index.Project) string {
	return filepath.Join(d.Root, filepath.FromSlash(c.Path), p.Client, p.Name)
}

// fileListing says how compare and verify list files.
type fileListing struct {
	all   bool   // list identical files too
	limit int    // at most this many per group, 0 for all
	verb  string // "compared" or "verified"
}

// locationJSON is compare's and verify's --json form of one location.
type pairJSON struct {
	Project   string          `json:"project"`
	Category  string          `json:"category"`
	Present   string          `json:"present,omitempty"` // "a" or "b" when only one side holds it
	Identical classJSON       `json:"identical"`
	OnlyA     classJSON       `json:"only_a"`
	OnlyB     classJSON       `json:"only_b"`
	Differs   classJSON       `json:"differs"`
	Skipped   classJSON       `json:"skipped"`
	Files     []fileEntryJSON `json:"files"`
}

type classJSON struct {
	Files int   `json:"files"`
	Bytes int64 `json:"bytes"`
}

type fileEntryJSON struct {
	Path  string `json:"path"`
	Class string `json:"class"`
	SizeA *int64 `json:"size_a,omitempty"`
	SizeB *int64 `json:"size_b,omitempty"`
	Why   string `json:"why,omitempty"`
}

type filesJSON struct {
	A         string     `json:"a"`
	B         string     `json:"b"`
	Locations []pairJSON `json:"locations"`
	Same      bool       `json:"same"`
}

// compareFiles compares locations file by file with do, and prints them.
// It reports whether every location was the same on both sides.
func compareFiles(ctx context.Context, s *Session, da, db index.Database, locs []pairLocation, how fileListing,
	do func(context.Context, pairLocation) (*compare.Result, error)) (bool, error) {
	out := filesJSON{A: da.Name, B: db.Name, Locations: []pairJSON{}, Same: true}
	var text strings.Builder
	for i, l := range locs {
		if i > 0 {
			text.WriteByte('\n')
		}
		pj := pairJSON{Project: l.project.String(), Category: l.category.Name, Files: []fileEntryJSON{}}
		if !l.inA || !l.inB {
			out.Same = false
			pj.Present = map[bool]string{true: "a", false: "b"}[l.inA]
			out.Locations = append(out.Locations, pj)
			writeOneSided(&text, s, l, da, db)
			continue
		}
		r, err := do(ctx, l)
		if err != nil {
			return false, stopped(ctx, how.verb, err)
		}
		out.Same = out.Same && r.Same()
		fillPairJSON(&pj, r)
		out.Locations = append(out.Locations, pj)
		writeFileComparison(&text, s, l, r, how, da, db)
	}
	if s.JSON {
		return out.Same, s.printJSON(out)
	}
	_, err := fmt.Fprint(s.Stdout, text.String())
	return out.Same, err
}

func writeOneSided(b *strings.Builder, s *Session, l pairLocation, da, db index.Database) {
	where, st := da.Name, l.statsA
	if !l.inA {
		where, st = db.Name, l.statsB
	}
	fmt.Fprintf(b, "%s %s: %s (%s, %s)\n", table.Escape(l.project.String()), l.category.Name,
		s.paint(yellow, "only in "+where), units.Bytes(st.Bytes), plural(int(st.Files), "file"))
}

// classLabels names the classes with the databases' names.
func classLabel(c compare.Class, da, db index.Database) string {
	switch c {
	case compare.OnlyA:
		return "only in " + da.Name
	case compare.OnlyB:
		return "only in " + db.Name
	}
	return c.String()
}

func writeFileComparison(b *strings.Builder, s *Session, l pairLocation, r *compare.Result, how fileListing, da, db index.Database) {
	done := map[string]string{"compare": "compared", "verify": "verified"}[how.verb]
	fmt.Fprintf(b, "%s %s: %s %s and %s\n", table.Escape(l.project.String()), l.category.Name, done, da.Name, db.Name)
	var counts []string
	for _, c := range []compare.Class{compare.Identical, compare.OnlyA, compare.OnlyB, compare.Differs} {
		n, bytes := r.Count(c)
		counts = append(counts, fmt.Sprintf("%s %s (%s)", classLabel(c, da, db), plural(n, "file"), units.Bytes(bytes)))
	}
	if n, _ := r.Count(compare.Skipped); n > 0 {
		counts = append(counts, fmt.Sprintf("skipped %s (sockets, devices, FIFOs: never copied)", plural(n, "special file")))
	}
	b.WriteString("  " + strings.Join(counts, "; ") + "\n")
	groups := []compare.Class{compare.OnlyA, compare.OnlyB, compare.Differs, compare.Skipped}
	if how.all {
		groups = append(groups, compare.Identical)
	}
	for _, c := range groups {
		writeGroup(b, s, r, c, how.limit, da, db)
	}
}

// writeGroup lists the entries of one class, at most limit of them.
func writeGroup(b *strings.Builder, s *Session, r *compare.Result, c compare.Class, limit int, da, db index.Database) {
	var entries []compare.Entry
	for _, e := range r.Entries {
		if e.Class() == c {
			entries = append(entries, e)
		}
	}
	if len(entries) == 0 {
		return
	}
	color := map[compare.Class]string{compare.OnlyA: yellow, compare.OnlyB: yellow, compare.Differs: red, compare.Identical: green, compare.Skipped: ""}[c]
	b.WriteString(s.paint(color, classLabel(c, da, db)+":") + "\n")
	shown := entries
	if limit > 0 && len(shown) > limit {
		shown = shown[:limit]
	}
	t := table.New()
	t.Indent = "  "
	for _, e := range shown {
		t.Row(table.Shorten(e.Rel, 52), entrySize(e), e.Why())
	}
	t.Append(b)
	if left := len(entries) - len(shown); left > 0 {
		fmt.Fprintf(b, "  … and %d more (--limit %d)\n", left, limit)
	}
}

func entrySize(e compare.Entry) string {
	kind := func(s *fsys.Entry) fsys.Kind {
		if s == nil {
			return fsys.KindDir
		}
		return s.Kind
	}
	switch {
	case e.Diff == march.Size:
		return units.Bytes(e.A.Size) + " / " + units.Bytes(e.B.Size)
	case kind(e.A) == fsys.KindSymlink || kind(e.B) == fsys.KindSymlink:
		return "symlink"
	case kind(e.A) == fsys.KindDir && kind(e.B) == fsys.KindDir:
		return "folder"
	case e.Class() == compare.Skipped:
		return "special"
	}
	return units.Bytes(e.Bytes())
}

func fillPairJSON(pj *pairJSON, r *compare.Result) {
	for c, dst := range map[compare.Class]*classJSON{compare.Identical: &pj.Identical, compare.OnlyA: &pj.OnlyA,
		compare.OnlyB: &pj.OnlyB, compare.Differs: &pj.Differs, compare.Skipped: &pj.Skipped} {
		n, bytes := r.Count(c)
		*dst = classJSON{n, bytes}
	}
	for _, e := range r.Entries {
		if e.Class() == compare.Identical {
			continue
		}
		fe := fileEntryJSON{Path: e.Rel, Class: [...]string{"identical", "only_a", "only_b", "differs", "skipped"}[e.Class()], Why: e.Why()}
		if e.A != nil {
			fe.SizeA = &e.A.Size
		}
		if e.B != nil {
			fe.SizeB = &e.B.Size
		}
		pj.Files = append(pj.Files, fe)
	}
}

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
	out := projectsJSON{A: da.Name, B: db.Name, Rows: []projectRowJSON{}}
	t := table.New("PROJECT", "CATEGORY", da.Name, db.Name, "")
	for _, p := range projects {
		for _, c := range s.Layout.Categories {
			sa, inA := s.Index.Location(da.Name, c.Name, p)
			sb, inB := s.Index.Location(db.Name, c.Name, p)
			if !inA && !inB {
				continue
			}
			row := projectRowJSON{Project: p.String(), Category: c.Name, A: statsJSON(sa), B: statsJSON(sb)}
			var status string
			switch {
			case !inB:
				row.Status, status = "only_a", s.paint(yellow, "only in "+da.Name)
				out.MissingAtB.Files++
				out.MissingAtB.Bytes += sa.Bytes
			case !inA:
				row.Status, status = "only_b", s.paint(yellow, "only in "+db.Name)
			case sa.Fingerprint != sb.Fingerprint || sa.Bytes != sb.Bytes || sa.Files != sb.Files:
				row.Status, status = "differs", s.paint(red, "differs")
				out.Differ++
			default:
				row.Status, status = "same", "same"
			}
			out.Rows = append(out.Rows, row)
			t.Row(table.Shorten(p.String(), 28), c.Name, sizeCell(sa), sizeCell(sb), status)
		}
	}
	if s.JSON {
		return s.printJSON(out)
	}
	if len(out.Rows) > 0 {
		if _, err := t.WriteTo(s.Stdout); err != nil {
			return err
		}
	}
	s.Printf("missing at %s: %s (%s) held only in %s; %s in both but not the same\n", db.Name,
		plural(out.MissingAtB.Files, "location"), units.Bytes(out.MissingAtB.Bytes), da.Name, plural(out.Differ, "location"))
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
