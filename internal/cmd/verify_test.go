package cmd

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

func TestVerifyCommand(t *testing.T) {
	tests := []struct {
		name    string
		alter   bool
		line    string
		want    string
		wantErr string
	}{
		{name: "same content", line: "verify acme/spot project WORK NAS -j 2",
			want: `identical 1 file \(100 B\); only in WORK 1 file \(50 B\)`, wantErr: "verify: WORK and NAS differ (listed above)"},
		{name: "altered content", alter: true, line: "verify acme/spot project WORK NAS",
			want: `(?m)^differs:\n  a\.prj +100 B +content$`, wantErr: "verify: WORK and NAS differ (listed above)"},
		{name: "bad -j", line: "verify -j 0 acme/spot project WORK NAS", wantErr: "-j 0: want a number of at least 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, out, _ := studio(t)
			if tt.alter {
				b := make([]byte, 100)
				copy(b, "altered")
				if err := os.WriteFile(filepath.Join(s.Dir, "NAS/project/acme/spot/a.prj"), b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			err := Run(context.Background(), s, tt.line)
			if errString(err) != tt.wantErr {
				t.Fatalf("error %v, want %q", err, tt.wantErr)
			}
			if tt.want != "" && !regexp.MustCompile(tt.want).MatchString(out.String()) {
				t.Fatalf("output\n%s\ndoes not match %s", out, tt.want)
			}
		})
	}
}

func TestVerifySame(t *testing.T) {
	s, out, _ := studio(t)
	if err := os.RemoveAll(filepath.Join(s.Dir, "WORK/project/acme/spot/sub")); err != nil {
		t.Fatal(err)
	}
	if err := Run(context.Background(), s, "verify acme/spot project WORK NAS"); err != nil {
		t.Fatalf("verify of identical copies: %v\n%s", err, out)
	}
}
