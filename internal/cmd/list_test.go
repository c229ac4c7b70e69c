package cmd

import (
	"context"
	"regexp"
	"testing"

	"github.com/bcnvisuals/autobackup/internal/index"
)

func projectOf(s string) index.Project {
	p, err := index.SplitProject(s)
	if err != nil {
		panic(err)
	}
	return p
}

func TestList(t *testing.T) {
	tests := []struct {
		line    string
		json    bool
		want    string // a regular expression for stdout
		wantErr string
	}{
		{line: "list clients", want: "^acme\nBig Co\nzeta\n$"},
		{line: "list clients", json: true, want: `^\{"clients":\["acme","Big Co","zeta"\]\}` + "\n$"},
		{line: "list clients in OFF", json: true, wantErr: "database OFF is offline (root /nonexistent/autobackup/OFF not found), and nothing is known of what it holds"},
		{line: "list projects --sort size", want: "^1.2 kB  acme/spot\n  10 B  zeta/one\n   3 B  Big Co/Spot 2\n   2 B  acme/shot2\n   1 B  acme/shot10\n$"},
		{line: "list projects --sort size in acme in NAS", want: "^100 B  acme/spot\n$"},
		{line: "list projects --sort size", json: true, want: `^\{"projects":\["acme/spot","zeta/one","Big Co/Spot 2","acme/shot2","acme/shot10"\]\}` + "\n$"},
		{line: "list projects in zeta", json: true, want: `^\{"projects":\["zeta/one"\]\}` + "\n$"},
		{line: "list projects in acme in OFF", json: true, wantErr: "database OFF is offline (root /nonexistent/autobackup/OFF not found), and nothing is known of what it holds"},
		{line: "list databases", want: `^NAME  PATH +STATUS +CLIENTS +PROJECTS +SIZE +FILES\n` +
			`WORK  /\S+/WORK +online +2 +4 +1.2 kB +6\n` +
			`NAS   /\S+/NAS +online +2 +2 +110 B +2\n` +
			`OFF   /nonexistent/autobackup/OFF +offline\n$`},
		{line: "list databases", json: true, want: `^\{"databases":\[\{"name":"WORK","path":"\S+/WORK","online":true,"loaded":true,"clients":2,"projects":4,"bytes":1156,"files":6\},` +
			`\{"name":"NAS",.*\},\{"name":"OFF","path":"/nonexistent/autobackup/OFF","online":false,"loaded":true,"clients":0,"projects":0,"bytes":0,"files":0\}\]\}` + "\n$"},
		{line: "list categories", json: true, want: `^\{"categories":\[\{"name":"project","path":"project","copies":2\},\{"name":"footage","path":"footage","copies":2\}\]\}` + "\n$"},
		{line: "list projects in [", wantErr: `bad pattern "[": syntax error in pattern`},
		{line: "list projects in q*", wantErr: `no client matches "q*"`},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			s, out, _ := studio(t)
			s.JSON = tt.json
			err := Run(context.Background(), s, tt.line)
			if errString(err) != tt.wantErr {
				t.Fatalf("error = %v, want %q", err, tt.wantErr)
			}
			if !regexp.MustCompile(tt.want).MatchString(out.String()) {
				t.Fatalf("output %q does not match %s", out, tt.want)
			}
		})
	}
}

func TestListBeforeLoad(t *testing.T) {
	s := NewSession(nil, nil)
	s.Dir = t.TempDir()
	for _, line := range []string{"list clients", "list projects", "fetch all"} {
		if err := Run(context.Background(), s, line); err == nil {
			t.Errorf("%s with nothing tracked: no error", line)
		}
	}
	if err := Run(context.Background(), s, "list databases"); err != nil {
		t.Errorf("list databases with nothing tracked: %v", err)
	}
	if err := Run(context.Background(), s, "add database A a"); err != nil {
		t.Fatal(err)
	}
	var out regexpWriter
	s.Stdout = &out
	if err := Run(context.Background(), s, "list databases"); err != nil || !regexp.MustCompile(`A +/\S+/a +not loaded`).Match(out.b) {
		t.Errorf("list databases before load: %q, %v", out.b, err)
	}
}

type regexpWriter struct{ b []byte }

func (w *regexpWriter) Write(p []byte) (int, error) { w.b = append(w.b, p...); return len(p), nil }
