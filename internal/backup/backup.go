// Package backup copies locations (one category of one project) from one
// database to another, safely: the source is only read; every write goes
// through folder handles opened from the destination's root one name at a
// time, each checked to be the folder that was planned, so nothing lands
// outside the root or in a folder another program moved there; a file
// reaches its final name only once its data is durable and, unless told
// otherwise, read back and verified; and a differing file at the
// destination is never replaced unless asked, and then only once the old
// version is kept.
//
// A copy is planned first (Make), which writes nothing, then run (Run).
package backup

import (
	"errors"
	"time"

	"github.com/bcnvisuals/autobackup/internal/fsys"
	"github.com/bcnvisuals/autobackup/internal/index"
)

// Location is one category of one project to copy.
type Location struct {
	Project  index.Project
	Category string // the category's name
	Source   string // absolute path of the folder at the source database
	Dest     string // the same folder relative to the destination root, slash-separated
}

// Name is "client/project category", how reports name a location.
func (l Location) Name() string { return l.Project.String() + " " + l.Category }

// Options say how to compare and copy.
type Options struct {
	Checksum  bool // compare existing files by content, not size and time
	Overwrite bool // replace differing files, keeping the old ones under .autobackup/replaced
	NoVerify  bool // skip reading each copy back
	Jobs      int  // files copied at once; 0 picks DefaultJobs
	Now       func() time.Time

	// FromName and ToName name the two databases in what the copy says
	// of a conflict; "the source" and "the destination" when empty.
	FromName, ToName string

	// Record is told what happened to each entry, as it happens, from
	// several goroutines at once; nil when no one listens.
	Record func(Event)

	// list reads a folder; tests set it to make a folder unreadable.
	list func(fsys.Dir) ([]fsys.Entry, error)
}

// DefaultJobs is how many files are copied at once by default.
const DefaultJobs = 4

// Names of what copy keeps at the destination, below fsys.StateDir.
const (
	replacedDir = "replaced"                 // old versions kept by --overwrite
	lockFile    = "lock"                     // held while a copy writes
	dirMode     = 0o755                      // for folders above a location
	stampFormat = "2006-01-02T150405.000000" // a replaced folder's name
)

// Errors that stop a copy before it writes.
var (
	ErrSameDatabase = errors.New("source and destination are the same database")
	ErrNested       = errors.New("one database root is inside the other")
	ErrNoSpace      = errors.New("not enough free space")
	ErrBusy         = errors.New("another copy is writing into this database")
)

// Kind is what an entry of a location is.
type Kind = fsys.Kind

// Kinds of entries.
const (
	KindFile    = fsys.KindFile
	KindDir     = fsys.KindDir
	KindSymlink = fsys.KindSymlink
	KindSpecial = fsys.KindSpecial // socket, device or FIFO: never copied
)
