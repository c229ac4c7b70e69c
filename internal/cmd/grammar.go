package cmd

import (
	"fmt"
	"strings"
)

// A usage line is both documentation and grammar. Its elements are:
//
//	word           a keyword, typed as written
//	NAME           a placeholder for one argument (upper case, may hold '/')
//	NAME...        one or more arguments (last element only)
//	[ ... ]        an optional group, which may nest
//	[-v]           a flag; [-n|--dry-run] names a flag two ways;
//	[-j N]         a flag that takes a value
//
// Forms expands a usage line into every sequence of positional elements it
// allows, and collects its flags. Dispatch matches arguments against the
// forms, and completion offers what the forms allow next, so the two can
// never disagree with each other or with help.

// element is one positional element of a form.
type element struct {
	word     string // the keyword or the placeholder's name
	keyword  bool
	variadic bool
}

// form is one complete sequence of positional elements.
type form []element

// Flag is an option a command accepts before its arguments.
type Flag struct {
	Names []string // e.g. "-n", "--dry-run"
	Value string   // placeholder of the flag's value, empty for a switch
}

// Name is the flag's canonical name: its longest spelling without dashes.
func (f Flag) Name() string {
	long := f.Names[0]
	for _, n := range f.Names {
		if len(n) > len(long) {
			long = n
		}
	}
	return strings.TrimLeft(long, "-")
}

// grammar is what a command's usage lines allow.
type grammar struct {
	forms []form
	lines []int // lines[i] is the usage line that forms[i] came from
	flags []Flag
}

// parseUsage builds the grammar of a command from its usage lines. Each line
// starts with the command's name, which is not part of the forms.
func parseUsage(lines []string) (grammar, error) {
	var g grammar
	for i, line := range lines {
		fields := splitUsage(line)
		if len(fields) == 0 {
			return g, fmt.Errorf("empty usage line %d", i)
		}
		forms, flags, rest, err := parseSeq(fields[1:])
		if err != nil {
			return g, fmt.Errorf("usage %q: %w", line, err)
		}
		if len(rest) != 0 {
			return g, fmt.Errorf("usage %q: unbalanced ]", line)
		}
		for _, f := range forms {
			g.forms = append(g.forms, f)
			g.lines = append(g.lines, i)
		}
		g.flags = mergeFlags(g.flags, flags)
	}
	return g, nil
}

// splitUsage separates brackets from the words they touch: an opening
// bracket at the start of a word, and closing brackets at its end that
// the word itself does not open. So "[CLIENT[/PROJECT]]" is an optional
// placeholder named CLIENT[/PROJECT].
func splitUsage(line string) []string {
	var out []string
	for _, w := range strings.Fields(line) {
		for strings.HasPrefix(w, "[") && len(w) > 1 {
			out = append(out, "[")
			w = w[1:]
		}
		var closing int
		for strings.HasSuffix(w, "]") && strings.Count(w, "]") > strings.Count(w, "[") && w != "]" {
			closing++
			w = w[:len(w)-1]
		}
		out = append(out, w)
		for range closing {
			out = append(out, "]")
		}
	}
	return out
}

// parseSeq parses elements until a closing bracket or the end, and returns
// every form the sequence allows plus the flags it declares.
func parseSeq(fields []string) (forms []form, flags []Flag, rest []string, err error) {
	forms = []form{nil}
	for len(fields) > 0 {
		f := fields[0]
		switch {
		case f == "]":
			return forms, flags, fields, nil
		case f == "[" && len(fields) > 1 && strings.HasPrefix(fields[1], "-"):
			var fl Flag
			fl, fields, err = parseFlag(fields[1:])
			if err != nil {
				return nil, nil, nil, err
			}
			flags = append(flags, fl)
		case f == "[":
			var inner []form
			var innerFlags []Flag
			inner, innerFlags, fields, err = parseSeq(fields[1:])
			if err != nil {
				return nil, nil, nil, err
			}
			if len(fields) == 0 {
				return nil, nil, nil, fmt.Errorf("unclosed [")
			}
			fields = fields[1:]
			flags = append(flags, innerFlags...)
			forms = product(forms, append([]form{nil}, inner...))
		default:
			forms = product(forms, []form{{parseElement(f)}})
			fields = fields[1:]
		}
	}
	return forms, flags, nil, nil
}

// parseFlag reads "-n|--dry-run ]" or "-j N ]".
func parseFlag(fields []string) (Flag, []string, error) {
	fl := Flag{Names: strings.Split(fields[0], "|")}
	fields = fields[1:]
	if len(fields) > 0 && fields[0] != "]" {
		fl.Value = fields[0]
		fields = fields[1:]
	}
	if len(fields) == 0 || fields[0] != "]" {
		return fl, nil, fmt.Errorf("flag %s: expected ]", fl.Names[0])
	}
	return fl, fields[1:], nil
}

func parseElement(f string) element {
	e := element{word: f}
	if strings.HasSuffix(f, "...") {
		e.word = strings.TrimSuffix(f, "...")
		e.variadic = true
	}
	e.keyword = strings.ToLower(e.word) == e.word
	return e
}

