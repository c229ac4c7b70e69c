package mhl

import (
	"context"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"
)

// Status is the outcome of checking one path against a history.
type Status int

// The outcomes of Verify for one path.
const (
	// OK: the file's hash is its original hash.
	OK Status = iota
	// Missing: recorded, but not there (or, with Dir set, a recorded
	// folder that is not there).
	Missing
	// New: there, but the history has no original hash for it.
	New
	// Changed: its hash differs from the original hash.
	Changed
	// Unreadable: it could not be read to be hashed; see Err.
	Unreadable
)

// String names s in lowercase, as a report would.
func (s Status) String() string {
	switch s {
	case OK:
		return "ok"
	case Missing:
		return "missing"
	case New:
		return "new"
	case Changed:
		return "changed"
	case Unreadable:
		return "unreadable"
	}
	return fmt.Sprintf("status(%d)", int(s))
}

// FileResult is the outcome for one path.
type FileResult struct {
	Path   string // slash-separated, relative to the history's folder
	Status Status
	Dir    bool // a folder (only ever Missing)
	// Format, Recorded and Actual are the hash compared, for OK and
	// Changed.
	Format           Format
	Recorded, Actual string
	Err              error // why, for Unreadable
}

// DirResult is a folder whose directory hashes differ from the latest
// ones recorded for it in Format.
type DirResult struct {
	Path             string // "." for the history's folder itself
	Format           Format
	Seq              int // the generation that recorded them
	Recorded, Actual DirSum
}

// Report is what Verify found.
type Report struct {
	// Files has one result per file (and missing folder), by path.
	Files []FileResult
	// FailedDirs lists folders whose directory hashes differ, when asked
	// for.
	FailedDirs []DirResult
	// Problems are the history's own faults (History.Problems).
	Problems []string
}

// Count returns how many results have status s.
func (r *Report) Count(s Status) int {
	n := 0
	for _, f := range r.Files {
		if f.Status == s {
			n++
		}
	}
	return n
}

// OK reports whether everything checked out: every file OK, no folder
// hash failed, and no problem with the history itself.
func (r *Report) OK() bool {
	return r.Count(OK) == len(r.Files) && len(r.FailedDirs) == 0 && len(r.Problems) == 0
}

// HashFunc returns the hashes of the file at rel, a slash-separated path
// relative to the history's folder, in each of formats.
type HashFunc func(ctx context.Context, rel string, formats []Format) (map[Format]string, error)

// VerifyOptions tunes Verify.
type VerifyOptions struct {
	// Hash hashes a file; nil reads it from the fs.FS Verify was given.
	Hash HashFunc
	// DirHashes also computes every folder's directory hashes and compares
	// them with the latest recorded ones (the reference tool's -dh).
	DirHashes bool
	// Ignore adds patterns to the history's ignore list.
	Ignore []string
}

// Verify checks the folder fsys holds against h, its history, as the
// reference tool's verify does: every file that is not ignored is hashed
// in the format of its first original hash and compared with it; files
// without one are New, and recorded files (and folders) that are gone are
// Missing. The files of nested histories are checked against those.
func Verify(ctx context.Context, h *History, fsys fs.FS, opt VerifyOptions) (*Report, error) {
	ig, err := NewIgnore(mergeIgnore(h.Ignore(), opt.Ignore))
	if err != nil {
		return nil, err
	}
	v := &verifier{h: h, fsys: fsys, ig: ig, hash: opt.Hash, seen: map[string]bool{}, trees: map[Format]*Tree{}}
	if v.hash == nil {
		v.hash = fsysHasher(fsys)
	}
	v.recDirs = map[string]map[Format]dirMark{}
	if opt.DirHashes {
		v.recDirs = h.recordedDirs()
		for _, m := range v.recDirs {
			for f := range m {
				if v.trees[f] == nil {
					v.trees[f], _ = NewTree(f)
				}
			}
		}
	}
	err = walkFolder(ctx, fsys, ig, func(rel string, isDir bool) error { return v.visit(ctx, rel, isDir) })
	if err != nil {
		return nil, err
	}
	v.missing()
	if err := v.compareDirs(); err != nil {
		return nil, err
	}
	slices.SortFunc(v.report.Files, func(a, b FileResult) int { return strings.Compare(a.Path, b.Path) })
	v.report.Problems = h.Problems()
	return &v.report, nil
}

