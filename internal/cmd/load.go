package cmd

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/bcnvisuals/autobackup/internal/index"
	"github.com/bcnvisuals/autobackup/internal/progress"
	"github.com/bcnvisuals/autobackup/internal/scan"
	"github.com/bcnvisuals/autobackup/internal/units"
)

var cmdLoad = &Command{
	Name:  "load",
	Usage: []string{"load [-v|--verbose] [-j N] [DATABASE...]"},
	Short: "scan the databases into the index",
	Long: `load scans every category of every database in parallel and replaces the
index with what it finds. With database names, only those are scanned and
the rest of the index is kept.

Each folder under <root>/<category path>/ is a client, and each folder
inside a client is a project. Names starting with '.' (.Trashes,
.snapshot) are skipped, and symlinks are never followed. A database whose
root is missing is offline; the others still load.

The summary counts databases, clients, projects, bytes and files, and the
paths that could not be read; -v lists those paths with their errors.
-j N reads N folders at once (the default is 4 per CPU, or autobackup -j).
Ctrl-C cancels the scan and keeps the previous index.`,
	Complete: map[string]Completer{"DATABASE": completeDatabases},
	Run:      runLoad,
	Needs:    NeedsLayout,
}

func runLoad(ctx context.Context, s *Session, a Args) error {
	if s.InConfig && s.SkipLoad {
		return nil
	}
	dbs, err := loadTargets(s, a.List("DATABASE"))
	if err != nil {
		return err
	}
	jobs, err := jobsFlag(s, a, s.Jobs, mostScanJobs)
	if err != nil {
		return err
	}
	if len(s.Layout.Categories) == 0 {
		s.Warnf("no category is tracked, so no project can be found: add one with 'add category NAME RELPATH'")
	}
	now := time.Now()
	var recent []index.Database // scanned moments ago: the catalog's snapshot will do
	if s.InConfig && s.Catalog != nil {
		dbs, recent = splitRecent(s, dbs, now)
	}
	start := time.Now()
	snaps, err := scanAll(ctx, s, dbs, jobs)
	if err != nil {
		return &cancelError{"load cancelled; the previous index is kept", err}
	}
	elapsed := time.Since(start)
	good, failed := splitFailed(snaps)
	good, unsaved := s.remember(good, elapsed, now)
	kept := snapshotsOf(s, recent)
	if len(a.List("DATABASE")) == 0 {
		s.Index = index.New(append(append(good, kept...), previous(s, failed)...)...)
	} else {
		s.Index = s.Index.With(good...)
	}
	_, verbose := a.Flag("verbose")
	if err := reportLoad(s, good, kept, elapsed, verbose); err != nil {
		return err
	}
	if len(recent) > 0 {
		s.Printf("%s\n", recentLine(s, recent, now))
	}
	return errors.Join(append(unsaved, failedError(failed))...)
}

// scanAll scans the databases, with a progress display; none, nothing.
func scanAll(ctx context.Context, s *Session, dbs []index.Database, jobs int) ([]*index.Snapshot, error) {
	if len(dbs) == 0 {
		return nil, nil
	}
	var counts scan.Progress
	scanner := scan.Scanner{Jobs: jobs, Progress: &counts}
	display := progress.Start(s.Stderr, s.Terminal, progress.Spec{
		Description: "scanning", Unit: "files", Total: -1, Read: counts.Files.Load,
	})
	defer display.Stop()
	return scanner.Scan(ctx, dbs, s.Layout.Categories)
}

// splitRecent sets apart the databases the index holds a scan of younger
// than max-age, which a load in the config file leaves as they are.
func splitRecent(s *Session, dbs []index.Database, now time.Time) (stale, recent []index.Database) {
	for _, d := range dbs {
		if s.fresh(d.Name, now) {
			recent = append(recent, d)
		} else {
			stale = append(stale, d)
		}
	}
	return stale, recent
}

func snapshotsOf(s *Session, dbs []index.Database) []*index.Snapshot {
	var out []*index.Snapshot
	for _, d := range dbs {
		if snap, ok := s.Index.Snapshot(d.Name); ok {
			out = append(out, snap)
		}
	}
	return out
}

