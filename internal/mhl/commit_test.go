package mhl

import (
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// The dates of the reference tool's example runs, and of their media.
var (
	gen1Date = time.Date(2020, 1, 16, 9, 15, 0, 0, time.UTC)
	gen2Date = time.Date(2020, 1, 17, 14, 30, 0, 0, time.UTC)
	fileDate = time.Date(2020, 1, 15, 13, 0, 0, 0, time.UTC)
)

// refCreator is the creator info of the example runs.
func refCreator(d time.Time) Creator {
	return Creator{Date: d, Hostname: "myHost.local", Tool: "ascmhl.py", ToolVersion: "0.3 alpha"}
}

// seal reads the history of dir, seals dir and commits the generation,
// after fix (when not nil) has adjusted it. It returns the updated history.
func seal(t *testing.T, dir string, formats []Format, c Creator, fix func(*Generation)) (*History, *Committed) {
	t.Helper()
	o := openDirFS(t, dir)
	h, err := Read(o, o.Name())
	if err != nil {
		t.Fatal(err)
	}
	s, err := Seal(context.Background(), h, o, c.Date, SealOptions{Formats: formats})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Failed)+len(s.Missing) > 0 {
		t.Fatalf("sealing %s: failed %q, missing %q", dir, s.Failed, s.Missing)
	}
	s.Generation.Process, s.Generation.Creator = InPlace, c
	if fix != nil {
		fix(&s.Generation)
	}
	done, err := Commit(context.Background(), h, o, s.Generation)
	if err != nil {
		t.Fatal(err)
	}
	return h, done
}

// atFileDate gives every file and folder the example media's date.
func atFileDate(g *Generation) {
	for i := range g.Files {
		g.Files[i].Modified = fileDate
	}
	for i := range g.Dirs {
		g.Dirs[i].Modified = fileDate
	}
}

// media copies the example media, without their history, to a new
// folder named A002R2EC and returns its path.
func media(t *testing.T) string {
	t.Helper()
	dir := copyTree(t, example("scenario_01", "travel_01"))
	if err := os.RemoveAll(filepath.Join(dir, FolderName)); err != nil {
		t.Fatal(err)
	}
	return dir
}

// sameFile fails t unless the files at got and want hold the same bytes.
func sameFile(t *testing.T, got, want string) {
	t.Helper()
	g, err1 := os.ReadFile(got)
	w, err2 := os.ReadFile(want)
	if err1 != nil || err2 != nil {
		t.Fatalf("reading: %v, %v", err1, err2)
	}
	if string(g) != string(w) {
		t.Errorf("%s differs from the reference tool's %s:\n--- got\n%s\n--- want\n%s", got, want, g, w)
	}
}

// Given what the reference tool was given, Seal and Commit write its
// files byte for byte: the generations and chains of its examples.
func TestCommitMatchesReferenceBytes(t *testing.T) {
	const gen1 = "0001_A002R2EC_2020-01-16_091500Z.mhl"
	const gen2 = "0002_A002R2EC_2020-01-17_143000Z.mhl"
	tests := []struct {
		scenario string
		second   []Format // formats of the second run, nil for none
	}{
		{"scenario_01", nil},
		{"scenario_02", []Format{XXH64}},
		{"scenario_03", []Format{MD5}},
	}
	for _, tt := range tests {
		dir := media(t)
		_, done := seal(t, dir, []Format{XXH64}, refCreator(gen1Date), atFileDate)
		if want := []string{"ascmhl/" + gen1}; !slices.Equal(done.Generations, want) {
			t.Errorf("%s: wrote %q, want %q", tt.scenario, done.Generations, want)
		}
		ref := filepath.Join(example(tt.scenario, "travel_01"), FolderName)
		if tt.second != nil {
			seal(t, dir, tt.second, refCreator(gen2Date), atFileDate)
			ref = filepath.Join(example(tt.scenario, "file_server"), FolderName)
			sameFile(t, filepath.Join(dir, FolderName, gen2), filepath.Join(ref, gen2))
		}
		sameFile(t, filepath.Join(dir, FolderName, gen1), filepath.Join(ref, gen1))
		sameFile(t, filepath.Join(dir, FolderName, ChainName), filepath.Join(ref, ChainName))
		schemaCheck(t, dir)
	}
}

