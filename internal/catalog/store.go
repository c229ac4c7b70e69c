package catalog

import (
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/bcnvisuals/autobackup/internal/index"
)

// Stored is what the catalog knows of one database.
type Stored struct {
	Snapshot  *index.Snapshot // its last online snapshot; Online says whether the last load found it so
	Took      time.Duration   // how long that scan took
	OfflineAt time.Time       // when a load last found it offline (zero if online then)
	Volume    Volume
}

// Volume is the identity of the drive a database lives on: the id written
// in its root's .autobackup/database, or the file system's id where the
// root cannot be written.
type Volume struct {
	ID   string
	Kind string // "marker" or "fsid"
}

// Save records a load's snapshot of one database, in one transaction,
// replacing what the catalog held of it. An offline snapshot replaces
// nothing: the catalog keeps the last content it saw and notes when the
// database was found offline. A failed scan is not saved.
func (c *Catalog) Save(snap *index.Snapshot, took time.Duration, now time.Time) error {
	if snap.Failed != "" {
		return fmt.Errorf("catalog: the scan of %s did not complete; it is not saved", snap.Database.Name)
	}
	tx, err := c.db.Begin()
	if err != nil {
		return fmt.Errorf("catalog: %w", err)
	}
	defer tx.Rollback()
	if !snap.Online {
		err = saveOffline(tx, snap, now)
	} else {
		err = saveOnline(tx, snap, took)
	}
	if err != nil {
		return fmt.Errorf("catalog: save %s: %w", snap.Database.Name, err)
	}
	return tx.Commit()
}

func saveOffline(tx *sql.Tx, snap *index.Snapshot, now time.Time) error {
	_, err := tx.Exec(`INSERT INTO databases(name, root, offline_at, offline) VALUES(?, ?, ?, ?)
		ON CONFLICT(name) DO UPDATE SET root = excluded.root, offline_at = excluded.offline_at, offline = excluded.offline`,
		snap.Database.Name, snap.Database.Root, now.UnixNano(), snap.Offline)
	return err
}

func saveOnline(tx *sql.Tx, snap *index.Snapshot, took time.Duration) error {
	name := snap.Database.Name
	_, err := tx.Exec(`INSERT INTO databases(name, root, scanned, took, offline_at, offline, warning, snapshot)
		VALUES(?, ?, ?, ?, 0, '', ?, ?)
		ON CONFLICT(name) DO UPDATE SET root = excluded.root, scanned = excluded.scanned, took = excluded.took,
			offline_at = 0, offline = '', warning = excluded.warning, snapshot = excluded.snapshot`,
		name, snap.Database.Root, timeNs(snap.Scanned), int64(took), snap.Warning, encode(snap))
	if err != nil {
		return err
	}
	for _, table := range []string{"locations", "errors"} {
		if _, err := tx.Exec("DELETE FROM "+table+" WHERE database = ?", name); err != nil {
			return err
		}
	}
	ins, err := tx.Prepare(`INSERT INTO locations VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer ins.Close()
	for cat, clients := range snap.Categories {
		for client, projects := range clients {
			for project, st := range projects {
				if _, err := ins.Exec(name, cat, client, project, st.Bytes, st.Files, timeNs(st.Modified),
					timeNs(st.Newest), int64(st.Fingerprint), st.Temps); err != nil {
					return err
				}
			}
		}
	}
	for _, e := range snap.Errors {
		if _, err := tx.Exec(`INSERT INTO errors VALUES(?, ?, ?)`, name, e.Path, e.Err.Error()); err != nil {
			return err
		}
	}
	return nil
}

// Update records what a copy wrote: the locations of one database that
// were rescanned after it, and the snapshot that now holds them. When the
// database was scanned and how long it took stay as they were. A database
// the catalog does not hold is left to the next load.
func (c *Catalog) Update(snap *index.Snapshot, updates []index.Update) error {
	if len(updates) == 0 {
		return nil
	}
	tx, err := c.db.Begin()
	if err != nil {
		return fmt.Errorf("catalog: %w", err)
	}
	defer tx.Rollback()
	name := snap.Database.Name
	res, err := tx.Exec(`UPDATE databases SET snapshot = ? WHERE name = ? AND root = ? AND offline_at = 0`,
		encode(snap), name, snap.Database.Root)
	if err != nil {
		return fmt.Errorf("catalog: update %s: %w", name, err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return err
	}
	for _, u := range updates {
		st := u.Stats
		if _, err := tx.Exec(`INSERT OR REPLACE INTO locations VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			name, u.Category, u.Project.Client, u.Project.Name, st.Bytes, st.Files, timeNs(st.Modified),
			timeNs(st.Newest), int64(st.Fingerprint), st.Temps); err != nil {
			return fmt.Errorf("catalog: update %s: %w", name, err)
		}
	}
	return tx.Commit()
}

