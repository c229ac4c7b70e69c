// Package fsystest is the conformance suite every implementation of
// fsys.Dir passes: the local disk's, and those of databases reached over
// a network. It uses nothing but the interface, so it runs the same on
// every implementation.
package fsystest

import (
	"errors"
	"io"
	"io/fs"
	"slices"
	"testing"
	"time"

	"github.com/bcnvisuals/autobackup/internal/fsys"
)

// NewRoot opens a fresh, empty folder of the implementation under test.
type NewRoot func(t *testing.T) fsys.Dir

// Run runs every conformance test against roots made by newRoot.
func Run(t *testing.T, newRoot NewRoot) {
	tests := []struct {
		name string
		run  func(*testing.T, fsys.Dir)
	}{
		{"Files", testFiles},
		{"Folders", testFolders},
		{"Symlinks", testSymlinks},
		{"Names", testNames},
		{"LinkRename", testLinkRename},
		{"Times", testTimes},
		{"Durable", testDurable},
		{"Lock", testLock},
		{"Moved", testMoved},
		{"Helpers", testHelpers},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newRoot(t)
			t.Cleanup(func() { d.Close() })
			tt.run(t, d)
		})
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// put writes a file through d.
func put(t *testing.T, d fsys.Dir, name, content string) {
	t.Helper()
	f, err := d.Create(name, 0o644)
	must(t, err)
	_, err = io.WriteString(f, content)
	must(t, err)
	must(t, f.Close())
}

// get reads a file through d.
func get(t *testing.T, d fsys.Dir, name string) string {
	t.Helper()
	b, err := fsys.ReadFile(d, name, 1<<20)
	must(t, err)
	return string(b)
}

func testFiles(t *testing.T, d fsys.Dir) {
	put(t, d, "f", "hello, world")
	if _, err := d.Create("f", 0o600); !errors.Is(err, fs.ErrExist) {
		t.Fatalf("Create over an existing file: %v", err)
	}
	f, err := d.Open("f")
	must(t, err)
	defer f.Close()
	buf := make([]byte, 5)
	if n, err := f.ReadAt(buf, 7); n != 5 || err != nil || string(buf) != "world" {
		t.Fatalf("ReadAt = %d %q %v", n, buf, err)
	}
	e, err := f.Stat()
	if err != nil || e.Kind != fsys.KindFile || e.Size != 12 {
		t.Fatalf("File.Stat = %+v, %v", e, err)
	}
	l, err := d.Lstat("f")
	if err != nil || l.Kind != fsys.KindFile || l.Size != 12 || l.Name != "f" || l.ID != e.ID || !l.ModTime.Equal(e.ModTime) {
		t.Fatalf("Lstat = %+v, %v; File.Stat %+v", l, err, e)
	}
	extents, err := f.Extents(12)
	if err != nil || len(extents) != 1 || extents[0] != (fsys.Extent{Off: 0, Len: 12}) {
		t.Fatalf("Extents = %v, %v", extents, err)
	}
	w, err := d.Create("w", 0o600)
	must(t, err)
	_, err = w.Seek(4, io.SeekStart)
	must(t, err)
	_, err = io.WriteString(w, "tail")
	must(t, err)
	must(t, w.Truncate(10))
	must(t, w.Chmod(0o640))
	must(t, w.Sync())
	must(t, w.Close())
	if got := get(t, d, "w"); got != "\x00\x00\x00\x00tail\x00\x00" {
		t.Fatalf("written %q", got)
	}
	if e, _ := d.Lstat("w"); e.Mode.Perm() != 0o640 {
		t.Fatalf("mode %v", e.Mode)
	}
}

