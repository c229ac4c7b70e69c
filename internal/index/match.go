package index

import (
	"fmt"
	"path"
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
	if !ok || client == "" || name == "" || strings.Contains(name, "/") {
		return Project{}, fmt.Errorf("%q is not CLIENT/PROJECT", s)
	}
	return Project{client, name}, nil
}

// MatchClients returns the clients whose names match a pattern, in natural
// order. With a database name, only the clients found there.
func (ix *Index) MatchClients(pattern, database string) ([]string, error) {
	var out []string
	for _, c := range ix.Clients(database) {
		ok, err := MatchName(pattern, c)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, c)
		}
	}
	return out, nil
}

// MatchProjects returns the projects that match a client pattern and a
// project pattern, in natural order. With a database name, only the
// projects found there.
func (ix *Index) MatchProjects(client, project, database string) ([]Project, error) {
	var out []Project
	for _, p := range ix.Projects(database) {
		okc, err := MatchName(client, p.Client)
		if err != nil {
			return nil, err
		}
		okp, err := MatchName(project, p.Name)
		if err != nil {
			return nil, err
		}
		if okc && okp {
			out = append(out, p)
		}
	}
	return out, nil
}
