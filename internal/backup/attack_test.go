package backup

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/bcnvisuals/autobackup/internal/fsys"
)

// contents returns every regular file's content hash below root, with how
// often each occurs: what must never go missing from a destination.
func contents(t *testing.T, root string) map[string]int {
	t.Helper()
	out := map[string]int{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			out[fmt.Sprintf("%x", sha256.Sum256(b))]++
		}
		return nil
	})
	must(t, err)
	return out
}

// fileManifest is manifest without folders, whose times change as other
// programs rename things inside them.
func fileManifest(t *testing.T, root string) []string {
	return slices.DeleteFunc(manifest(t, root), func(line string) bool { return strings.Contains(line, " d") })
}

// names lists the regular files below root, relative to it.
func names(t *testing.T, root string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			rel, _ := filepath.Rel(root, p)
			out = append(out, rel)
		}
		return nil
	})
	slices.Sort(out)
	return out
}

// raceTime is how long each racing test loops: short in make test, long
// in make test-long.
func raceTime() time.Duration {
	if testing.Short() {
		return 300 * time.Millisecond
	}
	return 20 * time.Second
}

// checkSameFiles checks that every file below src is at dst with the same
// content.
func checkSameFiles(t *testing.T, src, dst string) {
	t.Helper()
	for _, rel := range names(t, src) {
		a, _ := os.ReadFile(filepath.Join(src, rel))
		b, err := os.ReadFile(filepath.Join(dst, rel))
		if err != nil || string(a) != string(b) {
			t.Fatalf("%s: %q at the destination, %q at the source (%v)", rel, b, a, err)
		}
	}
}

// TestRunSourceRewrittenInPlace (issue 7, item 2): a source file rewritten
// in place while it is read, with its modification time set back, is
// reported as changed and never published.
func TestRunSourceRewrittenInPlace(t *testing.T) {
	content := strings.Repeat("a", 3<<20)
	from, to, loc := studio(t, tree{"a": content}, nil)
	p, err := Make(context.Background(), from, to, []Location{loc}, Options{Jobs: 1})
	must(t, err)
	src := filepath.Join(loc.Source, "a")
	var once sync.Once
	rewrite := func(w io.Writer) io.Writer {
		return writeHook{w, func() {
			once.Do(func() {
				f, err := os.OpenFile(src, os.O_WRONLY, 0)
				must(t, err)
				_, err = f.WriteAt([]byte(strings.Repeat("b", 3<<20)), 0)
				must(t, err)
				f.Close()
				must(t, os.Chtimes(src, stamp, stamp))
			})
		}}
	}
	res, err := runTest(context.Background(), p, rewrite)
	must(t, err)
	if len(res.Changed) != 1 || res.Copied != 0 {
		t.Fatalf("result %+v", res)
	}
	if _, err := os.Lstat(filepath.Join(to, loc.Dest, "a")); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("a torn copy reached its final name: %v", err)
	}
}

// TestMakeSkipsTempNames (issue 7, item 3): another copy's temp files in
// the source are not data.
func TestMakeSkipsTempNames(t *testing.T) {
	from, to, loc := studio(t, tree{"a": "1", "d/.autobackup-0123456789abcdef.tmp": "partial"}, nil)
	_, res, err := copyAll(t, from, to, loc, Options{})
	must(t, err)
	if res.Copied != 1 {
		t.Fatalf("copied %d files, want 1", res.Copied)
	}
	if temps := findTemps(t, to); len(temps) != 0 {
		t.Fatalf("a temp file of the source was copied: %q", temps)
	}
}

// TestRunSourceVanishes (issue 7, item 4): a source folder renamed away
// during the copy fails the location, and its folders keep the mode that
// lets a later run finish.
func TestRunSourceVanishes(t *testing.T) {
	src := tree{}
	for i := range 40 {
		src[fmt.Sprintf("d%d/f%02d", i%4, i)] = itoa(i)
	}
	from, to, loc := studio(t, src, nil)
	must(t, os.Chmod(filepath.Join(loc.Source, "d1"), 0o555))
	p, err := Make(context.Background(), from, to, []Location{loc}, Options{Jobs: 1})
	must(t, err)
	var once sync.Once
	vanish := func(w io.Writer) io.Writer {
		return writeHook{w, func() {
			once.Do(func() { must(t, os.Rename(loc.Source, loc.Source+".moved")) })
		}}
	}
	res, err := runTest(context.Background(), p, vanish)
	must(t, err)
	if len(res.Failed) == 0 {
		t.Fatalf("the source vanished, yet: copied %d, failed %q, warnings %q", res.Copied, res.Failed, res.Warnings)
	}
	if fi, err := os.Stat(filepath.Join(to, loc.Dest, "d1")); err == nil && fi.Mode().Perm()&0o200 == 0 {
		t.Fatalf("an incomplete location's folder got its final mode %v", fi.Mode())
	}
	if _, err := os.Stat(filepath.Join(to, loc.Dest, fsys.Unfinished)); err != nil {
		t.Fatalf("an incomplete location lacks its unfinished marker: %v", err)
	}
}

