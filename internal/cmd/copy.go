package cmd

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"strings"

	"github.com/dustin/go-humanize"

	"github.com/bcnvisuals/autobackup/internal/backup"
	"github.com/bcnvisuals/autobackup/internal/fsys"
	"github.com/bcnvisuals/autobackup/internal/index"
	"github.com/bcnvisuals/autobackup/internal/progress"
	"github.com/bcnvisuals/autobackup/internal/scan"
	"github.com/bcnvisuals/autobackup/internal/table"
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
	req, err := newCopyRequest(s, a)
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
	res, err := runPlan(ctx, s, plan)
	if res != nil {
		refreshIndex(ctx, s, req)
	}
	if err != nil && res == nil {
		return stopped(ctx, "copy", err)
	}
	return reportCopy(ctx, s, req, res, err)
}

// copyRequest is a copy line, resolved against the layout and the index.
type copyRequest struct {
	from, to  index.Database
	locations []backup.Location
	opts      backup.Options
	dryRun    bool
}

func newCopyRequest(s *Session, a Args) (*copyRequest, error) {
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
	req := &copyRequest{from: from, to: to}
	if req.opts, req.dryRun, err = copyOptions(a); err != nil {
		return nil, err
	}
	req.opts.FromName, req.opts.ToName = from.Name, to.Name
	req.locations, err = copyLocations(s, a.Get("CLIENT/PROJECT"), cats, from, a.Get("CATEGORY") == "all")
	return req, err
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

func copyOptions(a Args) (backup.Options, bool, error) {
	var o backup.Options
	_, dry := a.Flag("dry-run")
	_, o.Checksum = a.Flag("checksum")
	_, o.Overwrite = a.Flag("overwrite")
	_, o.NoVerify = a.Flag("no-verify")
	jobs, err := jobsFlag(a, 0)
	o.Jobs = jobs
	return o, dry, err
}

// copyLocations lists the locations a copy line names: each matching
// project's categories that exist at FROM.
func copyLocations(s *Session, arg string, cats []index.Category, from index.Database, all bool) ([]backup.Location, error) {
	p, err := index.SplitProject(arg)
	if err != nil {
		return nil, err
	}
	projects, err := s.Index.MatchProjects(p.Client, p.Name, from.Name)
	if err != nil {
		return nil, err
	}
	if len(projects) == 0 {
		if _, err := matchProjects(s, arg); err != nil {
			return nil, err
		}
		return nil, fmt.Errorf("%s is not in %s", arg, from.Name)
	}
	var locs []backup.Location
	for _, proj := range projects {
		for _, c := range cats {
			if _, ok := s.Index.Location(from.Name, c.Name, proj); !ok {
				continue
			}
			locs = append(locs, backup.Location{
				Project:  proj,
				Category: c.Name,
				Source:   locationPath(from, c, proj),
				Dest:     path.Join(c.Path, proj.Client, proj.Name),
			})
		}
	}
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
		Description: fmt.Sprintf("copying %s files", humanize.Comma(t.CopyFiles)), Total: t.CopyBytes, Read: counts.Bytes.Load,
	})
	res, err := backup.Run(ctx, plan, &counts)
	display.Stop()
	return res, err
}

// refreshIndex rescans the locations written, so fetch shows them at once.
func refreshIndex(ctx context.Context, s *Session, req *copyRequest) {
	if _, loaded := s.Index.Snapshot(req.to.Name); !loaded {
		return
	}
	scanner := scan.Scanner{Jobs: s.Jobs}
	var updates []index.Update
	for _, l := range req.locations {
		dir := filepath.Join(req.to.Root, filepath.FromSlash(l.Dest))
		if !isDir(dir) {
			continue // never made: a cancelled or failed copy
		}
		// What was written is on disk even when the copy was cancelled, so
		// the index learns it all the same.
		st, errs, err := scanner.Project(context.WithoutCancel(ctx), dir)
		if err == nil && len(errs) == 0 {
			updates = append(updates, index.Update{Category: l.Category, Project: l.Project, Stats: st})
		}
	}
	s.Index = s.Index.WithUpdates(req.to.Name, updates)
}