// verifier holds the state of one Verify.
type verifier struct {
	h       *History
	fsys    fs.FS
	ig      *Ignore
	hash    HashFunc
	seen    map[string]bool // paths found, files and folders
	trees   map[Format]*Tree
	recDirs map[string]map[Format]dirMark
	report  Report
}

// visit notes a folder, or checks a file.
func (v *verifier) visit(ctx context.Context, rel string, isDir bool) error {
	if !isDir {
		return v.file(ctx, rel)
	}
	v.seen[rel] = true
	for f := range v.trees {
		if err := v.trees[f].AddDir(rel); err != nil {
			return err
		}
	}
	return nil
}

// file checks one file.
func (v *verifier) file(ctx context.Context, rel string) error {
	v.seen[rel] = true
	rec, _ := v.h.Lookup(rel)
	var formats []Format
	if len(rec.Original) > 0 {
		formats = append(formats, rec.Original[0].Format)
	}
	for _, f := range slices.Sorted(maps.Keys(v.trees)) {
		if !slices.Contains(formats, f) {
			formats = append(formats, f)
		}
	}
	var sums map[Format]string
	if len(formats) > 0 {
		var err error
		sums, err = v.hash(ctx, rel, formats)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			v.report.Files = append(v.report.Files, FileResult{Path: rel, Status: Unreadable, Err: err})
			return nil
		}
		for _, f := range formats {
			if sums[f] == "" {
				return fmt.Errorf("%s: the hash function gave no %s hash", rel, f)
			}
		}
	}
	for f, t := range v.trees {
		if err := t.AddFile(rel, sums[f]); err != nil {
			return fmt.Errorf("%s: %w", rel, err)
		}
	}
	if len(rec.Original) == 0 {
		v.report.Files = append(v.report.Files, FileResult{Path: rel, Status: New})
		return nil
	}
	o := rec.Original[0]
	res := FileResult{Path: rel, Status: OK, Format: o.Format, Recorded: o.Value, Actual: sums[o.Format]}
	if res.Actual != res.Recorded {
		res.Status = Changed
	}
	v.report.Files = append(v.report.Files, res)
	return nil
}

// missing adds the recorded files and folders that were not found and
// are not ignored.
func (v *verifier) missing() {
	gone := func(p string, isDir bool) bool {
		return !v.seen[p] && !v.ig.Match(p, isDir) && !insideHistoryFolder(p)
	}
	for _, r := range v.h.Files() {
		if gone(r.Path, false) {
			v.report.Files = append(v.report.Files, FileResult{Path: r.Path, Status: Missing})
		}
	}
	for _, p := range slices.Sorted(maps.Keys(v.h.recordedDirs())) {
		if gone(p, true) {
			v.report.Files = append(v.report.Files, FileResult{Path: p, Status: Missing, Dir: true})
		}
	}
}

// insideHistoryFolder reports whether p is in an ascmhl/ folder.
func insideHistoryFolder(p string) bool {
	return slices.Contains(strings.Split(p, "/"), FolderName)
}

// compareDirs compares computed directory hashes with recorded ones.
func (v *verifier) compareDirs() error {
	for _, f := range slices.Sorted(maps.Keys(v.trees)) {
		sums, err := v.trees[f].Sums()
		if err != nil {
			return err
		}
		for _, p := range slices.Sorted(maps.Keys(v.recDirs)) {
			m, ok := v.recDirs[p][f]
			got, found := sums[p]
			if !ok || !found {
				continue
			}
			want := DirSum{Content: m.Content, Structure: m.Structure}
			if got != want {
				v.report.FailedDirs = append(v.report.FailedDirs,
					DirResult{Path: p, Format: f, Seq: m.seq, Recorded: want, Actual: got})
			}
		}
	}
	return nil
}

// fsysHasher hashes files by reading them from fsys.
func fsysHasher(fsys fs.FS) HashFunc {
	return func(ctx context.Context, rel string, formats []Format) (map[Format]string, error) {
		f, err := fsys.Open(rel)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return HashReader(ctx, f, formats...)
	}
}
