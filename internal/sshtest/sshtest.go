// Package sshtest starts a real OpenSSH sshd for tests: on 127.0.0.1, on a
// free port, as the current user, with its own host key and client key made
// by ssh-keygen in a temporary folder. It also writes a ~/.ssh-like folder
// (config with a Host alias, known_hosts, the client key) for code that reads
// HOME, and offers a delaying TCP proxy (Delay) for latency tests.
//
// When sshd or ssh-keygen cannot be found the test is skipped with a loud
// message, unless AUTOBACKUP_REQUIRE_SSHD is set (as .ci/run does), in which
// case it fails.
package sshtest

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"
)

// RequireEnv is the environment variable that turns a missing sshd from a
// skip into a failure.
const RequireEnv = "AUTOBACKUP_REQUIRE_SSHD"

// Server is a running sshd. Its exported fields are fixed after Start.
type Server struct {
	Addr  string // "127.0.0.1:PORT"
	Host  string // "127.0.0.1"
	Port  int
	User  string // the current user, the only one that can log in
	Alias string // Host alias written to ConfigFile ("sshtest" unless WithAlias)

	Dir        string // temporary folder holding the server's files
	SSHDConfig string // sshd_config path
	LogFile    string // sshd's stderr (-e), shown when the test fails

	Home           string // a HOME for clients: Home/.ssh holds the files below
	ConfigFile     string // Home/.ssh/config: Host Alias with HostName, Port, User, IdentityFile
	KnownHostsFile string // Home/.ssh/known_hosts: KnownHostsLine
	ClientKey      string // Home/.ssh/id_ed25519, unencrypted; its .pub is authorized
	HostKey        ssh.PublicKey
	KnownHostsLine string // "[127.0.0.1]:PORT ssh-ed25519 AAAA..."

	t    testing.TB
	sshd string

	mu   sync.Mutex
	proc *process // nil when stopped
}

type options struct {
	alias   string
	path    string
	hasPath bool
	config  []string
}

// Option changes how Start sets up the server.
type Option func(*options)

// WithAlias names the Host entry written to ConfigFile.
func WithAlias(name string) Option { return func(o *options) { o.alias = name } }

// WithPath sets the exact PATH that remote commands and the sftp-server see,
// so a test can hide tools such as xxhsum. Commands then run under /bin/sh,
// started by a ForceCommand wrapper after the user's login shell and its rc
// files (which sshd runs whatever the config says), so those cannot change
// PATH back.
func WithPath(path string) Option {
	return func(o *options) { o.path, o.hasPath = path, true }
}

// WithSSHDConfig adds sshd_config lines. A keyword given here replaces the
// helper's own lines for that keyword (for example "Subsystem sftp
// internal-sftp" or "LogLevel DEBUG3").
func WithSSHDConfig(lines ...string) Option {
	return func(o *options) { o.config = append(o.config, lines...) }
}

// Start starts sshd and returns once it answers with an SSH banner. The
// server is stopped, and its log shown if the test failed, when the test ends.
func Start(t testing.TB, opts ...Option) *Server {
	t.Helper()
	o := options{alias: "sshtest"}
	for _, opt := range opts {
		opt(&o)
	}
	tools := findTools(t, sshdDirs, keygenDirs)
	dir := t.TempDir()
	s := &Server{
		Host: "127.0.0.1", Alias: o.alias, Dir: dir, t: t, sshd: tools.sshd,
		SSHDConfig: filepath.Join(dir, "sshd_config"),
		LogFile:    filepath.Join(dir, "sshd.log"),
		Home:       filepath.Join(dir, "home"),
	}
	s.ConfigFile = filepath.Join(s.Home, ".ssh", "config")
	s.KnownHostsFile = filepath.Join(s.Home, ".ssh", "known_hosts")
	s.ClientKey = filepath.Join(s.Home, ".ssh", "id_ed25519")
	t.Cleanup(func() {
		s.Stop()
		if t.Failed() {
			t.Logf("sshd log (%s):\n%s", s.LogFile, s.Log())
		}
	})
	if err := s.setup(tools, o); err != nil {
		t.Fatalf("sshtest: %v", err)
	}
	return s
}

