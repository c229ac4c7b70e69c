package mhl

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"unicode/utf8"
)

// DirSum is a folder's pair of directory hashes. Content hashes the
// content hashes of its children; Structure hashes its children's names
// with their hashes (a file's content hash, a folder's structure hash), so
// it changes when anything is renamed or moved.
type DirSum struct {
	Content, Structure string
}

// DirHasher computes one folder's DirSum from its direct children, as
// the reference tool does: Content is the hash of the concatenated raw
// digests of the children's content hashes, sorted by their string form;
// Structure is the same over hash(UTF-8 name ‖ child digest), where a
// child's digest is its content hash for a file, its structure hash for a
// folder. A folder with no children hashes no bytes.
type DirHasher struct {
	format             Format
	content, structure []string
}

// NewDirHasher returns a DirHasher for format f.
func NewDirHasher(f Format) (*DirHasher, error) {
	if !f.Valid() {
		return nil, fmt.Errorf("unknown hash format %q", string(f))
	}
	return &DirHasher{format: f}, nil
}

// AddFile adds a file child called name whose content hash is hash.
func (d *DirHasher) AddFile(name, hash string) error {
	return d.add(name, hash, hash)
}

// AddDir adds a folder child called name with the given DirSum.
func (d *DirHasher) AddDir(name string, sum DirSum) error {
	return d.add(name, sum.Content, sum.Structure)
}

// add records a child's content hash and the hash of its name with its
// named digest.
func (d *DirHasher) add(name, content, named string) error {
	if _, err := d.format.Decode(content); err != nil {
		return fmt.Errorf("child %q: %w", name, err)
	}
	digest, err := d.format.Decode(named)
	if err != nil {
		return fmt.Errorf("child %q: %w", name, err)
	}
	s, err := d.format.Sum(append([]byte(name), digest...))
	if err != nil {
		return err
	}
	d.content = append(d.content, content)
	d.structure = append(d.structure, s)
	return nil
}

// Sum returns the folder's directory hashes.
func (d *DirHasher) Sum() (DirSum, error) {
	c, err := hashOfHashes(d.format, d.content)
	if err != nil {
		return DirSum{}, err
	}
	s, err := hashOfHashes(d.format, d.structure)
	if err != nil {
		return DirSum{}, err
	}
	return DirSum{Content: c, Structure: s}, nil
}

// hashOfHashes hashes the raw digests of hashes, taken in the sorted
// order of their string forms.
func hashOfHashes(f Format, hashes []string) (string, error) {
	sorted := slices.Clone(hashes)
	slices.Sort(sorted)
	h, err := f.New()
	if err != nil {
		return "", err
	}
	for _, s := range sorted {
		b, err := f.Decode(s)
		if err != nil {
			return "", err
		}
		h.Write(b)
	}
	return f.Encode(h.Sum(nil))
}

// Tree computes the directory hashes of every folder of a tree from the
// content hashes of its files, in one format. Paths are slash-separated
// and relative to the tree's root, which is ".".
type Tree struct {
	format Format
	files  map[string]string   // file path: content hash
	kids   map[string][]string // folder path: child paths
}

// NewTree returns an empty Tree for format f.
func NewTree(f Format) (*Tree, error) {
	if !f.Valid() {
		return nil, fmt.Errorf("unknown hash format %q", string(f))
	}
	return &Tree{format: f, files: map[string]string{}, kids: map[string][]string{".": nil}}, nil
}

// AddFile records the file at rel with content hash hash, and the folders
// above it.
func (t *Tree) AddFile(rel, hash string) error {
	if err := checkRel(rel); err != nil {
		return err
	}
	if _, err := t.format.Decode(hash); err != nil {
		return fmt.Errorf("%s: %w", rel, err)
	}
	if _, dup := t.files[rel]; dup {
		return fmt.Errorf("%s: added twice", rel)
	}
	if _, isDir := t.kids[rel]; isDir {
		return fmt.Errorf("%s: added as a folder and as a file", rel)
	}
	t.files[rel] = hash
	return t.link(rel)
}

// AddDir records the folder at rel (which may be empty) and the folders
// above it.
func (t *Tree) AddDir(rel string) error {
	if rel == "." {
		return nil
	}
	if err := checkRel(rel); err != nil {
		return err
	}
	if _, isFile := t.files[rel]; isFile {
		return fmt.Errorf("%s: added as a file and as a folder", rel)
	}
	if _, ok := t.kids[rel]; ok {
		return nil
	}
	t.kids[rel] = nil
	return t.link(rel)
}

// link makes rel a child of its parent folder, adding the parent first.
func (t *Tree) link(rel string) error {
	parent := path.Dir(rel)
	if err := t.AddDir(parent); err != nil {
		return err
	}
	t.kids[parent] = append(t.kids[parent], rel)
	return nil
}

// Sums returns the DirSum of every folder, keyed by its path ("." for the
// root).
func (t *Tree) Sums() (map[string]DirSum, error) {
	dirs := make([]string, 0, len(t.kids))
	for d := range t.kids {
		dirs = append(dirs, d)
	}
	// Deepest first, so every folder's sub-folders are summed before it.
	slices.SortFunc(dirs, func(a, b string) int { return depth(b) - depth(a) })
	sums := make(map[string]DirSum, len(dirs))
	for _, d := range dirs {
		dh, _ := NewDirHasher(t.format)
		for _, kid := range t.kids[d] {
			var err error
			if h, isFile := t.files[kid]; isFile {
				err = dh.AddFile(path.Base(kid), h)
			} else {
				err = dh.AddDir(path.Base(kid), sums[kid])
			}
			if err != nil {
				return nil, fmt.Errorf("folder %s: %w", d, err)
			}
		}
		s, err := dh.Sum()
		if err != nil {
			return nil, fmt.Errorf("folder %s: %w", d, err)
		}
		sums[d] = s
	}
	return sums, nil
}

// depth is the number of names in rel ("." has none).
func depth(rel string) int {
	if rel == "." {
		return 0
	}
	return strings.Count(rel, "/") + 1
}

// checkRel reports whether rel is a clean, slash-separated path inside a
// root, other than the root itself.
func checkRel(rel string) error {
	if !utf8.ValidString(rel) {
		return fmt.Errorf("path %q is not valid UTF-8, which an MHL file cannot hold", rel)
	}
	if rel == "" || rel == "." || !fs.ValidPath(rel) {
		return fmt.Errorf("%q is not a clean relative path inside the folder (like Clips/A001.mov)", rel)
	}
	return nil
}
