package cmd

import (
	"maps"
	"slices"
	"strings"
	"testing"
)

func formStrings(g grammar) []string {
	var out []string
	for _, f := range g.forms {
		var words []string
		for _, e := range f {
			w := e.word
			if e.variadic {
				w += "..."
			}
			words = append(words, w)
		}
		out = append(out, strings.Join(words, " "))
	}
	return out
}

func TestParseUsage(t *testing.T) {
	tests := []struct {
		name      string
		usage     []string
		wantForms []string
		wantFlags []string
		wantErr   bool
	}{
		{"plain", []string{"exit"}, []string{""}, nil, false},
		{"keywords and values", []string{"add database NAME PATH"}, []string{"database NAME PATH"}, nil, false},
		{"optional", []string{"list clients [in DATABASE]"}, []string{"clients", "clients in DATABASE"}, nil, false},
		{"nested optional", []string{"list projects [in CLIENT [in DATABASE]]"},
			[]string{"projects", "projects in CLIENT", "projects in CLIENT in DATABASE"}, nil, false},
		{"flags and variadic", []string{"load [-v|--verbose] [DATABASE...]"}, []string{"", "DATABASE..."}, []string{"verbose"}, false},
		{"flag with value", []string{"copy [-j N] [-n|--dry-run] FROM TO"}, []string{"FROM TO"}, []string{"j", "dry-run"}, false},
		{"several lines", []string{"fetch all", "fetch CLIENT/PROJECT"}, []string{"all", "CLIENT/PROJECT"}, nil, false},
		{"brackets inside a name", []string{"status [--plan TO] [CLIENT[/PROJECT]]"}, []string{"", "CLIENT[/PROJECT]"}, []string{"plan"}, false},
		{"unclosed", []string{"x [a"}, nil, nil, true},
		{"unbalanced", []string{"x a]"}, nil, nil, true},
		{"flag unclosed", []string{"x [-v"}, nil, nil, true},
		{"empty", []string{""}, nil, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := parseUsage(tt.usage)
			if (err != nil) != tt.wantErr {
				t.Fatalf("parseUsage(%q) error = %v", tt.usage, err)
			}
			if err != nil {
				return
			}
			if got := formStrings(g); !slices.Equal(got, tt.wantForms) {
				t.Errorf("forms = %q, want %q", got, tt.wantForms)
			}
			var flags []string
			for _, f := range g.flags {
				flags = append(flags, f.Name())
			}
			if !slices.Equal(flags, tt.wantFlags) {
				t.Errorf("flags = %q, want %q", flags, tt.wantFlags)
			}
		})
	}
}

func TestMatch(t *testing.T) {
	g, err := parseUsage([]string{
		"cmd [-v|--verbose] [-j N] list [in DATABASE]",
		"cmd [-v|--verbose] [-j N] show ITEM...",
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		words    []string
		wantErr  string
		keywords []string
		values   map[string][]string
		flags    map[string]string
		line     int
	}{
		{[]string{"list"}, "", []string{"list"}, map[string][]string{}, map[string]string{}, 0},
		{[]string{"LIST", "in", "NAS"}, "", []string{"list", "in"}, map[string][]string{"DATABASE": {"NAS"}}, map[string]string{}, 0},
		{[]string{"-v", "show", "a", "b"}, "", []string{"show"}, map[string][]string{"ITEM": {"a", "b"}}, map[string]string{"verbose": ""}, 1},
		{[]string{"--verbose", "-j", "4", "list"}, "", []string{"list"}, map[string][]string{}, map[string]string{"verbose": "", "j": "4"}, 0},
		{[]string{"-j=8", "list"}, "", []string{"list"}, map[string][]string{}, map[string]string{"j": "8"}, 0},
		{[]string{"--", "show", "-x"}, "", []string{"show"}, map[string][]string{"ITEM": {"-x"}}, map[string]string{}, 1},
		{[]string{"show"}, "arguments match no form", nil, nil, nil, 0},
		{[]string{"list", "in"}, "arguments match no form", nil, nil, nil, 0},
		{[]string{"list", "extra"}, "arguments match no form", nil, nil, nil, 0},
		{[]string{"-x", "list"}, "unknown flag -x", nil, nil, nil, 0},
		{[]string{"show", "a", "-v", "-j", "2"}, "", []string{"show"}, map[string][]string{"ITEM": {"a"}}, map[string]string{"verbose": "", "j": "2"}, 1},
		{[]string{"show", "-x", "--verbose"}, "", []string{"show"}, map[string][]string{"ITEM": {"-x"}}, map[string]string{"verbose": ""}, 1},
		{[]string{"show", "a", "--", "-v"}, "", []string{"show"}, map[string][]string{"ITEM": {"a", "-v"}}, map[string]string{}, 1},
		{[]string{"-j"}, "flag -j needs a value (N)", nil, nil, nil, 0},
		{[]string{"-v=1", "list"}, "flag -v takes no value", nil, nil, nil, 0},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.words, " "), func(t *testing.T) {
			a, err := g.match(tt.words)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("match error = %v, want %s", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(a.Keywords, tt.keywords) || !maps.EqualFunc(a.Values, tt.values, slices.Equal) ||
				!maps.Equal(a.Flags, tt.flags) || a.Line != tt.line {
				t.Fatalf("match = %+v", a)
			}
		})
	}
}

func TestArgsAccessors(t *testing.T) {
	a := Args{
		Keywords: []string{"projects", "in"},
		Values:   map[string][]string{"CLIENT": {"acme"}, "DATABASE": {"A", "B"}},
		Flags:    map[string]string{"verbose": ""},
	}
	if a.Get("CLIENT") != "acme" || a.Get("NOPE") != "" || !slices.Equal(a.List("DATABASE"), []string{"A", "B"}) {
		t.Errorf("Get/List wrong: %+v", a)
	}
	if !a.Has("in") || a.Has("clients") {
		t.Errorf("Has wrong")
	}
	if _, ok := a.Flag("verbose"); !ok {
		t.Errorf("Flag(verbose) not set")
	}
	if _, ok := a.Flag("dry-run"); ok {
		t.Errorf("Flag(dry-run) set")
	}
}

func TestFormNext(t *testing.T) {
	g, err := parseUsage([]string{"list projects [in CLIENT [in DATABASE]]", "load DATABASE..."})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		prev []string
		want []string // next elements over all forms
	}{
		{nil, []string{"projects", "projects", "projects", "DATABASE..."}},
		{[]string{"projects"}, []string{"in", "in", "DATABASE..."}},
		{[]string{"projects", "in", "acme"}, []string{"in", "DATABASE..."}},
		{[]string{"nope"}, []string{"DATABASE..."}},
	}
	for _, tt := range tests {
		var got []string
		for _, f := range g.forms {
			if e, ok := f.next(tt.prev); ok {
				w := e.word
				if e.variadic {
					w += "..."
				}
				got = append(got, w)
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("next after %q = %q, want %q", tt.prev, got, tt.want)
		}
	}
}

func TestFlagName(t *testing.T) {
	if n := (Flag{Names: []string{"-n", "--dry-run"}}).Name(); n != "dry-run" {
		t.Errorf("Name = %q", n)
	}
	if n := (Flag{Names: []string{"-j"}}).Name(); n != "j" {
		t.Errorf("Name = %q", n)
	}
}
