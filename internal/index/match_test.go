package index

import (
	"errors"
	"path"
	"slices"
	"testing"
)

func TestIsPattern(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"acme", false},
		{"", false},
		{"acme/shot1", false},
		{`a\b`, false},
		{"]", false},
		{"a*", true},
		{"?", true},
		{"[old]", true},
		{"[", true},
		{"東京*", true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := IsPattern(tt.in); got != tt.want {
				t.Errorf("IsPattern(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestMatchName(t *testing.T) {
	tests := []struct {
		name       string
		pattern    string
		in         string
		want       bool
		wantErr    string
		wantBadPat bool
	}{
		{name: "literal", pattern: "acme", in: "acme", want: true},
		{name: "literal mismatch", pattern: "acme", in: "acme2", want: false},
		{name: "case matters", pattern: "acme", in: "ACME", want: false},
		{name: "star", pattern: "ac*", in: "acme", want: true},
		{name: "star matches empty", pattern: "acme*", in: "acme", want: true},
		{name: "star mismatch", pattern: "b*", in: "acme", want: false},
		{name: "question", pattern: "shot?", in: "shot1", want: true},
		{name: "question needs one", pattern: "shot?", in: "shot10", want: false},
		{name: "class", pattern: "shot[0-9]", in: "shot7", want: true},
		{name: "negated class", pattern: "shot[^0-9]", in: "shot7", want: false},
		{name: "unicode question", pattern: "?京", in: "東京", want: true},
		{name: "star does not cross slash", pattern: "*", in: "a/b", want: false},
		{name: "exact name with glob chars", pattern: "[old]", in: "[old]", want: true},
		{name: "glob chars as pattern", pattern: "[old]", in: "o", want: true},
		{name: "glob chars as pattern mismatch", pattern: "[old]", in: "old", want: false},
		{name: "exact name with star", pattern: "a*b", in: "a*b", want: true},
		{name: "exact malformed name", pattern: "[old", in: "[old", want: true},
		{name: "exact trailing backslash", pattern: `a\`, in: `a\`, want: true},
		{name: "escaped star", pattern: `a\*`, in: "a*", want: true},
		{name: "escaped star mismatch", pattern: `a\*`, in: "ab", want: false},
		{name: "empty pattern empty name", pattern: "", in: "", want: true},
		{name: "empty pattern", pattern: "", in: "a", want: false},
		{name: "unclosed class", pattern: "[old", in: "old", wantErr: `bad pattern "[old": syntax error in pattern`, wantBadPat: true},
		{name: "empty class", pattern: "[]", in: "x", wantErr: `bad pattern "[]": syntax error in pattern`, wantBadPat: true},
		{name: "trailing backslash", pattern: `a\`, in: "a", wantErr: `bad pattern "a\\": syntax error in pattern`, wantBadPat: true},
		{name: "bad after star", pattern: "*[", in: "acme", wantErr: `bad pattern "*[": syntax error in pattern`, wantBadPat: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := MatchName(tt.pattern, tt.in)
			if got != tt.want {
				t.Errorf("MatchName(%q, %q) = %v, want %v", tt.pattern, tt.in, got, tt.want)
			}
			if e := errString(err); e != tt.wantErr {
				t.Errorf("MatchName(%q, %q) error = %q, want %q", tt.pattern, tt.in, e, tt.wantErr)
			}
			if got := errors.Is(err, path.ErrBadPattern); got != tt.wantBadPat {
				t.Errorf("errors.Is(%v, path.ErrBadPattern) = %v, want %v", err, got, tt.wantBadPat)
			}
		})
	}
}

func TestSplitProject(t *testing.T) {
	tests := []struct {
		in      string
		want    Project
		wantErr string
	}{
		{"acme/shot1", Project{"acme", "shot1"}, ""},
		{"東京/ünï", Project{"東京", "ünï"}, ""},
		{"a*/[old]", Project{"a*", "[old]"}, ""},
		{"a b/c d", Project{"a b", "c d"}, ""},
		{"a", Project{}, `"a" is not CLIENT/PROJECT`},
		{"", Project{}, `"" is not CLIENT/PROJECT`},
		{"/", Project{}, `"/" is not CLIENT/PROJECT`},
		{"a/", Project{}, `"a/" is not CLIENT/PROJECT`},
		{"/b", Project{}, `"/b" is not CLIENT/PROJECT`},
		{"a/b/c", Project{}, `"a/b/c" is not CLIENT/PROJECT`},
		{"a//b", Project{}, `"a//b" is not CLIENT/PROJECT`},
		{"a/b/", Project{}, `"a/b/" is not CLIENT/PROJECT`},
		// Issue 7, item 8: names that would leave the category's folder.
		{"../..", Project{}, `"../.." is not CLIENT/PROJECT: a client or project cannot be named "." or ".."`},
		{"acme/..", Project{}, `"acme/.." is not CLIENT/PROJECT: a client or project cannot be named "." or ".."`},
		{"./x", Project{}, `"./x" is not CLIENT/PROJECT: a client or project cannot be named "." or ".."`},
		{"a\x00b/c", Project{}, `"a\x00b/c" is not CLIENT/PROJECT: a name cannot hold a NUL byte`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := SplitProject(tt.in)
			if got != tt.want {
				t.Errorf("SplitProject(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
			if e := errString(err); e != tt.wantErr {
				t.Errorf("SplitProject(%q) error = %q, want %q", tt.in, e, tt.wantErr)
			}
		})
	}
}

func matchIndex() *Index {
	return New(
		&Snapshot{Database: Database{"work", "/mnt/work"}, Categories: map[string]Clients{
			"footage": {
				"acme":    {"shot1": st(1, 1), "shot2": st(1, 1), "shot10": st(1, 1), "edit": st(1, 1)},
				"[old]":   {"shot1": st(1, 1)},
				"o":       {"p": st(1, 1)},
				"Acme2":   {"shot1": st(1, 1)},
				"bravo":   {"[draft]": st(1, 1), "d": st(1, 1)},
				"東京":      {"ünï": st(1, 1)},
				"client2": {"x": st(1, 1)},
			},
		}},
		&Snapshot{Database: Database{"nas", "/mnt/nas"}, Categories: map[string]Clients{
			"footage": {
				"acme":     {"shot3": st(1, 1)},
				"client10": {"y": st(1, 1)},
			},
		}},
	)
}

func TestMatchClients(t *testing.T) {
	ix := matchIndex()
	tests := []struct {
		name     string
		pattern  string
		database string
		want     []string
		wantErr  string
	}{
		{name: "all", pattern: "*", want: []string{"[old]", "acme", "Acme2", "bravo", "client2", "client10", "o", "東京"}},
		{name: "all in nas", pattern: "*", database: "nas", want: []string{"acme", "client10"}},
		{name: "exact", pattern: "acme", want: []string{"acme"}},
		{name: "exact in nas", pattern: "acme", database: "nas", want: []string{"acme"}},
		{name: "exact not in nas", pattern: "bravo", database: "nas", want: nil},
		{name: "prefix glob in natural order", pattern: "client*", want: []string{"client2", "client10"}},
		{name: "case-sensitive glob", pattern: "a*", want: []string{"acme"}},
		{name: "class glob", pattern: "[aA]*", want: []string{"acme", "Acme2"}},
		{name: "question glob", pattern: "??", want: []string{"東京"}},
		{name: "name with glob chars: the glob wins", pattern: "[old]", want: []string{"o"}},
		{name: "name with glob chars, escaped", pattern: `\[old]`, want: []string{"[old]"}},
		{name: "no match", pattern: "zeta*", want: nil},
		{name: "unknown database", pattern: "*", database: "usb", want: nil},
		{name: "bad pattern", pattern: "[acme", wantErr: `bad pattern "[acme": syntax error in pattern`},
		{name: "bad pattern in nas", pattern: "client[", database: "nas", wantErr: `bad pattern "client[": syntax error in pattern`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ix.MatchClients(tt.pattern, tt.database)
			if !slices.Equal(got, tt.want) {
				t.Errorf("MatchClients(%q, %q) = %q, want %q", tt.pattern, tt.database, got, tt.want)
			}
			if e := errString(err); e != tt.wantErr {
				t.Errorf("MatchClients(%q, %q) error = %q, want %q", tt.pattern, tt.database, e, tt.wantErr)
			}
			if err != nil && got != nil {
				t.Errorf("MatchClients(%q, %q) returned %q with an error", tt.pattern, tt.database, got)
			}
		})
	}
}

func TestMatchProjects(t *testing.T) {
	ix := matchIndex()
	tests := []struct {
		name            string
		client, project string
		database        string
		want            []Project
		wantErr         string
	}{
		{
			name:   "one exactly",
			client: "acme", project: "shot2",
			want: []Project{{"acme", "shot2"}},
		},
		{
			name:   "all of a client in natural order across databases",
			client: "acme", project: "*",
			want: []Project{{"acme", "edit"}, {"acme", "shot1"}, {"acme", "shot2"}, {"acme", "shot3"}, {"acme", "shot10"}},
		},
		{
			name:   "all of a client in one database",
			client: "acme", project: "*", database: "nas",
			want: []Project{{"acme", "shot3"}},
		},
		{
			name:   "project glob",
			client: "acme", project: "shot?",
			want: []Project{{"acme", "shot1"}, {"acme", "shot2"}, {"acme", "shot3"}},
		},
		{
			name:   "client glob",
			client: "*", project: "shot1",
			want: []Project{{"[old]", "shot1"}, {"acme", "shot1"}, {"Acme2", "shot1"}},
		},
		{
			name:   "both globs",
			client: "[aA]*", project: "shot1*",
			want: []Project{{"acme", "shot1"}, {"acme", "shot10"}, {"Acme2", "shot1"}},
		},
		{
			name:   "client named with glob chars: the glob wins",
			client: "[old]", project: "*",
			want: []Project{{"o", "p"}},
		},
		{
			name:   "client named with glob chars, escaped",
			client: `\[old]`, project: "*",
			want: []Project{{"[old]", "shot1"}},
		},
		{
			name:   "project named with glob chars: the glob wins",
			client: "bravo", project: "[draft]",
			want: []Project{{"bravo", "d"}},
		},
		{
			name:   "project named with glob chars, escaped",
			client: "bravo", project: `\[draft]`,
			want: []Project{{"bravo", "[draft]"}},
		},
		{
			name:   "project named like a glob that matches nothing else",
			client: "[old]", project: "shot1",
			want: []Project{{"[old]", "shot1"}},
		},
		{
			name:   "unicode",
			client: "東京", project: "?n?",
			want: []Project{{"東京", "ünï"}},
		},
		{
			name:   "everything in nas",
			client: "*", project: "*", database: "nas",
			want: []Project{{"acme", "shot3"}, {"client10", "y"}},
		},
		{
			name:   "no match",
			client: "acme", project: "shot4",
			want: nil,
		},
		{
			name:   "not in database",
			client: "acme", project: "shot1", database: "nas",
			want: nil,
		},
		{
			name:   "unknown database",
			client: "*", project: "*", database: "usb",
			want: nil,
		},
		{
			name:   "bad client pattern",
			client: "[acme", project: "*",
			wantErr: `bad pattern "[acme": syntax error in pattern`,
		},
		{
			name:   "bad project pattern",
			client: "acme", project: "shot[",
			wantErr: `bad pattern "shot[": syntax error in pattern`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ix.MatchProjects(tt.client, tt.project, tt.database)
			if !slices.Equal(got, tt.want) {
				t.Errorf("MatchProjects(%q, %q, %q) = %v, want %v", tt.client, tt.project, tt.database, got, tt.want)
			}
			if e := errString(err); e != tt.wantErr {
				t.Errorf("MatchProjects(%q, %q, %q) error = %q, want %q", tt.client, tt.project, tt.database, e, tt.wantErr)
			}
			if err != nil && got != nil {
				t.Errorf("MatchProjects(%q, %q, %q) returned %v with an error", tt.client, tt.project, tt.database, got)
			}
		})
	}
}

// TestMalformedPatternNamesExactly checks that a name which is also a
// malformed glob ("[old") can be named exactly whatever else is loaded,
// and that a malformed pattern that names nothing is reported.
func TestMalformedPatternNamesExactly(t *testing.T) {
	projects := func(pairs ...string) *Snapshot {
		cl := Clients{}
		for i := 0; i < len(pairs); i += 2 {
			if cl[pairs[i]] == nil {
				cl[pairs[i]] = Projects{}
			}
			cl[pairs[i]][pairs[i+1]] = &Stats{}
		}
		return &Snapshot{Database: Database{Name: "W", Root: "/w"}, Online: true, Categories: map[string]Clients{"c": cl}}
	}
	tests := []struct {
		name    string
		ix      *Index
		client  string
		project string
		want    []string
		wantErr string
	}{
		{"alone", New(projects("[old", "p")), "[old", "p", []string{"[old/p"}, ""},
		{"among others", New(projects("[old", "p", "acme", "p", "zeta", "q")), "[old", "p", []string{"[old/p"}, ""},
		{"project name", New(projects("acme", "a[1", "acme", "b")), "acme", "a[1", []string{"acme/a[1"}, ""},
		{"names nothing", New(projects("acme", "p")), "[old", "p", nil, `bad pattern "[old": syntax error in pattern`},
		{"nothing loaded", New(), "[old", "*", nil, `bad pattern "[old": syntax error in pattern`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.ix.MatchProjects(tt.client, tt.project, "")
			if (err == nil && tt.wantErr != "") || (err != nil && err.Error() != tt.wantErr) {
				t.Fatalf("MatchProjects error = %v, want %q", err, tt.wantErr)
			}
			var names []string
			for _, p := range got {
				names = append(names, p.String())
			}
			if !slices.Equal(names, tt.want) {
				t.Fatalf("MatchProjects = %q, want %q", names, tt.want)
			}
			clients, err := tt.ix.MatchClients(tt.client, "")
			if tt.wantErr == "" && (err != nil || !slices.Contains(clients, tt.client)) {
				t.Fatalf("MatchClients(%q) = %q, %v", tt.client, clients, err)
			}
		})
	}
}
