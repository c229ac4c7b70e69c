package backup

import (
	"errors"
	"strings"
	"testing"

	"github.com/bcnvisuals/autobackup/internal/fsys"
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
		p := &Plan{To: to, Locations: []*LocationPlan{{Items: []Item{{Entry: fsys.Entry{Kind: KindFile, Size: tt.size}, Op: OpCopy}}}}}
		err := CheckSpace(p)
		if !errors.Is(err, tt.want) {
			t.Errorf("%s: CheckSpace = %v, want %v", tt.name, err, tt.want)
		}
		if err != nil && !strings.Contains(err.Error(), "the copy needs ") {
			t.Errorf("%s: message %q does not show the bytes needed and free", tt.name, err)
		}
	}
}

func TestLockDest(t *testing.T) {
	d, err := fsys.OpenRoot(t.TempDir())
	must(t, err)
	defer d.Close()
	unlock, err := lockDest(d)
	must(t, err)
	if _, err := lockDest(d); !errors.Is(err, ErrBusy) {
		t.Fatalf("second lock: %v, want ErrBusy", err)
	}
	unlock()
	unlock2, err := lockDest(d)
	if err != nil {
		t.Fatalf("lock after unlock: %v", err)
	}
	unlock2()
}

// TestLimitsFor: the copy never plans more open files than allowed.
func TestLimitsFor(t *testing.T) {
	l := limitsFor(0)
	if l.jobs != DefaultJobs || l.folders < 1 || l.folders > batchFolders {
		t.Fatalf("limitsFor(0) = %+v", l)
	}
	if l := limitsFor(1 << 30); l.jobs > maxJobs {
		t.Fatalf("limitsFor(huge) = %+v", l)
	}
	budget := fsys.OpenFileLimit() - 24
	if l := limitsFor(8); 2*l.jobs+l.jobs+4*l.folders > max(budget, 7) {
		t.Fatalf("limitsFor(8) = %+v over a budget of %d files", l, budget)
	}
}