// opNames are how the plan names what it will do.
var opNames = map[backup.Op]string{
	backup.OpCopy: "copy", backup.OpReplace: "replace", backup.OpSkip: "identical",
	backup.OpConflict: "conflict", backup.OpLink: "link", backup.OpMkdir: "mkdir", backup.OpIgnore: "skip",
	backup.OpFail: "fail",
}

func printPlan(s *Session, req *copyRequest, plan *backup.Plan) error {
	t := plan.Totals()
	if s.JSON {
		return s.printJSON(planJSON(req, plan, t))
	}
	tab := table.New()
	for _, lp := range plan.Locations {
		if lp.Err != nil {
			tab.Row("fail", table.Shorten(lp.Dest, 56), table.Shorten(lp.Err.Error(), 40))
			continue
		}
		for _, it := range lp.Items {
			if it.Kind == backup.KindDir && it.Op == backup.OpSkip {
				continue
			}
			tab.Row(opNames[it.Op], table.Shorten(path.Join(lp.Dest, it.Rel), 56), table.Shorten(planDetail(it), 40))
		}
	}
	if _, err := tab.WriteTo(s.Stdout); err != nil {
		return err
	}
	if err := backup.CheckSpace(plan); err != nil {
		s.Warnf("%v", err)
	}
	free, _ := backup.FreeSpace(req.to.Root)
	s.Printf("would copy %s (%s) from %s to %s; %s (%s) identical; %s; %s free at %s\n",
		plural(int(t.CopyFiles), "file"), table.Bytes(t.CopyBytes), req.from.Name, req.to.Name,
		plural(int(t.SkipFiles), "file"), table.Bytes(t.SkipBytes), plural(int(t.Conflicts), "conflict"),
		table.Bytes(int64(free)), req.to.Name)
	return nil
}

func planDetail(it backup.Item) string {
	switch {
	case it.Op == backup.OpConflict || it.Op == backup.OpIgnore || it.Op == backup.OpFail:
		return it.Why
	case it.Op == backup.OpReplace:
		return table.Bytes(it.Size) + ", " + it.Why
	case it.Op == backup.OpLink:
		return "hard link to " + it.LinkTo
	case it.Kind == backup.KindSymlink:
		return "symlink to " + it.Target
	case it.Kind == backup.KindFile:
		return table.Bytes(it.Size)
	}
	return ""
}

type planItemJSON struct {
	Op   string `json:"op"`
	Path string `json:"path"`
	Size int64  `json:"size,omitempty"`
	Why  string `json:"why,omitempty"`
}

type copyJSON struct {
	From         string         `json:"from"`
	To           string         `json:"to"`
	DryRun       bool           `json:"dry_run"`
	Copied       int64          `json:"copied"`
	CopiedBytes  int64          `json:"copied_bytes"`
	Skipped      int64          `json:"skipped"`
	SkippedBytes int64          `json:"skipped_bytes"`
	Verified     int64          `json:"verified"`
	Replaced     int64          `json:"replaced"`
	Links        int64          `json:"links"`
	Symlinks     int64          `json:"symlinks"`
	Dirs         int64          `json:"dirs"`
	Conflicts    []string       `json:"conflicts"`
	Failed       []string       `json:"failed"`
	Changed      []string       `json:"changed"`
	Warnings     []string       `json:"warnings"`
	Cancelled    bool           `json:"cancelled"`
	Seconds      float64        `json:"seconds"`
	Plan         []planItemJSON `json:"plan,omitempty"`
}

func planJSON(req *copyRequest, plan *backup.Plan, t backup.Totals) copyJSON {
	out := copyJSON{From: req.from.Name, To: req.to.Name, DryRun: true,
		Copied: t.CopyFiles, CopiedBytes: t.CopyBytes, Skipped: t.SkipFiles, SkippedBytes: t.SkipBytes,
		Replaced: t.ReplaceFiles, Links: t.Links, Symlinks: t.Symlinks, Dirs: t.Dirs,
		Conflicts: nonNil(plan.Conflicts()), Failed: []string{}, Changed: []string{}, Warnings: []string{}, Plan: []planItemJSON{}}
	for _, lp := range plan.Locations {
		if lp.Err != nil {
			out.Plan = append(out.Plan, planItemJSON{Op: "fail", Path: lp.Dest, Why: lp.Err.Error()})
			continue
		}
		for _, it := range lp.Items {
			if it.Kind == backup.KindDir && it.Op == backup.OpSkip {
				continue
			}
			out.Plan = append(out.Plan, planItemJSON{Op: opNames[it.Op], Path: path.Join(lp.Dest, it.Rel), Size: it.Size, Why: it.Why})
		}
	}
	return out
}

