package sshtest

import (
	"fmt"
	"slices"
	"strings"
)

// sshdConfig is what goes into the test server's sshd_config.
type sshdConfig struct {
	port         int
	hostKey      string
	pidFile      string
	authorized   string
	sftpServer   string // absolute path, or "internal-sftp"
	forceCommand string // the WithPath wrapper, or ""
	extra        []string
	optional     []string // lines dropped if this sshd does not know them
}

// render writes the configuration: the caller's lines first, then the
// helper's lines whose keyword the caller did not give.
func (c *sshdConfig) render() string {
	lines := []string{
		fmt.Sprintf("Port %d", c.port),
		"ListenAddress 127.0.0.1",
		"HostKey " + c.hostKey,
		"PidFile " + c.pidFile,
		"AuthorizedKeysFile " + c.authorized,
		"UsePAM no",      // PAM needs root and a service file
		"StrictModes no", // keys live in a temp folder, not a home
		"PubkeyAuthentication yes",
		"PasswordAuthentication no",
		"PermitRootLogin prohibit-password",
		"UseDNS no",
		"PrintMotd no",
		"PrintLastLog no",
		"MaxStartups 100:30:200",
		"MaxSessions 100",
		"LogLevel VERBOSE",
		"Subsystem sftp " + c.sftpServer,
	}
	if c.forceCommand != "" {
		lines = append(lines, "ForceCommand "+c.forceCommand)
	}
	lines = append(lines, c.optional...)
	given := map[string]bool{}
	for _, l := range c.extra {
		if k := keyword(l); k != "" {
			given[k] = true
		}
	}
	var b strings.Builder
	b.WriteString("# Written by sshtest. sshd keeps the first value of a keyword.\n")
	for _, l := range c.extra {
		b.WriteString(l + "\n")
	}
	for _, l := range lines {
		if !given[keyword(l)] {
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}

// dropOptional removes the optional line with this keyword; it reports
// false if there is none, so the caller does not retry forever.
func (c *sshdConfig) dropOptional(kw string) bool {
	i := slices.IndexFunc(c.optional, func(l string) bool { return keyword(l) == strings.ToLower(kw) })
	if i < 0 {
		return false
	}
	c.optional = slices.Delete(c.optional, i, i+1)
	return true
}

// keyword is a config line's keyword in lower case ("" for blanks and
// comments). OpenSSH allows "Keyword value" and "Keyword=value".
func keyword(line string) string {
	line = strings.TrimSpace(line)
	if line == "" || strings.HasPrefix(line, "#") {
		return ""
	}
	k, _, _ := strings.Cut(line, " ")
	k, _, _ = strings.Cut(k, "\t")
	k, _, _ = strings.Cut(k, "=")
	return strings.ToLower(k)
}
