package report

import (
	"strconv"
	"strings"
)

// words are how one kind of transfer names what it did.
type words struct {
	Title     string // "Copy"
	Done      string // "copied": what happened to Files
	Verified  string // "verified": what Verified counts
	Conflict  string // "conflict": what one of Conflicts is
	Conflicts string // "conflicts": its plural
	Arrow     string // between From and To
	Clean     string // "no conflicts": what a transfer without problems says
}

var kinds = map[string]words{
	"copy":   {"Copy", "copied", "verified", "conflict", "conflicts", "→", "no conflicts"},
	"verify": {"Verify", "hashed", "identical", "difference", "differences", "↔", "no differences"},
	"free":   {"Free", "freed", "re-verified", "copy not identical", "copies not identical", "· other copies on", "every other copy identical"},
}

// transferView is the transfer page's data, every text formatted.
type transferView struct {
	Title, Route, Generated string
	OK                      bool
	Banner                  string
	Tiles                   []tile
	Facts                   []fact
	Words                   words
	ShowTo                  bool
	Rows                    []locationRow
	Problems                []problemBox
	Warnings                []problemBox
}

type fact struct{ Name, Value string }

type locationRow struct {
	Project, Category, To           string
	Files, Bytes, Skipped, Verified string
	Result                          string
	OK                              bool
}

// problemBox lists what went wrong (or deserves a look) in one location.
type problemBox struct {
	Heading string
	Lists   []problemList
}

type problemList struct {
	Label string
	Items []string
}

func (t Transfer) view() transferView {
	w := kinds[t.Kind]
	sum := t.Totals()
	v := transferView{Title: w.Title + " report", Words: w, OK: t.OK()}
	v.Route = t.From + " " + w.Arrow + " " + strings.Join(t.To, ", ")
	if len(t.To) == 0 {
		v.Route = t.From
	}
	if !t.Finished.IsZero() {
		v.Generated = t.Finished.Format(zoneLayout)
	}
	done := plural(sum.Files, "file") + " (" + size(sum.Bytes) + ") " + w.Done
	switch {
	case t.Cancelled:
		v.Banner = w.Title + " cancelled before the end: " + done + " until then; " + problemText(sum, w)
	case !v.OK:
		v.Banner = w.Title + " finished with problems: " + problemText(sum, w) + "; " + done
	default:
		v.Banner = w.Title + " complete: " + done + ", " + count(sum.Verified) + " " + w.Verified + ", " + w.Clean + ", nothing failed"
	}
	el := t.Elapsed()
	v.Tiles = []tile{
		{Label: "Files " + w.Done, Value: count(sum.Files), Note: size(sum.Bytes)},
		{Label: strings.ToUpper(w.Verified[:1]) + w.Verified[1:], Value: count(sum.Verified), Note: "files, by content"},
		{Label: "Duration", Value: duration(el), Note: rate(sum.Bytes, el)},
		{Label: "Problems", Value: strconv.Itoa(sum.problems()), Note: problemText(sum, w), Class: okClass(sum.problems() == 0)},
	}
	if t.Kind == "copy" {
		v.Tiles = append(v.Tiles[:1], append([]tile{{Label: "Already there", Value: count(sum.Skipped),
			Note: size(sum.SkippedBytes) + " identical, skipped"}}, v.Tiles[1:]...)...)
	}
	v.Facts = t.facts(sum)
	for _, l := range t.Locations {
		v.ShowTo = v.ShowTo || l.To != ""
		v.Rows = append(v.Rows, locationRowOf(l, w))
		if box, ok := problemsOf(l, w); ok {
			v.Problems = append(v.Problems, box)
		}
		if len(l.Warnings) > 0 {
			v.Warnings = append(v.Warnings, problemBox{where(l), []problemList{{plural(int64(len(l.Warnings)), "warning"), l.Warnings}}})
		}
	}
	return v
}

func okClass(ok bool) string {
	if ok {
		return "ok"
	}
	return "risk"
}

// problemText is "2 conflicts, 1 failed, 0 changed".
func problemText(l TransferLocation, w words) string {
	return conflicts(len(l.Conflicts), w) + ", " + count(int64(len(l.Failed))) + " failed, " +
		count(int64(len(l.Changed))) + " changed while read"
}

// conflicts is "1 conflict", "2 conflicts", in the kind's words.
func conflicts(n int, w words) string {
	if n == 1 {
		return "1 " + w.Conflict
	}
	return count(int64(n)) + " " + w.Conflicts
}

// facts are the summary's lines, those that are known.
func (t Transfer) facts(sum TransferLocation) []fact {
	var out []fact
	add := func(name, value string) {
		if value != "" {
			out = append(out, fact{name, value})
		}
	}
	add("Command", t.Command)
	add("From", t.From)
	add("To", strings.Join(t.To, ", "))
	add("Started", stamp(t.Started, ""))
	add("Finished", stamp(t.Finished, ""))
	if el := t.Elapsed(); el > 0 {
		add("Duration", duration(el))
		add("Rate", rate(sum.Bytes, el))
	}
	add("Hash", t.Hash)
	add("Hashes", t.HashSummary)
	for _, n := range t.Notes {
		add("Note", n)
	}
	return out
}

func where(l TransferLocation) string {
	s := l.Project + " · " + l.Category
	if l.To != "" {
		s += " → " + l.To
	}
	return s
}

func locationRowOf(l TransferLocation, w words) locationRow {
	r := locationRow{Project: l.Project, Category: l.Category, To: l.To,
		Files: count(l.Files), Bytes: size(l.Bytes), Skipped: count(l.Skipped), Verified: count(l.Verified),
		OK: l.problems() == 0, Result: "✓ done"}
	if !r.OK {
		var parts []string
		for _, p := range []struct {
			n    int
			noun string
		}{{len(l.Failed), "failure"}, {len(l.Changed), "change"}} {
			if p.n > 0 {
				parts = append(parts, plural(int64(p.n), p.noun))
			}
		}
		if len(l.Conflicts) > 0 {
			parts = append([]string{conflicts(len(l.Conflicts), w)}, parts...)
		}
		r.Result = "✗ " + strings.Join(parts, ", ")
	}
	return r
}

func problemsOf(l TransferLocation, w words) (problemBox, bool) {
	if l.problems() == 0 {
		return problemBox{}, false
	}
	box := problemBox{Heading: where(l)}
	for _, p := range []problemList{
		{conflicts(len(l.Conflicts), w), l.Conflicts},
		{count(int64(len(l.Failed))) + " failed", l.Failed},
		{count(int64(len(l.Changed))) + " changed while read", l.Changed},
	} {
		if len(p.Items) > 0 {
			box.Lists = append(box.Lists, p)
		}
	}
	return box, true
}