// TestRunResumeSetsFolderModesAndTimes (issue 7, item 6): a copy that
// completes a location after an interrupted one gives every folder the
// source's mode and time, as one uninterrupted copy would.
func TestRunResumeSetsFolderModesAndTimes(t *testing.T) {
	from, to, loc := studio(t, tree{"ro/a": "1", "ro/sub/b": "22", "rw/c": "333"}, nil)
	dirTime := stamp.Add(-time.Hour)
	for _, d := range []string{"ro/sub", "ro", "rw", "."} {
		must(t, os.Chtimes(filepath.Join(loc.Source, d), dirTime, dirTime))
	}
	must(t, os.Chmod(filepath.Join(loc.Source, "ro/sub"), 0o555))
	must(t, os.Chmod(filepath.Join(loc.Source, "ro"), 0o555))
	p, err := Make(context.Background(), from, to, []Location{loc}, Options{Jobs: 1})
	must(t, err)
	full := func(w io.Writer) io.Writer { return &fullWriter{w: w, room: 0} }
	if _, err := runTest(context.Background(), p, full); err != nil {
		t.Fatal(err)
	}
	_, res, err := copyAll(t, from, to, loc, Options{})
	if err != nil || len(res.Failed) != 0 {
		t.Fatalf("resume: %+v, %v", res, err)
	}
	for _, d := range []string{"ro/sub", "ro", "rw", "."} {
		s, _ := os.Stat(filepath.Join(loc.Source, d))
		c, _ := os.Stat(filepath.Join(to, loc.Dest, d))
		if s.Mode() != c.Mode() || !s.ModTime().Equal(c.ModTime()) {
			t.Errorf("%s: %v %v at the destination, %v %v at the source", d, c.Mode(), c.ModTime(), s.Mode(), s.ModTime())
		}
	}
}

// TestMakeLongPaths (issue 7, item 13): a path longer than the system's
// PATH_MAX is copied like any other.
func TestMakeLongPaths(t *testing.T) {
	from, to, loc := studio(t, tree{"a": "1"}, nil)
	d, err := fsys.OpenRoot(loc.Source)
	must(t, err)
	seg := strings.Repeat("x", 200)
	for range 25 {
		next, err := fsys.MkdirOpen(d, seg, 0o755)
		must(t, err)
		d.Close()
		d = next
	}
	f, err := d.Create("deep.mov", 0o644)
	must(t, err)
	io.WriteString(f, "deep")
	f.Close()
	d.Close()
	p, err := Make(context.Background(), from, to, []Location{loc}, Options{})
	must(t, err)
	res, err := runTest(context.Background(), p, nil)
	if err != nil || res.Copied != 2 || len(res.Failed) != 0 {
		t.Fatalf("res %+v, %v", res, err)
	}
	d, err = fsys.OpenRoot(filepath.Join(to, loc.Dest))
	must(t, err)
	defer d.Close()
	deep, err := fsys.Walk(d, strings.TrimSuffix(strings.Repeat(seg+"/", 25), "/"))
	must(t, err)
	defer deep.Close()
	if e, err := deep.Lstat("deep.mov"); err != nil || e.Size != 4 {
		t.Fatalf("the deep file at the destination: %+v, %v", e, err)
	}
}

// TestRunOneBadFolder (issue 7, item 13): a folder that cannot be read
// fails its own files and its location; other locations are copied.
func TestRunOneBadFolder(t *testing.T) {
	from, to, loc := studio(t, tree{"good/a": "1", "bad/b": "2"}, nil)
	write(t, filepath.Join(from, "footage/acme/other"), tree{"c": "3"})
	loc2 := loc
	loc2.Project.Name, loc2.Source, loc2.Dest = "other", filepath.Join(from, "footage/acme/other"), "footage/acme/other"
	opts := Options{list: func(d fsys.Dir) ([]fsys.Entry, error) {
		if filepath.Base(d.Path()) == "bad" {
			return nil, &fs.PathError{Op: "readdir", Path: d.Path(), Err: unix.EIO}
		}
		return d.List()
	}}
	p, err := Make(context.Background(), from, to, []Location{loc, loc2}, opts)
	must(t, err)
	res, err := runTest(context.Background(), p, nil)
	must(t, err)
	if res.Copied != 2 || len(res.Failed) != 1 || !strings.Contains(res.Failed[0], "bad: could not be read: readdir: input/output error") {
		t.Fatalf("copied %d, failed %q", res.Copied, res.Failed)
	}
	if fi, err := os.Stat(filepath.Join(to, "footage/acme/other/c")); err != nil || fi.Size() != 1 {
		t.Fatalf("the other location was not copied: %v", err)
	}
	var done []string
	for _, e := range res.Events {
		if e.Kind == LocationDone {
			done = append(done, e.Path)
		}
	}
	if !slices.Equal(done, []string{"footage/acme/other"}) {
		t.Fatalf("locations done: %q, want only the complete one", done)
	}
}

