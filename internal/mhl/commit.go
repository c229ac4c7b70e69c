package mhl

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
)

// WriteFS is the writes Commit makes to a location's folder. Names are
// slash-separated and relative to that folder, as in io/fs.
type WriteFS interface {
	// MkdirAll creates the folder name and any missing parents.
	MkdirAll(name string) error
	// WriteFileAtomic makes name hold data, whole or not at all: data goes
	// to a temporary file in the same folder, which is synced, renamed to
	// name, and the folder synced.
	WriteFileAtomic(name string, data []byte) error
	// Rename renames a file inside the location.
	Rename(oldname, newname string) error
}

// Committed is what Commit wrote.
type Committed struct {
	// Generations are the generation files written, relative to the
	// location's folder: those of nested histories first, the location's
	// own last.
	Generations []string
	// SetAside are the unchained generation files (see
	// History.Unchained) renamed out of the history, to their name with
	// ".unchained" added.
	SetAside []string
}

// Commit adds a generation to h, the history of the location w writes to
// (the one h was read from), and updates h to include it.
//
// g gives Process (InPlace or Transfer), Creator, the files and folders
// with their hashes, Root (the location's own directory hashes) and any
// ignore patterns to add to the history's; paths are relative to the
// location's folder. Commit fills in the rest. The files and folders of a
// nested history go to a new generation of that history, which the
// location's generation references, as the reference tool does; a folder
// that is a nested history's root is recorded in both. An existing
// history (one copied from a source, say) is continued.
//
// Each generation file is written atomically, and its history's chain
// after it, the same way, so that a kill at any point leaves every chain
// listing only whole generations. Nothing is written when g is invalid.
func Commit(ctx context.Context, h *History, w WriteFS, g Generation) (*Committed, error) {
	if h.Name == "" || path.Base(h.Name) != h.Name || h.Name == "." || h.Name == ".." {
		return nil, fmt.Errorf("history folder name %q: expected the plain name of the location's folder", h.Name)
	}
	g.Files, g.Dirs = slices.Clone(g.Files), slices.Clone(g.Dirs)
	if err := validate(&g); err != nil {
		return nil, err
	}
	parts := map[*History]*Generation{}
	part := func(o *History) *Generation {
		if parts[o] == nil {
			parts[o] = &Generation{Creator: g.Creator, Process: g.Process}
		}
		return parts[o]
	}
	part(h).Root = g.Root
	for _, f := range g.Files {
		o, sub := h.owner(f.Path)
		f.Path = sub
		if f.PreviousPath != "" {
			f.PreviousPath = o.relFromTop(h, f.PreviousPath)
		}
		part(o).Files = append(part(o).Files, f)
	}
	for _, d := range g.Dirs {
		o, sub := h.owner(d.Path)
		if sub == "." {
			part(o).Root = d.Hashes
			o, sub = o.parentIn(h), d.Path
			sub = o.relFromTop(h, sub)
		}
		d.Path = sub
		if d.PreviousPath != "" {
			d.PreviousPath = o.relFromTop(h, d.PreviousPath)
		}
		part(o).Dirs = append(part(o).Dirs, d)
	}
	out := &Committed{}
	err := h.commitTree(ctx, w, parts, &g, out)
	return out, err
}

