package sshtest

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"
)

// Places where distributions install OpenSSH's programs, beyond PATH.
var (
	sshdDirs       = []string{"/usr/sbin", "/usr/local/sbin", "/sbin", "/opt/homebrew/sbin"}
	keygenDirs     = []string{"/usr/bin", "/usr/local/bin", "/opt/homebrew/bin"}
	sftpServerPath = []string{
		"/usr/lib/openssh/sftp-server",     // Debian, Ubuntu
		"/usr/libexec/openssh/sftp-server", // Fedora, RHEL
		"/usr/lib/ssh/sftp-server",         // Arch, Alpine
		"/usr/libexec/sftp-server",         // macOS, BSD
		"/usr/lib/sftp-server",
	}
)

type tools struct {
	sshd, keygen, sftpServer, sh string
}

// findTools finds sshd, ssh-keygen and sftp-server, looking in PATH and
// then in sshdDirs and keygenDirs, or skips the test loudly.
func findTools(t testing.TB, sshdDirs, keygenDirs []string) tools {
	t.Helper()
	var tl tools
	tl.sshd = lookPath("sshd", sshdDirs)
	tl.keygen = lookPath("ssh-keygen", keygenDirs)
	var missing []string
	if tl.sshd == "" {
		missing = append(missing, "sshd (looked in PATH and "+strings.Join(sshdDirs, ", ")+")")
	}
	if tl.keygen == "" {
		missing = append(missing, "ssh-keygen")
	}
	if len(missing) > 0 {
		msg := "\n" + strings.Repeat("!", 72) + "\n" +
			"!!! SSH TESTS DID NOT RUN: OpenSSH not found: " + strings.Join(missing, "; ") + "\n" +
			"!!! Install openssh-server and openssh-client (bash .ci/run does it).\n" +
			strings.Repeat("!", 72)
		if os.Getenv(RequireEnv) != "" {
			t.Fatalf("%s\n(%s is set, so this is a failure)", msg, RequireEnv)
		}
		t.Skip(msg)
	}
	tl.sftpServer = "internal-sftp"
	for _, p := range sftpServerPath {
		if isExecutable(p) {
			tl.sftpServer = p
			break
		}
	}
	tl.sh = lookPath("sh", []string{"/bin", "/usr/bin"})
	return tl
}

func lookPath(name string, dirs []string) string {
	if p, err := exec.LookPath(name); err == nil {
		if abs, err := filepath.Abs(p); err == nil {
			return abs
		}
	}
	for _, d := range dirs {
		if p := filepath.Join(d, name); isExecutable(p) {
			return p
		}
	}
	return ""
}

func isExecutable(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular() && fi.Mode()&0o111 != 0
}

// setup makes the keys, the sshd_config and the client's HOME, then starts
// sshd on a free port.
func (s *Server) setup(tl tools, o options) error {
	u, err := user.Current()
	if err != nil {
		return fmt.Errorf("current user: %w", err)
	}
	s.User = u.Username
	sshDir := filepath.Join(s.Home, ".ssh")
	if err := os.MkdirAll(sshDir, 0o700); err != nil {
		return err
	}
	hostKey := filepath.Join(s.Dir, "ssh_host_ed25519_key")
	if err := keygen(tl.keygen, hostKey, "sshtest-host"); err != nil {
		return err
	}
	if err := keygen(tl.keygen, s.ClientKey, "sshtest-client"); err != nil {
		return err
	}
	if s.HostKey, err = readPublicKey(hostKey + ".pub"); err != nil {
		return err
	}
	authorized, err := os.ReadFile(s.ClientKey + ".pub")
	if err != nil {
		return err
	}
	c := sshdConfig{
		hostKey:    hostKey,
		pidFile:    filepath.Join(s.Dir, pidFileName),
		authorized: filepath.Join(s.Dir, "authorized_keys"),
		sftpServer: tl.sftpServer,
		extra:      o.config,
		optional:   []string{"PerSourcePenalties no"}, // OpenSSH 9.8+: never lock out 127.0.0.1
	}
	if err := os.WriteFile(c.authorized, authorized, 0o600); err != nil {
		return err
	}
	if o.hasPath {
		c.forceCommand = filepath.Join(s.Dir, "remote-shell")
		if err := os.WriteFile(c.forceCommand, []byte(pathWrapper(tl.sh, o.path)), 0o755); err != nil {
			return err
		}
	}
	if err := s.listen(c); err != nil {
		return err
	}
	s.KnownHostsLine = knownhosts.Line([]string{s.Addr}, s.HostKey)
	if err := os.WriteFile(s.KnownHostsFile, []byte(s.KnownHostsLine+"\n"), 0o600); err != nil {
		return err
	}
	block := hostBlock(s.Alias, s.Host, s.Port, s.User, s.ClientKey, s.KnownHostsFile)
	return os.WriteFile(s.ConfigFile, []byte(block), 0o600)
}

