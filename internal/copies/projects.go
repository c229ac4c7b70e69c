package copies

import "github.com/bcnvisuals/autobackup/internal/index"

// Standing is how a location stands between two databases, as their last
// scans saw them.
type Standing uint8

// Standings of a location between two databases.
const (
	Same  Standing = iota // the same listing on both: names, sizes, times
	OnlyA                 // on the first database only
	OnlyB                 // on the second database only
	Other                 // on both, not the same
)

var standingNames = [...]string{"same", "only_a", "only_b", "differs"}

// String is the standing as compare's JSON names it.
func (s Standing) String() string { return standingNames[s] }

// Row is one project's category compared between two databases.
type Row struct {
	Project  index.Project
	Category index.Category
	A, B     *index.Stats // nil on a database that lacks it
	Standing Standing
}

// Versus compares, from the index, each category of the projects held by
// either of two databases. Two locations are the same only when their
// fingerprints and counts agree, so it never calls the same what a file
// comparison would not.
func Versus(ix *index.Index, projects []index.Project, cats []index.Category, a, b string) []Row {
	var out []Row
	for _, p := range projects {
		for _, c := range cats {
			sa, inA := ix.Location(a, c.Name, p)
			sb, inB := ix.Location(b, c.Name, p)
			r := Row{Project: p, Category: c, A: sa, B: sb}
			switch {
			case !inA && !inB:
				continue
			case !inB:
				r.Standing = OnlyA
			case !inA:
				r.Standing = OnlyB
			case sa.Fingerprint != sb.Fingerprint || sa.Bytes != sb.Bytes || sa.Files != sb.Files:
				r.Standing = Other
			}
			out = append(out, r)
		}
	}
	return out
}
