package cmd

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"
)

func TestCompare(t *testing.T) {
	tests := []struct {
		line    string
		json    bool
		want    string // a regular expression
		wantErr string
	}{
		{wantErr: "compare: WORK and NAS differ (listed above)", line: "compare acme/spot project WORK NAS",
			want: `^acme/spot project: compared WORK and NAS\n  identical 1 file \(100 B\); only in WORK 1 file \(50 B\); only in NAS 0 files \(0 B\); differs 0 files \(0 B\)\nonly in WORK:\n  sub/b\.prj  50 B\n$`},
		{wantErr: "compare: WORK and NAS differ (listed above)", line: "compare --all acme/spot project WORK NAS", want: `(?m)^identical:\n  a\.prj  100 B$`},
		{wantErr: "compare: WORK and NAS differ (listed above)", line: "compare acme/spot WORK NAS", want: `(?m)^acme/spot footage: only in WORK \(1\.0 kB, 1 file\)$`},
		{wantErr: "compare: WORK and NAS differ (listed above)", line: "compare acme/spot project WORK NAS", json: true,
			want: `^\{"a":"WORK","b":"NAS","locations":\[\{"project":"acme/spot","category":"project","identical":\{"files":1,"bytes":100\},"only_a":\{"files":1,"bytes":50\},"only_b":\{"files":0,"bytes":0\},"differs":\{"files":0,"bytes":0\},"skipped":\{"files":0,"bytes":0\},"files":\[\{"path":"sub/b\.prj","class":"only_a","size_a":50\}\]\}\],"same":false\}\n$`},
		{wantErr: "compare: WORK and NAS differ (listed above)", line: "compare client acme WORK NAS", want: `(?m)^acme/spot +footage +1\.0 kB \(1\) +— +only in WORK\n`},
		{wantErr: "compare: WORK and NAS differ (listed above)", line: "compare all WORK NAS", want: `(?m)^missing at NAS: 4 locations \(1\.0 kB\) held only in WORK; 1 location in both but not the same$`},
		{wantErr: "compare: NAS and WORK differ (listed above)", line: "compare all NAS WORK", json: true, want: `"missing_at_b":\{"files":1,"bytes":10\},"differ":1\}`},
		{line: "compare zeta/one project WORK NAS", wantErr: "zeta/one has no project in WORK or NAS"},
		{line: "compare acme/spot project WORK OFF", wantErr: "database OFF is offline: root /nonexistent/autobackup/OFF not found"},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			s, out, _ := studio(t)
			same := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
			for _, p := range []string{"WORK/project/acme/spot/a.prj", "NAS/project/acme/spot/a.prj"} {
				if err := os.Chtimes(filepath.Join(s.Dir, p), same, same); err != nil {
					t.Fatal(err)
				}
			}
			s.JSON = tt.json
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

func TestLimitFlag(t *testing.T) {
	tests := []struct {
		flags   map[string]string
		want    int
		wantErr bool
	}{
		{map[string]string{}, 0, false},
		{map[string]string{"limit": "5"}, 5, false},
		{map[string]string{"limit": "0"}, 0, true},
		{map[string]string{"limit": "x"}, 0, true},
	}
	for _, tt := range tests {
		n, err := limitFlag(Args{Flags: tt.flags})
		if n != tt.want || (err != nil) != tt.wantErr {
			t.Errorf("limitFlag(%v) = %d, %v", tt.flags, n, err)
		}
	}
}
