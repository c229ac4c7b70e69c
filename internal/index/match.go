package index

import (
	"fmt"
	"path"
	"slices"
	"strings"
)

// IsPattern reports whether s holds glob characters.
func IsPattern(s string) bool { return strings.ContainsAny(s, "*?[") }

// MatchName reports whether name matches a glob pattern (path.Match
// syntax). A name equal to the pattern always matches, so a client called
// "[old]" can still be named exactly.
func MatchName(pattern, name string) (bool, error) {
	if pattern == name {
		return true, nil
	}
	ok, err := path.Match(pattern, name)
	if err != nil {
		return false, fmt.Errorf("bad pattern %q: %w", pattern, err)
	}
	return ok, nil
}

// SplitProject splits "CLIENT/PROJECT" at its first slash.
func SplitProject(s string) (Project, error) {
	client, name, ok := strings.Cut(s, "/")
	switch {
	case !ok || client == "" || name == "" || strings.Contains(name, "/"):
		return Project{}, fmt.Errorf("%q is not CLIENT/PROJECT", s)
	case client == "." || client == ".." || name == "." || name == "..":
		return Project{}, fmt.Errorf("%q is not CLIENT/PROJECT: a client or project cannot be named \".\" or \"..\"", s)
	case strings.ContainsRune(s, 0):
		return Project{}, fmt.Errorf("%q is not CLIENT/PROJECT: a name cannot hold a NUL byte", s)
	}
	return Project{client, name}, nil
}

// matcher returns a test for names against pattern. A malformed pattern
// matches only the name equal to it, so a client called "[old" can still
// be named; bad reports whether the pattern was malformed.
func matcher(pattern string) (match func(string) bool, bad error) {
	if _, err := path.Match(pattern, ""); err != nil {
		return func(n string) bool { return n == pattern }, fmt.Errorf("bad pattern %q: %w", pattern, err)
	}
	return func(n string) bool {
		ok, _ := path.Match(pattern, n)
		return ok
	}, nil
}

// MatchClients returns the clients whose names match a pattern, in natural
// order. With a database name, only the clients found there. A malformed
// pattern is an error unless a client has exactly that name.
func (ix *Index) MatchClients(pattern, database string) ([]string, error) {
	pattern = Canonical(pattern)
	match, bad := matcher(pattern)
	var out []string
	for _, c := range ix.Clients(database) {
		if match(c) {
			out = append(out, c)
		}
	}
	if len(out) == 0 && slices.Contains(ix.Clients(database), pattern) {
		return []string{pattern}, nil // a client named like a pattern: only when the pattern matches nothing
	}
	if len(out) == 0 && bad != nil {
		return nil, bad
	}
	return out, nil
}

// MatchProjects returns the projects that match a client pattern and a
// project pattern, in natural order. A project whose name is the pattern
// itself (a folder really named "*") is returned only when the pattern,
// as a glob, matches nothing: so "acme/\\*", the glob for a literal "*",
// never also picks a folder named "\\*". With a database name, only the
// projects found there. A malformed pattern is an error unless it names a
// project exactly.
func (ix *Index) MatchProjects(client, project, database string) ([]Project, error) {
	client, project = Canonical(client), Canonical(project)
	matchClient, badClient := matcher(client)
	matchProject, badProject := matcher(project)
	var out []Project
	for _, p := range ix.Projects(database) {
		if matchClient(p.Client) && matchProject(p.Name) {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		exact := Project{client, project}
		if slices.Contains(ix.Projects(database), exact) {
			return []Project{exact}, nil // named like a pattern: only when the pattern matches nothing
		}
		if badClient != nil {
			return nil, badClient
		}
		if badProject != nil {
			return nil, badProject
		}
	}
	return out, nil
}
