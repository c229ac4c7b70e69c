package index

import (
	"golang.org/x/text/unicode/norm"
)

// Canonical is the form a name is matched and grouped by: Unicode NFC.
// macOS writes "Café" decomposed (NFD), Linux and Windows keep what they
// are given, usually composed; the same client or project written both
// ways on two databases is one. The bytes on each disk are kept: see
// Index.RawProject.
func Canonical(s string) string {
	if isASCIIName(s) || norm.NFC.IsNormalString(s) {
		return s
	}
	return norm.NFC.String(s)
}

// CanonicalProject is a project's names in canonical form.
func CanonicalProject(p Project) Project {
	return Project{Canonical(p.Client), Canonical(p.Name)}
}

func isASCIIName(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// RawProject is a project as its folders are named in a database: the
// canonical project itself, unless that database writes its names in
// another normal form.
func (ix *Index) RawProject(database string, p Project) Project {
	ix.build()
	if raw, ok := ix.raw[database][CanonicalProject(p)]; ok {
		return raw
	}
	return p
}

// Path is where a location is on a database's disk, its folders named as
// that database names them.
func (ix *Index) Path(d Database, c Category, p Project) string {
	return d.Location(c, ix.RawProject(d.Name, p))
}

// noteRaw records that a database names a project otherwise than its
// canonical form.
func (ix *Index) noteRaw(database string, canon, raw Project) {
	if canon == raw {
		return
	}
	if ix.raw == nil {
		ix.raw = map[string]map[Project]Project{}
	}
	if ix.raw[database] == nil {
		ix.raw[database] = map[Project]Project{}
	}
	ix.raw[database][canon] = raw
}