func testFolders(t *testing.T, d fsys.Dir) {
	must(t, d.Mkdir("sub", 0o755))
	if err := d.Mkdir("sub", 0o755); !errors.Is(err, fs.ErrExist) {
		t.Fatalf("Mkdir over a folder: %v", err)
	}
	sub, err := d.OpenDir("sub")
	must(t, err)
	defer sub.Close()
	put(t, sub, "a", "1")
	must(t, sub.Mkdir("inner", 0o700))
	entries, err := sub.List()
	must(t, err)
	names := map[string]fsys.Kind{}
	for _, e := range entries {
		names[e.Name] = e.Kind
	}
	if len(names) != 2 || names["a"] != fsys.KindFile || names["inner"] != fsys.KindDir {
		t.Fatalf("List = %v", names)
	}
	must(t, sub.Chmod(0o750))
	if e, err := sub.Stat(); err != nil || e.Kind != fsys.KindDir || e.Mode.Perm() != 0o750 {
		t.Fatalf("Stat after Chmod = %+v, %v", e, err)
	}
	if _, err := d.OpenDir("missing"); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("OpenDir of a missing name: %v", err)
	}
	put(t, d, "file", "x")
	if _, err := d.OpenDir("file"); err == nil {
		t.Fatal("OpenDir opened a file")
	}
	if free, err := d.FreeSpace(); err != nil || free == 0 {
		t.Fatalf("FreeSpace = %d, %v", free, err)
	}
	if p, _ := d.Precision(); p <= 0 || p > 2*time.Second {
		t.Fatalf("Precision = %v", p)
	}
}

func testSymlinks(t *testing.T, d fsys.Dir) {
	must(t, d.Mkdir("real", 0o755))
	put(t, d, "target", "secret")
	must(t, d.Symlink("real", "link"))
	must(t, d.Symlink("target", "flink"))
	e, err := d.Lstat("link")
	if err != nil || e.Kind != fsys.KindSymlink || e.Target != "real" {
		t.Fatalf("Lstat(link) = %+v, %v", e, err)
	}
	if s, err := d.Readlink("flink"); err != nil || s != "target" {
		t.Fatalf("Readlink = %q, %v", s, err)
	}
	if sub, err := d.OpenDir("link"); err == nil {
		sub.Close()
		t.Fatal("OpenDir followed a symlink")
	}
	if f, err := d.Open("flink"); err == nil {
		f.Close()
		t.Fatal("Open followed a symlink")
	}
	if _, err := d.Create("flink", 0o644); err == nil {
		t.Fatal("Create wrote through a symlink")
	}
	if get(t, d, "target") != "secret" {
		t.Fatal("the symlink's target was changed")
	}
}

func testNames(t *testing.T, d fsys.Dir) {
	for _, bad := range []string{"", "..", "a/b", "/abs", "nul\x00"} {
		if _, err := d.Lstat(bad); err == nil {
			t.Errorf("Lstat(%q) accepted", bad)
		}
		if _, err := d.Create(bad, 0o644); err == nil {
			t.Errorf("Create(%q) accepted", bad)
		}
		if bad != "" {
			if sub, err := d.OpenDir(bad); err == nil {
				sub.Close()
				t.Errorf("OpenDir(%q) accepted", bad)
			}
		}
	}
	for _, odd := range []string{"Café «é» 2", "spa ce", "-rf", "*", "new\nline"} {
		put(t, d, odd, odd)
		if get(t, d, odd) != odd {
			t.Errorf("%q did not read back", odd)
		}
	}
}

func testLinkRename(t *testing.T, d fsys.Dir) {
	put(t, d, "a", "A")
	put(t, d, "b", "B")
	must(t, d.Mkdir("sub", 0o755))
	sub, err := d.OpenDir("sub")
	must(t, err)
	defer sub.Close()
	err = d.Link("a", sub, "a2")
	switch {
	case errors.Is(err, fsys.ErrUnsupported):
	case err != nil:
		t.Fatal(err)
	default:
		if get(t, sub, "a2") != "A" {
			t.Fatal("Link")
		}
		if err := d.Link("a", d, "b"); !errors.Is(err, fs.ErrExist) {
			t.Fatalf("Link over a name: %v", err)
		}
	}
	if err := d.RenameNoReplace("a", d, "b"); !errors.Is(err, fs.ErrExist) {
		t.Fatalf("RenameNoReplace over a name: %v", err)
	}
	must(t, d.RenameNoReplace("a", d, "c"))
	if err := d.Exchange("b", d, "c"); err == nil {
		if get(t, d, "b") != "A" || get(t, d, "c") != "B" {
			t.Fatal("Exchange did not swap")
		}
		must(t, d.Exchange("b", d, "c"))
	} else if !errors.Is(err, fsys.ErrUnsupported) {
		t.Fatal(err)
	}
	must(t, d.Rename("c", d, "b"))
	if get(t, d, "b") != "A" {
		t.Fatal("Rename did not replace")
	}
	must(t, d.Remove("b"))
	if _, err := d.Lstat("b"); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("after Remove: %v", err)
	}
}

