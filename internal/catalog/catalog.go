// Package catalog remembers what autobackup knows of every database
// between runs, in an embedded SQLite database (modernc.org/sqlite: pure
// Go, so no C compiler is needed): each database's last snapshot, when it
// was scanned and how long it took, when it was last found offline, and
// the identity of the volume it lives on. An archive drive on the shelf
// keeps its projects; a start-up needs no rescan of what was scanned a
// moment ago.
//
// Schema (version 1, PRAGMA user_version):
//
//	databases(name PRIMARY KEY, root, scanned, took, offline_at, offline,
//	          warning, volume, volume_kind, snapshot)
//	locations(database, category, client, project, bytes, files,
//	          modified, newest, fingerprint, temps)   -- for people's queries
//	errors(database, path, message)
//
// Times are Unix nanoseconds. snapshot is the last online snapshot,
// encoded compactly (see encode) so that start-up reads one value per
// database; locations holds the same, a row each, for sqlite3 users.
// Each database's snapshot is saved in one transaction; WAL lets a shell
// and a cron job use one catalog at once.
package catalog

import (
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"time"

	"github.com/bcnvisuals/autobackup/internal/fsys"

	_ "modernc.org/sqlite" // the database/sql driver "sqlite"
)

// Version is the schema this program reads and writes.
const Version = 1

// Catalog is an open catalog file.
type Catalog struct {
	db   *sql.DB
	path string
	// Warnings are what Open had to do that the user should know, such
	// as moving a damaged file aside.
	Warnings []string
}

// ErrNewer says the catalog was written by a newer autobackup.
var ErrNewer = errors.New("written by a newer autobackup")

const schema = `
CREATE TABLE IF NOT EXISTS databases (
	name        TEXT PRIMARY KEY,
	root        TEXT NOT NULL,
	scanned     INTEGER NOT NULL DEFAULT 0,
	took        INTEGER NOT NULL DEFAULT 0,
	offline_at  INTEGER NOT NULL DEFAULT 0,
	offline     TEXT NOT NULL DEFAULT '',
	warning     TEXT NOT NULL DEFAULT '',
	volume      TEXT NOT NULL DEFAULT '',
	volume_kind TEXT NOT NULL DEFAULT '',
	snapshot    BLOB
);
CREATE TABLE IF NOT EXISTS locations (
	database    TEXT NOT NULL REFERENCES databases(name) ON DELETE CASCADE,
	category    TEXT NOT NULL,
	client      TEXT NOT NULL,
	project     TEXT NOT NULL,
	bytes       INTEGER NOT NULL,
	files       INTEGER NOT NULL,
	modified    INTEGER NOT NULL,
	newest      INTEGER NOT NULL,
	fingerprint INTEGER NOT NULL,
	temps       INTEGER NOT NULL,
	PRIMARY KEY (database, category, client, project)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS errors (
	database TEXT NOT NULL REFERENCES databases(name) ON DELETE CASCADE,
	path     TEXT NOT NULL,
	message  TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS errors_database ON errors(database);
`

// Open opens the catalog at path, making it (and its folder) if missing.
// A catalog of a newer schema is refused and left untouched; a damaged
// file is moved aside, with a warning, and a new one made.
func Open(path string, now time.Time) (*Catalog, error) {
	if err := fsys.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("catalog %s: %w", path, err)
	}
	c, err := open(path)
	if err == nil || errors.Is(err, ErrNewer) {
		return c, err
	}
	aside, merr := moveAside(path, now)
	if merr != nil {
		return nil, fmt.Errorf("catalog %s is damaged (%v) and could not be moved aside: %w", path, err, merr)
	}
	c, err2 := open(path)
	if err2 != nil {
		return nil, err2
	}
	c.Warnings = append(c.Warnings, fmt.Sprintf("catalog %s was damaged (%v); it was moved to %s and a new one started", path, err, aside))
	return c, nil
}

// OpenAndLoad opens the catalog at path, as Open does, and reads what it
// knows. A catalog whose pages turn out damaged as they are read is moved
// aside, with a warning, and a new, empty one made.
func OpenAndLoad(path string, now time.Time) (*Catalog, []Stored, error) {
	c, err := Open(path, now)
	if err != nil {
		return nil, nil, err
	}
	stored, err := c.Load()
	if err == nil {
		return c, stored, nil
	}
	c.Close()
	if !damaged(err) {
		return nil, nil, err
	}
	aside, merr := moveAside(path, now)
	if merr != nil {
		return nil, nil, fmt.Errorf("catalog %s is damaged (%v) and could not be moved aside: %w", path, err, merr)
	}
	c, err2 := open(path)
	if err2 != nil {
		return nil, nil, err2
	}
	c.Warnings = append(c.Warnings, fmt.Sprintf("catalog %s was damaged (%v); it was moved to %s and a new one started", path, err, aside))
	return c, nil, nil
}

// damaged reports whether an error reading the catalog says its file is
// damaged, rather than busy or unreadable.
func damaged(err error) bool {
	if errors.Is(err, errCorrupt) {
		return true
	}
	msg := err.Error()
	return strings.Contains(msg, "malformed") || strings.Contains(msg, "not a database") || strings.Contains(msg, "SQLITE_CORRUPT")
}

func open(path string) (*Catalog, error) {
	dsn := "file:" + path + "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(1)"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	c := &Catalog{db: db, path: path}
	if err := c.check(); err != nil {
		db.Close()
		return nil, err
	}
	return c, nil
}

// check reads the schema version, makes or migrates the tables, and
// checks the file is whole.
func (c *Catalog) check() error {
	var v int
	if err := c.db.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
		return err
	}
	if v > Version {
		return fmt.Errorf("catalog %s is %w (schema %d; this one reads %d): use that autobackup, or another catalog (--catalog PATH)", c.path, ErrNewer, v, Version)
	}
	// A whole-file check (quick_check) would read every page: 100 ms at
	// start-up for a large studio. The schema is read here, and a damaged
	// page shows when Load reads it (see OpenAndLoad).
	var n int
	if err := c.db.QueryRow("SELECT count(*) FROM sqlite_schema").Scan(&n); err != nil {
		return err
	}
	if v == Version {
		return nil
	}
	if _, err := c.db.Exec(schema + fmt.Sprintf("PRAGMA user_version = %d;", Version)); err != nil {
		return fmt.Errorf("make the catalog's tables: %w", err)
	}
	return nil
}

// moveAside renames a damaged catalog (and its WAL) out of the way.
func moveAside(path string, now time.Time) (string, error) {
	base := path + ".corrupt-" + now.Format("2006-01-02")
	aside := base
	for i := 2; ; i++ {
		if _, err := fsys.Stat(aside); errors.Is(err, fs.ErrNotExist) {
			break
		}
		aside = fmt.Sprintf("%s-%d", base, i)
	}
	if err := fsys.RenamePath(path, aside); err != nil {
		return "", err
	}
	for _, ext := range []string{"-wal", "-shm"} {
		_ = fsys.RenamePath(path+ext, aside+ext)
	}
	return aside, nil
}

// Path is where the catalog is.
func (c *Catalog) Path() string { return c.path }

// Close closes the catalog.
func (c *Catalog) Close() error { return c.db.Close() }
