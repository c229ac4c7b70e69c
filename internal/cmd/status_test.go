package cmd

import (
	"context"
	"regexp"
	"strings"
	"testing"
)

func TestStatus(t *testing.T) {
	tests := []struct {
		lines   []string
		want    string // a regular expression for the last command's output
		wantErr string
	}{
		{lines: []string{"status --all"}, want: `(?m)^acme/spot +project +1/2 +WORK +NAS: 1 of 2 files, 100 B of 150 B, older +at risk$`, wantErr: "6 locations at risk (listed above)"},
		{lines: []string{"status"}, want: `(?m)^acme/spot +footage +1/2 +WORK$`, wantErr: "6 locations at risk (listed above)"},
		{lines: []string{"status --all"}, want: `(?m)^acme/spot +footage +1/2 +WORK +at risk$`, wantErr: "6 locations at risk (listed above)"},
		{lines: []string{"status -q"}, want: `^6 locations at risk \(1\.2 kB held in one place only\); not counted, as offline or not loaded: OFF\n$`,
			wantErr: "6 locations at risk (status lists them)"},
		{lines: []string{"status zeta"}, want: `^PROJECT +CATEGORY +COPIES +HELD BY\nzeta/one +footage +1/2 +NAS\n1 location at risk`, wantErr: "1 location at risk (listed above)"},
		{lines: []string{"status 'Big*/*'"}, want: `(?m)^Big Co/Spot 2 +project +1/2 +WORK$`, wantErr: "1 location at risk (listed above)"},
		{lines: []string{"set copies 1", "status acme/spot"}, want: `(?m)^no location at risk`},
		{lines: []string{"status --plan NAS acme"}, want: `^copy -- acme/shot2 project WORK NAS\ncopy -- acme/shot10 project WORK NAS\ncopy -- acme/spot project WORK NAS\ncopy -- acme/spot footage WORK NAS\n$`},
		{lines: []string{"status --plan WORK zeta/one"}, want: `^copy -- zeta/one footage NAS WORK\n$`},
		{lines: []string{"status --plan NAS zeta/one"}, want: `^# zeta/one footage: already on NAS, still 1 of 2 copies; needs another database\n$`},
		{lines: []string{"status --plan NSA"}, wantErr: `unknown database "NSA" (did you mean "NAS"?)`},
		{lines: []string{"status acme/nope"}, wantErr: `no project "acme/nope" in any database`},
	}
	for _, tt := range tests {
		t.Run(tt.lines[len(tt.lines)-1], func(t *testing.T) {
			s, out, _ := studio(t)
			var err error
			for _, l := range tt.lines {
				out.Reset()
				if err = Run(context.Background(), s, l); err != nil && !strings.HasPrefix(l, "status") {
					break
				}
			}
			if errString(err) != tt.wantErr {
				t.Fatalf("error %v, want %q", err, tt.wantErr)
			}
			if tt.want != "" && !regexp.MustCompile(tt.want).MatchString(out.String()) {
				t.Fatalf("output\n%s\ndoes not match %s", out, tt.want)
			}
		})
	}
}
