package backup

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/bcnvisuals/autobackup/internal/fsys"
)

func TestRunCopiesEverything(t *testing.T) {
	src := tree{
		"a.mov": "aaaa", "day 1/b «é».mov": "bb", "empty/": "", "deep/er/c": "ccc",
		"link": "->a.mov", "broken": "->nowhere", "outside": "->../../../../../etc/passwd", "loop-a": "->loop-b", "loop-b": "->loop-a",
	}
	from, to, loc := studio(t, src, nil)
	must(t, os.Link(filepath.Join(loc.Source, "a.mov"), filepath.Join(loc.Source, "hard.mov")))
	must(t, os.Chmod(filepath.Join(loc.Source, "deep/er/c"), 0o640))
	must(t, os.Chmod(filepath.Join(loc.Source, "empty"), 0o750))
	dirTime := stamp.Add(-time.Hour)
	must(t, os.Chtimes(filepath.Join(loc.Source, "empty"), dirTime, dirTime))
	must(t, os.Chtimes(filepath.Join(loc.Source, "deep"), dirTime, dirTime))

	_, res, err := copyAll(t, from, to, loc, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := Result{Copied: 3, CopiedBytes: 9, Verified: 3, Links: 1, Symlinks: 5, Dirs: 7} // footage, acme, spot and 4 inside
	res.Elapsed = 0
	if !resultEqual(*res.Result, want) {
		t.Fatalf("result %+v, want %+v", *res, want)
	}
	dest := filepath.Join(to, loc.Dest)
	if got, want := manifest(t, dest), manifest(t, loc.Source); !slices.Equal(got, want) {
		t.Fatalf("destination differs from the source:\n%q\n%q", got, want)
	}
	a, _ := os.Stat(filepath.Join(dest, "a.mov"))
	h, _ := os.Stat(filepath.Join(dest, "hard.mov"))
	if !os.SameFile(a, h) {
		t.Errorf("hard.mov is not a hard link to a.mov at the destination")
	}
	if temps := findTemps(t, to); len(temps) != 0 {
		t.Errorf("temp files left: %q", temps)
	}
	if _, err := os.Lstat(filepath.Join(dest, fsys.Unfinished)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a complete location keeps its unfinished marker: %v", err)
	}
	if last := res.Events[len(res.Events)-1]; last.Kind != LocationDone || last.Path != loc.Dest || last.Location != loc {
		t.Errorf("the last event is %+v, want the location done", last)
	}
}

func resultEqual(a, b Result) bool {
	a.Elapsed, b.Elapsed = 0, 0
	return a == b
}

func findTemps(t *testing.T, root string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && fsys.IsTemp(d.Name()) {
			out = append(out, p)
		}
		return nil
	})
	return out
}

