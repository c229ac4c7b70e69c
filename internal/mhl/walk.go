package mhl

import (
	"context"
	"fmt"
	"io/fs"
)

// walkFolder calls visit for "." and then, in name order, for every
// folder (before what it holds) and regular file below it in fsys that ig
// does not ignore. ascmhl/ folders are skipped. A symbolic link to a file
// counts as that file; one to a folder, or a dangling one, is skipped, as
// are devices, pipes and sockets.
func walkFolder(ctx context.Context, fsys fs.FS, ig *Ignore, visit func(rel string, isDir bool) error) error {
	if err := visit(".", true); err != nil {
		return err
	}
	return walkIn(ctx, fsys, ig, ".", visit)
}

// walkIn walks what folder dir holds.
func walkIn(ctx context.Context, fsys fs.FS, ig *Ignore, dir string, visit func(rel string, isDir bool) error) error {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return fmt.Errorf("reading folder %s: %w", dir, err)
	}
	for _, e := range entries {
		if err := ctx.Err(); err != nil {
			return err
		}
		rel := joinRel(dir, e.Name())
		t := e.Type()
		if t&fs.ModeSymlink != 0 {
			fi, err := fs.Stat(fsys, rel)
			if err != nil || fi.IsDir() {
				continue
			}
			t = fi.Mode().Type()
		}
		switch {
		case t.IsDir() && e.Name() != FolderName && !ig.Match(rel, true):
			if err := visit(rel, true); err != nil {
				return err
			}
			if err := walkIn(ctx, fsys, ig, rel, visit); err != nil {
				return err
			}
		case t.IsRegular() && !ig.Match(rel, false):
			if err := visit(rel, false); err != nil {
				return err
			}
		}
	}
	return nil
}
