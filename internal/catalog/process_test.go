package catalog

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// helperEnv makes the test binary a process that saves snapshots to a
// catalog in a loop: "PATH NAME ROUNDS SIZE".
const helperEnv = "AUTOBACKUP_CATALOG_HELPER"

func TestMain(m *testing.M) {
	if spec := os.Getenv(helperEnv); spec != "" {
		os.Exit(saveLoop(spec))
	}
	os.Exit(m.Run())
}

// saveLoop saves ROUNDS snapshots of NAME, each of SIZE projects whose
// sizes all equal the round, so that a reader can tell a whole snapshot
// from a mix: every project of one saved snapshot has the same Bytes.
func saveLoop(spec string) int {
	f := strings.Fields(spec)
	rounds, _ := strconv.Atoi(f[2])
	size, _ := strconv.Atoi(f[3])
	c, err := Open(f[0], time.Now())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer c.Close()
	for r := 1; r <= rounds; r++ {
		s := snapshot(f[1], size)
		for _, clients := range s.Categories {
			for _, projects := range clients {
				for _, st := range projects {
					st.Bytes = int64(r)
				}
			}
		}
		if err := c.Save(s, time.Second, time.Now()); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		if _, err := c.Load(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
	}
	return 0
}

func helper(path, name string, rounds, size int) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%s %s %d %d", helperEnv, path, name, rounds, size))
	return cmd
}

// checkWhole checks that every stored snapshot is one whole save: all its
// projects carry one round's number.
func checkWhole(t *testing.T, path string) {
	t.Helper()
	c, err := Open(path, time.Now())
	if err != nil {
		t.Fatalf("open after a kill: %v", err)
	}
	defer c.Close()
	stored, err := c.Load()
	if err != nil {
		t.Fatalf("load after a kill: %v", err)
	}
	for _, s := range stored {
		rounds := map[int64]bool{}
		for _, clients := range s.Snapshot.Categories {
			for _, projects := range clients {
				for _, st := range projects {
					rounds[st.Bytes] = true
				}
			}
		}
		if len(rounds) > 1 {
			t.Fatalf("%s holds a mix of saves: rounds %v", s.Snapshot.Database.Name, rounds)
		}
	}
	if len(c.Warnings) > 0 {
		t.Fatalf("the catalog was damaged by a kill: %q", c.Warnings)
	}
}

// TestTwoProcesses: a shell and a cron job saving and loading at once;
// neither fails, neither loses the other's snapshot.
func TestTwoProcesses(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	a, b := helper(path, "WORK", 15, 2000), helper(path, "NAS", 15, 2000)
	var outA, outB strings.Builder
	a.Stderr, b.Stderr = &outA, &outB
	must(t, a.Start())
	must(t, b.Start())
	if err := a.Wait(); err != nil {
		t.Fatalf("first process: %v: %s", err, outA.String())
	}
	if err := b.Wait(); err != nil {
		t.Fatalf("second process: %v: %s", err, outB.String())
	}
	c := openTest(t, path)
	stored, err := c.Load()
	if err != nil || len(stored) != 2 {
		t.Fatalf("after both: %d databases, %v", len(stored), err)
	}
	checkWhole(t, path)
}

// TestKilledMidSave: kill -9 at any moment of a save leaves the previous
// snapshot whole.
func TestKilledMidSave(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 1))
	kills := 10
	if testing.Short() {
		kills = 4
	}
	for range kills {
		cmd := helper(path, "WORK", 1000, 20000)
		must(t, cmd.Start())
		time.Sleep(time.Duration(50+rng.IntN(400)) * time.Millisecond)
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()
		checkWhole(t, path)
	}
}