// TestRunAgainChangesNothing: a second copy after a complete one copies 0
// bytes and changes no modification time at the destination.
func TestRunAgainChangesNothing(t *testing.T) {
	from, to, loc := studio(t, tree{"a": "1", "d/b": "22", "e/": "", "l": "->a"}, nil)
	if _, _, err := copyAll(t, from, to, loc, Options{}); err != nil {
		t.Fatal(err)
	}
	before := manifest(t, filepath.Join(to, loc.Dest))
	_, res, err := copyAll(t, from, to, loc, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Copied != 0 || res.CopiedBytes != 0 || res.Skipped != 2 || res.Dirs != 0 || res.Symlinks != 0 {
		t.Fatalf("second run: %+v", res)
	}
	if after := manifest(t, filepath.Join(to, loc.Dest)); !slices.Equal(before, after) {
		t.Fatalf("second run changed the destination:\n%q\n%q", before, after)
	}
}

func TestRunConflictsAndOverwrite(t *testing.T) {
	from, to, loc := studio(t, tree{"a": "new", "b": "same"}, tree{"a": "old!", "b": "same"})
	_, res, err := copyAll(t, from, to, loc, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Conflicts) != 1 || res.Conflicts[0] != "footage/acme/spot/a: size differs: the source 3 B, the destination 4 B" {
		t.Fatalf("conflicts %q", res.Conflicts)
	}
	if b, _ := os.ReadFile(filepath.Join(to, loc.Dest, "a")); string(b) != "old!" {
		t.Fatalf("a conflicting file was changed: %q", b)
	}
	clock := func() time.Time { return time.Date(2026, 11, 28, 13, 0, 0, 0, time.UTC) }
	_, res, err = copyAll(t, from, to, loc, Options{Overwrite: true, Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	if res.Replaced != 1 || res.Copied != 1 || len(res.Conflicts) != 0 {
		t.Fatalf("overwrite: %+v", res)
	}
	if b, _ := os.ReadFile(filepath.Join(to, loc.Dest, "a")); string(b) != "new" {
		t.Fatalf("a was not replaced: %q", b)
	}
	kept := filepath.Join(to, ".autobackup/replaced/2026-11-28T130000.000000/footage/acme/spot/a")
	if b, err := os.ReadFile(kept); err != nil || string(b) != "old!" {
		t.Fatalf("the old version was not kept at %s: %q, %v", kept, b, err)
	}
	if res.ReplacedDir != filepath.Join(to, ".autobackup/replaced/2026-11-28T130000.000000") {
		t.Fatalf("ReplacedDir = %q", res.ReplacedDir)
	}
}

func TestRunRemovesStaleTemps(t *testing.T) {
	from, to, loc := studio(t, tree{"a": "1"}, tree{".autobackup-deaddeaddeaddead.tmp": "partial"})
	_, res, err := copyAll(t, from, to, loc, Options{})
	if err != nil || res.StaleTemps != 1 || res.Copied != 1 {
		t.Fatalf("res %+v, err %v", res, err)
	}
	if temps := findTemps(t, to); len(temps) != 0 {
		t.Fatalf("temps left: %q", temps)
	}
}

// TestRunPlantedSymlinks: symlinks planted at the destination that point
// outside its root never let a copy write there.
func TestRunPlantedSymlinks(t *testing.T) {
	from, to, loc := studio(t, tree{"sub/a": "1", "b": "2"}, nil)
	sentinel := t.TempDir()
	dest := filepath.Join(to, loc.Dest)
	must(t, os.MkdirAll(dest, 0o755))
	must(t, os.Symlink(sentinel, filepath.Join(dest, "sub")))
	must(t, os.Symlink(filepath.Join(sentinel, "b"), filepath.Join(dest, "b")))
	_, res, err := copyAll(t, from, to, loc, Options{Overwrite: true})
	if err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(sentinel); len(entries) != 0 {
		t.Fatalf("the copy wrote outside the destination root: %v", entries)
	}
	if len(res.Conflicts) != 2 {
		t.Fatalf("conflicts %q", res.Conflicts)
	}
}

// TestRunVerifyMismatch: a copy that reads back different from the source
// never reaches its final name.
func TestRunVerifyMismatch(t *testing.T) {
	from, to, loc := studio(t, tree{"a": "original content", "b": "fine"}, nil)
	p, err := Make(context.Background(), from, to, []Location{loc}, Options{Jobs: 1})
	must(t, err)
	corrupt := func(w io.Writer) io.Writer { return &flipWriter{w: w, match: "original"} }
	res, err := runTest(context.Background(), p, corrupt)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Failed) != 1 || !strings.Contains(res.Failed[0], "footage/acme/spot/a: verify failed") {
		t.Fatalf("failed %q", res.Failed)
	}
	if _, err := os.Lstat(filepath.Join(to, loc.Dest, "a")); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("a corrupt copy reached its final name: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(to, loc.Dest, "b")); string(b) != "fine" {
		t.Fatalf("b: %q", b)
	}
	if temps := findTemps(t, to); len(temps) != 0 {
		t.Fatalf("temps left: %q", temps)
	}
}

// flipWriter corrupts one byte of writes that contain match.
type flipWriter struct {
	w     io.Writer
	match string
}

func (f *flipWriter) Write(p []byte) (int, error) {
	if strings.Contains(string(p), f.match) {
		q := append([]byte(nil), p...)
		q[0] ^= 0xff
		return f.w.Write(q)
	}
	return f.w.Write(p)
}

// TestRunDiskFull: a write that fails (ENOSPC) leaves no partial file,
// harms nothing already there, and the same copy succeeds once there is
// room.
func TestRunDiskFull(t *testing.T) {
	from, to, loc := studio(t, tree{"big": strings.Repeat("x", 3<<20), "small": "s"}, tree{"kept": "already here"})
	before := manifest(t, filepath.Join(to, loc.Dest))
	p, err := Make(context.Background(), from, to, []Location{loc}, Options{Jobs: 1})
	must(t, err)
	full := func(w io.Writer) io.Writer { return &fullWriter{w: w, room: 1 << 20} }
	res, err := runTest(context.Background(), p, full)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Failed) != 1 || !strings.Contains(res.Failed[0], "footage/acme/spot/big: write: no space left on device") {
		t.Fatalf("failed %q", res.Failed)
	}
	if _, err := os.Lstat(filepath.Join(to, loc.Dest, "big")); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("a partial file reached its final name: %v", err)
	}
	if temps := findTemps(t, to); len(temps) != 0 {
		t.Fatalf("temps left: %q", temps)
	}
	after := manifest(t, filepath.Join(to, loc.Dest))
	for _, line := range before {
		if strings.Contains(line, " d") {
			continue // a folder's time changes as temp files come and go
		}
		if !slices.Contains(after, line) {
			t.Fatalf("an existing file was harmed: %q", line)
		}
	}
	_, res, err = copyAll(t, from, to, loc, Options{})
	if err != nil || res.Copied != 1 || len(res.Failed) != 0 {
		t.Fatalf("after space was freed: %+v, %v", res, err)
	}
}

