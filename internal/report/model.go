package report

import (
	"fmt"
	"time"
)

// Studio is what the studio report shows: the databases, the categories,
// where each project's categories are, and the locations at risk.
type Studio struct {
	Title     string    // the page's title; "autobackup report" when empty
	Generated time.Time // when the model was taken; shown in the header

	Databases  []Database // the grid's columns, in this order
	Categories []Category // each project's rows, in this order
	Projects   []Project  // in this order (the index's natural order), grouped by client

	// AtRisk lists the locations held by fewer databases than their
	// minimum. When nil, the report computes it from the cells with
	// [Studio.Risks]; a non-nil empty list says that none is at risk.
	AtRisk []Risk

	// Minimum is the studio-wide minimum of copies (set copies N), shown
	// in the header; each category's own minimum is Category.MinCopies.
	Minimum int
}

// Database is one storage location the studio tracks, with what the last
// scan saw of it.
type Database struct {
	Name     string
	Root     string        // its root folder, as the config gives it
	Online   bool          // its root was found at the last scan
	Offline  string        // why it is offline (root not found, unmounted); empty when online
	LastSeen time.Time     // when it was last online; zero when never
	LastScan time.Time     // when the last scan of it ended; zero when never scanned
	ScanTook time.Duration // how long that scan took

	// Used, Free and Total are the bytes of the file system holding the
	// root (statfs). Total is 0 when unknown, as for an offline database;
	// then no bar is drawn.
	Used, Free, Total int64
}

// Category is one kind of folder every database holds at the same path.
type Category struct {
	Name      string
	Path      string // relative to each database's root, such as "scratch/render"
	MinCopies int    // the copies each location of it needs, the studio-wide default applied
}

// Project is one project of one client, with what each database holds of
// each of its categories.
type Project struct {
	Client, Name string

	// Cells maps a category's name, then a database's name, to what that
	// database holds of that category of the project. A pair that is
	// absent is Missing. A category missing from every database gets no
	// row.
	Cells map[string]map[string]Cell
}

// Cell is one category of one project on one database.
type Cell struct {
	State    State
	Bytes    int64     // the size of the files
	Files    int64     // how many files
	Modified time.Time // the newest modification time inside; zero when unknown
	Verified time.Time // when its content was last verified against another copy; zero when never
	Note     string    // a short explanation, such as "5 of 12 files, 37 kB of 142 kB, older"
}

// State is what a database holds of a location, compared with the other
// databases.
type State int

// The states of a cell. The zero value is Missing, so an absent cell and a
// zero Cell mean the same.
const (
	Missing    State = iota // not there
	Copy                    // a complete, current copy: counts toward the copies
	Stale                   // a copy older than the newest one
	Differs                 // a copy whose files differ from the others', with no older or newer side
	Incomplete              // part of a copy: some files are missing
	Offline                 // the database is offline; the cell is its last known copy
	numStates
)

// States lists every state, in the order of the legend.
func States() []State {
	return []State{Copy, Stale, Differs, Incomplete, Missing, Offline}
}

var stateInfo = [numStates]struct{ name, symbol, meaning string }{
	Missing:    {"missing", "—", "not on this database"},
	Copy:       {"copy", "✓", "complete and current"},
	Stale:      {"stale", "~", "older than the newest copy"},
	Differs:    {"differs", "≠", "not the same as the others, neither older nor newer"},
	Incomplete: {"incomplete", "…", "some files are missing"},
	Offline:    {"offline", "⏏", "the database is offline: its last known copy"},
}

// String returns the state's name, as the page's CSS class uses it:
// "copy", "stale", "differs", "incomplete", "missing" or "offline".
func (s State) String() string {
	if !s.valid() {
		return fmt.Sprintf("State(%d)", int(s))
	}
	return stateInfo[s].name
}

// Symbol returns the mark shown beside the state's color, so that the
// grid reads in grayscale and without telling colors apart.
func (s State) Symbol() string {
	if !s.valid() {
		return "?"
	}
	return stateInfo[s].symbol
}

// Meaning explains the state in a few words, as the legend shows it.
func (s State) Meaning() string {
	if !s.valid() {
		return "unknown state"
	}
	return stateInfo[s].meaning
}

func (s State) valid() bool { return s >= 0 && s < numStates }

// Risk is a location held by fewer databases than its minimum.
type Risk struct {
	Project  string   // "client/project"
	Category string   // the category's name
	Copies   int      // how many databases hold a current copy
	Min      int      // how many should
	HeldBy   []string // the databases that hold one, in the databases' order
	Bytes    int64    // the largest copy's size
}