// product appends every tail to every head.
func product(heads, tails []form) []form {
	out := make([]form, 0, len(heads)*len(tails))
	for _, h := range heads {
		for _, t := range tails {
			f := make(form, 0, len(h)+len(t))
			out = append(out, append(append(f, h...), t...))
		}
	}
	return out
}

func mergeFlags(have, add []Flag) []Flag {
	for _, a := range add {
		dup := false
		for _, h := range have {
			dup = dup || h.Name() == a.Name()
		}
		if !dup {
			have = append(have, a)
		}
	}
	return have
}

// Args holds the arguments of one command line after they matched a form.
type Args struct {
	Keywords []string            // the keywords of the matched form, in order
	Values   map[string][]string // placeholder name to the argument(s) it took
	Flags    map[string]string   // flag name to its value ("" for a switch)
	Line     int                 // index of the usage line that matched
}

// Get returns the argument a placeholder took, or "".
func (a Args) Get(name string) string {
	if v := a.Values[name]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// List returns every argument a placeholder took.
func (a Args) List(name string) []string { return a.Values[name] }

// Has reports whether the matched form contains the keyword.
func (a Args) Has(keyword string) bool {
	for _, k := range a.Keywords {
		if k == keyword {
			return true
		}
	}
	return false
}

// Flag reports whether the flag was given, and its value.
func (a Args) Flag(name string) (string, bool) {
	v, ok := a.Flags[name]
	return v, ok
}

// match matches words (the arguments after the command name) against the
// grammar. It returns false when no form fits.
func (g grammar) match(words []string) (Args, error) {
	flags, rest, err := g.parseFlags(words)
	if err != nil {
		return Args{}, err
	}
	best, found := Args{}, false
	for i, f := range g.forms {
		a, ok := f.match(rest)
		// Where several forms fit, the one that names the most keywords
		// wins: "compare all A B" is not CLIENT/PROJECT "all".
		if ok && (!found || len(a.Keywords) > len(best.Keywords)) {
			a.Flags = flags
			a.Line = g.lines[i]
			best, found = a, true
		}
	}
	if !found {
		return Args{}, errNoMatch
	}
	return best, nil
}

var errNoMatch = fmt.Errorf("arguments match no form")

// parseFlags takes the flags out of words. Flags may come before the
// arguments, where any word starting with "-" must be a known flag, or
// after them, where only a known flag's exact spelling is taken (so a name
// that starts with "-" still works there). "--" ends the flags. A command
// without flags takes every word as an argument.
func (g grammar) parseFlags(words []string) (map[string]string, []string, error) {
	flags := map[string]string{}
	if len(g.flags) == 0 {
		return flags, words, nil
	}
	var rest []string
	leading := true
	for len(words) > 0 {
		w := words[0]
		words = words[1:]
		if w == "--" {
			return flags, append(rest, words...), nil
		}
		name, value, hasValue := strings.Cut(w, "=")
		fl, known := g.flag(name)
		switch {
		case known:
		case leading && strings.HasPrefix(w, "-") && w != "-":
			return nil, nil, fmt.Errorf("unknown flag %s", name)
		default:
			leading = false
			rest = append(rest, w)
			continue
		}
		switch {
		case fl.Value == "" && hasValue:
			return nil, nil, fmt.Errorf("flag %s takes no value", name)
		case fl.Value != "" && !hasValue:
			if len(words) == 0 {
				return nil, nil, fmt.Errorf("flag %s needs a value (%s)", name, fl.Value)
			}
			value, words = words[0], words[1:]
		}
		flags[fl.Name()] = value
	}
	return flags, rest, nil
}

func (g grammar) flag(name string) (Flag, bool) {
	for _, f := range g.flags {
		for _, n := range f.Names {
			if n == name {
				return f, true
			}
		}
	}
	return Flag{}, false
}

func (f form) match(words []string) (Args, bool) {
	a := Args{Values: map[string][]string{}}
	for i, e := range f {
		if i >= len(words) {
			return Args{}, false
		}
		switch {
		case e.keyword:
			if !strings.EqualFold(words[i], e.word) {
				return Args{}, false
			}
			a.Keywords = append(a.Keywords, e.word)
		case e.variadic:
			a.Values[e.word] = append(a.Values[e.word], words[i:]...)
			return a, true
		default:
			a.Values[e.word] = append(a.Values[e.word], words[i])
		}
	}
	return a, len(words) == len(f)
}

// next returns the elements a form allows at position len(prev), given the
// arguments already typed. ok is false when prev does not fit the form.
func (f form) next(prev []string) (element, bool) {
	for i, w := range prev {
		if i >= len(f) {
			return element{}, false
		}
		e := f[i]
		if e.variadic {
			return e, true
		}
		if e.keyword && !strings.EqualFold(w, e.word) {
			return element{}, false
		}
	}
	if len(prev) >= len(f) {
		return element{}, false
	}
	return f[len(prev)], true
}