// schemaCheck validates every history file below dir with xmllint
// against the ASC MHL schemas, or skips t when xmllint is missing.
func schemaCheck(t *testing.T, dir string) {
	t.Helper()
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		t.Skip("SKIPPED: xmllint is not installed, so the files this test wrote were NOT checked against " +
			"the ASC MHL schemas. Install libxml2-utils (.ci/run does) to run the check.")
	}
	xsd, _ := filepath.Abs(filepath.Join("testdata", "xsd"))
	n := 0
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Base(filepath.Dir(p)) != FolderName {
			return err
		}
		schema := filepath.Join(xsd, "ASCMHL.xsd")
		switch {
		case d.Name() == ChainName:
			schema = filepath.Join(xsd, "ASCMHLDirectory__combined.xsd")
		case !strings.HasSuffix(d.Name(), ".mhl"):
			return nil
		}
		n++
		if out, err := exec.Command(xmllint, "--nonet", "--noout", "--schema", schema, p).CombinedOutput(); err != nil {
			t.Errorf("%s does not validate: %v\n%s", p, err, out)
		}
		return nil
	})
	if err != nil || n == 0 {
		t.Fatalf("schema check of %s: %v, %d files", dir, err, n)
	}
}

func TestCommitRoundTrip(t *testing.T) {
	dir := media(t)
	c := Creator{
		Date: time.Date(2024, 5, 6, 7, 8, 9, 0, time.FixedZone("CEST", 2*3600)), Hostname: "dit-cart",
		Tool: "autobackup", ToolVersion: "1.2.3", Location: "Stage 5 & <B>", Comment: `said "ok"`,
		Authors: []Author{{Name: "Ana", Email: "ana@example.com", Role: "DIT"}, {Phone: "+34 600"}},
	}
	h, done := seal(t, dir, []Format{XXH128, C4, SHA1}, c, func(g *Generation) {
		g.Process = Transfer
		g.Ignore = []string{"*.tmp"}
		g.Files[0].Created = fileDate.Add(time.Microsecond)
		g.Files[0].Hashes[0].Date = c.Date.Add(123456 * time.Microsecond)
	})
	want := "ascmhl/0001_A002R2EC_2024-05-06_050809Z.mhl"
	if !slices.Equal(done.Generations, []string{want}) {
		t.Fatalf("wrote %q, want %q", done.Generations, want)
	}
	back, err := Read(os.DirFS(dir), "A002R2EC")
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Generations) != 1 || len(h.Generations) != 1 {
		t.Fatalf("%d generations read back, %d in memory", len(back.Generations), len(h.Generations))
	}
	got, mem := back.Generations[0], h.Generations[0]
	if got.C4 != mem.C4 || got.Name != mem.Name || got.Process != Transfer || !got.Creator.Date.Equal(c.Date) {
		t.Errorf("read back %+v, wrote %+v", got, mem)
	}
	gc := got.Creator
	gc.Date = c.Date
	if gc.Hostname != c.Hostname || gc.Location != c.Location || gc.Comment != c.Comment ||
		!slices.Equal(gc.Authors, c.Authors) || gc.Tool != c.Tool || gc.ToolVersion != c.ToolVersion {
		t.Errorf("creator read back as %+v, want %+v", gc, c)
	}
	if wantIg := append(DefaultIgnore(), "*.tmp"); !slices.Equal(got.Ignore, wantIg) {
		t.Errorf("ignore %q, want %q", got.Ignore, wantIg)
	}
	f := got.Files[0]
	if !f.Created.Equal(fileDate) || !f.Hashes[0].Date.Equal(c.Date.Add(123456*time.Microsecond)) || f.Hashes[0].Format != C4 {
		t.Errorf("first file read back as %+v", f)
	}
	for _, r := range back.Files() {
		if len(r.Original) != 3 || r.Original[1].Format != SHA1 {
			t.Errorf("%s: originals %+v", r.Path, r.Original)
		}
	}
	r, err := Verify(context.Background(), back, os.DirFS(dir), VerifyOptions{DirHashes: true})
	if err != nil || !r.OK() || r.Count(OK) != 3 {
		t.Errorf("verify after writing: %v, %q, %+v, %q", err, statuses(r), r.FailedDirs, r.Problems)
	}
	schemaCheck(t, dir)
}
