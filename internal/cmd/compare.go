package cmd

import (
	"context"
	"fmt"
	"strconv"

	"github.com/bcnvisuals/autobackup/internal/compare"
	"github.com/bcnvisuals/autobackup/internal/copies"
	"github.com/bcnvisuals/autobackup/internal/fsys"
	"github.com/bcnvisuals/autobackup/internal/index"
	"github.com/bcnvisuals/autobackup/internal/scan"
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

compare fails (exit status 1, "A and B differ") when anything differs, so
scripts and cron can tell. verify compares content instead (hashing every
file on both sides).`,
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
		if err := clientExists(ctx, s, a.Get("CLIENT")); err != nil {
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
	same, err := compareFiles(ctx, s, da, db, locs, fileListing{all: all, limit: limit, verb: "compare"},
		func(ctx context.Context, l copies.Pair) (*compare.Result, error) {
			return compare.Trees(ctx, l.PathA, l.PathB, precision)
		})
	if err == nil && !same {
		err = differError{"compare", da.Name, db.Name}
	}
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

// pairLocations resolves CLIENT/PROJECT [CATEGORY] against two databases:
// every matching project's categories held by either side, as the disks
// show them now. A plain name needs no index; a glob is matched against it.
func pairLocations(ctx context.Context, s *Session, arg, catName string, da, db index.Database) ([]copies.Pair, error) {
	projects, err := pairProjects(ctx, s, arg)
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
	out, err := copies.Pairs(ctx, s.Index, scan.Scanner{Jobs: s.Jobs}, projects, cats, da, db)
	if err != nil || len(out) > 0 {
		return out, err
	}
	if s.Index.Loaded() > 0 {
		if _, err := matchProjects(ctx, s, arg); err != nil {
			return nil, err
		}
	}
	what := "any category"
	if len(cats) == 1 {
		what = cats[0].Name
	}
	return nil, fmt.Errorf("%s has no %s in %s or %s", arg, what, da.Name, db.Name)
}

// pairProjects names the projects of a CLIENT/PROJECT argument. Only a
// glob needs the index.
func pairProjects(ctx context.Context, s *Session, arg string) ([]index.Project, error) {
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
	return matchProjects(ctx, s, arg)
}
