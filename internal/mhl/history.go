package mhl

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Errors Read wraps when a history's chain does not hold.
var (
	// ErrGenerationMissing: the chain lists a generation file that is not there.
	ErrGenerationMissing = errors.New("listed in the chain but missing")
	// ErrGenerationModified: a generation file's hash is not the chain's.
	ErrGenerationModified = errors.New("changed since it was written (its hash is not the chain's)")
)

// History is the ASC MHL history of a folder: the generations its ascmhl/
// folder's chain lists, and the histories nested in its sub-folders. Read
// makes one; Commit adds to it, so it must not be used by other
// goroutines meanwhile.
type History struct {
	// Name is the name of the folder the history covers; it names the
	// generation files written to it.
	Name string
	// Dir is that folder, relative to the folder Read was given ("." for
	// that folder itself).
	Dir string
	// Chain is what ascmhl_chain.xml lists, in its order.
	Chain []ChainEntry
	// Generations are the chained generations, by sequence number.
	Generations []*Generation
	// Children are the histories of sub-folders that have an ascmhl/
	// folder of their own, by path.
	Children []*History
	// Unchained are the generation files in ascmhl/ that the chain does
	// not list, as an interrupted write leaves them. They are not part of
	// the history.
	Unchained []string

	fsys     fs.FS
	records  map[string]*Record            // by path relative to Dir
	dirs     map[string]map[Format]dirMark // by path relative to Dir; "." is the root
	problems []string
}

// dirMark is the latest recording of a folder's hashes in one format.
type dirMark struct {
	DirHash
	seq int
}

// generationName matches a generation file's name; the reference tool
// reads any name with 4 or more digits first.
var generationName = regexp.MustCompile(`^(\d{4,})(?:_(.+))?\.mhl$`)

// Read reads the history of the folder fsys holds: the chain and the
// generations in its ascmhl/ folder, and the nested histories of its
// sub-folders (Read lists every folder to find them). name is the
// folder's own name. A folder without an ascmhl/ folder has an empty
// history. Read fails when the chain names a generation file that is
// missing or whose hash differs from the chain's (errors.Is
// ErrGenerationMissing, ErrGenerationModified), or a file cannot be read
// as ASC MHL; lesser faults are listed by Problems.
func Read(fsys fs.FS, name string) (*History, error) {
	return readHistory(fsys, ".", name)
}

// readHistory reads the history whose folder is dir.
func readHistory(fsys fs.FS, dir, name string) (*History, error) {
	h := &History{Name: name, Dir: dir, fsys: fsys}
	if err := h.readGenerations(); err != nil {
		return nil, err
	}
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("reading folder %s: %w", dir, err)
	}
	if err := h.findChildren(dir, entries); err != nil {
		return nil, err
	}
	if err := h.index(); err != nil {
		return nil, err
	}
	h.checkReferences()
	return h, nil
}

// folder is the path of the history's ascmhl/ folder.
func (h *History) folder() string { return path.Join(h.Dir, FolderName) }

// readGenerations reads the chain and every generation it lists.
func (h *History) readGenerations() error {
	entries, err := fs.ReadDir(h.fsys, h.folder())
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("reading %s: %w", h.folder(), err)
	}
	onDisk := map[string]bool{}
	for _, e := range entries {
		if !e.IsDir() && !strings.HasPrefix(e.Name(), "._") && generationName.MatchString(e.Name()) {
			onDisk[e.Name()] = true
		}
	}
	chainPath := path.Join(h.folder(), ChainName)
	data, err := fs.ReadFile(h.fsys, chainPath)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("reading %s: %w", chainPath, err)
	}
	if err == nil {
		if h.Chain, err = parseChain(data); err != nil {
			return fmt.Errorf("%s: %w", chainPath, err)
		}
	}
	for _, c := range h.Chain {
		g, err := h.readGeneration(c)
		if err != nil {
			return err
		}
		delete(onDisk, c.Name)
		h.Generations = append(h.Generations, g)
	}
	slices.SortFunc(h.Generations, func(a, b *Generation) int { return a.Seq - b.Seq })
	for i := 1; i < len(h.Generations); i++ {
		if h.Generations[i].Seq == h.Generations[i-1].Seq {
			return fmt.Errorf("%s: sequence number %d is listed twice", chainPath, h.Generations[i].Seq)
		}
	}
	for n := range onDisk {
		h.Unchained = append(h.Unchained, n)
	}
	slices.Sort(h.Unchained)
	return nil
}

