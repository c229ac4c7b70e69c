package backup

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// swapper swaps two folders with renameat2(RENAME_EXCHANGE) in a loop
// until stopped, always leaving them as they were.
type swapper struct {
	stop  atomic.Bool
	done  sync.WaitGroup
	swaps atomic.Int64
}

func startSwapping(t *testing.T, a, b string) *swapper {
	s := &swapper{}
	s.done.Go(func() {
		for !s.stop.Load() {
			if err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE); err != nil {
				t.Errorf("swap: %v", err)
				return
			}
			s.swaps.Add(1)
			time.Sleep(time.Duration(s.swaps.Load()%7) * 20 * time.Microsecond)
		}
		if s.swaps.Load()%2 == 1 { // put them back
			if err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE); err != nil {
				t.Errorf("swap back: %v", err)
			}
		}
	})
	return s
}

func (s *swapper) halt() { s.stop.Store(true); s.done.Wait() }

// racingStudio makes a source location footage/acme/spot and, at the
// destination, acme/spot and other/spot, every file differing from the
// source, so that --overwrite replaces them all.
func racingStudio(t *testing.T, files int) (from, to string, loc Location) {
	src, dst, other := tree{}, tree{}, tree{}
	for i := range files {
		name := fmt.Sprintf("day%d/clip%03d.mov", i%3, i)
		src[name] = strings.Repeat("new", 1+i%5) + itoa(i)
		dst[name] = strings.Repeat("old", 2+i%5) + itoa(i)
		other[name] = "other client's " + itoa(i)
	}
	from, to, loc = studio(t, src, dst)
	write(t, filepath.Join(to, "footage/other/spot"), other)
	return from, to, loc
}

// TestRunOverwriteWhileFoldersSwap (issue 7, item 1): while another
// program swaps client and project folders at the destination, copy
// --overwrite loses no byte, never writes into another client's folder,
// and never calls a copy done that is not.
func TestRunOverwriteWhileFoldersSwap(t *testing.T) {
	pairs := [][2]string{{"footage/acme", "footage/other"}, {"footage/acme/spot/day1", "footage/other/spot/day1"}}
	deadline := time.Now().Add(raceTime())
	var rounds, failed, swaps int64
	defer func() { t.Logf("%d rounds, %d failed loudly, %d swaps", rounds, failed, swaps) }()
	for round := 0; time.Now().Before(deadline) || round < 2; round++ {
		from, to, loc := racingStudio(t, 60)
		pair := pairs[round%len(pairs)]
		before := contents(t, to)
		otherBefore := fileManifest(t, filepath.Join(to, "footage/other/spot"))
		p, err := Make(context.Background(), from, to, []Location{loc}, Options{Overwrite: true, Jobs: 4})
		must(t, err)
		sw := startSwapping(t, filepath.Join(to, pair[0]), filepath.Join(to, pair[1]))
		res, err := runTest(context.Background(), p, nil)
		sw.halt()
		must(t, err)
		rounds, swaps = rounds+1, swaps+sw.swaps.Load()
		if len(res.Failed) > 0 {
			failed++
			if round < 3 {
				t.Logf("round %d: %d failed, first: %s", round, len(res.Failed), res.Failed[0])
			}
		}
		after := contents(t, to)
		for h, n := range before {
			if after[h] < n {
				t.Fatalf("round %d (%s): %d of %d copies of a destination file were lost; failed %q", round, pair, n-after[h], n, res.Failed)
			}
		}
		if got := fileManifest(t, filepath.Join(to, "footage/other/spot")); !slices.Equal(got, otherBefore) {
			t.Fatalf("round %d (%s): another client's project was changed:\n%q\nwas\n%q", round, pair, got, otherBefore)
		}
		if len(res.Failed) == 0 {
			if got, want := names(t, filepath.Join(to, loc.Dest)), names(t, loc.Source); !slices.Equal(got, want) {
				t.Fatalf("round %d: copy said done but the destination holds %q", round, got)
			}
			checkSameFiles(t, loc.Source, filepath.Join(to, loc.Dest))
		}
	}
}

// TestRunWhileFolderSwappedForSymlink (issue 7, item 1): a client folder
// replaced by a symlink to another client's folder, inside the root, is
// never written through.
func TestRunWhileFolderSwappedForSymlink(t *testing.T) {
	deadline := time.Now().Add(raceTime())
	for round := 0; time.Now().Before(deadline) || round < 2; round++ {
		from, to, loc := racingStudio(t, 40)
		link := filepath.Join(to, "footage/acme-link")
		must(t, os.Symlink("other", link))
		otherBefore := fileManifest(t, filepath.Join(to, "footage/other/spot"))
		before := contents(t, to)
		p, err := Make(context.Background(), from, to, []Location{loc}, Options{Overwrite: true})
		must(t, err)
		sw := startSwapping(t, filepath.Join(to, "footage/acme"), link)
		res, err := runTest(context.Background(), p, nil)
		sw.halt()
		must(t, err)
		if got := fileManifest(t, filepath.Join(to, "footage/other/spot")); !slices.Equal(got, otherBefore) {
			t.Fatalf("round %d: written through a symlink into another client's project:\n%q", round, got)
		}
		after := contents(t, to)
		for h, n := range before {
			if after[h] < n {
				t.Fatalf("round %d: a destination file was lost; failed %q", round, res.Failed)
			}
		}
	}
}
