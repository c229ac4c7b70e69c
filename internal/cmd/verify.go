package cmd

import (
	"context"
	"runtime"

	"github.com/bcnvisuals/autobackup/internal/compare"
	"github.com/bcnvisuals/autobackup/internal/copies"
	"github.com/bcnvisuals/autobackup/internal/progress"
)

var cmdVerify = &Command{
	Name:  "verify",
	Usage: []string{"verify [--all] [--limit N] [-j N] CLIENT/PROJECT CATEGORY A B"},
	Short: "check that two copies are identical, byte for byte",
	Long: `verify hashes every file of a location in databases A and B (xxh3-128, the
hash copy uses) and reports each file whose content differs, even where
size and modification time agree, and the files present on one side only.
CATEGORY may be 'all'. Both sides are read at the same time, -j N files at
once (default: one per CPU); a terminal shows progress.

The output is compare's: a line of counts per class, then the files that
are not identical (--all: all of them; --limit N: at most N per group). In
a script, verify fails when anything differs.`,
	Complete: map[string]Completer{
		"CLIENT/PROJECT": completeProjects,
		"CATEGORY":       completeCategoriesOrAll,
		"A":              completeDatabases,
		"B":              completeDatabases,
	},
	Run: runVerify,
}

func runVerify(ctx context.Context, s *Session, a Args) error {
	da, db, err := comparePair(s, a.Get("A"), a.Get("B"))
	if err != nil {
		return err
	}
	limit, err := limitFlag(a)
	if err != nil {
		return err
	}
	jobs, err := jobsFlag(s, a, runtime.GOMAXPROCS(0), mostFileJobs)
	if err != nil {
		return err
	}
	_, all := a.Flag("all")
	locs, err := pairLocations(ctx, s, a.Get("CLIENT/PROJECT"), a.Get("CATEGORY"), da, db)
	if err != nil {
		return err
	}
	var total int64
	for _, l := range locs {
		if l.InA && l.InB {
			total += pairBytes(s, da.Name, l) + pairBytes(s, db.Name, l)
		}
	}
	var counts compare.Progress
	display := progress.Start(s.Stderr, s.Terminal, progress.Spec{Description: "verifying", Total: total, Read: counts.Bytes.Load})
	same, err := compareFiles(ctx, s, da, db, locs, fileListing{all: all, limit: limit, verb: "verify"},
		func(ctx context.Context, l copies.Pair) (*compare.Result, error) {
			return compare.Verify(ctx, l.PathA, l.PathB, jobs, &counts)
		})
	display.Stop()
	if err != nil {
		return err
	}
	if !same {
		return differError{"verify", da.Name, db.Name}
	}
	return nil
}

// pairBytes is what the index knows of a location's size, for the
// progress total; 0 when it was not loaded.
func pairBytes(s *Session, database string, l copies.Pair) int64 {
	if st, ok := s.Index.Location(database, l.Category.Name, l.Project); ok {
		return st.Bytes
	}
	return 0
}
