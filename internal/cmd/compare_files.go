package cmd

import (
	"context"
	"fmt"
	"strings"

	"github.com/bcnvisuals/autobackup/internal/compare"
	"github.com/bcnvisuals/autobackup/internal/copies"
	"github.com/bcnvisuals/autobackup/internal/fsys"
	"github.com/bcnvisuals/autobackup/internal/index"
	"github.com/bcnvisuals/autobackup/internal/march"
	"github.com/bcnvisuals/autobackup/internal/table"
	"github.com/bcnvisuals/autobackup/internal/units"
)

// fileListing says how compare and verify list files.
type fileListing struct {
	all   bool   // list identical files too
	limit int    // at most this many per group, 0 for all
	verb  string // "compared" or "verified"
}

// locationJSON is compare's and verify's --json form of one location.
type pairJSON struct {
	Project   string          `json:"project"`
	Category  string          `json:"category"`
	Present   string          `json:"present,omitempty"` // "a" or "b" when only one side holds it
	Identical classJSON       `json:"identical"`
	OnlyA     classJSON       `json:"only_a"`
	OnlyB     classJSON       `json:"only_b"`
	Differs   classJSON       `json:"differs"`
	Skipped   classJSON       `json:"skipped"`
	Files     []fileEntryJSON `json:"files"`
}

type classJSON struct {
	Files int   `json:"files"`
	Bytes int64 `json:"bytes"`
}

type fileEntryJSON struct {
	Path  string `json:"path"`
	Class string `json:"class"`
	SizeA *int64 `json:"size_a,omitempty"`
	SizeB *int64 `json:"size_b,omitempty"`
	Why   string `json:"why,omitempty"`
}

type filesJSON struct {
	A         string     `json:"a"`
	B         string     `json:"b"`
	Locations []pairJSON `json:"locations"`
	Same      bool       `json:"same"`
}

// compareFiles compares locations file by file with do, and prints them.
// It reports whether every location was the same on both sides.
func compareFiles(ctx context.Context, s *Session, da, db index.Database, locs []copies.Pair, how fileListing,
	do func(context.Context, copies.Pair) (*compare.Result, error)) (bool, error) {
	out := filesJSON{A: da.Name, B: db.Name, Locations: []pairJSON{}, Same: true}
	var text strings.Builder
	for i, l := range locs {
		if i > 0 {
			text.WriteByte('\n')
		}
		pj := pairJSON{Project: l.Project.String(), Category: l.Category.Name, Files: []fileEntryJSON{}}
		if !l.InA || !l.InB {
			out.Same = false
			pj.Present = map[bool]string{true: "a", false: "b"}[l.InA]
			out.Locations = append(out.Locations, pj)
			writeOneSided(&text, s, l, da, db)
			continue
		}
		r, err := do(ctx, l)
		if err != nil {
			return false, stopped(ctx, how.verb, err)
		}
		out.Same = out.Same && r.Same()
		fillPairJSON(&pj, r)
		out.Locations = append(out.Locations, pj)
		writeFileComparison(&text, s, l, r, how, da, db)
	}
	return out.Same, s.show(filesOutput{out, text.String()})
}

// filesOutput is what compare and verify print at file level: the text is
// written as the locations are compared, the JSON object gathered.
type filesOutput struct {
	json filesJSON
	text string
}

func (o filesOutput) jsonValue() any { return o.json }

func (o filesOutput) writeText(s *Session) error {
	_, err := fmt.Fprint(s.Stdout, o.text)
	return err
}

func writeOneSided(b *strings.Builder, s *Session, l copies.Pair, da, db index.Database) {
	where, st := da.Name, l.StatsA
	if !l.InA {
		where, st = db.Name, l.StatsB
	}
	fmt.Fprintf(b, "%s %s: %s (%s, %s)\n", table.Escape(l.Project.String()), l.Category.Name,
		s.paint(yellow, "only in "+where), units.Bytes(st.Bytes), plural(int(st.Files), "file"))
}

