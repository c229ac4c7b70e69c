package compare

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/bcnvisuals/autobackup/internal/fsys"
	"github.com/bcnvisuals/autobackup/internal/march"
	"github.com/bcnvisuals/autobackup/internal/testkit"
)

var (
	stamp = testkit.Stamp
	must  = testkit.Must
)

// build writes a tree into a new folder.
func build(t *testing.T, files map[string]string) string { return testkit.Dir(t, files) }

func render(r *Result) string {
	var lines []string
	for _, e := range r.Entries {
		line := e.Class().String() + " " + e.Rel
		if e.Why() != "" {
			line += " (" + e.Why() + ")"
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

func TestTrees(t *testing.T) {
	tests := []struct {
		name string
		a, b map[string]string
		setB func(t *testing.T, b string)
		want string
	}{
		{name: "identical", a: map[string]string{"x": "1", "d/y": "22"}, b: map[string]string{"x": "1", "d/y": "22"},
			want: "identical d/y\nidentical x"},
		{name: "only in one side", a: map[string]string{"x": "1", "onlya/deep/f": "a"}, b: map[string]string{"x": "1", "onlyb": "b"},
			want: "only in A onlya/deep/f\nonly in B onlyb\nidentical x"},
		{name: "size", a: map[string]string{"x": "1"}, b: map[string]string{"x": "11"}, want: "differs x (size)"},
		{name: "time", a: map[string]string{"x": "1"}, b: map[string]string{"x": "2"},
			setB: func(t *testing.T, b string) {
				later := stamp.Add(time.Minute)
				must(t, os.Chtimes(filepath.Join(b, "x"), later, later))
			}, want: "differs x (time)"},
		{name: "file turned into a symlink", a: map[string]string{"x": "1"}, b: map[string]string{"x": "->elsewhere"},
			want: "differs x (type: file in A, symlink in B)"},
		{name: "file turned into a folder", a: map[string]string{"x": "1"}, b: map[string]string{"x/inner": "1"},
			want: "differs x (type: file in A, folder in B)\nonly in B x/inner"},
		{name: "symlinks", a: map[string]string{"l": "->t", "m": "->t"}, b: map[string]string{"l": "->t", "m": "->u"},
			want: "identical l\ndiffers m (target)"},
		{name: "empty folders", a: map[string]string{"e/": "", "both/": ""}, b: map[string]string{"both/": ""},
			want: "only in A e"},
		// Issue 7, item 3: another copy's temp files are not data.
		{name: "temp names", a: map[string]string{"x": "1", "d/.autobackup-0123456789abcdef.tmp": "partial"}, b: map[string]string{"x": "1", "d/": ""},
			want: "identical x"},
		// Issue 11: a manifest history is bookkeeping, not data.
		{name: "manifests", a: map[string]string{"x": "1", "ascmhl/0001.mhl": "a", "d/ascmhl/c.xml": "c"}, b: map[string]string{"x": "1", "ascmhl/0002.mhl": "b"},
			want: "only in A d\nidentical x"},
		// Issue 7, item 7: special files are skipped, as copy skips them.
		{name: "special files", a: map[string]string{"x": "1"}, b: map[string]string{"x": "1"},
			setB: func(t *testing.T, b string) {
				must(t, syscall.Mkfifo(filepath.Join(b, "fifo"), 0o644))
				must(t, syscall.Mkfifo(filepath.Join(b, "x2"), 0o644))
			}, want: "skipped fifo (special file: not copied)\nidentical x\nskipped x2 (special file: not copied)"},
		// Issue 7, item 16: one side without nanoseconds is not the same
		// second where both databases keep nanoseconds.
		{name: "whole second", a: map[string]string{"x": "1"}, b: map[string]string{"x": "2"},
			setB: func(t *testing.T, b string) {
				whole := stamp.Truncate(time.Second)
				must(t, os.Chtimes(filepath.Join(b, "x"), whole, whole))
			}, want: "differs x (time)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := build(t, tt.a), build(t, tt.b)
			if tt.setB != nil {
				tt.setB(t, b)
			}
			r, err := Trees(context.Background(), a, b, time.Nanosecond)
			if err != nil {
				t.Fatal(err)
			}
			if got := render(r); got != tt.want {
				t.Fatalf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestTreesErrors(t *testing.T) {
	a := build(t, map[string]string{"f": "1"})
	if _, err := Trees(context.Background(), a, filepath.Join(a, "missing"), time.Nanosecond); !os.IsNotExist(err) {
		t.Fatalf("missing B: %v", err)
	}
	if _, err := Trees(context.Background(), filepath.Join(a, "f"), a, time.Nanosecond); err == nil {
		t.Fatal("a file as A did not fail")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Trees(ctx, a, a, time.Nanosecond); err == nil {
		t.Fatal("a cancelled comparison did not fail")
	}
}

func file(size int64) *fsys.Entry { return &fsys.Entry{Kind: fsys.KindFile, Size: size} }

func TestCountAndSame(t *testing.T) {
	r := &Result{Entries: []Entry{
		{Diff: march.Same, A: file(10), B: file(10)},
		{Diff: march.OnlyA, A: file(5)},
		{Diff: march.OnlyB, B: file(7)},
		{Diff: march.OnlyB, B: file(1)},
	}}
	tests := []struct {
		c     Class
		n     int
		bytes int64
	}{{Identical, 1, 10}, {OnlyA, 1, 5}, {OnlyB, 2, 8}, {Differs, 0, 0}}
	for _, tt := range tests {
		if n, b := r.Count(tt.c); n != tt.n || b != tt.bytes {
			t.Errorf("Count(%v) = %d, %d; want %d, %d", tt.c, n, b, tt.n, tt.bytes)
		}
	}
	if r.Same() {
		t.Error("Same() on a result with differences")
	}
	if !(&Result{Entries: r.Entries[:1]}).Same() {
		t.Error("Same() false on identical entries")
	}
	if !(&Result{Entries: []Entry{r.Entries[0], {Diff: march.Special, B: &fsys.Entry{Kind: fsys.KindSpecial}}}}).Same() {
		t.Error("Same() false with a skipped special file")
	}
}

// TestTreesAtPrecision: on databases that keep whole seconds, a file of
// the same second is the same.
func TestTreesAtPrecision(t *testing.T) {
	a := build(t, map[string]string{"x": "1"})
	b := build(t, map[string]string{"x": "2"})
	whole := stamp.Truncate(time.Second)
	must(t, os.Chtimes(filepath.Join(b, "x"), whole, whole))
	r, err := Trees(context.Background(), a, b, time.Second)
	must(t, err)
	if got := render(r); got != "identical x" {
		t.Fatalf("got %q", got)
	}
}

func TestClassNames(t *testing.T) {
	got := fmt.Sprint(Identical, OnlyA, OnlyB, Differs, Skipped)
	want := "identical only in A only in B differs skipped"
	if got != want {
		t.Fatalf("names: %q", got)
	}
	if d := (Entry{Rel: "a/b/c"}).Dir(); d != "a/b" {
		t.Fatalf("Dir = %q", d)
	}
}
