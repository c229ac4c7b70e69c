package catalog

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/bcnvisuals/autobackup/internal/fsys"
)

// markerFile, in a database's StateDir, holds the random id of the volume
// and the name of the database it was first loaded as. It is the one
// thing load writes.
const markerFile = "database"

// VolumeOf finds the identity of the volume a database's root is on: the
// id in its marker, written now (with name) if missing and the root can be
// written; else the file system's id. It also returns the name the marker
// was written for.
func VolumeOf(root fsys.Dir, name string) (v Volume, markedFor string, err error) {
	if id, owner, ok := readMarker(root); ok {
		return Volume{ID: id, Kind: "marker"}, owner, nil
	}
	if id, err := writeMarker(root, name); err == nil {
		return Volume{ID: id, Kind: "marker"}, name, nil
	}
	if id, ok := fsys.FileSystemID(root); ok {
		return Volume{ID: id, Kind: "fsid"}, "", nil
	}
	return Volume{}, "", errors.New("the volume can be told from no other: no marker can be written, and the file system gives no id")
}

func readMarker(root fsys.Dir) (id, name string, ok bool) {
	state, err := root.OpenDir(fsys.StateDir)
	if err != nil {
		return "", "", false
	}
	defer state.Close()
	b, err := fsys.ReadFile(state, markerFile, 4096)
	if err != nil {
		return "", "", false
	}
	for _, line := range strings.Split(string(b), "\n") {
		k, v, _ := strings.Cut(line, "=")
		switch k {
		case "id":
			id = v
		case "name":
			name = v
		}
	}
	return id, name, id != ""
}

// writeMarker writes the marker. Where it makes the state folder, the
// root's modification time is put back as it was, so that nothing a user
// sees of the root changes but the hidden folder.
func writeMarker(root fsys.Dir, name string) (string, error) {
	before, err := root.Stat()
	if err != nil {
		return "", err
	}
	_, statErr := root.Lstat(fsys.StateDir)
	state, err := fsys.MkdirOpen(root, fsys.StateDir, 0o755)
	if err != nil {
		return "", err
	}
	defer state.Close()
	if errors.Is(statErr, fs.ErrNotExist) {
		defer root.SetModTime(before.ModTime) // best effort: the marker matters, the time is a courtesy
	}
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	id := hex.EncodeToString(b[:])
	content := fmt.Sprintf("# autobackup: this drive holds the database below; do not copy this file to another drive\nid=%s\nname=%s\n", id, name)
	if err := fsys.WriteFile(state, markerFile, []byte(content)); err != nil {
		return "", err
	}
	return id, nil
}

// CheckVolume checks that the volume found at a database's root is the
// one the catalog knows for it, recording it the first time. A different
// one (another drive mounted at the same place) is refused with what the
// catalog knows of it, and the catalog's record is left as it is.
func (c *Catalog) CheckVolume(database, root string, found Volume, markedFor string) error {
	stored, err := c.volume(database)
	if err != nil {
		return err
	}
	switch {
	case stored.ID == "":
		if owner, known, err := c.Owner(found); err == nil && known && owner != database {
			return fmt.Errorf("the drive at %s is database %s's; it is not loaded as %s", root, owner, database)
		}
		return c.SetVolume(database, root, found)
	case stored == found:
		return nil
	}
	owner, known, err := c.Owner(found)
	switch {
	case err != nil:
		return err
	case known:
		return fmt.Errorf("the drive at %s is database %s's, not %s's; its scan is not saved as %s", root, owner, database, database)
	case markedFor != "" && markedFor != database:
		return fmt.Errorf("the drive at %s was first loaded as %s, not %s; its scan is not saved as %s", root, markedFor, database, database)
	}
	return fmt.Errorf("another drive than %s's is at %s (its id %s, %s's %s); its scan is not saved: mount %s's drive, or forget database %s to start afresh",
		database, root, found.ID, database, stored.ID, database, database)
}

func (c *Catalog) volume(database string) (Volume, error) {
	var v Volume
	err := c.db.QueryRow(`SELECT volume, volume_kind FROM databases WHERE name = ?`, database).Scan(&v.ID, &v.Kind)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return v, fmt.Errorf("catalog: %w", err)
	}
	return v, nil
}
