package sshtest_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bcnvisuals/autobackup/internal/sshtest"
	"github.com/pkg/sftp"
	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"
)

// run runs cmd in a new session on c and returns its stdout.
func run(t *testing.T, c *ssh.Client, cmd string) (string, error) {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatalf("new session: %v", err)
	}
	defer sess.Close()
	var stderr bytes.Buffer
	sess.Stderr = &stderr
	out, err := sess.Output(cmd)
	if err != nil {
		return string(out), errors.Join(err, errors.New(stderr.String()))
	}
	return string(out), nil
}

func newSFTP(t *testing.T, c *ssh.Client) *sftp.Client {
	t.Helper()
	sc, err := sftp.NewClient(c)
	if err != nil {
		t.Fatalf("sftp: %v", err)
	}
	t.Cleanup(func() { _ = sc.Close() })
	return sc
}

func TestStartExecAndSFTP(t *testing.T) {
	s := sshtest.Start(t)
	c := s.Dial(s.Addr)
	if out, err := run(t, c, "echo hi"); err != nil || out != "hi\n" {
		t.Fatalf("echo hi = %q, %v", out, err)
	}

	sc := newSFTP(t, c)
	dir := t.TempDir() // the server is this machine
	p := filepath.Join(dir, "hello.txt")
	f, err := sc.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write([]byte("hello over sftp\n")); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	r, err := sc.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(r)
	_ = r.Close()
	if err != nil || string(got) != "hello over sftp\n" {
		t.Fatalf("read back over sftp = %q, %v", got, err)
	}
	if local, err := os.ReadFile(p); err != nil || string(local) != "hello over sftp\n" {
		t.Fatalf("on disk = %q, %v", local, err)
	}
	if !strings.Contains(s.Log(), "Accepted publickey for "+s.User) {
		t.Fatalf("sshd log lacks the login:\n%s", s.Log())
	}
}

func TestFiles(t *testing.T) {
	s := sshtest.Start(t, sshtest.WithAlias("backup1"))
	kh, err := os.ReadFile(s.KnownHostsFile)
	if err != nil || string(kh) != s.KnownHostsLine+"\n" {
		t.Fatalf("known_hosts = %q, %v", kh, err)
	}
	if want := "[127.0.0.1]:"; !strings.HasPrefix(s.KnownHostsLine, want) {
		t.Fatalf("KnownHostsLine %q does not start with %q", s.KnownHostsLine, want)
	}
	cfg, err := os.ReadFile(s.ConfigFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Host backup1\n", "\tHostName 127.0.0.1\n", "\tUser " + s.User + "\n", "\tIdentityFile " + s.ClientKey + "\n"} {
		if !strings.Contains(string(cfg), want) {
			t.Errorf("config lacks %q:\n%s", want, cfg)
		}
	}
	if filepath.Dir(s.ConfigFile) != filepath.Join(s.Home, ".ssh") {
		t.Errorf("ConfigFile %s is not in Home/.ssh", s.ConfigFile)
	}
}

// TestOpenSSHClient checks that the written config and known_hosts work for
// OpenSSH's own client with strict host key checking.
func TestOpenSSHClient(t *testing.T) {
	sshBin, err := exec.LookPath("ssh")
	if err != nil {
		t.Skip("no ssh client")
	}
	s := sshtest.Start(t)
	out, err := exec.Command(sshBin, "-F", s.ConfigFile, "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes",
		s.Alias, "echo", "hi").CombinedOutput()
	if err != nil || string(out) != "hi\n" {
		t.Fatalf("ssh %s echo hi = %q, %v", s.Alias, out, err)
	}
}

func TestHostKeyChecking(t *testing.T) {
	a := sshtest.Start(t)
	b := sshtest.Start(t)
	tests := []struct {
		name       string
		knownHosts string
		wantKnown  bool // a KeyError with Want set: the key changed
	}{
		{"unknown host", "", false},
		{"changed host key", knownhosts.Line([]string{a.Addr}, b.HostKey) + "\n", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "known_hosts")
			if err := os.WriteFile(p, []byte(tt.knownHosts), 0o600); err != nil {
				t.Fatal(err)
			}
			check, err := knownhosts.New(p)
			if err != nil {
				t.Fatal(err)
			}
			cfg := a.ClientConfig()
			cfg.HostKeyCallback = check
			_, err = ssh.Dial("tcp", a.Addr, cfg)
			var ke *knownhosts.KeyError
			if !errors.As(err, &ke) {
				t.Fatalf("dial with %q: %v, want a knownhosts.KeyError", tt.knownHosts, err)
			}
			if got := len(ke.Want) > 0; got != tt.wantKnown {
				t.Fatalf("KeyError.Want = %v, want set: %v", ke.Want, tt.wantKnown)
			}
		})
	}
}

