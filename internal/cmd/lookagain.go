package cmd

import (
	"context"
	"path/filepath"
	"strings"

	"github.com/bcnvisuals/autobackup/internal/fsys"
	"github.com/bcnvisuals/autobackup/internal/index"
	"github.com/bcnvisuals/autobackup/internal/scan"
)

// lookAgain rescans, in the given databases, the locations of one project:
// every category where its folder is on disk now. The index, and the
// catalog, learn what was made or changed since the database's scan (a
// project made a minute ago in a file manager, a snapshot from the
// catalog). It reports whether any location was found.
func (s *Session) lookAgain(ctx context.Context, p index.Project, dbs []index.Database) bool {
	found := false
	for _, d := range dbs {
		if snap, ok := s.Index.Snapshot(d.Name); !ok || !isFolder(d.Root) {
			continue // not loaded, or not reachable now
		} else if snap.Failed != "" {
			continue
		}
		var updates []index.Update
		for _, c := range s.Layout.Categories {
			dir := filepath.Join(d.Root, filepath.FromSlash(c.Path), p.Client, p.Name)
			if st, ok := s.rescan(ctx, dir); ok {
				updates = append(updates, index.Update{Category: c.Name, Project: p, Stats: st})
			}
		}
		s.applyUpdates(d.Name, updates)
		found = found || len(updates) > 0
	}
	return found
}

// rescan scans one location's folder, if it is one and reads whole.
func (s *Session) rescan(ctx context.Context, dir string) (*index.Stats, bool) {
	if !isFolder(dir) {
		return nil, false
	}
	st, errs, err := scan.Scanner{Jobs: s.Jobs}.Project(ctx, dir)
	return st, err == nil && len(errs) == 0
}

// applyUpdates puts rescanned locations of a database into the index and
// the catalog.
func (s *Session) applyUpdates(database string, updates []index.Update) {
	if len(updates) == 0 {
		return
	}
	s.Index = s.Index.WithUpdates(database, updates)
	snap, ok := s.Index.Snapshot(database)
	if !ok || s.Catalog == nil {
		return
	}
	if err := s.Catalog.Update(snap, updates); err != nil {
		s.Warnf("%v; the next load corrects it", err)
	}
}

// lookAgainClient rescans, in every loaded database, the projects of a
// client whose folder is on disk now, and reports whether any was found.
func (s *Session) lookAgainClient(ctx context.Context, client string) bool {
	found := false
	for _, d := range s.Layout.Databases {
		if snap, ok := s.Index.Snapshot(d.Name); !ok || snap.Failed != "" {
			continue
		}
		var updates []index.Update
		for _, c := range s.Layout.Categories {
			dir := filepath.Join(d.Root, filepath.FromSlash(c.Path), client)
			for _, e := range listFolders(dir) {
				if st, ok := s.rescan(ctx, filepath.Join(dir, e)); ok {
					p := index.Project{Client: client, Name: e}
					updates = append(updates, index.Update{Category: c.Name, Project: p, Stats: st})
				}
			}
		}
		s.applyUpdates(d.Name, updates)
		found = found || len(updates) > 0
	}
	return found
}

// listFolders lists the folders in dir that scan takes for projects; none
// when dir cannot be read.
func listFolders(dir string) []string {
	d, err := fsys.OpenRoot(dir)
	if err != nil {
		return nil // no such client there, or not reachable: nothing learned
	}
	defer d.Close()
	entries, err := d.List()
	if err != nil {
		return nil
	}
	var names []string
	for _, e := range entries {
		if e.Kind == fsys.KindDir && !strings.HasPrefix(e.Name, ".") {
			names = append(names, e.Name)
		}
	}
	return names
}
