package cmd

import (
	"fmt"
	"time"

	"github.com/bcnvisuals/autobackup/internal/index"
	"github.com/bcnvisuals/autobackup/internal/table"
	"github.com/bcnvisuals/autobackup/internal/units"
)

// loadJSON is the --json form of load's summary.
type loadJSON struct {
	Databases []loadDatabaseJSON `json:"databases"`
	Seconds   float64            `json:"seconds"`
}

type loadDatabaseJSON struct {
	Name       string          `json:"name"`
	Path       string          `json:"path"`
	Online     bool            `json:"online"`
	Offline    string          `json:"offline,omitempty"`
	Clients    int             `json:"clients"`
	Projects   int             `json:"projects"`
	Bytes      int64           `json:"bytes"`
	Files      int64           `json:"files"`
	Errors     int             `json:"errors"`
	Unreadable []pathErrorJSON `json:"unreadable,omitempty"`
}

type pathErrorJSON struct {
	Path  string `json:"path"`
	Error string `json:"error"`
}

func reportLoad(s *Session, snaps, kept []*index.Snapshot, elapsed time.Duration, verbose bool) error {
	now := time.Now()
	for _, snap := range snaps {
		switch {
		case !snap.Online && !snap.Scanned.IsZero():
			s.noteAge(snap, now) // once: what it holds is as last seen
		case !snap.Online && s.InConfig && s.told[snap.Database.Name]:
			// said when the config file added it
		case !snap.Online:
			s.Warnf("database %s is offline: %s", snap.Database.Name, snap.Offline)
		case snap.Warning != "":
			s.Warnf("database %s: %s", snap.Database.Name, snap.Warning)
		}
	}
	return s.show(loadOutput{s.Index, append(snaps, kept...), elapsed, verbose})
}

// loadOutput is what load prints: a summary line, and with -v the paths
// that could not be read.
type loadOutput struct {
	ix      *index.Index
	snaps   []*index.Snapshot
	elapsed time.Duration
	verbose bool
}

func (o loadOutput) writeText(s *Session) error {
	s.Printf("%s\n", loadSummary(o.ix, o.snaps, o.elapsed))
	if o.verbose {
		for _, snap := range o.snaps {
			for _, e := range snap.Errors {
				s.Printf("%s: %v\n", table.Escape(e.Path), e.Err)
			}
		}
	}
	return nil
}

func (o loadOutput) jsonValue() any {
	out := loadJSON{Databases: []loadDatabaseJSON{}, Seconds: o.elapsed.Seconds()}
	for _, snap := range o.snaps {
		t := o.ix.Totals(snap.Database.Name)
		d := loadDatabaseJSON{
			Name: snap.Database.Name, Path: snap.Database.Root,
			Online: snap.Online, Offline: snap.Offline,
			Clients: t.Clients, Projects: t.Projects, Bytes: t.Bytes, Files: t.Files,
			Errors: len(snap.Errors),
		}
		if o.verbose {
			for _, e := range snap.Errors {
				d.Unreadable = append(d.Unreadable, pathErrorJSON{e.Path, e.Err.Error()})
			}
		}
		out.Databases = append(out.Databases, d)
	}
	return out
}

// loadSummary is the one line a load prints.
func loadSummary(ix *index.Index, snaps []*index.Snapshot, elapsed time.Duration) string {
	online, errs := 0, 0
	names := make([]string, len(snaps))
	for i, snap := range snaps {
		if snap.Online {
			online++
		}
		errs += len(snap.Errors)
		names[i] = snap.Database.Name
	}
	t := ix.Sum(names...)
	dbs := fmt.Sprintf("%s (%d online, %d offline)", plural(len(snaps), "database"), online, len(snaps)-online)
	line := fmt.Sprintf("loaded %s: %s, %s, %s in %s in %s", dbs,
		plural(t.Clients, "client"), plural(t.Projects, "project"),
		units.Bytes(t.Bytes), plural(int(t.Files), "file"), roundDuration(elapsed))
	if t.Projects == 0 {
		line = fmt.Sprintf("No projects were found in %s", dbs)
	}
	if errs > 0 {
		line += fmt.Sprintf("; %s could not be read (load -v lists them)", plural(errs, "path"))
	}
	return line
}
