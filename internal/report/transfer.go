package report

import (
	"bytes"
	"fmt"
	"io"
	"time"
)

// Transfer is what one copy, verify or free did, for its report.
type Transfer struct {
	Kind      string   // "copy", "verify" or "free"
	Command   string   // the command line as typed, shown as it is; may be empty
	From      string   // the source database (copy), the first side (verify), the database freed (free)
	To        []string // the destinations (copy), the other side (verify), the databases that hold the other copies (free)
	Started   time.Time
	Finished  time.Time
	Cancelled bool // stopped before the end (Ctrl-C): what is listed is what finished

	Locations []TransferLocation

	Hash        string   // the hash used, such as "xxh3-128 (XXH128)"
	HashSummary string   // a short summary of the hashes, such as a digest of them all, or counts
	Notes       []string // more lines for the summary, such as where freed folders were moved
}

// TransferLocation is what a transfer did to one category of one project,
// toward one destination.
type TransferLocation struct {
	Project  string // "client/project"
	Category string
	To       string // the destination of this line, when the transfer has several; may be empty

	// Files and Bytes are what was done: the files copied (copy), hashed
	// on both sides (verify) or moved away (free).
	Files, Bytes int64

	// Skipped and SkippedBytes are the files already identical at the
	// destination, left as they were (copy).
	Skipped, SkippedBytes int64

	// Verified counts the files found equal by content: each copy read
	// back (copy), identical on both sides (verify), the other copies
	// re-verified (free).
	Verified int64

	// Conflicts lists, whole, the files that differ and were left alone
	// (copy), that differ or are on one side only (verify), or the copies
	// found not identical (free).
	Conflicts []string
	Failed    []string // "path: what went wrong"
	Changed   []string // source files that changed while they were read
	Warnings  []string // what went right, but deserves a look
}

// problems counts what went wrong in the location.
func (l TransferLocation) problems() int {
	return len(l.Conflicts) + len(l.Failed) + len(l.Changed)
}

// Render writes the transfer report, a whole HTML page, to w. The model
// is checked first (a known kind, a start before the finish); nothing is
// written when it is wrong.
func (t Transfer) Render(w io.Writer) error {
	if _, ok := kinds[t.Kind]; !ok {
		return fmt.Errorf("report: unknown transfer kind %q; expected copy, verify or free", t.Kind)
	}
	if !t.Started.IsZero() && !t.Finished.IsZero() && t.Finished.Before(t.Started) {
		return fmt.Errorf("report: the %s finished (%s) before it started (%s)", t.Kind,
			t.Finished.Format(time.RFC3339), t.Started.Format(time.RFC3339))
	}
	var buf bytes.Buffer
	if err := pages.ExecuteTemplate(&buf, "transfer", t.view()); err != nil {
		return fmt.Errorf("report: rendering the transfer page: %w", err)
	}
	_, err := buf.WriteTo(w)
	return err
}

// Elapsed is how long the transfer took: Finished less Started, or 0 when
// either is unknown.
func (t Transfer) Elapsed() time.Duration {
	if t.Started.IsZero() || t.Finished.IsZero() {
		return 0
	}
	return t.Finished.Sub(t.Started)
}

// Totals sums the locations: files and bytes done, skipped, verified, and
// the problems (conflicts, failures and changes).
func (t Transfer) Totals() TransferLocation {
	var sum TransferLocation
	for _, l := range t.Locations {
		sum.Files += l.Files
		sum.Bytes += l.Bytes
		sum.Skipped += l.Skipped
		sum.SkippedBytes += l.SkippedBytes
		sum.Verified += l.Verified
		sum.Conflicts = append(sum.Conflicts, l.Conflicts...)
		sum.Failed = append(sum.Failed, l.Failed...)
		sum.Changed = append(sum.Changed, l.Changed...)
		sum.Warnings = append(sum.Warnings, l.Warnings...)
	}
	return sum
}

// OK reports whether the transfer did all it was asked: not cancelled,
// with no conflict, failure or change.
func (t Transfer) OK() bool {
	return !t.Cancelled && t.Totals().problems() == 0
}