// reportCopy prints what a copy did and turns conflicts, failures and
// cancellation into the command's error.
func reportCopy(ctx context.Context, s *Session, req *copyRequest, res *backup.Result, runErr error) error {
	cancelled := runErr != nil && ctx.Err() != nil
	for _, w := range res.Warnings {
		s.Warnf("%s", w)
	}
	if s.JSON {
		err := s.printJSON(copyJSON{From: req.from.Name, To: req.to.Name,
			Copied: res.Copied, CopiedBytes: res.CopiedBytes, Skipped: res.Skipped, SkippedBytes: res.SkippedBytes,
			Verified: res.Verified, Replaced: res.Replaced, Links: res.Links, Symlinks: res.Symlinks, Dirs: res.Dirs,
			Conflicts: nonNil(res.Conflicts), Failed: nonNil(res.Failed), Changed: nonNil(res.Changed),
			Warnings: nonNil(res.Warnings), Cancelled: cancelled, Seconds: res.Elapsed.Seconds()})
		if err != nil {
			return err
		}
	} else {
		s.Printf("%s\n", copySummary(res, cancelled))
		for _, c := range res.Conflicts {
			s.Printf("conflict: %s\n", c)
		}
		for _, f := range res.Failed {
			s.Printf("failed: %s\n", f)
		}
		for _, c := range res.Changed {
			s.Printf("changed: %s: the source changed while it was copied; not recorded as copied\n", c)
		}
		if res.ReplacedDir != "" {
			s.Printf("the replaced versions are kept in %s\n", res.ReplacedDir)
		}
	}
	return copyError(res, cancelled, runErr)
}

func copySummary(res *backup.Result, cancelled bool) string {
	secs := res.Elapsed.Seconds()
	rate := ""
	if secs > 0 && res.CopiedBytes > 0 {
		rate = " at " + table.Bytes(int64(float64(res.CopiedBytes)/secs)) + "/s"
	}
	var b strings.Builder
	if cancelled {
		b.WriteString("cancelled: ")
	}
	fmt.Fprintf(&b, "copied %s (%s) in %s%s", plural(int(res.Copied), "file"), table.Bytes(res.CopiedBytes),
		roundDuration(res.Elapsed), rate)
	fmt.Fprintf(&b, "; %s identical (%s) skipped", plural(int(res.Skipped), "file"), table.Bytes(res.SkippedBytes))
	fmt.Fprintf(&b, "; %d verified", res.Verified)
	extra := []struct {
		n          int64
		noun, verb string
	}{{res.Replaced, "file", " replaced"}, {res.Dirs, "folder", " made"}, {res.Symlinks, "symlink", ""},
		{res.Links, "hard link", ""}, {res.StaleTemps, "stale temp file", " removed"}}
	for _, e := range extra {
		if e.n > 0 {
			fmt.Fprintf(&b, "; %s%s", plural(int(e.n), e.noun), e.verb)
		}
	}
	fmt.Fprintf(&b, "; %s; %d failed", plural(len(res.Conflicts), "conflict"), len(res.Failed))
	if len(res.Changed) > 0 {
		fmt.Fprintf(&b, "; %d changed during the copy", len(res.Changed))
	}
	return b.String()
}

func copyError(res *backup.Result, cancelled bool, runErr error) error {
	switch {
	case cancelled:
		return &cancelError{fmt.Sprintf("copy cancelled after %s; run it again to copy the rest", plural(int(res.Copied), "file")), runErr}
	case runErr != nil:
		return runErr
	case len(res.Conflicts) > 0 || len(res.Failed) > 0 || len(res.Changed) > 0:
		return fmt.Errorf("copy incomplete: %s, %d failed, %d changed (listed above)",
			plural(len(res.Conflicts), "conflict"), len(res.Failed), len(res.Changed))
	}
	return nil
}
