package cmd

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/bcnvisuals/autobackup/internal/catalog"
	"github.com/bcnvisuals/autobackup/internal/fsys"
	"github.com/bcnvisuals/autobackup/internal/index"
)

// Session is the state every command works on: what the studio tracks,
// what the last load saw, and where output goes. One Session lives for one
// run of the program; the shell, scripts and the config file share it.
type Session struct {
	Layout *index.Layout
	Index  *index.Index

	Stdout io.Writer // results of the commands the user asked for
	Stderr io.Writer // warnings, progress and errors

	JSON     bool   // print each result as one JSON object
	Color    bool   // stdout is a terminal that wants color
	Copies   int    // how many databases should hold each location, unless its category says
	Jobs     int    // scan parallelism; 0 picks a default
	Dir      string // folder that relative paths resolve against
	Terminal bool   // stderr is a terminal, so live progress may be drawn

	// Exit is set by exit and quit: the shell ends after the command.
	Exit bool

	// Catalog remembers the databases between runs; nil when none is used.
	Catalog *catalog.Catalog
	// MaxAge is how old a scan may be before a load in the config file
	// repeats it.
	MaxAge time.Duration
	// Columns is the width of the terminal stdout is on, measured when
	// asked (the window may change); 0, or nil, when stdout is no
	// terminal: then lines are written whole.
	Columns func() int

	// InConfig is set while the config file runs.
	InConfig bool
	// SkipLoad makes the config file's load lines do nothing: the one
	// command run after it needs no index, or loads by itself.
	SkipLoad bool

	told   map[string]bool            // databases whose being offline or scan's age was said
	stored map[string]*index.Snapshot // what the catalog knows, by database
}

// NewSession returns a session with nothing tracked and nothing loaded.
// A nil writer discards what is written to it.
func NewSession(stdout, stderr io.Writer) *Session {
	if stdout == nil {
		stdout = io.Discard
	}
	if stderr == nil {
		stderr = io.Discard
	}
	dir, err := os.Getwd()
	if err != nil {
		dir = "."
	}
	return &Session{
		Layout: &index.Layout{},
		Index:  index.New(),
		Stdout: stdout,
		Stderr: stderr,
		Dir:    dir,
		Copies: DefaultCopies,
		MaxAge: DefaultMaxAge,
	}
}

// DefaultCopies is the minimum number of copies of each location, until
// set copies or a category's --copies says otherwise.
const DefaultCopies = 2

// Colors for results that need attention.
const (
	red    = "31"
	yellow = "33"
	green  = "32"
)

// paint colors text when the session prints in color.
func (s *Session) paint(color, text string) string {
	if !s.Color || text == "" || color == "" {
		return text
	}
	return "\x1b[" + color + "m" + text + "\x1b[0m"
}

// Printf writes a result line to stdout.
func (s *Session) Printf(format string, args ...any) {
	fmt.Fprintf(s.Stdout, format, args...)
}

// Warnf writes a warning to stderr.
func (s *Session) Warnf(format string, args ...any) {
	fmt.Fprintf(s.Stderr, "warning: "+format+"\n", args...)
}

// printJSON writes v as one line of JSON to stdout.
func (s *Session) printJSON(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode JSON: %w", err)
	}
	_, err = fmt.Fprintf(s.Stdout, "%s\n", b)
	return err
}

// Abs resolves a path typed by the user: "~/" is the home folder, and a
// relative path is taken from s.Dir.
func (s *Session) Abs(p string) (string, error) {
	if p == "~" || strings.HasPrefix(p, "~/") {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("expand %s: %w", p, err)
		}
		p = filepath.Join(home, p[1:])
	}
	if !filepath.IsAbs(p) {
		p = filepath.Join(s.Dir, p)
	}
	return filepath.Clean(p), nil
}

// database finds a tracked database by name, or says which names exist.
func (s *Session) database(name string) (index.Database, error) {
	if d, ok := s.Layout.Database(name); ok {
		return d, nil
	}
	return index.Database{}, unknownName("database", name, s.Layout.DatabaseNames())
}

// category finds a tracked category by name, or says which names exist.
func (s *Session) category(name string) (index.Category, error) {
	if c, ok := s.Layout.Category(name); ok {
		return c, nil
	}
	return index.Category{}, unknownName("category", name, s.Layout.CategoryNames())
}

// unknownName is the error for a name that is not among the known ones.
func unknownName(kind, name string, known []string) error {
	if len(known) == 0 {
		usage := map[string]string{"database": "add database NAME PATH", "category": "add category NAME RELPATH"}[kind]
		return fmt.Errorf("unknown %s %q: no %s is tracked yet (%s)", kind, name, kind, usage)
	}
	if s := suggest(name, known); s != "" {
		return fmt.Errorf("unknown %s %q (did you mean %q?)", kind, name, s)
	}
	return fmt.Errorf("unknown %s %q (known: %s)", kind, name, strings.Join(known, ", "))
}

// needLoaded fails when nothing has been loaded yet.
func (s *Session) needLoaded() error {
	if len(s.Layout.Databases) == 0 {
		return fmt.Errorf("no database is tracked yet: add one with 'add database NAME PATH', then run 'load'")
	}
	if s.Index.Loaded() == 0 {
		return fmt.Errorf("nothing is loaded yet: run 'load' first")
	}
	if !s.InConfig {
		s.noteAges(time.Now())
	}
	return nil
}

// isFolder reports whether a local path is a folder now.
func isFolder(p string) bool {
	e, err := fsys.Stat(p)
	return err == nil && e.Kind == fsys.KindDir
}
