package mhl

import (
	"context"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"time"
)

// SealOptions tunes Seal.
type SealOptions struct {
	// Formats are the hash formats to record; empty means xxh128, the
	// reference tool's default.
	Formats []Format
	// Hash hashes a file; nil reads it from the fs.FS Seal was given.
	Hash HashFunc
	// Ignore adds patterns to the history's ignore list; Seal puts them
	// in the generation it returns, so that Commit records them.
	Ignore []string
}

// Sealed is what Seal found.
type Sealed struct {
	// Generation lists every file with its hashes, every folder and the
	// root with their directory hashes, and the ignore patterns. Set its
	// Process and Creator and give it to Commit.
	Generation Generation
	// Failed are the files whose hash differs from the one on record.
	Failed []string
	// Missing are the recorded files that are gone.
	Missing []string
}

// Seal hashes every file of the folder fsys holds that the history's
// ignore list keeps, as the reference tool's create does: each in the
// formats asked for (and in a format it has on record, when none of those
// is), with actions decided by Classify, and computes the directory
// hashes of every folder in those formats. date is the hash date of
// every entry. Seal writes nothing.
func Seal(ctx context.Context, h *History, fsys fs.FS, date time.Time, opt SealOptions) (*Sealed, error) {
	formats := opt.Formats
	if len(formats) == 0 {
		formats = []Format{XXH128}
	}
	trees := map[Format]*Tree{}
	for _, f := range formats {
		t, err := NewTree(f)
		if err != nil {
			return nil, err
		}
		trees[f] = t
	}
	ig, err := NewIgnore(mergeIgnore(h.Ignore(), opt.Ignore))
	if err != nil {
		return nil, err
	}
	hash := opt.Hash
	if hash == nil {
		hash = fsysHasher(fsys)
	}
	s := &Sealed{Generation: Generation{Ignore: opt.Ignore}}
	g := &s.Generation
	seen := map[string]bool{}
	err = walkFolder(ctx, fsys, ig, func(rel string, isDir bool) error {
		seen[rel] = true
		fi, err := fs.Stat(fsys, rel)
		if err != nil {
			return err
		}
		if isDir {
			for _, t := range trees {
				if err := t.AddDir(rel); err != nil {
					return err
				}
			}
			if rel != "." { // the root's hashes go to Root, without a date
				g.Dirs = append(g.Dirs, DirEntry{Path: rel, Modified: fi.ModTime()})
			}
			return nil
		}
		e, ok, err := sealFile(ctx, h, rel, formats, hash, trees, date)
		if err != nil {
			return err
		}
		if !ok {
			s.Failed = append(s.Failed, rel)
		}
		g.Files = append(g.Files, FileEntry{Path: rel, Size: fi.Size(), Modified: fi.ModTime(), Hashes: e})
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := s.dirHashes(trees, date); err != nil {
		return nil, err
	}
	for _, r := range h.Files() {
		if !seen[r.Path] && !ig.Match(r.Path, false) {
			s.Missing = append(s.Missing, r.Path)
		}
	}
	return s, nil
}

// sealFile hashes one file, adds it to the trees and returns its entries.
func sealFile(ctx context.Context, h *History, rel string, formats []Format, hash HashFunc,
	trees map[Format]*Tree, date time.Time) ([]HashEntry, bool, error) {
	need := slices.Clone(formats)
	if rec, ok := h.Lookup(rel); ok && len(rec.Hashes) > 0 {
		have := false
		for _, e := range rec.Hashes {
			have = have || slices.Contains(formats, e.Format)
		}
		if !have {
			need = append(need, rec.Hashes[0].Format)
		}
	}
	sums, err := hash(ctx, rel, need)
	if err != nil {
		return nil, false, fmt.Errorf("hashing %s: %w", rel, err)
	}
	for _, f := range need {
		if sums[f] == "" {
			return nil, false, fmt.Errorf("%s: the hash function gave no %s hash", rel, f)
		}
	}
	for f, t := range trees {
		if err := t.AddFile(rel, sums[f]); err != nil {
			return nil, false, err
		}
	}
	return h.Classify(rel, sums, date)
}

// dirHashes fills in the directory hashes of every folder and the root.
func (s *Sealed) dirHashes(trees map[Format]*Tree, date time.Time) error {
	g := &s.Generation
	for _, f := range slices.Sorted(maps.Keys(trees)) {
		sums, err := trees[f].Sums()
		if err != nil {
			return err
		}
		for i := range g.Dirs {
			d := sums[g.Dirs[i].Path]
			g.Dirs[i].Hashes = append(g.Dirs[i].Hashes, DirHash{Format: f, Content: d.Content, Structure: d.Structure, Date: date})
		}
		r := sums["."]
		g.Root = append(g.Root, DirHash{Format: f, Content: r.Content, Structure: r.Structure, Date: date})
	}
	return nil
}