// commitTree writes the generations of the histories nested in h that
// have a part, or a descendant with one, and then h's own, adding
// references to the nested generations just written.
// tmpl gives the creator, process and ignore patterns of them all.
func (h *History) commitTree(ctx context.Context, w WriteFS, parts map[*History]*Generation, tmpl *Generation, out *Committed) error {
	var refs []Reference
	for _, c := range h.Children {
		if !c.touched(parts) {
			continue
		}
		if err := c.commitTree(ctx, w, parts, tmpl, out); err != nil {
			return err
		}
		last := c.Generations[len(c.Generations)-1]
		refs = append(refs, Reference{Path: path.Join(c.relTo(h), FolderName, last.Name), C4: last.C4})
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	g := parts[h]
	if g == nil { // a history between the location's and a changed one
		g = &Generation{Creator: tmpl.Creator, Process: tmpl.Process}
	}
	g.References = refs
	var base []string
	if n := len(h.Generations); n > 0 {
		base = h.Generations[n-1].Ignore
	}
	g.Ignore = mergeIgnore(base, tmpl.Ignore)
	return h.write(w, g, out)
}

// touched reports whether h or a history nested in it has a part.
func (h *History) touched(parts map[*History]*Generation) bool {
	if parts[h] != nil {
		return true
	}
	for _, c := range h.Children {
		if c.touched(parts) {
			return true
		}
	}
	return false
}

// write sets aside h's unchained generation files, writes g as h's next
// generation, then the chain listing it, adds g to h, and notes what it
// wrote in out.
func (h *History) write(w WriteFS, g *Generation, out *Committed) error {
	if err := w.MkdirAll(h.folder()); err != nil {
		return fmt.Errorf("creating %s: %w", h.folder(), err)
	}
	for _, n := range h.Unchained {
		from := path.Join(h.folder(), n)
		to, err := h.freeName(from + ".unchained")
		if err != nil {
			return err
		}
		if err := w.Rename(from, to); err != nil {
			return fmt.Errorf("setting aside %s: %w", from, err)
		}
		out.SetAside = append(out.SetAside, to)
	}
	h.Unchained = nil
	g.Seq = h.NextSeq()
	g.Name = fmt.Sprintf("%04d_%s_%s.mhl", g.Seq, h.Name, g.Creator.Date.UTC().Format("2006-01-02_150405Z"))
	p := path.Join(h.folder(), g.Name)
	if _, err := fs.Stat(h.fsys, p); err == nil {
		return fmt.Errorf("%s: already there; is another program writing this history?", p)
	}
	data := encodeGeneration(g)
	var err error
	if g.C4, err = C4.Sum(data); err != nil {
		return err
	}
	if err := w.WriteFileAtomic(p, data); err != nil {
		return fmt.Errorf("writing %s: %w", p, err)
	}
	chain := append(slices.Clone(h.Chain), ChainEntry{Seq: g.Seq, Name: g.Name, Format: C4, Hash: g.C4})
	chainPath := path.Join(h.folder(), ChainName)
	if err := w.WriteFileAtomic(chainPath, encodeChain(chain)); err != nil {
		// The generation stays outside the chain, as if never written.
		h.Unchained = []string{g.Name}
		return fmt.Errorf("writing %s: %w", chainPath, err)
	}
	h.Chain = chain
	h.Generations = append(h.Generations, g)
	out.Generations = append(out.Generations, p)
	return h.index()
}

// freeName returns name, or name with a number added, whichever is not
// taken yet.
func (h *History) freeName(name string) (string, error) {
	for i := 1; ; i++ {
		n := name
		if i > 1 {
			n = fmt.Sprintf("%s-%d", name, i)
		}
		_, err := fs.Stat(h.fsys, n)
		if errors.Is(err, fs.ErrNotExist) {
			return n, nil
		}
		if err != nil {
			return "", err
		}
	}
}

// parentIn returns the history, top or one nested in it, that directly
// encloses h.
func (h *History) parentIn(top *History) *History {
	for _, c := range top.Children {
		if c == h {
			return top
		}
		if p := h.parentIn(c); p != nil {
			return p
		}
	}
	return nil
}

// relFromTop turns p, relative to top's folder, into a path relative to
// h's folder (p unchanged when it lies outside).
func (h *History) relFromTop(top *History, p string) string {
	rel := h.relTo(top)
	if h == top || rel == "." {
		return p
	}
	if sub, ok := cutDir(p, rel); ok {
		return sub
	}
	return p
}

// cutDir returns p relative to dir when p is inside dir.
func cutDir(p, dir string) (string, bool) {
	if len(p) > len(dir) && p[:len(dir)] == dir && p[len(dir)] == '/' {
		return p[len(dir)+1:], true
	}
	return "", false
}
