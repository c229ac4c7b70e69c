package cmd

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/bcnvisuals/autobackup/internal/index"
)

func TestFetch(t *testing.T) {
	// NAS holds an older part of acme/spot's project: marked, not a copy.
	spot := "acme/spot\n" +
		"  CATEGORY  WORK        NAS          OFF      COPIES\n" +
		"  project   150 B (2)   ~ 100 B (1)  offline       1\n" +
		"  footage   1.0 kB (1)  —            offline       1\n"
	tests := []struct {
		line    string
		want    string
		wantErr string
	}{
		{line: "fetch acme/spot", want: spot},
		{line: "fetch project acme/spot", want: spot},
		{line: "fetch project acme/s*t", want: spot},
		{line: "fetch zeta/one", want: "zeta/one\n" +
			"  CATEGORY  WORK  NAS       OFF      COPIES\n" +
			"  project   —     —         offline       0\n" +
			"  footage   —     10 B (1)  offline       1\n"},
		{line: "fetch client acme", want: "" +
			"PROJECT      CATEGORY    WORK        NAS          OFF      COPIES\n" +
			"acme/shot2   project     2 B (1)     —            offline       1\n" +
			"acme/shot10  project     1 B (1)     —            offline       1\n" +
			"acme/spot    project     150 B (2)   ~ 100 B (1)  offline       1\n" +
			"             footage     1.0 kB (1)  —            offline       1\n" +
			"acme total   3 projects  1.2 kB (5)  100 B (1)    offline\n"},
		{line: "fetch --sort size client acme", want: "" +
			"PROJECT      CATEGORY    WORK        NAS          OFF      COPIES\n" +
			"acme/spot    project     150 B (2)   ~ 100 B (1)  offline       1\n" +
			"             footage     1.0 kB (1)  —            offline       1\n" +
			"acme/shot2   project     2 B (1)     —            offline       1\n" +
			"acme/shot10  project     1 B (1)     —            offline       1\n" +
			"acme total   3 projects  1.2 kB (5)  100 B (1)    offline\n"},
		{line: "fetch --sort age all", wantErr: `--sort "age": want name or size`},
		{line: "fetch client nobody", wantErr: `no client "nobody" in any database`},
		{line: "fetch acme/sp?", wantErr: `no project matches "acme/sp?"`},
		{line: "fetch acme/spt", wantErr: `no project "acme/spt" in any database (did you mean "acme/spot"?)`},
		{line: "fetch acme/spot/x", wantErr: `"acme/spot/x" is not CLIENT/PROJECT`},
		{line: "fetch", wantErr: "usage: fetch [--sort KEY] all | fetch [--sort KEY] client CLIENT | fetch project CLIENT/PROJECT | fetch CLIENT/PROJECT"},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			s, out, _ := studio(t)
			err := Run(context.Background(), s, tt.line)
			if errString(err) != tt.wantErr {
				t.Fatalf("error = %v, want %q", err, tt.wantErr)
			}
			if out.String() != tt.want {
				t.Fatalf("output\n%s\nwant\n%s", out, tt.want)
			}
		})
	}
}

func TestFetchAllCoversEveryProject(t *testing.T) {
	s, out, _ := studio(t)
	s.JSON = true
	if err := Run(context.Background(), s, "fetch all"); err != nil {
		t.Fatal(err)
	}
	var got map[string][]fetchProjectJSON
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if n := len(got["projects"]); n != 5 {
		t.Fatalf("fetch all --json has %d projects, want 5", n)
	}
}

func TestFetchJSON(t *testing.T) {
	s, out, _ := studio(t)
	stamp := time.Date(2026, 5, 4, 3, 2, 1, 0, time.UTC)
	for _, p := range []string{"NAS/footage/zeta/one/A001.mov", "NAS/footage/zeta/one"} {
		if err := os.Chtimes(filepath.Join(s.Dir, p), stamp, stamp); err != nil {
			t.Fatal(err)
		}
	}
	if err := Run(context.Background(), s, "load"); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	s.JSON = true
	if err := Run(context.Background(), s, "fetch zeta/one"); err != nil {
		t.Fatal(err)
	}
	want := `{"projects":[{"project":"zeta/one","locations":[{"database":"NAS","category":"footage","path":"` +
		filepath.Join(s.Dir, "NAS/footage/zeta/one") + `","bytes":10,"files":1,"modified":"2026-05-04T03:02:01Z","state":"copy"}]}]}` + "\n"
	if out.String() != want {
		t.Fatalf("got  %s\nwant %s", out, want)
	}
}

// BenchmarkFetchAll times fetch all over an index of 10,000 projects in 3
// databases and 4 categories, once loaded.
func BenchmarkFetchAll(b *testing.B) {
	s := benchSession(b, 10_000)
	b.ResetTimer()
	for b.Loop() {
		if err := Run(context.Background(), s, "fetch all"); err != nil {
			b.Fatal(err)
		}
	}
}

// benchSession returns a session whose index holds n projects spread over
// 3 databases and 4 categories, built in memory.
func benchSession(b *testing.B, n int) *Session {
	s := NewSession(io.Discard, io.Discard)
	dbs := []string{"WORK", "STORAGE", "NAS"}
	cats := []string{"project", "footage", "render", "cache"}
	for _, d := range dbs {
		s.Layout.Databases = append(s.Layout.Databases, index.Database{Name: d, Root: "/studio/" + d})
	}
	for _, c := range cats {
		s.Layout.Categories = append(s.Layout.Categories, index.Category{Name: c, Path: c})
	}
	var snaps []*index.Snapshot
	for i := range dbs {
		snap := &index.Snapshot{Database: s.Layout.Databases[i], Online: true, Categories: map[string]index.Clients{}}
		for j, c := range cats {
			clients := index.Clients{}
			for p := range n {
				if (p+i+j)%3 == 0 {
					continue // each location is missing somewhere
				}
				client := fmt.Sprintf("client%03d", p%200)
				if clients[client] == nil {
					clients[client] = index.Projects{}
				}
				clients[client][fmt.Sprintf("project%05d", p)] = &index.Stats{Bytes: int64(p) << 20, Files: int64(p % 1000), Modified: time.Unix(int64(p), 0)}
			}
			snap.Categories[c] = clients
		}
		snaps = append(snaps, snap)
	}
	s.Index = index.New(snaps...)
	if got := len(s.Index.Projects("")); got != n {
		b.Fatalf("built %d projects, want %d", got, n)
	}
	return s
}

// BenchmarkFetchGrids is BenchmarkFetchAll's index shown as a table per
// project (fetch '*/*'), for comparison with the one table of fetch all.
func BenchmarkFetchGrids(b *testing.B) {
	s := benchSession(b, 10_000)
	b.ResetTimer()
	for b.Loop() {
		if err := Run(context.Background(), s, "fetch */*"); err != nil {
			b.Fatal(err)
		}
	}
}