// TestRunKeepsSpecialBitsAndHoles (issue 7, item 15): setuid, setgid and
// sticky bits are kept, and a sparse file stays sparse.
func TestRunKeepsSpecialBitsAndHoles(t *testing.T) {
	from, to, loc := studio(t, tree{"tool": "#!/bin/sh", "shared/": ""}, nil)
	must(t, os.Chmod(filepath.Join(loc.Source, "tool"), 0o755|fs.ModeSetuid|fs.ModeSetgid))
	must(t, os.Chmod(filepath.Join(loc.Source, "shared"), 0o777|fs.ModeSticky))
	sparse := filepath.Join(loc.Source, "sparse.img")
	f, err := os.Create(sparse)
	must(t, err)
	must(t, f.Truncate(64<<20))
	_, err = f.WriteAt([]byte("data in the middle"), 32<<20)
	must(t, err)
	f.Close()
	_, res, err := copyAll(t, from, to, loc, Options{})
	if err != nil || len(res.Failed) != 0 {
		t.Fatalf("res %+v, %v", res, err)
	}
	for _, name := range []string{"tool", "shared"} {
		s, _ := os.Stat(filepath.Join(loc.Source, name))
		c, _ := os.Stat(filepath.Join(to, loc.Dest, name))
		if s.Mode() != c.Mode() {
			t.Errorf("%s: mode %v at the destination, %v at the source", name, c.Mode(), s.Mode())
		}
	}
	var st unix.Stat_t
	must(t, unix.Stat(filepath.Join(to, loc.Dest, "sparse.img"), &st))
	if st.Blocks*512 > 1<<20 {
		t.Errorf("the sparse file takes %d bytes at the destination", st.Blocks*512)
	}
}

// TestMakeComparesAtPrecision (issue 7, item 16): a file whose time has no
// nanoseconds on one side is not the same as one a fraction of a second
// later, where both databases keep nanoseconds.
func TestMakeComparesAtPrecision(t *testing.T) {
	from, to, loc := studio(t, tree{"a": "new"}, tree{"a": "old"})
	whole := stamp.Truncate(time.Second)
	must(t, os.Chtimes(filepath.Join(loc.Source, "a"), whole, whole.Add(500*time.Millisecond)))
	must(t, os.Chtimes(filepath.Join(to, loc.Dest, "a"), whole, whole))
	p, err := Make(context.Background(), from, to, []Location{loc}, Options{})
	must(t, err)
	if got := ops(p); !slices.ContainsFunc(got, func(op string) bool { return strings.HasPrefix(op, "conflict a:") }) {
		t.Fatalf("plan %q: a different file in the same second was called identical", got)
	}
}

// TestRunCrossingCopies (issue 7, item 3): two copies in opposite
// directions at once never take each other's temp files for data: when
// both are done, each side holds every file of both, exactly, and no
// temp file is left anywhere.
func TestRunCrossingCopies(t *testing.T) {
	deadline := time.Now().Add(raceTime())
	for round := 0; time.Now().Before(deadline) || round < 2; round++ {
		a, b := tree{}, tree{}
		for i := range 80 {
			a[fmt.Sprintf("day%d/a%03d.mov", i%4, i)] = strings.Repeat("a", 1000+i)
			b[fmt.Sprintf("day%d/b%03d.mov", i%4, i)] = strings.Repeat("b", 1000+i)
		}
		from, to, loc := studio(t, a, b)
		back := loc
		back.Source = filepath.Join(to, loc.Dest)
		var wg sync.WaitGroup
		for _, dir := range []struct {
			from, to string
			loc      Location
		}{{from, to, loc}, {to, from, back}} {
			wg.Go(func() {
				for try := 0; try < 20; try++ { // until it completes: it may find the other's temps mid-way
					p, err := Make(context.Background(), dir.from, dir.to, []Location{dir.loc}, Options{Jobs: 2})
					if err != nil {
						t.Errorf("round %d: plan: %v", round, err)
						return
					}
					res, err := Run(context.Background(), p, nil)
					if errors.Is(err, ErrBusy) {
						continue
					}
					if err != nil {
						t.Errorf("round %d: run: %v", round, err)
						return
					}
					if res.Complete() && res.Copied+res.Skipped >= 160 {
						return
					}
				}
			})
		}
		wg.Wait()
		for _, side := range []string{loc.Source, back.Source} {
			got := names(t, side)
			if len(got) != 160 {
				t.Fatalf("round %d: %s holds %d files, want the 160 of both: %q", round, side, len(got), got)
			}
		}
		checkSameFiles(t, loc.Source, back.Source)
		if temps := append(findTemps(t, from), findTemps(t, to)...); len(temps) != 0 {
			t.Fatalf("round %d: temp files left or copied as data: %q", round, temps)
		}
	}
}
