package cmd

import (
	"errors"
	"fmt"
	"io/fs"
	"time"

	"github.com/bcnvisuals/autobackup/internal/catalog"
	"github.com/bcnvisuals/autobackup/internal/fsys"
	"github.com/bcnvisuals/autobackup/internal/index"
)

// DefaultMaxAge is how old a database's scan may be before a load in the
// config file rescans it.
const DefaultMaxAge = 15 * time.Minute

// UseCatalog opens the catalog at path and puts every database it knows
// into the index, as last seen: the start-up needs no rescan of what was
// scanned a moment ago, and an archive drive on the shelf keeps its
// projects. A catalog already open is closed.
func (s *Session) UseCatalog(path string, now time.Time) error {
	c, stored, err := catalog.OpenAndLoad(path, now)
	if err != nil {
		return err
	}
	for _, w := range c.Warnings {
		s.Warnf("%s", w)
	}
	if s.Catalog != nil {
		s.Catalog.Close()
	}
	s.Catalog = c
	s.stored = map[string]*index.Snapshot{}
	var tracked []*index.Snapshot
	for _, st := range stored {
		s.stored[st.Snapshot.Database.Name] = st.Snapshot
		if snap, ok := s.recall(st.Snapshot.Database); ok {
			tracked = append(tracked, snap)
		}
	}
	s.Index = s.Index.With(tracked...)
	return nil
}

// recall returns what the catalog knows of a tracked database, if it knew
// it at the same root.
func (s *Session) recall(d index.Database) (*index.Snapshot, bool) {
	snap, ok := s.stored[d.Name]
	if !ok {
		return nil, false
	}
	if l, tracked := s.Layout.Database(d.Name); !tracked || l.Root != snap.Database.Root {
		return nil, false
	}
	return snap, true
}

// CloseCatalog closes the catalog, if one is open.
func (s *Session) CloseCatalog() error {
	if s.Catalog == nil {
		return nil
	}
	err := s.Catalog.Close()
	s.Catalog = nil
	return err
}

// fresh reports whether the index holds a scan of the database younger
// than the session's max-age, which a load in the config file need not
// repeat.
func (s *Session) fresh(name string, now time.Time) bool {
	snap, ok := s.Index.Snapshot(name)
	if !ok || !snap.Online || snap.Scanned.IsZero() || now.Sub(snap.Scanned) >= s.MaxAge {
		return false
	}
	e, err := fsys.Stat(snap.Database.Root)
	return err == nil && e.Kind == fsys.KindDir
}

// remember saves a load's snapshots in the catalog, after checking each
// online database's volume is the one the catalog knows. An offline one
// keeps what it held when last seen, in the catalog and in the returned
// snapshots, which replace the scanned ones in the index.
func (s *Session) remember(snaps []*index.Snapshot, took time.Duration, now time.Time) ([]*index.Snapshot, []error) {
	out := make([]*index.Snapshot, 0, len(snaps))
	var errs []error
	for _, snap := range snaps {
		if !snap.Online {
			snap = s.lastSeen(snap)
		} else if err := s.checkVolume(snap); err != nil {
			errs = append(errs, fmt.Errorf("database %s: %w", snap.Database.Name, err))
			if prev, ok := s.Index.Snapshot(snap.Database.Name); ok {
				out = append(out, prev)
			}
			continue
		}
		out = append(out, snap)
		if s.Catalog != nil {
			if err := s.Catalog.Save(snap, took, now); err != nil {
				errs = append(errs, err)
			}
		}
	}
	return out, errs
}

// lastSeen is an offline database's snapshot with the content it held when
// last seen online, where that is known.
func (s *Session) lastSeen(off *index.Snapshot) *index.Snapshot {
	prev, ok := s.Index.Snapshot(off.Database.Name)
	if !ok || prev.Scanned.IsZero() {
		return off
	}
	merged := *prev
	merged.Online, merged.Offline, merged.Warning = false, off.Offline, ""
	return &merged
}

// checkVolume makes sure the drive at a database's root is the one the
// catalog knows for it.
func (s *Session) checkVolume(snap *index.Snapshot) error {
	if s.Catalog == nil {
		return nil
	}
	root, err := fsys.OpenRoot(snap.Database.Root)
	if err != nil {
		return err
	}
	defer root.Close()
	v, markedFor, err := catalog.VolumeOf(root, snap.Database.Name)
	if err != nil {
		return err
	}
	return s.Catalog.CheckVolume(snap.Database.Name, snap.Database.Root, v, markedFor)
}

// noteAges says once per database, on stderr, when an answer comes from a
// scan older than max-age or from a database offline now.
func (s *Session) noteAges(now time.Time) {
	for _, d := range s.Layout.Databases {
		if snap, ok := s.Index.Snapshot(d.Name); ok {
			s.noteAge(snap, now)
		}
	}
}

// noteAge says, once, that a database's content is as last seen.
func (s *Session) noteAge(snap *index.Snapshot, now time.Time) {
	name := snap.Database.Name
	if snap.Scanned.IsZero() || s.told[name] {
		return
	}
	switch {
	case !snap.Online:
		s.Warnf("database %s is offline: %s; what it holds is as last seen, %s", name, snap.Offline, when(snap.Scanned, now))
	case now.Sub(snap.Scanned) >= s.MaxAge:
		s.Warnf("%s as of %s", name, when(snap.Scanned, now))
	default:
		return
	}
	s.tell(name)
}

// tell notes that what is odd about a database (offline, or as of an old
// scan) was said, so that it is said once.
func (s *Session) tell(name string) {
	if s.told == nil {
		s.told = map[string]bool{}
	}
	s.told[name] = true
}

// offlineNow is a remembered snapshot of a database whose root cannot be
// reached now: the same content, marked offline.
func offlineNow(snap *index.Snapshot, err error) *index.Snapshot {
	off := *snap
	off.Online, off.Warning = false, ""
	off.Offline = fsys.Reason(err)
	if errors.Is(err, fs.ErrNotExist) {
		off.Offline = "root " + snap.Database.Root + " not found"
	}
	return &off
}

// when says a past moment for people: "14:02, 3 h ago", or a date.
func when(t, now time.Time) string {
	t = t.Local()
	age := now.Sub(t)
	switch {
	case age < time.Minute:
		return t.Format("15:04") + ", just now"
	case age < time.Hour:
		return fmt.Sprintf("%s, %d min ago", t.Format("15:04"), int(age.Minutes()))
	case age < 24*time.Hour:
		return fmt.Sprintf("%s, %d h ago", t.Format("15:04"), int(age.Hours()))
	}
	return t.Format("2006-01-02")
}
