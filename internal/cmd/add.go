package cmd

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"time"

	"github.com/bcnvisuals/autobackup/internal/fsys"
	"github.com/bcnvisuals/autobackup/internal/index"
)

// usageAddDatabase is add's first usage line, which its errors repeat.
const usageAddDatabase = "add database NAME PATH"

var cmdAdd = &Command{
	Name: "add",
	Usage: []string{
		usageAddDatabase,
		"add category NAME RELPATH [--copies N]",
	},
	Short: "track a database, or a category found in every database",
	Long: `add database NAME PATH tracks the database NAME, rooted at PATH. A relative
PATH is taken from the folder of the file the command is in, or from the
working folder when typed at the prompt; ~/ is the home folder. A PATH that
does not exist yet is accepted with a warning, and the database shows as
offline until it appears.

add category NAME RELPATH tracks the category NAME at RELPATH inside every
database. RELPATH may be nested (scratch/render) but may not be absolute,
contain '..', or overlap another category's folder.

--copies N says how many databases should hold each location of the
category (status flags those with fewer); without it, the studio-wide
minimum applies (2, or what set copies says). A scratch cache may want 0.

Names may hold spaces and any letters, but not '/'. Run load afterwards to
scan what was added.`,
	Run:   runAdd,
	Needs: NeedsLayout,
}

func runAdd(_ context.Context, s *Session, a Args) error {
	if a.Has("database") {
		return addDatabase(s, a.Get("NAME"), a.Get("PATH"))
	}
	c := index.Category{Name: a.Get("NAME"), Path: a.Get("RELPATH")}
	if v, ok := a.Flag("copies"); ok {
		n, err := copiesValue(v)
		if err != nil {
			return err
		}
		c.Copies, c.CopiesSet = n, true
	}
	return s.Layout.AddCategory(c)
}

// copiesValue reads a number of copies.
func copiesValue(v string) (int, error) {
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > 100 {
		return 0, fmt.Errorf("copies %q: want a number from 0 to 100", v)
	}
	return n, nil
}

func addDatabase(s *Session, name, path string) error {
	if path == "" {
		return fmt.Errorf("database %s: path is empty", name)
	}
	root, err := s.Abs(path)
	if err != nil {
		return err
	}
	e, statErr := fsys.Stat(root)
	if statErr == nil && e.Kind != fsys.KindDir {
		return &UsageError{Reason: fmt.Sprintf("database %s: %s is a %s, not a folder", name, root, e.Kind), Lines: []string{usageAddDatabase}}
	}
	if err := s.Layout.AddDatabase(index.Database{Name: name, Root: root}); err != nil {
		return err
	}
	if d, _ := s.Layout.Database(name); d.Name != "" {
		if snap, ok := s.recall(d); ok {
			if statErr != nil {
				snap = offlineNow(snap, statErr)
			}
			s.Index = s.Index.With(snap) // as the catalog last saw it, until a load
			if statErr != nil {
				s.noteAge(snap, time.Now())
				return nil
			}
		}
	}
	switch {
	case errors.Is(statErr, fs.ErrNotExist):
		s.Warnf("database %s: %s does not exist yet; it shows as offline until it does", name, root)
		s.tell(name)
	case statErr != nil:
		s.Warnf("database %s: %v", name, statErr)
	}
	return nil
}