// fullWriter fails with ENOSPC once room bytes are written.
type fullWriter struct {
	w    io.Writer
	room int
}

func (f *fullWriter) Write(p []byte) (int, error) {
	if len(p) > f.room {
		n, _ := f.w.Write(p[:f.room])
		f.room = 0
		return n, &fs.PathError{Op: "write", Path: "temp", Err: syscall.ENOSPC}
	}
	f.room -= len(p)
	return f.w.Write(p)
}

// TestRunSourceChanges: a source file that changes while it is copied is
// reported and not recorded as copied.
func TestRunSourceChanges(t *testing.T) {
	from, to, loc := studio(t, tree{"a": "before"}, nil)
	p, err := Make(context.Background(), from, to, []Location{loc}, Options{})
	must(t, err)
	var once sync.Once
	grow := func(w io.Writer) io.Writer {
		return writeHook{w, func() {
			once.Do(func() {
				f, err := os.OpenFile(filepath.Join(loc.Source, "a"), os.O_APPEND|os.O_WRONLY, 0)
				must(t, err)
				f.WriteString(" and after")
				f.Close()
			})
		}}
	}
	res, err := runTest(context.Background(), p, grow)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Changed) != 1 || res.Copied != 0 {
		t.Fatalf("result %+v", res)
	}
	if _, err := os.Lstat(filepath.Join(to, loc.Dest, "a")); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("a changed file reached its final name: %v", err)
	}
}

type writeHook struct {
	w    io.Writer
	hook func()
}

func (h writeHook) Write(p []byte) (int, error) {
	h.hook()
	return h.w.Write(p)
}

// TestRunChangedSincePlan: a file that changed between the plan and the
// copy is reported as changed, and one that vanished as a failure.
func TestRunChangedSincePlan(t *testing.T) {
	from, to, loc := studio(t, tree{"a": "1", "b": "2"}, nil)
	p, err := Make(context.Background(), from, to, []Location{loc}, Options{})
	must(t, err)
	must(t, os.WriteFile(filepath.Join(loc.Source, "a"), []byte("changed"), 0o644))
	must(t, os.Remove(filepath.Join(loc.Source, "b")))
	res, err := runTest(context.Background(), p, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Changed) != 1 || len(res.Failed) != 1 || !strings.Contains(res.Failed[0], "vanished") || res.Copied != 0 {
		t.Fatalf("result %+v", res)
	}
}