func testTimes(t *testing.T, d fsys.Dir) {
	when := time.Date(2021, 2, 3, 4, 5, 6, 0, time.UTC)
	put(t, d, "f", "x")
	must(t, d.SetEntryModTime("f", when))
	must(t, d.Symlink("nowhere", "l"))
	must(t, d.SetEntryModTime("l", when.Add(time.Hour)))
	if e, _ := d.Lstat("f"); !e.ModTime.Equal(when) {
		t.Fatalf("file time %v", e.ModTime)
	}
	if e, _ := d.Lstat("l"); !e.ModTime.Equal(when.Add(time.Hour)) {
		t.Fatalf("symlink time %v", e.ModTime)
	}
	must(t, d.Mkdir("sub", 0o755))
	sub, err := d.OpenDir("sub")
	must(t, err)
	defer sub.Close()
	must(t, sub.SetModTime(when))
	if e, _ := sub.Stat(); !e.ModTime.Equal(when) {
		t.Fatalf("folder time %v", e.ModTime)
	}
}

func testDurable(t *testing.T, d fsys.Dir) {
	put(t, d, "f", "x")
	must(t, d.Sync())
	if err := d.SyncFS(); err != nil && !errors.Is(err, fsys.ErrUnsupported) {
		t.Fatal(err)
	}
}

func testLock(t *testing.T, d fsys.Dir) {
	unlock, err := d.Lock("lock")
	must(t, err)
	if _, err := d.Lock("lock"); !errors.Is(err, fsys.ErrLocked) {
		t.Fatalf("second lock: %v", err)
	}
	unlock()
	again, err := d.Lock("lock")
	must(t, err)
	again()
}

func testMoved(t *testing.T, d fsys.Dir) {
	must(t, d.Mkdir("a", 0o755))
	must(t, d.Mkdir("x", 0o755))
	a, err := d.OpenDir("a")
	must(t, err)
	want := map[string]fsys.ID{"a": a.ID()}
	a.Close()
	if want["a"] == (fsys.ID{}) {
		t.Skip("the file system gives no identities")
	}
	check := func(p string) (fsys.ID, bool) { id, ok := want[p]; return id, ok }
	got, err := fsys.WalkCheck(d, "a", check)
	must(t, err)
	got.Close()
	must(t, d.Rename("a", d, "old"))
	must(t, d.Rename("x", d, "a"))
	if _, err := fsys.WalkCheck(d, "a", check); !errors.Is(err, fsys.ErrMoved) {
		t.Fatalf("a folder swapped for another: %v", err)
	}
}

func testHelpers(t *testing.T, d fsys.Dir) {
	sub, err := fsys.MkdirOpen(d, "deep", 0o755)
	must(t, err)
	inner, err := fsys.MkdirOpen(sub, "er", 0o755)
	must(t, err)
	inner.Close()
	sub.Close()
	w, err := fsys.Walk(d, "deep/er")
	must(t, err)
	must(t, fsys.WriteFile(w, "small", []byte("one")))
	must(t, fsys.WriteFile(w, "small", []byte("two")))
	w.Close()
	w, err = fsys.Walk(d, "deep/er")
	must(t, err)
	defer w.Close()
	if get(t, w, "small") != "two" {
		t.Fatal("WriteFile")
	}
	entries, err := w.List()
	must(t, err)
	if slices.ContainsFunc(entries, func(e fsys.Entry) bool { return fsys.IsTemp(e.Name) }) {
		t.Fatal("WriteFile left a temp file")
	}
	for _, rel := range []string{"deep/../deep", "../x", "deep//er", "/deep"} {
		if x, err := fsys.Walk(d, rel); err == nil {
			x.Close()
			t.Errorf("Walk(%q) went through", rel)
		}
	}
	if p, err := fsys.Probe(d); err != nil || p <= 0 {
		t.Fatalf("Probe = %v, %v", p, err)
	}
}