// recentLine says which databases were taken from the catalog unscanned.
func recentLine(s *Session, recent []index.Database, now time.Time) string {
	var names []string
	var newest, oldest time.Time
	for _, d := range recent {
		snap, _ := s.Index.Snapshot(d.Name)
		names = append(names, d.Name)
		if newest.IsZero() || snap.Scanned.After(newest) {
			newest = snap.Scanned
		}
		if oldest.IsZero() || snap.Scanned.Before(oldest) {
			oldest = snap.Scanned
		}
	}
	scanned := when(oldest, now)
	if w := when(newest, now); w != scanned {
		scanned += " to " + w
	}
	return fmt.Sprintf("%s from the catalog, scanned %s (less than max-age %s ago; load rescans)",
		strings.Join(names, ", "), scanned, units.Duration(s.MaxAge))
}

// splitFailed sets apart the snapshots whose scan did not complete.
func splitFailed(snaps []*index.Snapshot) (good, failed []*index.Snapshot) {
	for _, snap := range snaps {
		if snap.Failed != "" {
			failed = append(failed, snap)
		} else {
			good = append(good, snap)
		}
	}
	return good, failed
}

// previous returns the snapshots the index already holds of the failed
// databases, which a failed scan leaves in place.
func previous(s *Session, failed []*index.Snapshot) []*index.Snapshot {
	var out []*index.Snapshot
	for _, f := range failed {
		if snap, ok := s.Index.Snapshot(f.Database.Name); ok {
			out = append(out, snap)
		}
	}
	return out
}

// failedError reports the databases whose scan did not complete.
func failedError(failed []*index.Snapshot) error {
	if len(failed) == 0 {
		return nil
	}
	var msgs []string
	for _, f := range failed {
		msgs = append(msgs, fmt.Sprintf("database %s: %s; its previous index is kept", f.Database.Name, f.Failed))
	}
	return errors.New(strings.Join(msgs, "; "))
}

// cancelError reports a command stopped by Ctrl-C in plain words, while
// still wrapping the context's error.
type cancelError struct {
	msg   string
	cause error
}

func (e *cancelError) Error() string { return e.msg }
func (e *cancelError) Unwrap() error { return e.cause }

// jobsFlag reads -j N, or returns def when it is not given. A number
// past what the machine can use is lowered to most, with a warning: a
// worker each for a hundred million jobs would exhaust memory first.
func jobsFlag(s *Session, a Args, def, most int) (int, error) {
	v, ok := a.Flag("j")
	if !ok {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return 0, fmt.Errorf("-j %s: want a number of at least 1", v)
	}
	if n > most {
		s.Warnf("-j %s: using %d, the most that helps", v, most)
		n = most
	}
	return n, nil
}

// Most workers worth starting: folders read at once by a scan (reads of
// a network share block for long), and files copied or hashed at once.
const (
	mostScanJobs = 256
	mostFileJobs = 64
)

// loadTargets returns the databases to scan: the named ones, or all.
func loadTargets(s *Session, names []string) ([]index.Database, error) {
	if len(s.Layout.Databases) == 0 {
		return nil, fmt.Errorf("no database is tracked yet: add one with 'add database NAME PATH'")
	}
	if len(names) == 0 {
		return s.Layout.Databases, nil
	}
	var dbs []index.Database
	for _, n := range names {
		d, err := s.database(n)
		if err != nil {
			return nil, err
		}
		dbs = append(dbs, d)
	}
	return dbs, nil
}

// plural writes a count with its noun, in the singular for one.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return units.Comma(int64(n)) + " " + noun + "s"
}

// roundDuration keeps a duration readable: 1.2s, 340ms, 12µs.
func roundDuration(d time.Duration) time.Duration {
	switch {
	case d >= 10*time.Second:
		return d.Round(time.Second)
	case d >= time.Second:
		return d.Round(100 * time.Millisecond)
	case d >= time.Millisecond:
		return d.Round(time.Millisecond)
	}
	return d.Round(time.Microsecond)
}
