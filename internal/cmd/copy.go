package cmd

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"

	"github.com/bcnvisuals/autobackup/internal/backup"
	"github.com/bcnvisuals/autobackup/internal/copies"
	"github.com/bcnvisuals/autobackup/internal/fsys"
	"github.com/bcnvisuals/autobackup/internal/index"
	"github.com/bcnvisuals/autobackup/internal/progress"
	"github.com/bcnvisuals/autobackup/internal/units"
)

var cmdCopy = &Command{
	Name:  "copy",
	Usage: []string{"copy [-n|--dry-run] [--checksum] [--overwrite] [--no-verify] [-j N] CLIENT/PROJECT CATEGORY FROM TO"},
	Short: "back up a category of a project from one database to another",
	Long: `copy copies <FROM root>/<category>/<client>/<project> into the same place
under TO: every file missing at TO, creating folders as needed. CATEGORY may
be 'all' (every category the project has at FROM), and CLIENT/PROJECT may
be a glob pattern ("acme/*"): one plan, one progress display, one summary.

Each file is written to a hidden temp name beside its final name, hashed
(xxh3-128) as it is read, made durable on disk, read back from the disk and
compared with the source's hash, and only then given its final name. Modes,
modification times, symlinks (never followed), empty folders and hard
links are kept. Nothing is ever deleted, nothing is written outside TO's
root, and the source is only read.

A file already at TO with the same size and modification time is skipped
as identical. A file that differs is a conflict: it is listed and left
alone, unless --overwrite is given; then the old version is moved into
<TO root>/.autobackup/replaced/<time>/ and kept.

  -n, --dry-run  print the plan and write nothing
  --checksum     compare existing files by content (hash) instead of size and time
  --overwrite    replace differing files, keeping the old versions
  --no-verify    skip reading each copy back
  -j N           copy N files at once (default 4)

A copy stopped by Ctrl-C, a crash or a full disk leaves no partial file
under a final name; running it again copies only what is missing. In a
script, a copy with conflicts or failures is an error.`,
	Complete: map[string]Completer{
		"CLIENT/PROJECT": completeProjects,
		"CATEGORY":       completeCategoriesOrAll,
		"FROM":           completeDatabases,
		"TO":             completeDatabases,
	},
	Run: runCopy,
}

func completeCategoriesOrAll(s *Session, prev []string, typed string) []string {
	return append(completeCategories(s, prev, typed), "all")
}

func runCopy(ctx context.Context, s *Session, a Args) error {
	req, err := newCopyRequest(ctx, s, a)
	if err != nil {
		return err
	}
	plan, err := backup.Make(ctx, req.from.Root, req.to.Root, req.locations, req.opts)
	if err != nil {
		return stopped(ctx, "copy", err)
	}
	if req.dryRun {
		return printPlan(s, req, plan)
	}
	log := &copyLog{}
	plan.Options.Record = log.record
	res, err := runPlan(ctx, s, plan)
	if res != nil {
		refreshIndex(ctx, s, req)
	}
	if err != nil && res == nil {
		return stopped(ctx, "copy", err)
	}
	return reportCopy(ctx, s, req, res, log, err)
}

// copyRequest is a copy line, resolved against the layout and the index.
type copyRequest struct {
	from, to  index.Database
	locations []backup.Location
	opts      backup.Options
	dryRun    bool
	what      string // the line's CLIENT/PROJECT and CATEGORY
}

// words names the copy in its summary: "acme/spot footage WORK→NAS", so
// that each line of a nightly log reads on its own.
func (req *copyRequest) words() string {
	return req.what + " " + req.from.Name + "→" + req.to.Name
}

func newCopyRequest(ctx context.Context, s *Session, a Args) (*copyRequest, error) {
	if err := s.needLoaded(); err != nil {
		return nil, err
	}
	from, err := s.database(a.Get("FROM"))
	if err != nil {
		return nil, err
	}
	to, err := s.database(a.Get("TO"))
	if err != nil {
		return nil, err
	}
	if from.Name == to.Name {
		return nil, fmt.Errorf("copy from %s to itself: FROM and TO must be different databases", from.Name)
	}
	cats, err := copyCategories(s, a.Get("CATEGORY"))
	if err != nil {
		return nil, err
	}
	if err := checkOnline(from); err != nil {
		return nil, err
	}
	if err := checkOnline(to); err != nil {
		return nil, err
	}
	req := &copyRequest{from: from, to: to, what: a.Get("CLIENT/PROJECT") + " " + a.Get("CATEGORY")}
	if req.opts, req.dryRun, err = copyOptions(s, a); err != nil {
		return nil, err
	}
	req.opts.FromName, req.opts.ToName = from.Name, to.Name
	req.locations, err = copyLocations(ctx, s, a.Get("CLIENT/PROJECT"), cats, from, a.Get("CATEGORY") == "all")
	destNames(s, req)
	return req, err
}

