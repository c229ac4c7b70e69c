package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bcnvisuals/autobackup/internal/catalog"
	"github.com/bcnvisuals/autobackup/internal/index"
)

var benchCategories = []string{"project", "footage", "render", "cache"}

// bigStudio writes a config of 5 databases and 4 categories, and a catalog
// holding 10,000 projects in each category of each (200,000 locations),
// scanned a moment ago: what a studio's start-up reads.
func bigStudio(b *testing.B) (config, cat string) {
	b.Helper()
	dir := b.TempDir()
	cat = filepath.Join(dir, "catalog.db")
	c, err := catalog.Open(cat, time.Now())
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	var lines []string
	for d := range 5 {
		name := fmt.Sprintf("DB%d", d)
		root := filepath.Join(dir, name)
		if err := os.Mkdir(root, 0o755); err != nil {
			b.Fatal(err)
		}
		lines = append(lines, fmt.Sprintf("add database %s %s", name, root))
		if err := c.Save(bigSnapshot(name, root), time.Second, time.Now()); err != nil {
			b.Fatal(err)
		}
	}
	for _, cat := range benchCategories {
		lines = append(lines, fmt.Sprintf("add category %s %s", cat, cat))
	}
	lines = append(lines, "load")
	config = filepath.Join(dir, ".config")
	if err := os.WriteFile(config, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	return config, cat
}

func bigSnapshot(name, root string) *index.Snapshot {
	now := time.Now()
	s := &index.Snapshot{Database: index.Database{Name: name, Root: root}, Online: true, Scanned: now,
		Categories: map[string]index.Clients{}}
	for _, cat := range benchCategories {
		clients := index.Clients{}
		for p := range 10000 {
			client := fmt.Sprintf("client%03d", p/100)
			if clients[client] == nil {
				clients[client] = index.Projects{}
			}
			clients[client][fmt.Sprintf("project%05d", p)] = &index.Stats{Bytes: int64(p) << 20, Files: int64(p),
				Modified: now, Newest: now, Fingerprint: uint64(p) * 7919}
		}
		s.Categories[cat] = clients
	}
	return s
}

// benchRun runs autobackup with args against the big studio, b.N times.
func benchRun(b *testing.B, args ...string) {
	config, cat := bigStudio(b)
	args = append([]string{"--config", config, "--catalog", cat}, args...)
	for b.Loop() {
		if code := run(args, os.Stdin, io.Discard, io.Discard); code != exitOK {
			b.Fatalf("exit %d", code)
		}
	}
}

// BenchmarkStartup is a start-up to the first prompt from a catalog of
// 10,000 projects × 4 categories × 5 databases: open the catalog, run the
// config file (whose load takes every database from the catalog), and one
// command that prints nothing. Target: under 100 ms.
func BenchmarkStartup(b *testing.B) { benchRun(b, "set", "copies", "2") }

// BenchmarkFetchAllFromCatalog is the same start-up, then fetch all: every
// project's grid, 10,000 of them.
func BenchmarkFetchAllFromCatalog(b *testing.B) { benchRun(b, "fetch", "all") }
