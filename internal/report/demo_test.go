package report

import (
	"math/rand/v2"
	"strings"
	"time"
)

// The demo studio of internal/tools/genstudio (its clients, projects,
// databases and categories), at the sizes of a real studio, with one of
// each state: the model of docs/report.png and of the golden pages.

var demoZone = time.FixedZone("CEST", 2*60*60)

func demoTime(day, hour, minute int) time.Time {
	return time.Date(2026, 9, day, hour, minute, 0, 0, demoZone)
}

// demoPlacement is genstudio's: which databases hold which categories.
var demoPlacement = []struct {
	client, project string
	where           map[string]string
}{
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

// demoSizes are each category's range of sizes, in bytes, and of files.
var demoSizes = map[string]struct{ bytes, files int64 }{
	"project": {900e6, 40}, "footage": {640e9, 900}, "render": {210e9, 6000}, "cache": {90e9, 2500},
}

// demoChanges are the cells that are not plain copies.
var demoChanges = map[string]Cell{
	"acme/spot_30s render NAS":             {State: Incomplete, Note: "2,140 of 5,310 files, 96 GB of 241 GB"},
	"acme/brand film project WORK":         {State: Stale, Note: "older: modified 09-12, the newest 09-29"},
	"Blue Whale Films/doc_ep1 footage NAS": {State: Differs, Note: "3 files differ in size"},
	"nordlicht/shot2 project NAS":          {State: Stale, Note: "older by 2 days"},
}

func demoStudio() Studio {
	s := Studio{
		Title:     "BCN Visuals · storage report",
		Generated: demoTime(30, 18, 42),
		Minimum:   2,
		Databases: []Database{
			{Name: "WORK", Root: "/studio/WORK", Online: true, LastSeen: demoTime(30, 18, 41),
				LastScan: demoTime(30, 18, 41), ScanTook: 41300 * time.Millisecond, Used: 6_120e9, Free: 1_880e9, Total: 8_000e9},
			{Name: "STORAGE", Root: "/mnt/STORAGE/Projects", Offline: "root /mnt/STORAGE/Projects not found",
				LastSeen: demoTime(27, 19, 2), LastScan: demoTime(27, 19, 2), ScanTook: 3*time.Minute + 12*time.Second},
			{Name: "NAS", Root: "/mnt/NAS", Online: true, LastSeen: demoTime(30, 18, 42),
				LastScan: demoTime(30, 18, 42), ScanTook: 97 * time.Second, Used: 22_460e9, Free: 1_540e9, Total: 24_000e9},
		},
		Categories: []Category{
			{Name: "project", Path: "project", MinCopies: 2}, {Name: "footage", Path: "footage", MinCopies: 2},
			{Name: "render", Path: "scratch/render", MinCopies: 2}, {Name: "cache", Path: "scratch/cache", MinCopies: 0},
		},
	}
	online := map[string]bool{"WORK": true, "NAS": true}
	for i, pl := range demoPlacement {
		p := Project{Client: pl.client, Name: pl.project, Cells: map[string]map[string]Cell{}}
		for _, c := range s.Categories {
			dbs := strings.Fields(pl.where[c.Name])
			if len(dbs) == 0 {
				continue
			}
			rng := rand.New(rand.NewPCG(uint64(i), uint64(len(c.Name))))
			r := demoSizes[c.Name]
			base := Cell{State: Copy, Bytes: r.bytes/5 + rng.Int64N(r.bytes), Files: r.files/5 + rng.Int64N(r.files),
				Modified: demoTime(1+rng.IntN(28), 9+rng.IntN(9), rng.IntN(60))}
			if rng.IntN(3) > 0 {
				base.Verified = base.Modified.Add(time.Duration(2+rng.IntN(40)) * time.Hour)
			}
			p.Cells[c.Name] = map[string]Cell{}
			for _, db := range dbs {
				cell := base
				if ch, ok := demoChanges[pl.client+"/"+pl.project+" "+c.Name+" "+db]; ok {
					cell.State, cell.Note = ch.State, ch.Note
					cell.Verified = time.Time{}
				}
				if !online[db] {
					cell.State = Offline
				}
				p.Cells[c.Name][db] = cell
			}
		}
		s.Projects = append(s.Projects, p)
	}
	// A render copy begun on NAS and interrupted.
	spot := s.Projects[0].Cells["render"]
	work := spot["WORK"]
	part := Cell{State: Incomplete, Bytes: work.Bytes * 2 / 5, Files: work.Files * 2 / 5, Modified: work.Modified}
	part.Note = count(part.Files) + " of " + count(work.Files) + " files, " + size(part.Bytes) + " of " + size(work.Bytes)
	spot["NAS"] = part
	return s
}

// demoTransfer is a copy of two projects to two databases, with a
// conflict, a failure and a warning.
func demoTransfer() Transfer {
	start := demoTime(30, 21, 5)
	return Transfer{
		Kind: "copy", Command: `copy "acme/*" all WORK NAS STORAGE`,
		From: "WORK", To: []string{"NAS", "STORAGE"},
		Started: start, Finished: start.Add(47*time.Minute + 13*time.Second),
		Hash: "xxh3-128 (XXH128)", HashSummary: "XXH128 of the 9,214 file hashes: 4f1c0e9a2b7d5566e0a1c3f27b9d8e10",
		Locations: []TransferLocation{
			{Project: "acme/spot_30s", Category: "footage", To: "NAS", Files: 412, Bytes: 612e9, Skipped: 380, SkippedBytes: 540e9, Verified: 412},
			{Project: "acme/spot_30s", Category: "footage", To: "STORAGE", Files: 792, Bytes: 1_152e9, Verified: 792},
			{Project: "acme/spot_30s", Category: "render", To: "NAS", Files: 3170, Bytes: 145e9, Skipped: 2140, SkippedBytes: 96e9, Verified: 3169,
				Failed:    []string{"v003/frame_1044.exr: read back: hash differs from the source's"},
				Conflicts: []string{"v003/frame_0001.exr", "v003/comp notes <final>.txt"}},
			{Project: "acme/teaser", Category: "project", To: "NAS", Files: 38, Bytes: 812e6, Verified: 38,
				Warnings: []string{"sockets/render.sock: a socket, not copied"}},
			{Project: "acme/teaser", Category: "project", To: "STORAGE", Files: 38, Bytes: 812e6, Verified: 38},
		},
	}
}
