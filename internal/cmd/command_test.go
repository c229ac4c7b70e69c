package cmd

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// freeText are placeholders that take any text, so they complete nothing.
var freeText = map[string]bool{"NAME": true, "PATH": true, "RELPATH": true, "N": true}

func TestTableIsComplete(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range Commands() {
		for _, n := range append([]string{c.Name}, c.Aliases...) {
			if seen[n] {
				t.Errorf("name %q is used twice", n)
			}
			seen[n] = true
		}
		if c.Short == "" || c.Long == "" || c.Run == nil || len(c.Usage) == 0 {
			t.Errorf("%s: missing Short, Long, Run or Usage", c.Name)
		}
		for _, u := range c.Usage {
			if !strings.HasPrefix(u, c.Name+" ") && u != c.Name {
				t.Errorf("%s: usage %q does not start with the name", c.Name, u)
			}
		}
		for _, f := range c.grammar.forms {
			for _, e := range f {
				if !e.keyword && !freeText[e.word] && c.Complete[e.word] == nil {
					t.Errorf("%s: placeholder %s has no completer", c.Name, e.word)
				}
			}
		}
	}
}

func TestRun(t *testing.T) {
	tests := []struct {
		line    string
		wantOut string
		wantErr string
	}{
		{"", "", ""},
		{"   # just a comment", "", ""},
		{"list clients", "acme\nBig Co\nzeta\n", ""},
		{"list clients in NAS", "acme\nzeta\n", ""},
		{"LIST CLIENTS in NAS", "acme\nzeta\n", ""},
		{"list projects", "acme/shot2\nacme/shot10\nacme/spot\nBig Co/Spot 2\nzeta/one\n", ""},
		{"list projects in acme in NAS", "acme/spot\n", ""},
		{"list projects in 'Big Co'", "Big Co/Spot 2\n", ""},
		{"list projects in a*", "acme/shot2\nacme/shot10\nacme/spot\n", ""},
		{"list categories", "NAME     PATH     COPIES\nproject  project       2\nfootage  footage       2\n", ""},
		{"fecth all", "", `unknown command "fecth" (did you mean "fetch"?)`},
		{"frobnicate", "", `unknown command "frobnicate" (help lists the commands)`},
		{"list", "", "usage: list clients [in DATABASE] | list projects [--sort KEY] [in CLIENT [in DATABASE]] | list databases | list categories"},
		{"list clients in", "", "usage: list clients [in DATABASE]"},
		{"list projects in nobody", "", `no client "nobody" in any database`},
		{"list projects in acm", "", `no client "acm" in any database (did you mean "acme"?)`},
		{"list clients in NSA", "", `unknown database "NSA" (did you mean "NAS"?)`},
		{`list "unclosed`, "", "unclosed quote"},
		{"fetch acme/nope", "", `no project "acme/nope" in any database`},
		{"fetch zz/top", "", `no client "zz" in any database`},
		{"exit now", "", "usage: exit"},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			s, out, _ := studio(t)
			err := Run(context.Background(), s, tt.line)
			if got := errString(err); got != tt.wantErr {
				t.Fatalf("Run(%q) error = %q, want %q", tt.line, got, tt.wantErr)
			}
			if out.String() != tt.wantOut {
				t.Fatalf("Run(%q) wrote\n%s\nwant\n%s", tt.line, out, tt.wantOut)
			}
		})
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func TestLookup(t *testing.T) {
	for _, name := range []string{"help", "exit", "quit", "fetch"} {
		if _, ok := Lookup(name); !ok {
			t.Errorf("Lookup(%q) failed", name)
		}
	}
	if _, ok := Lookup("rsync"); ok {
		t.Errorf("Lookup(rsync) found a command")
	}
}

// FuzzRun runs arbitrary lines against a loaded session: no line may make
// it panic, and every error is one line of valid text.
func FuzzRun(f *testing.F) {
	for _, line := range []string{
		"list clients", "list projects in acme in NAS", "fetch all", "fetch acme/*", "fetch project 'Big Co/Spot 2'",
		"help fetch", "add database X x", "add category c ../x", "remove database NAS", "load -v NAS",
		"load --verbose=1", "fetch [", "list projects in [", `fetch "x`, "exit", "fetch client *",
	} {
		f.Add(line)
	}
	// explore starts a recorder that writes down what it was given,
	// never a real file manager.
	record := filepath.Join(f.TempDir(), "explored")
	recorder := filepath.Join(f.TempDir(), "recorder")
	if err := os.WriteFile(recorder, []byte("#!/bin/sh\nprintf '%s\\n' \"$@\" >> '"+record+"'\n"), 0o755); err != nil {
		f.Fatal(err)
	}
	f.Setenv("AUTOBACKUP_EXPLORER", recorder)
	f.Fuzz(func(t *testing.T, line string) {
		// A fresh studio for every line: a copy or an add one line makes
		// must not change what the next line finds.
		s, _, _ := studio(t)
		err := Run(context.Background(), s, line)
		if err == nil {
			return
		}
		msg := err.Error()
		if strings.Contains(msg, "\n") || msg == "" {
			t.Fatalf("Run(%q): error is not one line: %q", line, msg)
		}
		if !utf8.ValidString(msg) && utf8.ValidString(line) {
			t.Fatalf("Run(%q): error is not valid text: %q", line, msg)
		}
	})
}
