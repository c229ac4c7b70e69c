package backup

import (
	"time"

	"github.com/bcnvisuals/autobackup/internal/checksum"
	"github.com/bcnvisuals/autobackup/internal/fsys"
)

// Result counts what a copy did. What happened to each entry is told, as
// it happens, to the plan's Options.Record.
type Result struct {
	Copied, CopiedBytes   int64 // files copied or replaced, and their bytes
	Skipped, SkippedBytes int64 // files identical at the destination
	Verified              int64 // copies read back and found equal
	Replaced              int64 // old versions kept under .autobackup/replaced
	Links, Symlinks, Dirs int64 // hard links, symlinks and folders made
	StaleTemps            int64 // temp files of an earlier, killed copy removed
	Conflicts             int64 // entries that differ at the destination, left alone
	Failed                int64 // entries or locations that could not be copied
	Changed               int64 // source files that changed while copied
	Warnings              int64
	Elapsed               time.Duration
	ReplacedDir           string // where --overwrite kept the old versions, if any
}

// Complete reports whether everything planned is now at the destination.
func (r *Result) Complete() bool { return r.Conflicts+r.Failed+r.Changed == 0 }

// EventKind is what happened to one entry.
type EventKind uint8

// Kinds of events.
const (
	Copied   EventKind = iota // a file written, made durable, verified (unless --no-verify) and published
	Replaced                  // a differing file replaced (--overwrite), its old version kept
	Skipped                   // a file identical at the destination
	Linked                    // a hard link made to a file already copied
	Symlinked
	MadeDir
	RemovedTemp // a temp file of an earlier, killed copy
	Conflict    // a differing entry left alone; Detail says how it differs
	Failed      // Err says why
	Changed     // the source changed while it was copied: not published
	Warning     // Detail says what

	// LocationDone says a location is complete at the destination: every
	// entry planned is there, its folders checked in place and given
	// their final modes and times. Path is the location's folder.
	LocationDone
)

// Event is what happened to one entry of a copy.
type Event struct {
	Kind     EventKind
	Location Location
	Path     string // from the destination's root, slash-separated
	Size     int64
	Hash     checksum.Sum // for Copied and Replaced: the content's xxh3-128
	Verified bool         // for Copied and Replaced: read back from the disk and found equal
	Detail   string
	Err      error
}

// Line is the event as a report line: "path: what".
func (e Event) Line() string {
	switch {
	case e.Err != nil:
		return e.Path + ": " + fsys.Reason(e.Err)
	case e.Kind == Changed:
		return e.Path + ": the source changed while it was copied; not recorded as copied"
	case e.Detail != "":
		return e.Path + ": " + e.Detail
	}
	return e.Path
}

// record counts an event and passes it on.
func (r *runner) record(e Event) {
	r.mu.Lock()
	switch e.Kind {
	case Copied, Replaced:
		r.res.Copied++
		r.res.CopiedBytes += e.Size
		if e.Verified {
			r.res.Verified++
		}
		if e.Kind == Replaced {
			r.res.Replaced++
		}
	case Skipped:
		r.res.Skipped++
		r.res.SkippedBytes += e.Size
	case Linked:
		r.res.Links++
	case Symlinked:
		r.res.Symlinks++
	case MadeDir:
		r.res.Dirs++
	case RemovedTemp:
		r.res.StaleTemps++
	case Conflict:
		r.res.Conflicts++
	case Failed:
		r.res.Failed++
	case Changed:
		r.res.Changed++
	case Warning:
		r.res.Warnings++
	}
	r.mu.Unlock()
	if r.opts.Record != nil {
		r.opts.Record(e)
	}
}

func (r *runner) fail(lp *LocationPlan, name string, err error) {
	r.record(Event{Kind: Failed, Location: lp.Location, Path: name, Err: err})
}

// failures counts the entries that failed or changed so far.
func (r *runner) failures() int64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.res.Failed + r.res.Changed
}
