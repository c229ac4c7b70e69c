package catalog

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/bcnvisuals/autobackup/internal/index"
)

// studio makes a database's snapshot of 10,000 projects in 100 clients
// and 4 categories: one fifth of the start-up BenchmarkLoad reads.
func studio(name string) *index.Snapshot {
	s := &index.Snapshot{Database: index.Database{Name: name, Root: "/studio/" + name}, Online: true, Scanned: t0,
		Categories: map[string]index.Clients{}}
	for _, cat := range []string{"project", "footage", "render", "cache"} {
		clients := index.Clients{}
		for p := range 10000 {
			client := fmt.Sprintf("client%03d", p/100)
			if clients[client] == nil {
				clients[client] = index.Projects{}
			}
			clients[client][fmt.Sprintf("project%05d", p)] = &index.Stats{Bytes: int64(p) << 20, Files: int64(p),
				Modified: t0, Newest: t0, Fingerprint: uint64(p) * 7919}
		}
		s.Categories[cat] = clients
	}
	return s
}

// BenchmarkLoad reads a catalog of 5 databases × 10,000 projects × 4
// categories (200,000 locations) and builds the index from it: what a
// start-up does before its first prompt (target: under 100 ms).
func BenchmarkLoad(b *testing.B) {
	path := filepath.Join(b.TempDir(), "c.db")
	c, err := Open(path, t0)
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	for d := range 5 {
		if err := c.Save(studio(fmt.Sprintf("DB%d", d)), time.Second, t0); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		stored, err := c.Load()
		if err != nil {
			b.Fatal(err)
		}
		snaps := make([]*index.Snapshot, len(stored))
		for i, s := range stored {
			snaps[i] = s.Snapshot
		}
		index.New(snaps...)
	}
}

// BenchmarkSave saves one database of 40,000 locations.
func BenchmarkSave(b *testing.B) {
	c, err := Open(filepath.Join(b.TempDir(), "c.db"), t0)
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	s := studio("WORK")
	for b.Loop() {
		if err := c.Save(s, time.Second, t0); err != nil {
			b.Fatal(err)
		}
	}
}
