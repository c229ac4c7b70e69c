package backup

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/bcnvisuals/autobackup/internal/fsys"
)

// ops renders a plan as "op rel" lines, folders left out when skipped.
func ops(p *Plan) []string {
	var out []string
	for _, lp := range p.Locations {
		for _, it := range lp.Items {
			if it.Kind == KindDir && it.Op == OpSkip {
				continue
			}
			line := [...]string{"copy", "replace", "skip", "conflict", "link", "mkdir", "ignore", "fail"}[it.Op] + " " + it.Rel
			if it.Why != "" {
				line += ": " + it.Why
			}
			out = append(out, line)
		}
	}
	return out
}

func TestMake(t *testing.T) {
	later := stamp.Add(time.Hour)
	tests := []struct {
		name  string
		src   tree
		dst   tree
		setup func(t *testing.T, src, dst string)
		opts  Options
		want  []string
	}{
		{name: "all missing", src: tree{"a.mov": "aaa", "day1/b.mov": "bb", "empty/": ""},
			want: []string{"copy a.mov", "mkdir day1", "copy day1/b.mov", "mkdir empty"}},
		{name: "identical", src: tree{"a.mov": "aaa"}, dst: tree{"a.mov": "aaa"}, want: []string{"skip a.mov"}},
		{name: "size differs", src: tree{"a.mov": "aaa"}, dst: tree{"a.mov": "aaaa"},
			want: []string{"conflict a.mov: size differs: the source 3 B, the destination 4 B"}},
		{name: "time differs", src: tree{"a.mov": "aaa"}, dst: tree{"a.mov": "bbb"},
			setup: func(t *testing.T, _, dst string) { must(t, os.Chtimes(filepath.Join(dst, "a.mov"), later, later)) },
			want:  []string{"conflict a.mov: modification time differs: the source 2026-04-05 06:07:08 UTC, the destination 2026-04-05 07:07:08 UTC"}},
		{name: "same size and time, other content", src: tree{"a.mov": "aaa"}, dst: tree{"a.mov": "bbb"},
			want: []string{"skip a.mov"}},
		{name: "checksum sees content", src: tree{"a.mov": "aaa", "b.mov": "same"}, dst: tree{"a.mov": "bbb", "b.mov": "same"},
			opts: Options{Checksum: true}, want: []string{"conflict a.mov: content differs between the source and the destination", "skip b.mov"}},
		{name: "overwrite", src: tree{"a.mov": "aaa"}, dst: tree{"a.mov": "aaaa"}, opts: Options{Overwrite: true},
			want: []string{"replace a.mov: size differs: the source 3 B, the destination 4 B"}},
		{name: "file where a folder is", src: tree{"x/a": "1"}, dst: tree{"x": "file"},
			want: []string{"conflict x: type differs: a folder in the source, a file in the destination"}},
		{name: "folder where a file is", src: tree{"x": "file"}, dst: tree{"x/a": "1"}, opts: Options{Overwrite: true},
			want: []string{"conflict x: type differs: a file in the source, a folder in the destination"}},
		{name: "symlinks", src: tree{"same": "->t", "other": "->t", "new": "->../../../../outside", "file": "->t"},
			dst:  tree{"same": "->t", "other": "->u", "file": "x"},
			want: []string{"conflict file: type differs: a symlink in the source, a file in the destination", "copy new", `conflict other: symlink target differs: "t" in the source, "u" in the destination`, "skip same"}},
		{name: "hard links", src: tree{"a": "linked", "c": "other"},
			setup: func(t *testing.T, src, _ string) { must(t, os.Link(filepath.Join(src, "a"), filepath.Join(src, "b"))) },
			want:  []string{"copy a", "link b", "copy c"}},
		{name: "special files", src: tree{"a": "1"},
			setup: func(t *testing.T, src, _ string) { must(t, syscall.Mkfifo(filepath.Join(src, "fifo"), 0o644)) },
			want:  []string{"copy a", "ignore fifo: not a file, folder or symlink (p---------)"}},
		{name: "manifest histories are not data", src: tree{"a": "1", "ascmhl/0001_spot.mhl": "x"}, dst: tree{"ascmhl/0002_spot.mhl": "y"},
			want: []string{"copy a"}},
		{name: "stale temps are noted, not compared", src: tree{"a": "1"}, dst: tree{".autobackup-0123456789abcdef.tmp": "partial", "a": "1"},
			want: []string{"skip a"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			from, to, loc := studio(t, tt.src, tt.dst)
			if tt.setup != nil {
				tt.setup(t, loc.Source, filepath.Join(to, loc.Dest))
			}
			p, err := Make(context.Background(), from, to, []Location{loc}, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			got := ops(p)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Fatalf("plan:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestMakeStaleTemps(t *testing.T) {
	from, to, loc := studio(t, tree{"a": "1"}, tree{".autobackup-0123456789abcdef.tmp": "partial", "d/.autobackup-4567456789abcdef.tmp": "x", "d/b": "2"})
	p, err := Make(context.Background(), from, to, []Location{loc}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(p.Locations[0].StaleTemps, " "); got != ".autobackup-0123456789abcdef.tmp" {
		t.Fatalf("StaleTemps = %q (d/ is not in the source, so it is not read)", got)
	}
}

func TestMakeRefuses(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, from, to string, loc *Location) (string, string)
		want  error
		msg   string
	}{
		{name: "same database", setup: func(t *testing.T, from, to string, loc *Location) (string, string) { return from, from },
			want: ErrSameDatabase},
		{name: "same database through a link", setup: func(t *testing.T, from, to string, loc *Location) (string, string) {
			link := filepath.Join(filepath.Dir(from), "link")
			must(t, os.Symlink(from, link))
			return from, link
		}, want: ErrSameDatabase},
		{name: "destination inside the source", setup: func(t *testing.T, from, to string, loc *Location) (string, string) {
			inner := filepath.Join(from, "inner")
			must(t, os.Mkdir(inner, 0o755))
			return from, inner
		}, want: ErrNested},
		{name: "source inside the destination", setup: func(t *testing.T, from, to string, loc *Location) (string, string) {
			return from, filepath.Dir(from)
		}, want: ErrNested},
		{name: "source missing", setup: func(t *testing.T, from, to string, loc *Location) (string, string) {
			loc.Source += "-nope"
			return from, to
		}, msg: "acme/spot footage: source: open "},
		{name: "destination folder is a symlink", setup: func(t *testing.T, from, to string, loc *Location) (string, string) {
			outside := t.TempDir()
			must(t, os.Symlink(outside, filepath.Join(to, "footage")))
			return from, to
		}, msg: "acme/spot footage: destination folder footage is a symlink; copy does not write through links"},
		{name: "destination location is a file", setup: func(t *testing.T, from, to string, loc *Location) (string, string) {
			must(t, os.MkdirAll(filepath.Join(to, "footage/acme"), 0o755))
			must(t, os.WriteFile(filepath.Join(to, "footage/acme/spot"), nil, 0o644))
			return from, to
		}, msg: "acme/spot footage: destination footage/acme/spot is not a folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			from, to, loc := studio(t, tree{"a": "1"}, nil)
			from, to = tt.setup(t, from, to, &loc)
			_, err := Make(context.Background(), from, to, []Location{loc}, Options{})
			if err == nil {
				t.Fatal("Make did not refuse")
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Fatalf("error %v, want %v", err, tt.want)
			}
			if tt.msg != "" && !strings.HasPrefix(err.Error(), tt.msg) {
				t.Fatalf("error %q, want it to start with %q", err, tt.msg)
			}
		})
	}
}

func TestMakeCancelled(t *testing.T) {
	from, to, loc := studio(t, tree{"a": "1"}, nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Make(ctx, from, to, []Location{loc}, Options{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v", err)
	}
}

func TestTotals(t *testing.T) {
	file := func(size int64) fsys.Entry { return fsys.Entry{Kind: KindFile, Size: size} }
	p := &Plan{Locations: []*LocationPlan{{newFolders: 2, Items: []Item{
		{Entry: file(10), Op: OpCopy},
		{Entry: file(5), Op: OpReplace},
		{Entry: file(7), Op: OpSkip},
		{Entry: file(3), Op: OpConflict},
		{Entry: file(10), Op: OpLink},
		{Entry: fsys.Entry{Kind: KindDir}, Op: OpMkdir},
		{Entry: fsys.Entry{Kind: KindSymlink}, Op: OpCopy},
		{Entry: fsys.Entry{Kind: KindSpecial}, Op: OpIgnore},
		{Entry: fsys.Entry{Kind: KindDir}, Op: OpFail},
	}}, {Err: errors.New("unreadable")}}}
	want := Totals{CopyFiles: 2, CopyBytes: 15, SkipFiles: 1, SkipBytes: 7, Conflicts: 1, Ignored: 1, Links: 1, Dirs: 3, Symlinks: 1, ReplaceFiles: 1, Failed: 2}
	if got := p.Totals(); got != want {
		t.Fatalf("Totals = %+v, want %+v", got, want)
	}
}

func TestWithin(t *testing.T) {
	tests := []struct {
		parent, p string
		want      bool
	}{
		{"/a", "/a/b", true}, {"/a", "/a", false}, {"/a", "/ab", false}, {"/a/b", "/a", false}, {"/a", "/a/..b", true},
	}
	for _, tt := range tests {
		if got := within(tt.parent, tt.p); got != tt.want {
			t.Errorf("within(%q, %q) = %v", tt.parent, tt.p, got)
		}
	}
}
