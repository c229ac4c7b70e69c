package copies

import (
	"context"
	"fmt"
	"path"
	"path/filepath"

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
			l := Pair{Project: p, Category: c, PathA: locate(ix, da, c, p), PathB: locate(ix, db, c, p)}
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
			raw := ix.RawProject(from.Name, p) // the source's bytes, unless the destination has its own
			locs = append(locs, backup.Location{
				Project:  p,
				Category: c.Name,
				Source:   from.Location(c, raw),
				Dest:     path.Join(c.Path, raw.Client, raw.Name),
			})
		}
	}
	return locs
}

// locate is where a location is on a database's disk: as the index knows
// its folders' names, else as named, else the folder whose name is the
// same text in another Unicode normal form (a macOS disk writes names
// decomposed).
func locate(ix *index.Index, d index.Database, c index.Category, p index.Project) string {
	if _, ok := ix.Location(d.Name, c.Name, p); ok {
		return ix.Path(d, c, p)
	}
	exact := d.Location(c, p)
	if isDir(exact) {
		return exact
	}
	catDir := filepath.Join(d.Root, filepath.FromSlash(c.Path))
	client, ok := sameName(catDir, p.Client)
	if !ok {
		return exact
	}
	project, ok := sameName(filepath.Join(catDir, client), p.Name)
	if !ok {
		return exact
	}
	return filepath.Join(catDir, client, project)
}

// sameName finds in dir the folder whose name is name in canonical form.
func sameName(dir, name string) (string, bool) {
	d, err := fsys.OpenRoot(dir)
	if err != nil {
		return "", false
	}
	defer d.Close()
	entries, err := d.List()
	if err != nil {
		return "", false
	}
	want := index.Canonical(name)
	for _, e := range entries {
		if e.Kind == fsys.KindDir && index.Canonical(e.Name) == want {
			return e.Name, true
		}
	}
	return "", false
}
