package march

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/bcnvisuals/autobackup/internal/fsys"
	"github.com/bcnvisuals/autobackup/internal/testkit"
)

// tree writes files ("name/" a folder) and opens the folder.
func tree(t *testing.T, files ...string) fsys.Dir {
	t.Helper()
	dir := t.TempDir()
	for _, name := range files {
		p := filepath.Join(dir, name)
		if strings.HasSuffix(name, "/") {
			must(t, os.MkdirAll(p, 0o755))
			continue
		}
		must(t, os.MkdirAll(filepath.Dir(p), 0o755))
		must(t, os.WriteFile(p, []byte(name), 0o644))
	}
	d, err := fsys.OpenRoot(dir)
	must(t, err)
	t.Cleanup(func() { d.Close() })
	return d
}

func side(e *fsys.Entry) string {
	switch {
	case e == nil:
		return "-"
	case e.Kind == fsys.KindDir:
		return "d"
	}
	return "f"
}

func TestWalk(t *testing.T) {
	a := tree(t, "both", "only-a", "sub/x", "sub/y", "a-dir/inner", "clash/z")
	b := tree(t, "both", "only-b", "sub/y", "sub/z", "b-dir/", "clash")
	var got []string
	err := Walk(context.Background(), a, b, Options{}, func(p Pair, in Folder) (bool, error) {
		got = append(got, p.Rel+":"+side(p.A)+side(p.B))
		return true, nil
	})
	must(t, err)
	want := "a-dir:d- a-dir/inner:f- b-dir:-d both:ff clash:df clash/z:f- only-a:f- only-b:-f sub:dd sub/x:f- sub/y:ff sub/z:-f"
	if strings.Join(got, " ") != want {
		t.Fatalf("pairs\n%s\nwant\n%s", strings.Join(got, " "), want)
	}
	var top []string
	must(t, Walk(context.Background(), a, nil, Options{}, func(p Pair, _ Folder) (bool, error) {
		top = append(top, p.Rel)
		return false, nil
	}))
	if strings.Join(top, " ") != "a-dir both clash only-a sub" {
		t.Fatalf("without descending: %q", top)
	}
}

func TestWalkErrors(t *testing.T) {
	a := tree(t, "bad/x", "good/y")
	unreadable := func(d fsys.Dir) ([]fsys.Entry, error) {
		if filepath.Base(d.Path()) == "bad" {
			return nil, &fs.PathError{Op: "readdir", Path: d.Path(), Err: syscall.EIO}
		}
		return d.List()
	}
	var failed []string
	var seen []string
	err := Walk(context.Background(), a, nil, Options{List: unreadable, OnError: func(rel string, side byte, err error) error {
		failed = append(failed, rel+":"+string(side))
		return nil
	}}, func(p Pair, _ Folder) (bool, error) {
		seen = append(seen, p.Rel)
		return true, nil
	})
	must(t, err)
	if strings.Join(failed, " ") != "bad:A" || strings.Join(seen, " ") != "bad good good/y" {
		t.Fatalf("failed %q, seen %q", failed, seen)
	}
	err = Walk(context.Background(), a, nil, Options{List: unreadable}, func(Pair, Folder) (bool, error) { return true, nil })
	if !errors.Is(err, syscall.EIO) {
		t.Fatalf("without OnError: %v", err)
	}
	stop := errors.New("stop")
	if err := Walk(context.Background(), a, nil, Options{}, func(Pair, Folder) (bool, error) { return false, stop }); err != stop {
		t.Fatalf("a visitor's error: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Walk(ctx, a, nil, Options{}, func(Pair, Folder) (bool, error) { return true, nil }); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: %v", err)
	}
}

var must = testkit.Must