// listen picks a free port, checks the config with sshd -t and starts sshd,
// trying another port if the one picked was taken in between.
func (s *Server) listen(c sshdConfig) error {
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		if c.port, err = freePort(); err != nil {
			return err
		}
		if err = s.check(&c); err != nil {
			return err
		}
		s.Port = c.port
		s.Addr = net.JoinHostPort(s.Host, fmt.Sprint(c.port))
		s.proc, err = s.launch()
		if err == nil || !addrInUse(err) {
			return err
		}
	}
	return err
}

var (
	badOption    = regexp.MustCompile(`Bad configuration option: (\S+)`)
	missingPrivs = regexp.MustCompile(`Missing privilege separation directory: (\S+)`)
)

// check writes the config and runs sshd -t on it. It drops the optional
// lines this sshd does not know, and creates the privilege separation
// directory when running as root and it is missing (as the system's service
// unit would).
func (s *Server) check(c *sshdConfig) error {
	for range 4 {
		if err := os.WriteFile(s.SSHDConfig, []byte(c.render()), 0o600); err != nil {
			return err
		}
		out, err := exec.Command(s.sshd, "-t", "-f", s.SSHDConfig).CombinedOutput()
		if err == nil {
			return nil
		}
		if m := badOption.FindSubmatch(out); m != nil && c.dropOptional(string(m[1])) {
			continue
		}
		if m := missingPrivs.FindSubmatch(out); m != nil && os.Geteuid() == 0 {
			if err := os.MkdirAll(string(m[1]), 0o755); err != nil {
				return fmt.Errorf("create sshd's privilege separation directory: %w", err)
			}
			continue
		}
		return fmt.Errorf("%s -t -f %s: %w\n%s", s.sshd, s.SSHDConfig, err, bytes.TrimSpace(out))
	}
	return errors.New("sshd -t kept failing")
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func keygen(bin, path, comment string) error {
	out, err := exec.Command(bin, "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", path).CombinedOutput()
	if err != nil {
		return fmt.Errorf("ssh-keygen %s: %w: %s", path, err, bytes.TrimSpace(out))
	}
	return nil
}

func readPublicKey(path string) (ssh.PublicKey, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	k, _, _, _, err := ssh.ParseAuthorizedKey(b)
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", path, err)
	}
	return k, nil
}

// hostBlock is a ~/.ssh/config entry. Paths are absolute because OpenSSH's
// ssh takes ~ from the password database, not from HOME; run it with
// "ssh -F ConfigFile ALIAS".
func hostBlock(alias, host string, port int, user, key, knownHosts string) string {
	return fmt.Sprintf("Host %s\n\tHostName %s\n\tPort %d\n\tUser %s\n\tIdentityFile %s\n\tIdentitiesOnly yes\n\tUserKnownHostsFile %s\n\n",
		alias, host, port, user, key, knownHosts)
}

// pathWrapper is the ForceCommand behind WithPath: it runs the client's
// command (or the sftp-server) under sh with exactly the given PATH.
func pathWrapper(sh, path string) string {
	return "#!" + sh + "\n" +
		"# Written by sshtest: remote commands see exactly this PATH.\n" +
		"PATH=" + shellQuote(path) + "\nexport PATH\n" +
		"if [ -z \"${SSH_ORIGINAL_COMMAND+set}\" ]; then exec " + sh + "; fi\n" +
		"exec " + sh + " -c \"$SSH_ORIGINAL_COMMAND\"\n"
}

func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