func TestWithPath(t *testing.T) {
	bin := t.TempDir()
	cat, err := exec.LookPath("cat")
	if err != nil {
		t.Skip("no cat")
	}
	if err := os.Symlink(cat, filepath.Join(bin, "cat")); err != nil {
		t.Fatal(err)
	}
	s := sshtest.Start(t, sshtest.WithPath(bin))
	c := s.Dial(s.Addr)
	if out, err := run(t, c, "echo $PATH"); err != nil || out != bin+"\n" {
		t.Fatalf("remote PATH = %q, %v; want %q", out, err, bin)
	}
	if out, err := run(t, c, "command -v ls"); err == nil {
		t.Fatalf("ls found on the hidden PATH: %q", out)
	}
	if out, err := run(t, c, "echo found | cat"); err != nil || out != "found\n" {
		t.Fatalf("cat on PATH: %q, %v", out, err)
	}
	if _, err := newSFTP(t, c).Getwd(); err != nil {
		t.Fatalf("sftp with WithPath: %v", err)
	}
}

func TestWithSSHDConfigInternalSFTP(t *testing.T) {
	s := sshtest.Start(t, sshtest.WithSSHDConfig("Subsystem sftp internal-sftp", "LogLevel DEBUG1"))
	if _, err := newSFTP(t, s.Dial(s.Addr)).Getwd(); err != nil {
		t.Fatalf("internal-sftp: %v", err)
	}
	if !strings.Contains(s.Log(), "debug1:") {
		t.Fatalf("LogLevel DEBUG1 not in effect:\n%s", s.Log())
	}
}

// waitClosed waits for the server side to drop c.
func waitClosed(t *testing.T, c *ssh.Client) {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- c.Wait() }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("connection still open 10s after the server ended")
	}
}

func TestKillMidTransferAndRestart(t *testing.T) {
	s := sshtest.Start(t)
	c := s.Dial(s.Addr)
	sc := newSFTP(t, c)
	p := filepath.Join(t.TempDir(), "big")
	f, err := sc.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	block := bytes.Repeat([]byte("x"), 64<<10)
	if _, err := f.Write(block); err != nil {
		t.Fatal(err)
	}
	s.Kill()
	if s.Running() {
		t.Fatal("Running after Kill")
	}
	waitClosed(t, c)
	if _, err := f.Write(block); err == nil {
		t.Fatal("write after Kill succeeded")
	}
	if c2, err := ssh.Dial("tcp", s.Addr, s.ClientConfig()); err == nil {
		_ = c2.Close()
		t.Fatal("dial after Kill succeeded")
	}

	s.Restart()
	if !s.Running() {
		t.Fatal("not Running after Restart")
	}
	if out, err := run(t, s.Dial(s.Addr), "echo again"); err != nil || out != "again\n" {
		t.Fatalf("after Restart: %q, %v", out, err)
	}
}

func TestStopEndsSessions(t *testing.T) {
	s := sshtest.Start(t)
	c := s.Dial(s.Addr)
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	out, err := sess.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.Start("echo started; exec sleep 60"); err != nil {
		t.Fatal(err)
	}
	line := make([]byte, len("started\n"))
	if _, err := io.ReadFull(out, line); err != nil || string(line) != "started\n" {
		t.Fatalf("remote command: %q, %v", line, err)
	}
	start := time.Now()
	s.Stop()
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("Stop took %v: sshd or its session did not end on SIGTERM", d)
	}
	waitClosed(t, c)
	if err := sess.Wait(); err == nil {
		t.Fatal("sleep 60 ended cleanly after Stop")
	}
	s.Stop() // stopping twice does nothing
}
