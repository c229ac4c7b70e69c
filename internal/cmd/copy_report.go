package cmd

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/bcnvisuals/autobackup/internal/backup"
	"github.com/bcnvisuals/autobackup/internal/table"
	"github.com/bcnvisuals/autobackup/internal/units"
)

// copyLog collects, from a copy's events, the entries a person must look
// at, as report lines.
type copyLog struct {
	mu                                   sync.Mutex
	conflicts, failed, changed, warnings []string
}

func (l *copyLog) record(e backup.Event) {
	l.mu.Lock()
	defer l.mu.Unlock()
	switch e.Kind {
	case backup.Conflict:
		l.conflicts = append(l.conflicts, e.Line())
	case backup.Failed:
		l.failed = append(l.failed, e.Line())
	case backup.Changed:
		l.changed = append(l.changed, e.Path)
	case backup.Warning:
		l.warnings = append(l.warnings, e.Line())
	}
}

// reportCopy prints what a copy did and turns conflicts, failures and
// cancellation into the command's error.
func reportCopy(ctx context.Context, s *Session, req *copyRequest, res *backup.Result, log *copyLog, runErr error) error {
	cancelled := runErr != nil && ctx.Err() != nil
	for _, w := range log.warnings {
		s.Warnf("%s", table.Escape(w))
	}
	if err := s.show(copyOutput{req, res, log, cancelled}); err != nil {
		return err
	}
	return copyError(res, cancelled, runErr)
}

// copyOutput is what a copy prints: its summary, then each entry a person
// must look at.
type copyOutput struct {
	req       *copyRequest
	res       *backup.Result
	log       *copyLog
	cancelled bool
}

func (o copyOutput) jsonValue() any {
	res, log := o.res, o.log
	return copyJSON{From: o.req.from.Name, To: o.req.to.Name,
		Copied: res.Copied, CopiedBytes: res.CopiedBytes, Skipped: res.Skipped, SkippedBytes: res.SkippedBytes,
		Verified: res.Verified, Replaced: res.Replaced, Links: res.Links, Symlinks: res.Symlinks, Dirs: res.Dirs,
		Conflicts: nonNil(log.conflicts), Failed: nonNil(log.failed), Changed: nonNil(log.changed),
		Warnings: nonNil(log.warnings), Cancelled: o.cancelled, Seconds: res.Elapsed.Seconds()}
}

func (o copyOutput) writeText(s *Session) error {
	res, log := o.res, o.log
	s.Printf("%s: %s\n", table.Escape(o.req.words()), copySummary(res, o.cancelled))
	for _, c := range log.conflicts {
		s.Printf("conflict: %s\n", table.Escape(c))
	}
	for _, f := range log.failed {
		s.Printf("failed: %s\n", table.Escape(f))
	}
	for _, c := range log.changed {
		s.Printf("changed: %s: the source changed while it was copied; not recorded as copied\n", table.Escape(c))
	}
	if res.ReplacedDir != "" {
		s.Printf("the replaced versions are kept in %s\n", res.ReplacedDir)
	}
	return nil
}

func copySummary(res *backup.Result, cancelled bool) string {
	secs := res.Elapsed.Seconds()
	rate := ""
	if secs > 0 && res.CopiedBytes > 0 {
		rate = " at " + units.Bytes(int64(float64(res.CopiedBytes)/secs)) + "/s"
	}
	var b strings.Builder
	if cancelled {
		b.WriteString("cancelled: ")
	}
	fmt.Fprintf(&b, "copied %s (%s) in %s%s", plural(int(res.Copied), "file"), units.Bytes(res.CopiedBytes),
		roundDuration(res.Elapsed), rate)
	fmt.Fprintf(&b, "; %s identical (%s) skipped", plural(int(res.Skipped), "file"), units.Bytes(res.SkippedBytes))
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
	fmt.Fprintf(&b, "; %s; %d failed", plural(int(res.Conflicts), "conflict"), res.Failed)
	if res.Changed > 0 {
		fmt.Fprintf(&b, "; %d changed during the copy", res.Changed)
	}
	return b.String()
}

func copyError(res *backup.Result, cancelled bool, runErr error) error {
	switch {
	case cancelled:
		return &cancelError{fmt.Sprintf("copy cancelled after %s; run it again to copy the rest", plural(int(res.Copied), "file")), runErr}
	case runErr != nil:
		return runErr
	case !res.Complete():
		return fmt.Errorf("copy incomplete: %s, %d failed, %d changed (listed above)",
			plural(int(res.Conflicts), "conflict"), res.Failed, res.Changed)
	}
	return nil
}
