package backup

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/bcnvisuals/autobackup/internal/index"
	"github.com/bcnvisuals/autobackup/internal/testkit"
)

type tree = testkit.Tree

var (
	stamp    = testkit.Stamp
	write    = testkit.Write
	must     = testkit.Must
	manifest = testkit.Manifest
)

// studio makes two database roots with a location footage/acme/spot.
func studio(t *testing.T, src, dst tree) (from, to string, loc Location) {
	t.Helper()
	dir := t.TempDir()
	from, to = filepath.Join(dir, "WORK"), filepath.Join(dir, "NAS")
	must(t, os.MkdirAll(from, 0o755))
	must(t, os.MkdirAll(to, 0o755))
	write(t, filepath.Join(from, "footage/acme/spot"), src)
	if dst != nil {
		write(t, filepath.Join(to, "footage/acme/spot"), dst)
	}
	loc = Location{
		Project:  index.Project{Client: "acme", Name: "spot"},
		Category: "footage",
		Source:   filepath.Join(from, "footage/acme/spot"),
		Dest:     "footage/acme/spot",
	}
	return from, to, loc
}

func TestLocationName(t *testing.T) {
	l := Location{Project: index.Project{Client: "Big Co", Name: "spot 2"}, Category: "footage"}
	if got := l.Name(); got != "Big Co/spot 2 footage" {
		t.Fatalf("Name = %q", got)
	}
}

// copyAll plans and runs a copy, checking that the source is untouched.
func copyAll(t *testing.T, from, to string, loc Location, opts Options) (*Plan, *outcome, error) {
	t.Helper()
	before := manifest(t, from)
	p, err := Make(context.Background(), from, to, []Location{loc}, opts)
	if err != nil {
		return nil, nil, err
	}
	res, err := runTest(context.Background(), p, nil)
	if after := manifest(t, from); !slices.Equal(before, after) {
		t.Fatalf("the source changed:\nbefore %q\nafter  %q", before, after)
	}
	return p, res, err
}

// outcome is a run's Result with the lines of the events that need a
// person's attention, as cmd prints them.
type outcome struct {
	*Result
	Conflicts, Failed, Changed, Warnings []string
	Events                               []Event
}

// runTest runs a plan, with a test's fault injector when wrap is not nil,
// and collects its events.
func runTest(ctx context.Context, p *Plan, wrap func(io.Writer) io.Writer) (*outcome, error) {
	out := &outcome{}
	var mu sync.Mutex
	p.Options.Record = func(e Event) {
		mu.Lock()
		defer mu.Unlock()
		out.Events = append(out.Events, e)
		switch e.Kind {
		case Conflict:
			out.Conflicts = append(out.Conflicts, e.Line())
		case Failed:
			out.Failed = append(out.Failed, e.Line())
		case Changed:
			out.Changed = append(out.Changed, e.Path)
		case Warning:
			out.Warnings = append(out.Warnings, e.Line())
		}
	}
	res, err := run(ctx, p, nil, wrap)
	out.Result = res
	if res == nil {
		return nil, err
	}
	return out, err
}