// Load reads every database the catalog knows, as its last snapshot.
func (c *Catalog) Load() ([]Stored, error) {
	rows, err := c.db.Query(`SELECT name, root, scanned, took, offline_at, offline, warning, volume, volume_kind, snapshot FROM databases ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("catalog: %w", err)
	}
	defer rows.Close()
	var out []Stored
	var blobs [][]byte
	for rows.Next() {
		var s Stored
		var scanned, took, offlineAt int64
		var blob []byte
		snap := &index.Snapshot{}
		if err := rows.Scan(&snap.Database.Name, &snap.Database.Root, &scanned, &took, &offlineAt, &snap.Offline,
			&snap.Warning, &s.Volume.ID, &s.Volume.Kind, &blob); err != nil {
			return nil, fmt.Errorf("catalog: %w", err)
		}
		snap.Scanned, s.Took, s.OfflineAt = nsTime(scanned), time.Duration(took), nsTime(offlineAt)
		snap.Online = offlineAt == 0 && scanned != 0
		snap.Categories = map[string]index.Clients{}
		s.Snapshot = snap
		out = append(out, s)
		blobs = append(blobs, blob)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("catalog: %w", err)
	}
	// Each database's snapshot is decoded on a core of its own: start-up
	// waits for the largest, not for all of them one after the other.
	errs := make([]error, len(out))
	var wg sync.WaitGroup
	for i := range out {
		if len(blobs[i]) == 0 {
			continue
		}
		wg.Go(func() { errs[i] = decode(blobs[i], out[i].Snapshot) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("catalog: %s: %w", out[i].Snapshot.Database.Name, err)
		}
	}
	return out, nil
}

// Forgotten is what Forget dropped.
type Forgotten struct {
	Locations int
	Bytes     int64
}

// Forget drops a database from the catalog, saying what it held.
func (c *Catalog) Forget(database string) (Forgotten, error) {
	var f Forgotten
	tx, err := c.db.Begin()
	if err != nil {
		return f, fmt.Errorf("catalog: %w", err)
	}
	defer tx.Rollback()
	var bytes sql.NullInt64
	err = tx.QueryRow(`SELECT count(*), sum(bytes) FROM locations WHERE database = ?`, database).Scan(&f.Locations, &bytes)
	if err != nil {
		return f, fmt.Errorf("catalog: %w", err)
	}
	f.Bytes = bytes.Int64
	res, err := tx.Exec(`DELETE FROM databases WHERE name = ?`, database)
	if err != nil {
		return f, fmt.Errorf("catalog: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return f, fmt.Errorf("the catalog knows no database %s", database)
	}
	return f, tx.Commit()
}

// SetVolume records the volume a database lives on.
func (c *Catalog) SetVolume(database, root string, v Volume) error {
	_, err := c.db.Exec(`INSERT INTO databases(name, root, volume, volume_kind) VALUES(?, ?, ?, ?)
		ON CONFLICT(name) DO UPDATE SET volume = excluded.volume, volume_kind = excluded.volume_kind`,
		database, root, v.ID, v.Kind)
	if err != nil {
		return fmt.Errorf("catalog: %w", err)
	}
	return nil
}

// Owner names the database a volume belongs to, if the catalog knows it.
func (c *Catalog) Owner(v Volume) (string, bool, error) {
	var name string
	err := c.db.QueryRow(`SELECT name FROM databases WHERE volume = ? AND volume_kind = ?`, v.ID, v.Kind).Scan(&name)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return "", false, nil
	case err != nil:
		return "", false, fmt.Errorf("catalog: %w", err)
	}
	return name, true, nil
}
