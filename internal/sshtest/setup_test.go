package sshtest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// recorder is a testing.TB whose Skip and Fatalf record the message and end
// the goroutine, as the real ones do.
type recorder struct {
	testing.TB
	skipped, failed string
}

func (r *recorder) Helper() {}
func (r *recorder) Skip(args ...any) {
	r.skipped = fmt.Sprint(args...)
	runtime.Goexit()
}
func (r *recorder) Fatalf(format string, args ...any) {
	r.failed = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

func TestFindToolsMissing(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	tests := []struct {
		name, require string
		wantSkip      bool
	}{
		{"skips loudly", "", true},
		{"fails when required", "1", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(RequireEnv, tt.require)
			r := &recorder{TB: t}
			done := make(chan struct{})
			go func() {
				defer close(done)
				findTools(r, nil, nil)
			}()
			<-done
			msg := r.skipped + r.failed
			if (r.skipped != "") != tt.wantSkip || (r.failed != "") == tt.wantSkip {
				t.Fatalf("skipped %q, failed %q", r.skipped, r.failed)
			}
			for _, want := range []string{"SSH TESTS DID NOT RUN", "sshd (looked in PATH", "ssh-keygen", "openssh-server"} {
				if !strings.Contains(msg, want) {
					t.Errorf("message lacks %q:\n%s", want, msg)
				}
			}
		})
	}
}

func TestPathWrapper(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	dir := t.TempDir()
	wrapper := filepath.Join(dir, "wrap")
	path := "/nowhere:/it's here"
	if err := os.WriteFile(wrapper, []byte(pathWrapper(sh, path)), 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, cmd, want string
	}{
		{"command", `echo "$PATH"`, path + "\n"},
		{"quotes survive", `printf '%s\n' "a b" 'c'`, "a b\nc\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := exec.Command(wrapper)
			c.Env = []string{"SSH_ORIGINAL_COMMAND=" + tt.cmd, "PATH=/usr/bin:/bin"}
			out, err := c.Output()
			if err != nil || string(out) != tt.want {
				t.Fatalf("wrapper ran %q: %q, %v; want %q", tt.cmd, out, err, tt.want)
			}
		})
	}
	c := exec.Command(wrapper) // no command: an interactive shell on stdin
	c.Stdin = strings.NewReader("echo \"$PATH\"\n")
	if out, err := c.Output(); err != nil || string(out) != path+"\n" {
		t.Fatalf("shell without a command: %q, %v", out, err)
	}
}

func TestHostBlock(t *testing.T) {
	got := hostBlock("b1", "127.0.0.1", 2222, "ana", "/h/.ssh/id_ed25519", "/h/.ssh/known_hosts")
	want := "Host b1\n\tHostName 127.0.0.1\n\tPort 2222\n\tUser ana\n\tIdentityFile /h/.ssh/id_ed25519\n" +
		"\tIdentitiesOnly yes\n\tUserKnownHostsFile /h/.ssh/known_hosts\n\n"
	if got != want {
		t.Fatalf("hostBlock =\n%s\nwant\n%s", got, want)
	}
}

func TestLookPath(t *testing.T) {
	dir := t.TempDir()
	exe := filepath.Join(dir, "tool-only-here")
	if err := os.WriteFile(exe, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "not-exec"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, want string }{
		{"tool-only-here", exe},
		{"not-exec", ""},
		{"missing", ""},
	}
	for _, tt := range tests {
		if got := lookPath(tt.name, []string{dir}); got != tt.want {
			t.Errorf("lookPath(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}
