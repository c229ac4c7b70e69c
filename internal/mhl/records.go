package mhl

import (
	"fmt"
	"path"
	"slices"
	"strings"
)

// Record is what a history holds about one file, over all generations.
type Record struct {
	// Path is relative to the folder of the history Read returned.
	Path string
	// Size is the size recorded with the first original hash (or, for a
	// file without one, the latest recorded size).
	Size int64
	// Original are the hashes recorded with action "original", oldest
	// generation first. A file is checked against these: later verified
	// or failed entries never change what the file should be. Empty when
	// the history records the file without an original hash, which the
	// reference tool treats as a new file.
	Original []HashEntry
	// Hashes is every hash entry of the file, oldest generation first.
	Hashes []HashEntry
}

// index builds h.records and h.dirs from the generations. A file recorded
// with a previousPath carries its record over from that path.
func (h *History) index() error {
	h.records = map[string]*Record{}
	h.dirs = map[string]map[Format]dirMark{}
	for _, g := range h.Generations {
		for _, f := range g.Files {
			var err error
			if f.Path, err = cleanRecordedPath(f.Path); err != nil {
				return fmt.Errorf("%s: %w", path.Join(h.folder(), g.Name), err)
			}
			if f.PreviousPath != "" {
				if f.PreviousPath, err = cleanRecordedPath(f.PreviousPath); err != nil {
					return fmt.Errorf("%s: %w", path.Join(h.folder(), g.Name), err)
				}
			}
			r := h.records[f.Path]
			if old, ok := h.records[f.PreviousPath]; ok && f.PreviousPath != f.Path && r == nil {
				delete(h.records, f.PreviousPath)
				r = old
				h.records[f.Path] = r
			}
			if r == nil {
				r = &Record{}
				h.records[f.Path] = r
			}
			r.Path = f.Path
			for _, e := range f.Hashes {
				if e.Action == Original {
					if len(r.Original) == 0 {
						r.Size = f.Size
					}
					r.Original = append(r.Original, e)
				}
				r.Hashes = append(r.Hashes, e)
			}
			if len(r.Original) == 0 {
				r.Size = f.Size
			}
		}
		for _, d := range g.Dirs {
			p, err := cleanRecordedPath(d.Path)
			if err != nil {
				return fmt.Errorf("%s: %w", path.Join(h.folder(), g.Name), err)
			}
			h.markDir(p, g.Seq, d.Hashes)
		}
		h.markDir(".", g.Seq, g.Root)
	}
	return nil
}

// cleanRecordedPath returns a recorded path in clean form ("./a//b" is
// "a/b"), or an error when it leads outside the history's folder.
func cleanRecordedPath(p string) (string, error) {
	c := path.Clean(p)
	if err := checkRel(c); err != nil {
		return "", fmt.Errorf("recorded path %q: %w", p, err)
	}
	return c, nil
}

// markDir notes a folder's directory hashes from generation seq.
func (h *History) markDir(p string, seq int, hs []DirHash) {
	if len(hs) == 0 {
		return
	}
	m := h.dirs[p]
	if m == nil {
		m = map[Format]dirMark{}
		h.dirs[p] = m
	}
	for _, d := range hs {
		m[d.Format] = dirMark{DirHash: d, seq: seq}
	}
}

// Lookup returns the record of the file at rel, a slash-separated path
// relative to the folder of h, looking in the nested history that covers
// it if there is one.
func (h *History) Lookup(rel string) (Record, bool) {
	o, sub := h.owner(rel)
	r, ok := o.records[sub]
	if !ok {
		return Record{}, false
	}
	out := *r
	out.Path = rel
	out.Original = slices.Clone(r.Original)
	out.Hashes = slices.Clone(r.Hashes)
	return out, true
}

// Files returns the records of every file in h and its nested histories,
// by path.
func (h *History) Files() []Record {
	var out []Record
	h.eachRecord(func(r Record) { out = append(out, r) })
	slices.SortFunc(out, func(a, b Record) int { return strings.Compare(a.Path, b.Path) })
	return out
}

// eachRecord calls fn for each file record of h and its nested
// histories, with paths relative to the folder of h.
func (h *History) eachRecord(fn func(Record)) {
	h.walk(func(o *History, prefix string) {
		for _, r := range o.records {
			c := *r
			c.Path = joinRel(prefix, r.Path)
			fn(c)
		}
	})
}

// walk calls fn for h and every history nested in it, with the path of
// that history's folder relative to h's.
func (h *History) walk(fn func(o *History, prefix string)) {
	var rec func(o *History)
	rec = func(o *History) {
		fn(o, o.relTo(h))
		for _, c := range o.Children {
			rec(c)
		}
	}
	fn(h, ".")
	for _, c := range h.Children {
		rec(c)
	}
}

// joinRel joins a folder's relative path and a path inside it.
func joinRel(dir, rel string) string {
	if dir == "." {
		return rel
	}
	if rel == "." {
		return dir
	}
	return dir + "/" + rel
}

// recordedDirs returns, for every folder with recorded directory hashes,
// the latest hash in each format, with paths relative to h's folder. A
// nested history's own record of its root wins over its parent's.
func (h *History) recordedDirs() map[string]map[Format]dirMark {
	out := map[string]map[Format]dirMark{}
	h.walk(func(o *History, prefix string) {
		for p, m := range o.dirs {
			out[joinRel(prefix, p)] = m
		}
	})
	return out
}
