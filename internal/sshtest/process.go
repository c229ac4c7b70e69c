package sshtest

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// pidFileName is sshd's PidFile in Server.Dir.
const pidFileName = "sshd.pid"

// readyTimeout bounds how long a starting sshd may take to answer.
const readyTimeout = 15 * time.Second

// process is one run of the listening sshd.
type process struct {
	cmd  *exec.Cmd
	done chan struct{} // closed once cmd has exited and been reaped
	err  error         // cmd.Wait's result, readable after done
}

func (p *process) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// errAddrInUse marks a start that failed because the port was taken.
var errAddrInUse = errors.New("address already in use")

func addrInUse(err error) bool { return errors.Is(err, errAddrInUse) }

// launch starts "sshd -D -e -f SSHDConfig", appending its log to LogFile,
// and waits until it has written its PidFile and Addr answers with a banner.
func (s *Server) launch() (*process, error) {
	logf, err := os.OpenFile(s.LogFile, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, err
	}
	start, err := logf.Seek(0, io.SeekEnd)
	if err != nil {
		_ = logf.Close()
		return nil, err
	}
	cmd := exec.Command(s.sshd, "-D", "-e", "-f", s.SSHDConfig)
	cmd.Stdout, cmd.Stderr = logf, logf
	err = cmd.Start()
	_ = logf.Close() // sshd has its own copy
	if err != nil {
		return nil, fmt.Errorf("start %s: %w", s.sshd, err)
	}
	p := &process{cmd: cmd, done: make(chan struct{})}
	go func() {
		p.err = cmd.Wait()
		close(p.done)
	}()
	if err := waitReady(p, s.Addr, filepath.Join(s.Dir, pidFileName)); err != nil {
		p.end(true)
		logged := logSince(s.LogFile, start)
		if strings.Contains(logged, "Address already in use") {
			return nil, fmt.Errorf("sshd on %s: %w", s.Addr, errAddrInUse)
		}
		return nil, fmt.Errorf("sshd on %s: %w\n%s", s.Addr, err, logged)
	}
	return p, nil
}

// waitReady waits until sshd has written its pid to pidFile (it does so once
// it listens, so the port is this sshd's and not another program's that took
// it in between) and addr sends an SSH banner.
func waitReady(p *process, addr, pidFile string) error {
	deadline := time.Now().Add(readyTimeout)
	want := strconv.Itoa(p.cmd.Process.Pid)
	last := errors.New("no pid file yet")
	for time.Now().Before(deadline) {
		if p.exited() {
			return fmt.Errorf("sshd exited: %v", p.err)
		}
		if b, err := os.ReadFile(pidFile); err == nil && strings.TrimSpace(string(b)) == want {
			if last = banner(addr); last == nil {
				return nil
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	return fmt.Errorf("no SSH banner within %v: %w", readyTimeout, last)
}

func banner(addr string) error {
	c, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		return err
	}
	defer c.Close()
	if err := c.SetDeadline(time.Now().Add(2 * time.Second)); err != nil {
		return err
	}
	line, err := bufio.NewReader(c).ReadString('\n')
	if err != nil {
		return fmt.Errorf("read banner: %w", err)
	}
	if !strings.HasPrefix(line, "SSH-2.0-") {
		return fmt.Errorf("not an SSH server: %q", line)
	}
	return nil
}

func logSince(logFile string, offset int64) string {
	b, err := os.ReadFile(logFile)
	if err != nil || offset > int64(len(b)) {
		return ""
	}
	return strings.TrimSpace(string(b[offset:]))
}