// destNames writes into a location the destination already holds under
// its own name: the same text in another Unicode normal form is one
// folder, never a second beside it.
func destNames(s *Session, req *copyRequest) {
	for i, l := range req.locations {
		if _, ok := s.Index.Location(req.to.Name, l.Category, l.Project); !ok {
			continue
		}
		c, _ := s.Layout.Category(l.Category)
		raw := s.Index.RawProject(req.to.Name, l.Project)
		req.locations[i].Dest = path.Join(c.Path, raw.Client, raw.Name)
	}
}

func copyCategories(s *Session, name string) ([]index.Category, error) {
	if name == "all" {
		if _, ok := s.Layout.Category("all"); !ok {
			if len(s.Layout.Categories) == 0 {
				return nil, fmt.Errorf("no category is tracked yet: add one with 'add category NAME RELPATH'")
			}
			return s.Layout.Categories, nil
		}
	}
	c, err := s.category(name)
	if err != nil {
		return nil, err
	}
	return []index.Category{c}, nil
}

// checkOnline looks at the database's root now, not at the last load.
func checkOnline(d index.Database) error {
	e, err := fsys.Stat(d.Root)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("database %s is offline: root %s not found", d.Name, d.Root)
	case err != nil:
		return fmt.Errorf("database %s is offline: %w", d.Name, err)
	case e.Kind != fsys.KindDir:
		return fmt.Errorf("database %s is offline: root %s is not a folder", d.Name, d.Root)
	}
	return nil
}

func copyOptions(s *Session, a Args) (backup.Options, bool, error) {
	var o backup.Options
	_, dry := a.Flag("dry-run")
	_, o.Checksum = a.Flag("checksum")
	_, o.Overwrite = a.Flag("overwrite")
	_, o.NoVerify = a.Flag("no-verify")
	jobs, err := jobsFlag(s, a, 0, mostFileJobs)
	o.Jobs = jobs
	return o, dry, err
}

// copyLocations lists the locations a copy line names: each matching
// project's categories that exist at FROM.
func copyLocations(ctx context.Context, s *Session, arg string, cats []index.Category, from index.Database, all bool) ([]backup.Location, error) {
	p, err := index.SplitProject(arg)
	if err != nil {
		return nil, err
	}
	if !index.IsPattern(arg) {
		s.lookAgain(ctx, p, []index.Database{from}) // what is copied is what is there now
	}
	projects, err := s.Index.MatchProjects(p.Client, p.Name, from.Name)
	if err != nil {
		return nil, err
	}
	if len(projects) == 0 {
		if _, err := matchProjects(ctx, s, arg); err != nil {
			return nil, err
		}
		return nil, fmt.Errorf("%s is not in %s", arg, from.Name)
	}
	locs := copies.ToCopy(s.Index, projects, cats, from)
	if len(locs) == 0 {
		what := "category " + cats[0].Name
		if all {
			what = "category"
		}
		return nil, fmt.Errorf("%s has no %s in %s", arg, what, from.Name)
	}
	return locs, nil
}

// stopped turns a cancelled context into a plain message.
func stopped(ctx context.Context, what string, err error) error {
	if ctx.Err() != nil {
		msg := what + " cancelled"
		if what == "copy" {
			msg += " before anything was written"
		}
		return &cancelError{msg, err}
	}
	return err
}

func runPlan(ctx context.Context, s *Session, plan *backup.Plan) (*backup.Result, error) {
	var counts backup.Progress
	t := plan.Totals()
	display := progress.Start(s.Stderr, s.Terminal, progress.Spec{
		Description: fmt.Sprintf("copying %s files", units.Comma(t.CopyFiles)), Total: t.CopyBytes, Read: counts.Bytes.Load,
	})
	res, err := backup.Run(ctx, plan, &counts)
	display.Stop()
	return res, err
}

// refreshIndex rescans the locations written, so fetch shows them at once.
// What was written is on disk even when the copy was cancelled, so the
// index learns it all the same.
func refreshIndex(ctx context.Context, s *Session, req *copyRequest) {
	if _, loaded := s.Index.Snapshot(req.to.Name); !loaded {
		return
	}
	var updates []index.Update
	for _, l := range req.locations {
		dir := filepath.Join(req.to.Root, filepath.FromSlash(l.Dest))
		if st, ok := s.rescan(context.WithoutCancel(ctx), dir); ok {
			updates = append(updates, index.Update{Category: l.Category, Project: l.Project, Stats: st})
		}
	}
	s.applyUpdates(req.to.Name, updates)
}