// Log returns what sshd has logged so far.
func (s *Server) Log() string {
	b, err := os.ReadFile(s.LogFile)
	if err != nil {
		return fmt.Sprintf("(no log: %v)", err)
	}
	return string(b)
}

// Stop ends sshd and every session it started (SIGTERM, then SIGKILL after
// a grace period) and waits for them. Stopping a stopped server does nothing.
func (s *Server) Stop() { s.end(false) }

// Kill ends sshd and every session it started with SIGKILL at once, as when
// the server dies in the middle of a transfer. Clients see their connections
// drop. Restart brings the server back at the same address and host key.
func (s *Server) Kill() { s.end(true) }

func (s *Server) end(kill bool) {
	s.mu.Lock()
	p := s.proc
	s.proc = nil
	s.mu.Unlock()
	if p != nil {
		p.end(kill)
	}
}

// Restart starts a stopped, killed or crashed server again on the same port
// with the same keys. It fails the test if the server is running or cannot
// start.
func (s *Server) Restart() {
	s.t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.proc != nil && !s.proc.exited() {
		s.t.Fatalf("sshtest: Restart of a running server")
	}
	var err error
	deadline := time.Now().Add(5 * time.Second)
	for {
		s.proc, err = s.launch()
		if err == nil || !addrInUse(err) || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err != nil {
		s.t.Fatalf("sshtest: restart: %v", err)
	}
}

// Running reports whether sshd is running (not stopped or killed).
func (s *Server) Running() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.proc != nil && !s.proc.exited()
}

// ClientConfig returns a client configuration for golang.org/x/crypto/ssh
// that logs in as User with ClientKey and checks the host key against
// KnownHostsFile.
func (s *Server) ClientConfig() *ssh.ClientConfig {
	s.t.Helper()
	pem, err := os.ReadFile(s.ClientKey)
	if err != nil {
		s.t.Fatalf("sshtest: %v", err)
	}
	signer, err := ssh.ParsePrivateKey(pem)
	if err != nil {
		s.t.Fatalf("sshtest: client key %s: %v", s.ClientKey, err)
	}
	check, err := knownhosts.New(s.KnownHostsFile)
	if err != nil {
		s.t.Fatalf("sshtest: %v", err)
	}
	return &ssh.ClientConfig{
		User:            s.User,
		Auth:            []ssh.AuthMethod{ssh.PublicKeys(signer)},
		HostKeyCallback: check,
		Timeout:         10 * time.Second,
	}
}

// Dial connects to addr (Addr, or a proxy in front of it added with AddHost)
// with ClientConfig. The client is closed when the test ends.
func (s *Server) Dial(addr string) *ssh.Client {
	s.t.Helper()
	c, err := ssh.Dial("tcp", addr, s.ClientConfig())
	if err != nil {
		s.t.Fatalf("sshtest: dial %s: %v", addr, err)
	}
	s.t.Cleanup(func() { _ = c.Close() })
	return c
}

// AddHost adds a Host alias for addr (such as a Delay proxy in front of the
// server) to ConfigFile, and this server's host key under addr to
// KnownHostsFile, so clients reach the same sshd by another route.
func (s *Server) AddHost(alias, addr string) {
	s.t.Helper()
	host, portStr, err := net.SplitHostPort(addr)
	if err != nil {
		s.t.Fatalf("sshtest: AddHost %q: %v", addr, err)
	}
	port, err := strconv.Atoi(portStr)
	if err != nil {
		s.t.Fatalf("sshtest: AddHost %q: port: %v", addr, err)
	}
	if err := appendFile(s.ConfigFile, hostBlock(alias, host, port, s.User, s.ClientKey, s.KnownHostsFile)); err != nil {
		s.t.Fatalf("sshtest: %v", err)
	}
	if err := appendFile(s.KnownHostsFile, knownhosts.Line([]string{addr}, s.HostKey)+"\n"); err != nil {
		s.t.Fatalf("sshtest: %v", err)
	}
}

func appendFile(path, text string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(text); err != nil {
		_ = f.Close()
		return fmt.Errorf("append to %s: %w", path, err)
	}
	return f.Close()
}
