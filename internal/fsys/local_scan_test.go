package fsys

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
)

// TestScanAgreesWithListScan: the fast Scan of a local folder describes
// files and symlinks exactly as Lstat does, and folders and special files
// by kind, across more entries than one getdents buffer holds.
func TestScanAgreesWithListScan(t *testing.T) {
	files := map[string]string{"sub/": "", "sub/inner": "y", "l": "->x", "x": "data"}
	for i := range 900 {
		files[fmt.Sprintf("%04d-a-long-name-to-fill-the-buffers", i)] = "x"
	}
	d, dir := root(t, files)
	must(t, syscall.Mkfifo(filepath.Join(dir, "fifo"), 0o644))
	must(t, os.Link(filepath.Join(dir, "x"), filepath.Join(dir, "hard")))
	collect := func(scan func(ScanFunc) (Entry, error)) (map[string]Entry, Entry) {
		out := map[string]Entry{}
		self, err := scan(func(e *Entry, err error) {
			if err != nil {
				t.Fatalf("%s: %v", e.Name, err)
			}
			out[e.Name] = *e
		})
		must(t, err)
		return out, self
	}
	fast, fastSelf := collect(func(fn ScanFunc) (Entry, error) { return d.(Scanner).Scan(".", false, fn) })
	ref, refSelf := collect(func(fn ScanFunc) (Entry, error) { return ListScan(d, ".", fn) })
	if len(fast) != len(ref) || len(fast) != 905 {
		t.Fatalf("%d entries, reference %d", len(fast), len(ref))
	}
	if !fastSelf.ModTime.Equal(refSelf.ModTime) || fastSelf.ID != refSelf.ID {
		t.Fatalf("the folder itself: %+v, reference %+v", fastSelf, refSelf)
	}
	for name, r := range ref {
		f := fast[name]
		switch r.Kind {
		case KindDir, KindSpecial:
			if f.Kind != r.Kind || f.Mode.Type() != r.Mode.Type()&fs.ModeDir {
				t.Errorf("%s: %+v, reference %+v", name, f, r)
			}
		default:
			if f != r {
				t.Errorf("%s: %+v, reference %+v", name, f, r)
			}
		}
	}
}

func TestScanFollowAndRefusals(t *testing.T) {
	d, dir := root(t, map[string]string{"real/a": "1", "link": "->real", "file": "x"})
	noop := func(*Entry, error) {}
	s := d.(Scanner)
	if _, err := s.Scan("link", false, noop); err == nil {
		t.Fatal("Scan went through a symlink without follow")
	}
	var names []string
	if _, err := s.Scan("link", true, func(e *Entry, _ error) { names = append(names, e.Name) }); err != nil || !slices.Equal(names, []string{"a"}) {
		t.Fatalf("Scan(link, follow) = %q, %v", names, err)
	}
	if _, err := s.Scan("file", true, noop); !errors.Is(err, ErrNotDir) {
		t.Fatalf("Scan(file) = %v", err)
	}
	if _, err := s.Scan("missing", true, noop); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Scan(missing) = %v", err)
	}
	for _, bad := range []string{"../" + filepath.Base(dir), "/etc", "real/../.."} {
		if _, err := s.Scan(bad, true, noop); err == nil {
			t.Errorf("Scan(%q) went through", bad)
		}
	}
}