func TestRunCancelled(t *testing.T) {
	from, to, loc := studio(t, tree{"a": "1", "b": "2"}, nil)
	p, err := Make(context.Background(), from, to, []Location{loc}, Options{})
	must(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	stop := func(w io.Writer) io.Writer { return writeHook{w, cancel} }
	res, err := runTest(ctx, p, stop)
	if !errors.Is(err, context.Canceled) || res == nil {
		t.Fatalf("cancelled run: %v, %v", res, err)
	}
	if temps := findTemps(t, to); len(temps) != 0 {
		t.Fatalf("temps left: %q", temps)
	}
	_, res, err = copyAll(t, from, to, loc, Options{})
	if err != nil || res.Copied != 2 {
		t.Fatalf("the copy did not continue: %+v, %v", res, err)
	}
}

func TestRunNoVerify(t *testing.T) {
	from, to, loc := studio(t, tree{"a": "1"}, nil)
	_, res, err := copyAll(t, from, to, loc, Options{NoVerify: true})
	if err != nil || res.Copied != 1 || res.Verified != 0 {
		t.Fatalf("res %+v, %v", res, err)
	}
}

func TestRunBusy(t *testing.T) {
	from, to, loc := studio(t, tree{"a": "1"}, nil)
	root, err := fsys.OpenRoot(to)
	must(t, err)
	defer root.Close()
	state, err := fsys.MkdirOpen(root, fsys.StateDir, 0o755)
	must(t, err)
	defer state.Close()
	unlock, err := lockDest(state)
	must(t, err)
	defer unlock()
	p, err := Make(context.Background(), from, to, []Location{loc}, Options{})
	must(t, err)
	if _, err := Run(context.Background(), p, nil); !errors.Is(err, ErrBusy) {
		t.Fatalf("error %v, want ErrBusy", err)
	}
}

func TestRunManyFilesInBatches(t *testing.T) {
	src := tree{}
	for i := range batchFiles + 10 {
		src[filepath.Join("shot", string(rune('a'+i%26)), strings.Repeat("f", 1+i/26%5)+string(rune('0'+i%10))+"_"+itoa(i))] = itoa(i)
	}
	from, to, loc := studio(t, src, nil)
	_, res, err := copyAll(t, from, to, loc, Options{Jobs: 8})
	if err != nil || res.Copied != int64(len(src)) || len(res.Failed) != 0 {
		t.Fatalf("copied %d of %d, failed %q, %v", res.Copied, len(src), res.Failed, err)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// TestRunDestinationFolderGone: a destination folder removed between the
// plan and the copy is a failure, not a file that vanished from the source.
func TestRunDestinationFolderGone(t *testing.T) {
	from, to, loc := studio(t, tree{"d/a": "1"}, tree{"d/": ""})
	p, err := Make(context.Background(), from, to, []Location{loc}, Options{})
	must(t, err)
	must(t, os.Remove(filepath.Join(to, loc.Dest, "d")))
	res, err := runTest(context.Background(), p, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Failed) != 1 || len(res.Warnings) != 0 {
		t.Fatalf("failed %q, warnings %q", res.Failed, res.Warnings)
	}
}

// TestRunKeepsLookalikeFiles: a person's file named like a temp file is
// neither compared away nor removed.
func TestRunKeepsLookalikeFiles(t *testing.T) {
	from, to, loc := studio(t, tree{"a": "1"}, tree{".autobackup-notes.tmp": "mine"})
	_, res, err := copyAll(t, from, to, loc, Options{})
	if err != nil || res.StaleTemps != 0 {
		t.Fatalf("res %+v, %v", res, err)
	}
	if b, err := os.ReadFile(filepath.Join(to, loc.Dest, ".autobackup-notes.tmp")); err != nil || string(b) != "mine" {
		t.Fatalf("the lookalike file: %q, %v", b, err)
	}
}

// TestRunLeavesExistingFolderModes: a folder already at the destination
// keeps its own mode; only folders the copy made get the source's.
func TestRunLeavesExistingFolderModes(t *testing.T) {
	from, to, loc := studio(t, tree{"d/a": "1", "e/b": "2"}, tree{"d/": ""})
	must(t, os.Chmod(filepath.Join(loc.Source, "d"), 0o750))
	must(t, os.Chmod(filepath.Join(loc.Source, "e"), 0o750))
	must(t, os.Chmod(filepath.Join(to, loc.Dest, "d"), 0o777))
	if _, _, err := copyAll(t, from, to, loc, Options{}); err != nil {
		t.Fatal(err)
	}
	d, _ := os.Stat(filepath.Join(to, loc.Dest, "d"))
	e, _ := os.Stat(filepath.Join(to, loc.Dest, "e"))
	if d.Mode().Perm() != 0o777 || e.Mode().Perm() != 0o750 {
		t.Fatalf("modes: existing d %v, made e %v", d.Mode().Perm(), e.Mode().Perm())
	}
}
