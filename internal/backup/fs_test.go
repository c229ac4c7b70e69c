package backup

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestFreeSpace(t *testing.T) {
	free, err := FreeSpace(t.TempDir())
	if err != nil || free == 0 {
		t.Fatalf("FreeSpace = %d, %v", free, err)
	}
	if _, err := FreeSpace("/nonexistent/autobackup"); err == nil {
		t.Fatal("FreeSpace of a missing folder did not fail")
	}
}

func TestCheckSpace(t *testing.T) {
	to := t.TempDir()
	free, err := FreeSpace(to)
	must(t, err)
	tests := []struct {
		name string
		size int64
		want error
	}{
		{"nothing to copy", 0, nil},
		{"fits", 1, nil},
		{"too big", int64(free) + 1<<40, ErrNoSpace},
	}
	for _, tt := range tests {
		p := &Plan{To: to, Locations: []*LocationPlan{{Items: []Item{{Kind: KindFile, Op: OpCopy, Size: tt.size}}}}}
		err := CheckSpace(p)
		if !errors.Is(err, tt.want) {
			t.Errorf("%s: CheckSpace = %v, want %v", tt.name, err, tt.want)
		}
		if err != nil && !strings.Contains(err.Error(), "the copy needs ") {
			t.Errorf("%s: message %q does not show the bytes needed and free", tt.name, err)
		}
	}
}

func TestLock(t *testing.T) {
	root, err := os.OpenRoot(t.TempDir())
	must(t, err)
	defer root.Close()
	unlock, err := lock(root)
	must(t, err)
	if _, err := lock(root); !errors.Is(err, ErrBusy) {
		t.Fatalf("second lock: %v, want ErrBusy", err)
	}
	unlock()
	unlock2, err := lock(root)
	if err != nil {
		t.Fatalf("lock after unlock: %v", err)
	}
	unlock2()
}

func TestLchtimes(t *testing.T) {
	dir := t.TempDir()
	must(t, os.Symlink("nowhere", filepath.Join(dir, "l")))
	root, err := os.OpenRoot(dir)
	must(t, err)
	defer root.Close()
	want := time.Date(2020, 1, 2, 3, 4, 5, 6, time.UTC)
	must(t, lchtimes(root, "l", want))
	fi, err := os.Lstat(filepath.Join(dir, "l"))
	if err != nil || !fi.ModTime().Equal(want) {
		t.Fatalf("symlink time %v, %v; want %v", fi.ModTime(), err, want)
	}
}

func TestHashFile(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	must(t, os.WriteFile(a, []byte(strings.Repeat("x", 3*bufSize+7)), 0o644))
	must(t, os.WriteFile(b, []byte(strings.Repeat("x", 3*bufSize+6)+"y"), 0o644))
	ctx := context.Background()
	ha, err := hashFile(ctx, func() (*os.File, error) { return os.Open(a) })
	must(t, err)
	ha2, err := hashFile(ctx, func() (*os.File, error) { return os.Open(a) })
	must(t, err)
	hb, err := hashFile(ctx, func() (*os.File, error) { return os.Open(b) })
	must(t, err)
	if ha != ha2 || ha == hb {
		t.Fatalf("hashes: %x %x %x", ha.Bytes(), ha2.Bytes(), hb.Bytes())
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := hashFile(cancelled, func() (*os.File, error) { return os.Open(a) }); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled hash: %v", err)
	}
}
