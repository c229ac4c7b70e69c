package copies

import (
	"context"
	"fmt"
	"path"

	"github.com/bcnvisuals/autobackup/internal/backup"
	"github.com/bcnvisuals/autobackup/internal/fsys"
	"github.com/bcnvisuals/autobackup/internal/index"
	"github.com/bcnvisuals/autobackup/internal/scan"
)

// Pair is one location as it stands now on two databases' disks.
type Pair struct {
	Project        index.Project
	Category       index.Category
	PathA, PathB   string
	InA, InB       bool
	StatsA, StatsB *index.Stats // the sums of a location held on one side only
}

// Pairs finds the locations of the projects and categories that either
// database holds on its disk now, to compare or verify them file by file.
// A location held on one side only gets its sums, from the index where it
// knows them, else by scanning it.
func Pairs(ctx context.Context, ix *index.Index, sc scan.Scanner, projects []index.Project, cats []index.Category, da, db index.Database) ([]Pair, error) {
	var out []Pair
	for _, p := range projects {
		for _, c := range cats {
			l := Pair{Project: p, Category: c, PathA: da.Location(c, p), PathB: db.Location(c, p)}
			l.InA, l.InB = isDir(l.PathA), isDir(l.PathB)
			var err error
			switch {
			case l.InA && !l.InB:
				l.StatsA, err = sums(ctx, ix, sc, da, c, p, l.PathA)
			case l.InB && !l.InA:
				l.StatsB, err = sums(ctx, ix, sc, db, c, p, l.PathB)
			}
			if err != nil {
				return nil, err
			}
			if l.InA || l.InB {
				out = append(out, l)
			}
		}
	}
	return out, nil
}

func isDir(p string) bool {
	e, err := fsys.Stat(p)
	return err == nil && e.Kind == fsys.KindDir
}

// sums sums a location: from the index when it knows it, else by
// scanning it.
func sums(ctx context.Context, ix *index.Index, sc scan.Scanner, d index.Database, c index.Category, p index.Project, dir string) (*index.Stats, error) {
	if st, ok := ix.Location(d.Name, c.Name, p); ok {
		return st, nil
	}
	st, errs, err := sc.Project(ctx, dir)
	if err != nil {
		return nil, err
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("read %s: %w", errs[0].Path, errs[0].Err)
	}
	return st, nil
}

// ToCopy lists the locations a copy of the projects' categories from a
// database means: each one the database holds.
func ToCopy(ix *index.Index, projects []index.Project, cats []index.Category, from index.Database) []backup.Location {
	var locs []backup.Location
	for _, p := range projects {
		for _, c := range cats {
			if _, ok := ix.Location(from.Name, c.Name, p); !ok {
				continue
			}
			locs = append(locs, backup.Location{
				Project:  p,
				Category: c.Name,
				Source:   from.Location(c, p),
				Dest:     path.Join(c.Path, p.Client, p.Name),
			})
		}
	}
	return locs
}
