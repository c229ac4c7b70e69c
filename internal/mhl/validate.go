package mhl

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"time"
)

// emailPattern is the schema's pattern for an author's email.
var emailPattern = regexp.MustCompile(`^[^@]+@[^.]+\..+$`)

// validate checks a generation given to Commit and puts its hash values in
// canonical form, so that nothing is written from bad input.
func validate(g *Generation) error {
	if g.Process != InPlace && g.Process != Transfer {
		return fmt.Errorf("process %q: expected %q or %q", g.Process, InPlace, Transfer)
	}
	if err := validateCreator(g.Creator); err != nil {
		return err
	}
	for _, p := range g.Ignore {
		if err := xmlText("ignore pattern", p); err != nil {
			return err
		}
	}
	if _, err := NewIgnore(g.Ignore); err != nil {
		return err
	}
	var err error
	if g.Root, err = validateDirHashes("the root folder", g.Root); err != nil {
		return err
	}
	files := map[string]bool{}
	for i := range g.Files {
		f := &g.Files[i]
		if err := validatePath(f.Path, f.PreviousPath, files, f.Created, f.Modified); err != nil {
			return err
		}
		files[f.Path] = true
		if f.Size < 0 {
			return fmt.Errorf("%s: size %d is negative", f.Path, f.Size)
		}
		if f.Hashes, err = validateHashes(f.Path, f.Hashes); err != nil {
			return err
		}
	}
	dirs := map[string]bool{}
	for i := range g.Dirs {
		d := &g.Dirs[i]
		if dirs[d.Path] || files[d.Path] {
			return fmt.Errorf("%s: listed twice", d.Path)
		}
		if err := validatePath(d.Path, d.PreviousPath, dirs, d.Created, d.Modified); err != nil {
			return err
		}
		dirs[d.Path] = true
		if d.Hashes, err = validateDirHashes(d.Path, d.Hashes); err != nil {
			return err
		}
	}
	// No file may stand where another entry has a folder.
	for p := range joinSets(files, dirs) {
		for d := path.Dir(p); d != "."; d = path.Dir(d) {
			if files[d] {
				return fmt.Errorf("%s: listed as a file, yet %s is inside it", d, p)
			}
		}
	}
	return nil
}

// joinSets returns the union of two sets of paths.
func joinSets(a, b map[string]bool) map[string]bool {
	out := make(map[string]bool, len(a)+len(b))
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}

// validateCreator checks the creator info.
func validateCreator(c Creator) error {
	switch {
	case c.Date.IsZero():
		return fmt.Errorf("creator: the creation date is missing")
	case c.Hostname == "":
		return fmt.Errorf("creator: the hostname is missing")
	case c.Tool == "":
		return fmt.Errorf("creator: the tool name is missing")
	}
	if err := validateDate("creation date", c.Date); err != nil {
		return err
	}
	texts := []string{c.Hostname, c.Tool, c.ToolVersion, c.Location, c.Comment}
	for _, a := range c.Authors {
		if a.Email != "" && !emailPattern.MatchString(a.Email) {
			return fmt.Errorf("creator: author email %q is not an address like name@example.com", a.Email)
		}
		texts = append(texts, a.Name, a.Email, a.Phone, a.Role)
	}
	for _, s := range texts {
		if err := xmlText("creator info", s); err != nil {
			return err
		}
	}
	return nil
}

// validatePath checks a recorded path, its previous path and its dates;
// seen holds the paths already listed.
func validatePath(p, prev string, seen map[string]bool, dates ...time.Time) error {
	if err := checkRel(p); err != nil {
		return err
	}
	if seen[p] {
		return fmt.Errorf("%s: listed twice", p)
	}
	if insideHistoryFolder(p) {
		return fmt.Errorf("%s: inside an %s folder, which holds histories, not media", p, FolderName)
	}
	if err := xmlText("path", p); err != nil {
		return err
	}
	if prev != "" {
		if err := checkRel(prev); err != nil {
			return fmt.Errorf("%s: previous path: %w", p, err)
		}
		if err := xmlText("previous path", prev); err != nil {
			return err
		}
	}
	for _, d := range dates {
		if err := validateDate(p, d); err != nil {
			return err
		}
	}
	return nil
}

// validateDate rejects a date that xs:dateTime cannot hold as written.
func validateDate(what string, t time.Time) error {
	if !t.IsZero() && (t.Year() < 1 || t.Year() > 9999) {
		return fmt.Errorf("%s: date %s is outside the years 1 to 9999", what, t)
	}
	return nil
}

// validateHashes checks a file's hash entries and returns them in
// canonical form.
func validateHashes(p string, hs []HashEntry) ([]HashEntry, error) {
	if len(hs) == 0 {
		return nil, fmt.Errorf("%s: no hash", p)
	}
	out := slices.Clone(hs)
	var seen []Format
	for i := range out {
		e := &out[i]
		if slices.Contains(seen, e.Format) {
			return nil, fmt.Errorf("%s: two %s hashes", p, e.Format)
		}
		seen = append(seen, e.Format)
		v, err := e.Format.Normalize(e.Value)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		e.Value = v
		if !e.Action.valid() {
			return nil, fmt.Errorf("%s: %s action %q (expected original, verified or failed)", p, e.Format, e.Action)
		}
		if err := validateDate(p, e.Date); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// validateDirHashes checks a folder's directory hashes and returns them
// in canonical form.
func validateDirHashes(p string, hs []DirHash) ([]DirHash, error) {
	out := slices.Clone(hs)
	var seen []Format
	for i := range out {
		d := &out[i]
		if slices.Contains(seen, d.Format) {
			return nil, fmt.Errorf("%s: two %s directory hashes", p, d.Format)
		}
		seen = append(seen, d.Format)
		var err error
		if d.Content, err = d.Format.Normalize(d.Content); err != nil {
			return nil, fmt.Errorf("%s: content hash: %w", p, err)
		}
		if d.Structure, err = d.Format.Normalize(d.Structure); err != nil {
			return nil, fmt.Errorf("%s: structure hash: %w", p, err)
		}
		if err := validateDate(p, d.Date); err != nil {
			return nil, err
		}
	}
	return out, nil
}