// classLabels names the classes with the databases' names.
func classLabel(c compare.Class, da, db index.Database) string {
	switch c {
	case compare.OnlyA:
		return "only in " + da.Name
	case compare.OnlyB:
		return "only in " + db.Name
	}
	return c.String()
}

func writeFileComparison(b *strings.Builder, s *Session, l copies.Pair, r *compare.Result, how fileListing, da, db index.Database) {
	done := map[string]string{"compare": "compared", "verify": "verified"}[how.verb]
	fmt.Fprintf(b, "%s %s: %s %s and %s\n", table.Escape(l.Project.String()), l.Category.Name, done, da.Name, db.Name)
	var counts []string
	for _, c := range []compare.Class{compare.Identical, compare.OnlyA, compare.OnlyB, compare.Differs} {
		n, bytes := r.Count(c)
		counts = append(counts, fmt.Sprintf("%s %s (%s)", classLabel(c, da, db), plural(n, "file"), units.Bytes(bytes)))
	}
	if n, _ := r.Count(compare.Skipped); n > 0 {
		counts = append(counts, fmt.Sprintf("skipped %s (sockets, devices, FIFOs: never copied)", plural(n, "special file")))
	}
	b.WriteString("  " + strings.Join(counts, "; ") + "\n")
	groups := []compare.Class{compare.OnlyA, compare.OnlyB, compare.Differs, compare.Skipped}
	if how.all {
		groups = append(groups, compare.Identical)
	}
	for _, c := range groups {
		writeGroup(b, s, r, c, how.limit, da, db)
	}
}

// writeGroup lists the entries of one class, at most limit of them.
func writeGroup(b *strings.Builder, s *Session, r *compare.Result, c compare.Class, limit int, da, db index.Database) {
	var entries []compare.Entry
	for _, e := range r.Entries {
		if e.Class() == c {
			entries = append(entries, e)
		}
	}
	if len(entries) == 0 {
		return
	}
	color := map[compare.Class]string{compare.OnlyA: yellow, compare.OnlyB: yellow, compare.Differs: red, compare.Identical: green, compare.Skipped: ""}[c]
	b.WriteString(s.paint(color, classLabel(c, da, db)+":") + "\n")
	shown := entries
	if limit > 0 && len(shown) > limit {
		shown = shown[:limit]
	}
	t := s.table()
	t.Flex(0, 2)
	t.Indent = "  "
	for _, e := range shown {
		t.Row(table.Escape(e.Rel), entrySize(e), e.Why())
	}
	t.Append(b)
	if left := len(entries) - len(shown); left > 0 {
		fmt.Fprintf(b, "  … and %d more (--limit %d)\n", left, limit)
	}
}

func entrySize(e compare.Entry) string {
	kind := func(s *fsys.Entry) fsys.Kind {
		if s == nil {
			return fsys.KindDir
		}
		return s.Kind
	}
	switch {
	case e.Diff == march.Size:
		return units.Bytes(e.A.Size) + " / " + units.Bytes(e.B.Size)
	case kind(e.A) == fsys.KindSymlink || kind(e.B) == fsys.KindSymlink:
		return "symlink"
	case kind(e.A) == fsys.KindDir && kind(e.B) == fsys.KindDir:
		return "folder"
	case e.Class() == compare.Skipped:
		return "special"
	}
	return units.Bytes(e.Bytes())
}

func fillPairJSON(pj *pairJSON, r *compare.Result) {
	for c, dst := range map[compare.Class]*classJSON{compare.Identical: &pj.Identical, compare.OnlyA: &pj.OnlyA,
		compare.OnlyB: &pj.OnlyB, compare.Differs: &pj.Differs, compare.Skipped: &pj.Skipped} {
		n, bytes := r.Count(c)
		*dst = classJSON{n, bytes}
	}
	for _, e := range r.Entries {
		if e.Class() == compare.Identical {
			continue
		}
		fe := fileEntryJSON{Path: e.Rel, Class: e.Class().Key(), Why: e.Why()}
		if e.A != nil {
			fe.SizeA = &e.A.Size
		}
		if e.B != nil {
			fe.SizeB = &e.B.Size
		}
		pj.Files = append(pj.Files, fe)
	}
}
