//go:build unix

package sshtest

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// stopGrace is how long Stop lets sshd and its sessions end on SIGTERM.
const stopGrace = 3 * time.Second

// end signals the listening sshd and every process under it. sshd starts
// each connection's process in a session of its own, so killing a process
// group would miss them: the tree is found from parent pids instead, after
// stopping each process so that none forks unseen. Processes are held by
// os.Process handles (pidfds on Linux), so a pid reused by an unrelated
// process after ours exited is never signalled.
func (p *process) end(kill bool) {
	if p.exited() {
		return
	}
	all := append([]*os.Process{p.cmd.Process}, freezeTree(p.cmd.Process)...)
	defer func() {
		for _, q := range all[1:] {
			_ = q.Release()
		}
	}()
	if kill {
		signalAll(all, syscall.SIGKILL)
	} else {
		signalAll(all, syscall.SIGTERM)
		signalAll(all, syscall.SIGCONT) // a stopped process acts on SIGTERM once continued
		waitGone(all, stopGrace)
		signalAll(all, syscall.SIGKILL) // whatever did not end in time
	}
	<-p.done
	waitGone(all, stopGrace)
}

// freezeTree stops root and its descendants and returns the descendants.
func freezeTree(root *os.Process) []*os.Process {
	_ = root.Signal(syscall.SIGSTOP)
	seen := map[int]bool{}
	var procs []*os.Process
	for range 50 { // until a scan finds no new process
		found := false
		for _, pid := range descendants(root.Pid) {
			if seen[pid] {
				continue
			}
			seen[pid], found = true, true
			if q, err := os.FindProcess(pid); err == nil {
				procs = append(procs, q)
				_ = q.Signal(syscall.SIGSTOP)
			}
		}
		if !found {
			break
		}
	}
	return procs
}

func signalAll(procs []*os.Process, sig syscall.Signal) {
	for _, q := range procs {
		_ = q.Signal(sig) // os.ErrProcessDone for those already gone
	}
}

// waitGone waits until each process has exited (a zombie counts as exited:
// its parent, sshd or init, reaps it).
func waitGone(procs []*os.Process, limit time.Duration) {
	deadline := time.Now().Add(limit)
	for _, q := range procs {
		for alive(q) && time.Now().Before(deadline) {
			time.Sleep(5 * time.Millisecond)
		}
	}
}

func alive(q *os.Process) bool {
	if err := q.Signal(syscall.Signal(0)); err != nil {
		return false
	}
	b, err := os.ReadFile("/proc/" + strconv.Itoa(q.Pid) + "/stat")
	if err != nil {
		return !errors.Is(err, os.ErrNotExist) || !procWorks()
	}
	_, state, _ := statFields(b)
	return state != "Z"
}

func procWorks() bool {
	_, err := os.Stat("/proc/self/stat")
	return err == nil
}

// descendants lists the processes under root, from /proc or else from ps.
func descendants(root int) []int {
	children := map[int][]int{}
	for pid, ppid := range processTable() {
		children[ppid] = append(children[ppid], pid)
	}
	var out []int
	queue := []int{root}
	for len(queue) > 0 {
		pid := queue[0]
		queue = queue[1:]
		for _, c := range children[pid] {
			out = append(out, c)
			queue = append(queue, c)
		}
	}
	return out
}

// processTable maps each pid to its parent's pid.
func processTable() map[int]int {
	table := map[int]int{}
	entries, err := os.ReadDir("/proc")
	if err == nil {
		for _, e := range entries {
			pid, err := strconv.Atoi(e.Name())
			if err != nil {
				continue
			}
			b, err := os.ReadFile("/proc/" + e.Name() + "/stat")
			if err != nil {
				continue // exited since the listing
			}
			if ppid, _, ok := statFields(b); ok {
				table[pid] = ppid
			}
		}
		if len(table) > 0 {
			return table
		}
	}
	out, err := exec.Command("ps", "-A", "-o", "pid=", "-o", "ppid=").Output()
	if err != nil {
		return table
	}
	for _, line := range strings.Split(string(out), "\n") {
		f := strings.Fields(line)
		if len(f) != 2 {
			continue
		}
		pid, err1 := strconv.Atoi(f[0])
		ppid, err2 := strconv.Atoi(f[1])
		if err1 == nil && err2 == nil {
			table[pid] = ppid
		}
	}
	return table
}

// statFields reads the parent pid and state from /proc/PID/stat, whose
// second field (the command name in parentheses) may hold spaces and ')'.
func statFields(b []byte) (ppid int, state string, ok bool) {
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0, "", false
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 2 {
		return 0, "", false
	}
	ppid, err := strconv.Atoi(f[1])
	return ppid, f[0], err == nil
}
