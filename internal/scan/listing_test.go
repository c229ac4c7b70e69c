package scan

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/bcnvisuals/autobackup/internal/fsys"
	"github.com/bcnvisuals/autobackup/internal/index"
)

// reader reads one folder, given by its absolute path, into a listing.
type reader interface {
	read(path string, follow bool, l *listing) error
}

// scanReader reads with the local Dir's own Scan, the one load uses.
type scanReader struct{}

func (scanReader) read(p string, follow bool, l *listing) error {
	root, err := fsys.OpenRoot(filepath.Dir(p))
	if err != nil {
		return err
	}
	defer root.Close()
	return l.read(root.(fsys.Scanner), filepath.Dir(p), filepath.Base(p), follow, nil)
}

// listReader reads with fsys.ListScan, the reference built on List. It
// never follows a symlink.
type listReader struct{}

func (listReader) read(p string, follow bool, l *listing) error {
	root, err := fsys.OpenRoot(filepath.Dir(p))
	if err != nil {
		return err
	}
	defer root.Close()
	return l.read(listScanner{root}, filepath.Dir(p), filepath.Base(p), false, nil)
}

type listScanner struct{ fsys.Dir }

func (s listScanner) Scan(rel string, _ bool, fn fsys.ScanFunc) (fsys.Entry, error) {
	return fsys.ListScan(s.Dir, rel, fn)
}

// readers lists the readers to check: the reference, and the fast one.
func readers() []struct {
	name string
	r    reader
} {
	return []struct {
		name string
		r    reader
	}{
		{"list", listReader{}},
		{"scan", scanReader{}},
	}
}

var t0 = time.Date(2021, 3, 4, 5, 6, 7, 0, time.UTC)

func hours(n int) time.Time { return t0.Add(time.Duration(n) * time.Hour) }

// mkdir makes a folder and its parents.
func mkdir(t testing.TB, path string) {
	t.Helper()
	if err := os.MkdirAll(path, 0o755); err != nil {
		t.Fatal(err)
	}
}

