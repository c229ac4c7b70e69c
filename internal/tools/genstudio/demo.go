package main

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// demoConfig is the start-up file of the demo studio.
const demoConfig = `# The demo studio: three databases that have drifted apart.
add database WORK WORK/
add database STORAGE STORAGE/Projects/
add database NAS NAS/
add category project project/
add category footage footage/
add category render scratch/render/
add category cache scratch/cache/
load
`

// placement says which databases hold which categories of a project.
type placement struct {
	client, project string
	where           map[string]string // category -> databases, such as "WORK NAS"
}

var demoProjects = []placement{
	{"acme", "spot_30s", map[string]string{"project": "WORK NAS", "footage": "WORK NAS", "render": "WORK", "cache": "WORK"}},
	{"acme", "teaser", map[string]string{"project": "WORK", "footage": "WORK STORAGE"}},
	{"acme", "brand film", map[string]string{"project": "WORK NAS STORAGE", "footage": "NAS STORAGE", "render": "STORAGE"}},
	{"Blue Whale Films", "doc_ep1", map[string]string{"project": "WORK NAS", "footage": "WORK NAS", "render": "WORK NAS"}},
	{"Blue Whale Films", "doc_ep2", map[string]string{"project": "WORK", "footage": "WORK", "cache": "WORK"}},
	{"nordlicht", "shot2", map[string]string{"project": "WORK NAS", "render": "WORK"}},
	{"nordlicht", "shot10", map[string]string{"project": "WORK", "render": "WORK"}},
	{"Café Ünïcode", "été 2026", map[string]string{"project": "WORK", "footage": "WORK NAS"}},
	{"oldclient", "archive_2019", map[string]string{"project": "STORAGE", "footage": "STORAGE"}},
	{"oldclient", "archive_2020", map[string]string{"project": "STORAGE NAS", "footage": "STORAGE NAS"}},
	{"zeta", "promo", map[string]string{"project": "NAS", "footage": "NAS"}},
	{"zeta", "launch", map[string]string{"project": "WORK", "footage": "WORK", "render": "WORK", "cache": "WORK"}},
}

var demoRoots = map[string]string{"WORK": "WORK", "STORAGE": "STORAGE/Projects", "NAS": "NAS"}

var demoCategories = map[string]string{
	"project": "project", "footage": "footage", "render": "scratch/render", "cache": "scratch/cache",
}

// demoFiles lists the files of one category of a project: name and size.
func demoFiles(category string, rng *rand.Rand) map[string]int {
	files := map[string]int{}
	switch category {
	case "project":
		files["main.prj"] = 4<<10 + rng.IntN(16<<10)
		files["notes.txt"] = 200 + rng.IntN(2000)
	case "footage":
		for i := 1; i <= 2+rng.IntN(3); i++ {
			files[fmt.Sprintf("day%d/A%03d_C%03d.mov", 1+i/3, i, rng.IntN(40))] = 64<<10 + rng.IntN(192<<10)
		}
	case "render":
		for i := 1; i <= 3+rng.IntN(4); i++ {
			files[fmt.Sprintf("v001/frame_%04d.exr", i)] = 16<<10 + rng.IntN(48<<10)
		}
	case "cache":
		for i := 1; i <= 2+rng.IntN(3); i++ {
			files[fmt.Sprintf("sim/cache_%04d.bgeo", i)] = 8<<10 + rng.IntN(24<<10)
		}
	}
	return files
}

// writeDemo writes the demo studio into dir. Copies of one location are
// byte-identical with the same times, as a finished backup would be.
func writeDemo(dir string) error {
	stamp := time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC)
	for i, p := range demoProjects {
		for category, dbs := range p.where {
			rng := rand.New(rand.NewPCG(uint64(i), uint64(len(category))))
			files := demoFiles(category, rng)
			for _, db := range strings.Fields(dbs) {
				base := filepath.Join(dir, demoRoots[db], demoCategories[category], p.client, p.project)
				if err := writeFiles(base, files, uint64(i), stamp.Add(time.Duration(i)*time.Hour)); err != nil {
					return err
				}
			}
		}
	}
	if err := drift(dir, stamp); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(dir, "NAS", "project", ".Trashes"), 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, ".config"), []byte(demoConfig), 0o644)
}

// drift makes two of NAS's copies what a studio finds on a bad day: the
// footage of Blue Whale Films/doc_ep1 is an older copy that lacks a file,
// and one of its renders has a byte changed, same size and time (only
// verify sees it).
func drift(dir string, stamp time.Time) error {
	footage := filepath.Join(dir, "NAS", "footage", "Blue Whale Films", "doc_ep1")
	names, err := sortedFiles(footage)
	if err != nil {
		return err
	}
	if err := os.Remove(filepath.Join(footage, names[len(names)-1])); err != nil {
		return err
	}
	old := stamp.AddDate(0, -1, 0)
	for _, n := range names[:len(names)-1] {
		if err := os.Chtimes(filepath.Join(footage, n), old, old); err != nil {
			return err
		}
	}
	render := filepath.Join(dir, "NAS", "scratch", "render", "Blue Whale Films", "doc_ep1")
	names, err = sortedFiles(render)
	if err != nil {
		return err
	}
	p := filepath.Join(render, names[0])
	fi, err := os.Stat(p)
	if err != nil {
		return err
	}
	b, err := os.ReadFile(p)
	if err != nil {
		return err
	}
	b[len(b)/2] ^= 0xff
	if err := os.WriteFile(p, b, 0o644); err != nil {
		return err
	}
	return os.Chtimes(p, fi.ModTime(), fi.ModTime())
}

// sortedFiles lists the regular files below a folder, as paths from it,
// sorted.
func sortedFiles(dir string) ([]string, error) {
	var names []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			rel, _ := filepath.Rel(dir, p)
			names = append(names, rel)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(names) < 2 {
		return nil, fmt.Errorf("%s: %d files, want 2 or more to drift", dir, len(names))
	}
	return names, nil
}

// writeFiles writes files of pseudo-random bytes below base, seeded so
// that every copy gets the same content, and sets their times.
func writeFiles(base string, files map[string]int, seed uint64, mtime time.Time) error {
	for name, size := range files {
		path := filepath.Join(base, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, randomBytes(seed+uint64(len(name)), size), 0o644); err != nil {
			return err
		}
		if err := os.Chtimes(path, mtime, mtime); err != nil {
			return err
		}
	}
	return nil
}

func randomBytes(seed uint64, n int) []byte {
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	b := make([]byte, n)
	for i := 0; i < n; i += 8 {
		v := rng.Uint64()
		for j := 0; j < 8 && i+j < n; j++ {
			b[i+j] = byte(v >> (8 * j))
		}
	}
	return b
}