// readGeneration reads and checks the generation file chain entry c names.
func (h *History) readGeneration(c ChainEntry) (*Generation, error) {
	p := path.Join(h.folder(), c.Name)
	m := generationName.FindStringSubmatch(c.Name)
	if m == nil || path.Base(c.Name) != c.Name {
		return nil, fmt.Errorf("%s: the chain lists %q, which is no generation file name (like 0001_Folder_2020-01-16_091500Z.mhl)", h.folder(), c.Name)
	}
	if n, _ := strconv.Atoi(m[1]); n != c.Seq {
		return nil, fmt.Errorf("%s: the chain gives it sequence number %d", p, c.Seq)
	}
	data, err := fs.ReadFile(h.fsys, p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w", p, ErrGenerationMissing)
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", p, err)
	}
	sum, err := c.Format.Sum(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	if sum != c.Hash {
		return nil, fmt.Errorf("%s: %w", p, ErrGenerationModified)
	}
	g, err := parseGeneration(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	g.Seq, g.Name = c.Seq, c.Name
	if g.C4, err = C4.Sum(data); err != nil {
		return nil, err
	}
	return g, nil
}

// findChildren reads the nested histories below dir, whose entries are
// given, into h.Children.
func (h *History) findChildren(dir string, entries []fs.DirEntry) error {
	for _, e := range entries {
		if !e.IsDir() || e.Name() == FolderName {
			continue
		}
		sub := path.Join(dir, e.Name())
		subEntries, err := fs.ReadDir(h.fsys, sub)
		if err != nil {
			return fmt.Errorf("reading folder %s: %w", sub, err)
		}
		if hasHistory(subEntries) {
			c, err := readHistory(h.fsys, sub, e.Name())
			if err != nil {
				return err
			}
			h.Children = append(h.Children, c)
			continue
		}
		if err := h.findChildren(sub, subEntries); err != nil {
			return err
		}
	}
	return nil
}

// hasHistory reports whether a folder's entries include an ascmhl/ folder.
func hasHistory(entries []fs.DirEntry) bool {
	for _, e := range entries {
		if e.Name() == FolderName && e.IsDir() {
			return true
		}
	}
	return false
}

// checkReferences notes references that do not lead to the generation of
// a nested history they name.
func (h *History) checkReferences() {
	for i, g := range h.Generations {
		for _, r := range g.References {
			where := fmt.Sprintf("%s refers to %s", path.Join(h.folder(), g.Name), path.Join(h.Dir, r.Path))
			c := h.descendant(path.Join(h.Dir, path.Dir(path.Dir(r.Path))))
			switch {
			case c == nil && i == len(h.Generations)-1:
				h.problems = append(h.problems, where+", but that folder has no history")
			case c == nil:
				// An older generation may name a folder since moved away.
			case c.generation(path.Base(r.Path)) == nil:
				h.problems = append(h.problems, where+", which its chain does not list")
			case c.generation(path.Base(r.Path)).C4 != r.C4:
				h.problems = append(h.problems, where+", whose c4 is not the one recorded")
			}
		}
	}
}

// descendant returns the nested history whose folder is dir, or nil.
func (h *History) descendant(dir string) *History {
	for _, c := range h.Children {
		if c.Dir == dir {
			return c
		}
		if strings.HasPrefix(dir, c.Dir+"/") {
			return c.descendant(dir)
		}
	}
	return nil
}

// generation returns the chained generation with file name name, or nil.
func (h *History) generation(name string) *Generation {
	for _, g := range h.Generations {
		if g.Name == name {
			return g
		}
	}
	return nil
}

// owner returns the history, h or one nested in it, that covers rel (a
// path relative to h's root), and rel relative to that history.
func (h *History) owner(rel string) (*History, string) {
	for _, c := range h.Children {
		if rel == c.relTo(h) {
			return c.owner(".")
		}
		if sub, ok := strings.CutPrefix(rel, c.relTo(h)+"/"); ok {
			return c.owner(sub)
		}
	}
	return h, rel
}

// relTo is h's folder relative to the folder of an enclosing history.
func (h *History) relTo(outer *History) string {
	if h == outer {
		return "."
	}
	if outer.Dir == "." {
		return h.Dir
	}
	return strings.TrimPrefix(h.Dir, outer.Dir+"/")
}

// Problems lists what is wrong with the history, and the histories nested
// in it, that did not stop Read: generation files outside the chain, and
// references to nested generations that are missing or differ.
func (h *History) Problems() []string {
	var out []string
	for _, n := range h.Unchained {
		out = append(out, path.Join(h.folder(), n)+": not in the chain (left by an interrupted write?), so not part of the history")
	}
	out = append(out, h.problems...)
	for _, c := range h.Children {
		out = append(out, c.Problems()...)
	}
	return out
}

// Ignore is the ignore list of the latest generation, or DefaultIgnore
// when there is none.
func (h *History) Ignore() []string {
	if n := len(h.Generations); n > 0 && len(h.Generations[n-1].Ignore) > 0 {
		return slices.Clone(h.Generations[n-1].Ignore)
	}
	return DefaultIgnore()
}

// NextSeq is the sequence number the next generation of h gets.
func (h *History) NextSeq() int {
	n := 0
	for _, c := range h.Chain {
		n = max(n, c.Seq)
	}
	return n + 1
}