// writeFile makes a file of size bytes, and its parent folders.
func writeFile(t testing.TB, path string, size int) {
	t.Helper()
	mkdir(t, filepath.Dir(path))
	if err := os.WriteFile(path, []byte(strings.Repeat("x", size)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// setTime sets the access and modification times of a file or folder.
func setTime(t testing.TB, path string, tm time.Time) {
	t.Helper()
	if err := os.Chtimes(path, tm, tm); err != nil {
		t.Fatal(err)
	}
}

func symlink(t testing.TB, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

func hardlink(t testing.TB, target, link string) {
	t.Helper()
	mkdir(t, filepath.Dir(link))
	if err := os.Link(target, link); err != nil {
		t.Fatal(err)
	}
}

// fileID returns the device and inode of a file.
func fileID(t testing.TB, path string) index.FileID {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		t.Skipf("no inode numbers on this platform (%T)", fi.Sys())
	}
	return index.FileID{Dev: uint64(st.Dev), Ino: uint64(st.Ino)}
}

func modTime(t testing.TB, path string) time.Time {
	t.Helper()
	fi, err := os.Lstat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.ModTime()
}

// read reads one folder into a fresh listing.
func read(r reader, path string, follow bool) (listing, error) {
	var l listing
	err := r.read(path, follow, &l)
	return l, err
}

// checkListing compares a listing with what is wanted: dirs as a set, and
// the stats exactly.
func checkListing(t *testing.T, got listing, dirs []string, want index.Stats) {
	t.Helper()
	gotDirs := slices.Sorted(slices.Values(got.dirs))
	wantDirs := slices.Sorted(slices.Values(dirs))
	if !slices.Equal(gotDirs, wantDirs) {
		t.Errorf("dirs = %q, want %q", gotDirs, wantDirs)
	}
	checkStats(t, "files", got.files, want)
	if len(got.errors) != 0 {
		t.Errorf("errors = %v, want none", got.errors)
	}
}

func checkStats(t *testing.T, what string, got, want index.Stats) {
	t.Helper()
	if got.Bytes != want.Bytes || got.Files != want.Files {
		t.Errorf("%s: Bytes, Files = %d, %d; want %d, %d", what, got.Bytes, got.Files, want.Bytes, want.Files)
	}
	if !got.Modified.Equal(want.Modified) {
		t.Errorf("%s: Modified = %v, want %v", what, got.Modified.UTC(), want.Modified.UTC())
	}
	if len(got.Links) != len(want.Links) {
		t.Errorf("%s: Links = %v, want %v", what, got.Links, want.Links)
	}
	for id, size := range want.Links {
		if g, ok := got.Links[id]; !ok || g != size {
			t.Errorf("%s: Links = %v, want %v", what, got.Links, want.Links)
			break
		}
	}
}

func TestReadFolder(t *testing.T) {
	tests := []struct {
		name string
		// build fills dir and returns the sub-folders and stats wanted.
		build func(t *testing.T, dir string) ([]string, index.Stats)
	}{
		{
			name: "empty folder has its own time",
			build: func(t *testing.T, dir string) ([]string, index.Stats) {
				setTime(t, dir, hours(1))
				return nil, index.Stats{Modified: hours(1)}
			},
		},
		{
			name: "files, hidden files and sub-folders",
			build: func(t *testing.T, dir string) ([]string, index.Stats) {
				writeFile(t, filepath.Join(dir, "a.mov"), 100)
				writeFile(t, filepath.Join(dir, ".DS_Store"), 7)
				writeFile(t, filepath.Join(dir, "empty"), 0)
				writeFile(t, filepath.Join(dir, "sub", "below.mov"), 1000) // not this folder's
				mkdir(t, filepath.Join(dir, ".hidden"))
				mkdir(t, filepath.Join(dir, "other"))
				setTime(t, filepath.Join(dir, "a.mov"), hours(2))
				setTime(t, filepath.Join(dir, ".DS_Store"), hours(5))
				setTime(t, filepath.Join(dir, "empty"), hours(3))
				setTime(t, filepath.Join(dir, "sub", "below.mov"), hours(50))
				setTime(t, filepath.Join(dir, "sub"), hours(40))
				setTime(t, dir, hours(1))
				return []string{"sub", ".hidden", "other"}, index.Stats{Bytes: 107, Files: 3, Modified: hours(5)}
			},
		},
		{
			name: "folder newer than its files",
			build: func(t *testing.T, dir string) ([]string, index.Stats) {
				writeFile(t, filepath.Join(dir, "a"), 10)
				setTime(t, filepath.Join(dir, "a"), hours(2))
				setTime(t, dir, hours(9))
				return nil, index.Stats{Bytes: 10, Files: 1, Modified: hours(9)}
			},
		},
		{
			name: "symlinks are neither files nor folders",
			build: func(t *testing.T, dir string) ([]string, index.Stats) {
				outside := t.TempDir()
				writeFile(t, filepath.Join(outside, "big"), 5000)
				setTime(t, filepath.Join(outside, "big"), hours(100))
				mkdir(t, filepath.Join(outside, "folder"))
				writeFile(t, filepath.Join(dir, "real"), 3)
				setTime(t, filepath.Join(dir, "real"), hours(2))
				symlink(t, filepath.Join(outside, "big"), filepath.Join(dir, "to-file"))
				symlink(t, filepath.Join(outside, "folder"), filepath.Join(dir, "to-folder"))
				symlink(t, filepath.Join(outside, "missing"), filepath.Join(dir, "broken"))
				symlink(t, "loop-b", filepath.Join(dir, "loop-a"))
				symlink(t, "loop-a", filepath.Join(dir, "loop-b"))
				symlink(t, ".", filepath.Join(dir, "self"))
				setTime(t, dir, hours(1))
				return nil, index.Stats{Bytes: 3, Files: 1, Modified: hours(2)}
			},
		},
		{
			name: "hard links in one folder count once",
			build: func(t *testing.T, dir string) ([]string, index.Stats) {
				writeFile(t, filepath.Join(dir, "orig"), 40)
				hardlink(t, filepath.Join(dir, "orig"), filepath.Join(dir, "link1"))
				hardlink(t, filepath.Join(dir, "orig"), filepath.Join(dir, "link2"))
				writeFile(t, filepath.Join(dir, "single"), 2)
				setTime(t, filepath.Join(dir, "orig"), hours(3))
				setTime(t, filepath.Join(dir, "single"), hours(2))
				setTime(t, dir, hours(1))
				id := fileID(t, filepath.Join(dir, "orig"))
				return nil, index.Stats{Bytes: 42, Files: 2, Modified: hours(3), Links: map[index.FileID]int64{id: 40}}
			},
		},
		{
			name: "more entries than one read returns",
			build: func(t *testing.T, dir string) ([]string, index.Stats) {
				// Long names, so that the entries need several getdents
				// buffers and several ReadDir batches.
				var dirs []string
				for i := range 1500 {
					name := fmt.Sprintf("%04d-%s", i, strings.Repeat("n", 120))
					if i%3 == 0 {
						mkdir(t, filepath.Join(dir, name))
						dirs = append(dirs, name)
						continue
					}
					writeFile(t, filepath.Join(dir, name), i%7)
				}
				setTime(t, dir, hours(1))
				bytes := int64(0)
				for i := range 1500 {
					if i%3 != 0 {
						bytes += int64(i % 7)
					}
				}
				// The files were just written: the newest is now-ish, so
				// take the wanted time from the folder itself.
				newest := hours(1)
				entries, err := os.ReadDir(dir)
				if err != nil {
					t.Fatal(err)
				}
				for _, e := range entries {
					if e.Type().IsRegular() {
						if m := modTime(t, filepath.Join(dir, e.Name())); m.After(newest) {
							newest = m
						}
					}
				}
				return dirs, index.Stats{Bytes: bytes, Files: 1000, Modified: newest}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			dirs, want := tt.build(t, dir)
			for _, rd := range readers() {
				for _, follow := range []bool{false, true} {
					if follow && rd.name == "list" {
						continue
					}
					t.Run(fmt.Sprintf("%s/follow=%v", rd.name, follow), func(t *testing.T) {
						got, err := read(rd.r, dir, follow)
						if err != nil {
							t.Fatalf("read = %v", err)
						}
						checkListing(t, got, dirs, want)
					})
				}
			}
		})
	}
}

// TestReadersAgree reads every folder of a mixed tree with both readers,
// reusing one listing and one reader as a worker does, and compares them.
func TestReadersAgree(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	writeFile(t, filepath.Join(outside, "big"), 1<<16)
	for c := range 3 {
		for p := range 4 {
			proj := filepath.Join(root, fmt.Sprintf("client%d", c), fmt.Sprintf("project %d", p))
			for s := range p + 1 {
				sub := filepath.Join(proj, strings.Repeat("sub/", s))
				for f := range s + 2 {
					path := filepath.Join(sub, fmt.Sprintf("file%d.dat", f))
					writeFile(t, path, 10*c+p+s+f)
					setTime(t, path, hours(c*100+p*10+s+f))
				}
				writeFile(t, filepath.Join(sub, ".hidden"), s)
			}
			hardlink(t, filepath.Join(proj, "file0.dat"), filepath.Join(proj, "hard"))
			symlink(t, filepath.Join(outside, "big"), filepath.Join(proj, "big"))
			symlink(t, root, filepath.Join(proj, "root"))
			symlink(t, "nowhere", filepath.Join(proj, "broken"))
		}
	}
	var folders []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			folders = append(folders, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(folders) < 30 {
		t.Fatalf("tree has %d folders, want at least 30", len(folders))
	}
	var lp, lf listing
	for _, dir := range folders {
		lp.reset()
		lf.reset()
		errP := listReader{}.read(dir, false, &lp)
		errF := scanReader{}.read(dir, false, &lf)
		if errP != nil || errF != nil {
			t.Fatalf("%s: portable = %v, newReader = %v", dir, errP, errF)
		}
		rel, _ := filepath.Rel(root, dir)
		dp := slices.Sorted(slices.Values(lp.dirs))
		df := slices.Sorted(slices.Values(lf.dirs))
		if !slices.Equal(dp, df) {
			t.Errorf("%s: dirs: portable %q, newReader %q", rel, dp, df)
		}
		checkStats(t, rel+": newReader vs portable", lf.files, lp.files)
		if len(lp.errors)+len(lf.errors) != 0 {
			t.Errorf("%s: errors: portable %v, newReader %v", rel, lp.errors, lf.errors)
		}
	}
}

func TestReadFollow(t *testing.T) {
	base := t.TempDir()
	realDir := filepath.Join(base, "real")
	writeFile(t, filepath.Join(realDir, "a"), 11)
	mkdir(t, filepath.Join(realDir, "sub"))
	setTime(t, filepath.Join(realDir, "a"), hours(2))
	setTime(t, realDir, hours(1))
	symlink(t, realDir, filepath.Join(base, "link"))
	symlink(t, filepath.Join(base, "link"), filepath.Join(base, "link2")) // a link to a link
	symlink(t, filepath.Join(base, "gone"), filepath.Join(base, "broken"))
	writeFile(t, filepath.Join(base, "file"), 1)

	wantDirs := []string{"sub"}
	wantStats := index.Stats{Bytes: 11, Files: 1, Modified: hours(2)}
	for _, rd := range readers()[1:] {
		t.Run(rd.name, func(t *testing.T) {
			for _, path := range []string{realDir, filepath.Join(base, "link"), filepath.Join(base, "link2")} {
				got, err := read(rd.r, path, true)
				if err != nil {
					t.Fatalf("read(%s, follow=true) = %v", path, err)
				}
				checkListing(t, got, wantDirs, wantStats)
			}
			got, err := read(rd.r, realDir, false)
			if err != nil {
				t.Fatalf("read(real folder, follow=false) = %v", err)
			}
			checkListing(t, got, wantDirs, wantStats)

			for _, name := range []string{"link", "link2"} {
				got, err := read(rd.r, filepath.Join(base, name), false)
				if err == nil {
					t.Errorf("read(%s, follow=false) = nil error, want a refusal", name)
				}
				if len(got.dirs) != 0 || got.files.Files != 0 || !got.files.Modified.IsZero() {
					t.Errorf("read(%s, follow=false) filled the listing: %+v", name, got)
				}
			}
			for _, follow := range []bool{false, true} {
				if _, err := read(rd.r, filepath.Join(base, "file"), follow); !errors.Is(err, syscall.ENOTDIR) {
					t.Errorf("read(a file, follow=%v) = %v, want ENOTDIR", follow, err)
				}
				// The scanner tells a missing category by fs.ErrNotExist.
				if _, err := read(rd.r, filepath.Join(base, "missing"), follow); !errors.Is(err, fs.ErrNotExist) {
					t.Errorf("read(missing, follow=%v) = %v, want fs.ErrNotExist", follow, err)
				}
			}
			if _, err := read(rd.r, filepath.Join(base, "broken"), true); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("read(broken link, follow=true) = %v, want fs.ErrNotExist", err)
			}
			if _, err := read(rd.r, filepath.Join(base, "broken"), false); err == nil {
				t.Errorf("read(broken link, follow=false) = nil error")
			}
		})
	}
}

func TestReadUnreadable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root: permissions do not block reads")
	}
	dir := filepath.Join(t.TempDir(), "locked")
	writeFile(t, filepath.Join(dir, "a"), 1)
	if err := os.Chmod(dir, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	for _, rd := range readers() {
		if _, err := read(rd.r, dir, false); !errors.Is(err, fs.ErrPermission) {
			t.Errorf("%s: read(chmod 000) = %v, want permission denied", rd.name, err)
		}
	}
}

func TestListingFail(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want error
	}{
		{"path error loses its path", &fs.PathError{Op: "open", Path: "/x/y", Err: syscall.EACCES}, syscall.EACCES},
		{"wrapped path error", fmt.Errorf("reading: %w", &fs.PathError{Op: "open", Path: "/x", Err: syscall.ENOENT}), syscall.ENOENT},
		{"bare errno kept", syscall.ELOOP, syscall.ELOOP},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var l listing
			l.fail("/db/cat/client/project", tt.err)
			if len(l.errors) != 1 {
				t.Fatalf("errors = %v, want one", l.errors)
			}
			got := l.errors[0]
			if got.Path != "/db/cat/client/project" || got.Err != tt.want {
				t.Errorf("fail recorded {%q, %#v}, want {%q, %#v}", got.Path, got.Err, "/db/cat/client/project", tt.want)
			}
		})
	}
	plain := errors.New("boom")
	var l listing
	l.fail("p", plain)
	if l.errors[0].Err != plain {
		t.Errorf("a plain error was changed to %v", l.errors[0].Err)
	}
}

func TestListingReset(t *testing.T) {
	l := listing{
		dirs:   []string{"a", "b", "c"},
		files:  index.Stats{Bytes: 5, Files: 2, Modified: hours(1), Links: map[index.FileID]int64{{Dev: 1, Ino: 2}: 5}},
		errors: []index.PathError{{Path: "x", Err: syscall.EIO}},
	}
	capDirs, capErrs := cap(l.dirs), cap(l.errors)
	l.reset()
	if len(l.dirs) != 0 || len(l.errors) != 0 {
		t.Errorf("after reset: dirs %q, errors %v; want both empty", l.dirs, l.errors)
	}
	if cap(l.dirs) != capDirs || cap(l.errors) != capErrs {
		t.Errorf("reset dropped the buffers: cap dirs %d (was %d), errors %d (was %d)", cap(l.dirs), capDirs, cap(l.errors), capErrs)
	}
	if l.files.Bytes != 0 || l.files.Files != 0 || !l.files.Modified.IsZero() || l.files.Links != nil {
		t.Errorf("after reset: files = %+v, want zero", l.files)
	}
}
