package sshtest

import (
	"strings"
	"testing"
)

func TestKeyword(t *testing.T) {
	tests := []struct{ line, want string }{
		{"Port 22", "port"},
		{"  LogLevel=DEBUG3", "loglevel"},
		{"Subsystem\tsftp internal-sftp", "subsystem"},
		{"# Port 22", ""},
		{"   ", ""},
	}
	for _, tt := range tests {
		if got := keyword(tt.line); got != tt.want {
			t.Errorf("keyword(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}

func TestRender(t *testing.T) {
	base := sshdConfig{port: 2222, hostKey: "/k", pidFile: "/p", authorized: "/a", sftpServer: "/usr/lib/openssh/sftp-server"}
	tests := []struct {
		name           string
		extra          []string
		forceCommand   string
		want, wantNot  []string
		wantSubsystems int
	}{
		{
			name:           "defaults",
			want:           []string{"Port 2222\n", "ListenAddress 127.0.0.1\n", "HostKey /k\n", "UsePAM no\n", "StrictModes no\n", "Subsystem sftp /usr/lib/openssh/sftp-server\n"},
			wantNot:        []string{"ForceCommand", "SetEnv"},
			wantSubsystems: 1,
		},
		{
			name:           "caller replaces a keyword",
			extra:          []string{"Subsystem sftp internal-sftp", "LogLevel=DEBUG3"},
			want:           []string{"Subsystem sftp internal-sftp\n", "LogLevel=DEBUG3\n"},
			wantNot:        []string{"sftp-server", "LogLevel VERBOSE"},
			wantSubsystems: 1,
		},
		{
			name:           "path wrapper",
			forceCommand:   "/wrap",
			want:           []string{"ForceCommand /wrap\n"},
			wantSubsystems: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := base
			c.extra = tt.extra
			c.forceCommand = tt.forceCommand
			got := c.render()
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("lacks %q:\n%s", w, got)
				}
			}
			for _, w := range tt.wantNot {
				if strings.Contains(got, w) {
					t.Errorf("has %q:\n%s", w, got)
				}
			}
			if n := strings.Count(got, "Subsystem "); n != tt.wantSubsystems {
				t.Errorf("%d Subsystem lines:\n%s", n, got)
			}
		})
	}
}

func TestDropOptional(t *testing.T) {
	c := sshdConfig{optional: []string{"PerSourcePenalties no", "Foo yes"}}
	if !c.dropOptional("PerSourcePenalties") {
		t.Fatal("did not drop a known optional line")
	}
	if c.dropOptional("PerSourcePenalties") || c.dropOptional("Port") {
		t.Fatal("dropped a line that is not there")
	}
	if len(c.optional) != 1 || c.optional[0] != "Foo yes" {
		t.Fatalf("optional = %q", c.optional)
	}
	if !strings.Contains(c.render(), "\nFoo yes\n") {
		t.Fatal("optional line not rendered")
	}
}
