package mhl

import (
	"fmt"
	"slices"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
)

// Ignore matches paths against an ASC MHL ignore list. Its patterns have
// the meaning of .gitignore lines (as in the reference tool): "*.tmp"
// ignores such a name in any folder, "Proxy/" any folder so named, and a
// pattern with a slash before its end ("Proxy/*.mov", "/Sidecar.txt") is
// taken from the history's folder; "**" spans folders, "!" re-includes,
// and whatever is inside an ignored folder is ignored.
type Ignore struct {
	rules []ignoreRule
}

// ignoreRule is one pattern as doublestar matches it.
type ignoreRule struct {
	glob    string
	negate  bool
	dirOnly bool
}

// NewIgnore returns the matcher for patterns. Blank patterns and
// "#" comments are skipped.
func NewIgnore(patterns []string) (*Ignore, error) {
	ig := &Ignore{}
	for _, p := range patterns {
		r, ok, err := parseIgnore(p)
		if err != nil {
			return nil, err
		}
		if ok {
			ig.rules = append(ig.rules, r)
		}
	}
	return ig, nil
}

// parseIgnore turns one pattern into a rule; ok is false for a blank line
// or a comment.
func parseIgnore(p string) (r ignoreRule, ok bool, err error) {
	s := p
	if strings.TrimSpace(s) == "" || strings.HasPrefix(s, "#") {
		return ignoreRule{}, false, nil
	}
	if strings.HasPrefix(s, "!") {
		r.negate, s = true, s[1:]
	} else if strings.HasPrefix(s, `\!`) || strings.HasPrefix(s, `\#`) {
		s = s[1:]
	}
	if strings.HasSuffix(s, "/") {
		r.dirOnly, s = true, strings.TrimRight(s, "/")
	}
	anchored := strings.Contains(s, "/")
	s = strings.TrimPrefix(s, "/")
	if s == "" {
		return ignoreRule{}, false, fmt.Errorf("ignore pattern %q matches nothing (expected a name or glob like *.tmp)", p)
	}
	// Braces are plain characters in .gitignore patterns, not alternatives.
	s = strings.NewReplacer("{", `\{`, "}", `\}`).Replace(s)
	if !anchored {
		s = "**/" + s
	}
	if !doublestar.ValidatePattern(s) {
		return ignoreRule{}, false, fmt.Errorf("ignore pattern %q is not a valid glob", p)
	}
	r.glob = s
	return r, true, nil
}

// Match reports whether rel, a slash-separated path relative to the
// history's folder, is ignored; isDir tells whether it is a folder.
func (ig *Ignore) Match(rel string, isDir bool) bool {
	for i := range len(rel) {
		if rel[i] == '/' && ig.matchOne(rel[:i], true) {
			return true
		}
	}
	return ig.matchOne(rel, isDir)
}

// matchOne applies the rules to one path; the last rule to match decides.
func (ig *Ignore) matchOne(p string, isDir bool) bool {
	ignored := false
	for _, r := range ig.rules {
		if r.dirOnly && !isDir {
			continue
		}
		if ok, _ := doublestar.Match(r.glob, p); ok {
			ignored = !r.negate
		}
	}
	return ignored
}

// mergeIgnore returns base (DefaultIgnore when empty) followed by the
// patterns of extra it lacks, with ascmhl and ascmhl/ always included, as
// the reference tool's verify needs.
func mergeIgnore(base, extra []string) []string {
	if len(base) == 0 {
		base = DefaultIgnore()
	}
	out := []string{}
	for _, p := range slices.Concat(base, extra, []string{FolderName, FolderName + "/"}) {
		if !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}
