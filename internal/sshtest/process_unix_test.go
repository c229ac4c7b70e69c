//go:build unix

package sshtest

import (
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestStatFields(t *testing.T) {
	tests := []struct {
		stat  string
		ppid  int
		state string
		ok    bool
	}{
		{"123 (sshd) S 45 123 123 0 -1", 45, "S", true},
		{"124 (a) b) (c) Z 1 124 124 0", 1, "Z", true},
		{"125 (x", 0, "", false},
		{"126 (x) R", 0, "", false},
	}
	for _, tt := range tests {
		ppid, state, ok := statFields([]byte(tt.stat))
		if ppid != tt.ppid || state != tt.state || ok != tt.ok {
			t.Errorf("statFields(%q) = %d, %q, %v; want %d, %q, %v", tt.stat, ppid, state, ok, tt.ppid, tt.state, tt.ok)
		}
	}
}

// TestEndReachesOtherSessions checks that end kills processes that left the
// process group with setsid, as sshd's connection processes do.
func TestEndReachesOtherSessions(t *testing.T) {
	setsid, err := exec.LookPath("setsid")
	if err != nil {
		t.Skip("no setsid")
	}
	for _, kill := range []bool{false, true} {
		t.Run("kill="+strconv.FormatBool(kill), func(t *testing.T) {
			pidFile := t.TempDir() + "/pid"
			cmd := exec.Command("sh", "-c", setsid+` sh -c 'echo $$ > `+pidFile+`; exec sleep 60' & wait`)
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			p := &process{cmd: cmd, done: make(chan struct{})}
			go func() { p.err = cmd.Wait(); close(p.done) }()
			var pid int
			for deadline := time.Now().Add(10 * time.Second); pid == 0 && time.Now().Before(deadline); {
				b, _ := os.ReadFile(pidFile)
				pid, _ = strconv.Atoi(strings.TrimSpace(string(b)))
				time.Sleep(5 * time.Millisecond)
			}
			if pid == 0 {
				t.Fatal("the grandchild never started")
			}
			q, err := os.FindProcess(pid)
			if err != nil {
				t.Fatal(err)
			}
			p.end(kill)
			if alive(q) {
				t.Fatalf("process %d in its own session survived end(%v)", pid, kill)
			}
			if !p.exited() {
				t.Fatal("the root process was not reaped")
			}
		})
	}
}
