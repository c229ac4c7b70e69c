package fsys

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bcnvisuals/autobackup/internal/testkit"
)

// root makes a temp folder with the given files ("name/" is a folder,
// "->x" a symlink to x) and opens it.
func root(t *testing.T, files map[string]string) (Dir, string) {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if strings.HasSuffix(name, "/") {
			must(t, os.MkdirAll(p, 0o755))
			continue
		}
		must(t, os.MkdirAll(filepath.Dir(p), 0o755))
		if target, ok := strings.CutPrefix(content, "->"); ok {
			must(t, os.Symlink(target, p))
			continue
		}
		must(t, os.WriteFile(p, []byte(content), 0o644))
	}
	d, err := OpenRoot(dir)
	must(t, err)
	t.Cleanup(func() { d.Close() })
	return d, dir
}

func TestIsTemp(t *testing.T) {
	var random [8]byte
	for i := range random {
		random[i] = byte(i * 37)
	}
	made := TempName(random)
	if made != ".autobackup-00254a6f94b9de03.tmp" {
		t.Fatalf("TempName = %q", made)
	}
	tests := []struct {
		name string
		want bool
	}{
		{made, true}, {".autobackup-0123456789abcdef.tmp", true},
		// A person's own files that merely look alike are never temps.
		{".autobackup-notes.tmp", false}, {".autobackup-.tmp", false}, {".autobackup-0123456789ABCDEF.tmp", false},
		{"autobackup-0123456789abcdef.tmp", false}, {".autobackup-0123456789abcdef.tmp.mov", false}, {"x.tmp", false},
	}
	for _, tt := range tests {
		if got := IsTemp(tt.name); got != tt.want {
			t.Errorf("IsTemp(%q) = %v", tt.name, got)
		}
	}
}

func TestSameTime(t *testing.T) {
	a := time.Date(2026, 1, 2, 3, 4, 5, 600, time.UTC)
	whole := a.Truncate(time.Second)
	tests := []struct {
		a, b      time.Time
		precision time.Duration
		want      bool
	}{
		{a, a, time.Nanosecond, true},
		{a, a.Add(1), time.Nanosecond, false},
		{a, whole, time.Nanosecond, false}, // no nanoseconds on one side is no excuse
		{a, whole, time.Second, true},      // a volume that keeps whole seconds
		{a, whole.Add(time.Second), time.Second, true},
		{a, whole.Add(2 * time.Second), time.Second, false},
		{a, whole.Add(2 * time.Second), 2 * time.Second, true}, // FAT rounds up to even seconds
		{a, a.Add(-99 * time.Nanosecond), 100 * time.Nanosecond, true},
	}
	for _, tt := range tests {
		if got := SameTime(tt.a, tt.b, tt.precision); got != tt.want {
			t.Errorf("SameTime(%v, %v, %v) = %v", tt.a, tt.b, tt.precision, got)
		}
	}
	if Coarser(time.Second, time.Nanosecond) != time.Second || Coarser(0, 0) != time.Nanosecond {
		t.Error("Coarser")
	}
}

func TestKindNames(t *testing.T) {
	got := KindFile.String() + "," + KindDir.String() + "," + KindSymlink.String() + "," + KindSpecial.String()
	if got != "file,folder,symlink,special file" {
		t.Fatalf("names %q", got)
	}
}

func TestOpenFileLimit(t *testing.T) {
	if n := OpenFileLimit(); n < 16 {
		t.Fatalf("OpenFileLimit = %d", n)
	}
}

var must = testkit.Must
