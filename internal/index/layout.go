package index

import (
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"strings"
	"unicode"
)

// Database is a storage location the studio tracks: a work disk, a storage
// array, a NAS, an archive drive.
type Database struct {
	Name string
	Root string // absolute, cleaned
}

// Location is the path of a project's category in the database.
func (d Database) Location(c Category, p Project) string {
	return filepath.Join(d.Root, filepath.FromSlash(c.Path), p.Client, p.Name)
}

// Category is a kind of project data, found at the same relative path in
// every database.
type Category struct {
	Name string
	Path string // relative, slash-separated, cleaned, never "." or above

	// Copies is how many databases should hold each location of this
	// category, when CopiesSet; otherwise the studio-wide minimum applies.
	Copies    int
	CopiesSet bool
}

// MinCopies is how many copies the category asks for, given the
// studio-wide default.
func (c Category) MinCopies(def int) int {
	if c.CopiesSet {
		return c.Copies
	}
	return def
}

// Layout is the set of databases and categories the studio tracks, in the
// order they were added.
type Layout struct {
	Databases  []Database
	Categories []Category
}

// ErrExists and ErrNotFound are wrapped by Layout's errors.
var (
	ErrExists   = errors.New("already exists")
	ErrNotFound = errors.New("not found")
)

// ValidateName checks a database or category name.
func ValidateName(kind, name string) error {
	switch {
	case name == "":
		return fmt.Errorf("%s name is empty", kind)
	case strings.ContainsFunc(name, unicode.IsControl):
		return fmt.Errorf("%s name %q contains a control character", kind, name)
	case strings.ContainsRune(name, '/'):
		return fmt.Errorf("%s name %q contains '/'", kind, name)
	}
	return nil
}

// AddDatabase tracks a database. Its root must be absolute.
func (l *Layout) AddDatabase(d Database) error {
	if err := ValidateName("database", d.Name); err != nil {
		return err
	}
	if !filepath.IsAbs(d.Root) {
		return fmt.Errorf("database %s: root %q is not absolute", d.Name, d.Root)
	}
	if _, ok := l.Database(d.Name); ok {
		return fmt.Errorf("database %s %w", d.Name, ErrExists)
	}
	d.Root = filepath.Clean(d.Root)
	for _, o := range l.Databases {
		if strings.EqualFold(o.Name, d.Name) {
			return fmt.Errorf("database %s: too like database %s (names differ only in case); choose another name", d.Name, o.Name)
		}
		if o.Root == d.Root {
			return fmt.Errorf("database %s: %s is already the root of database %s", d.Name, d.Root, o.Name)
		}
	}
	l.Databases = append(l.Databases, d)
	return nil
}

// CleanCategoryPath checks a category's relative path and returns it in
// canonical form ("footage/" becomes "footage").
func CleanCategoryPath(p string) (string, error) {
	slashed := filepath.ToSlash(p)
	switch {
	case strings.TrimSpace(p) == "":
		return "", fmt.Errorf("category path is empty")
	case path.IsAbs(slashed) || filepath.IsAbs(p) || filepath.VolumeName(p) != "":
		return "", fmt.Errorf("category path %q is absolute; it must be relative to every database root", p)
	case strings.ContainsFunc(p, unicode.IsControl):
		return "", fmt.Errorf("category path %q contains a control character", p)
	}
	for _, part := range strings.Split(slashed, "/") {
		if part == ".." {
			return "", fmt.Errorf("category path %q contains '..'", p)
		}
	}
	clean := path.Clean(slashed)
	if clean == "." {
		return "", fmt.Errorf("category path %q is the database root itself", p)
	}
	return clean, nil
}

// AddCategory tracks a category. Two categories may not share a folder or
// nest inside each other, since one would then see the other as a client.
func (l *Layout) AddCategory(c Category) error {
	if err := ValidateName("category", c.Name); err != nil {
		return err
	}
	clean, err := CleanCategoryPath(c.Path)
	if err != nil {
		return err
	}
	c.Path = clean
	if _, ok := l.Category(c.Name); ok {
		return fmt.Errorf("category %s %w", c.Name, ErrExists)
	}
	for _, o := range l.Categories {
		if overlaps(o.Path, c.Path) {
			return fmt.Errorf("category %s: path %s overlaps category %s at %s", c.Name, c.Path, o.Name, o.Path)
		}
	}
	l.Categories = append(l.Categories, c)
	return nil
}

func overlaps(a, b string) bool {
	return a == b || strings.HasPrefix(a, b+"/") || strings.HasPrefix(b, a+"/")
}

// RemoveDatabase stops tracking a database.
func (l *Layout) RemoveDatabase(name string) error {
	for i, d := range l.Databases {
		if d.Name == name {
			l.Databases = append(l.Databases[:i:i], l.Databases[i+1:]...)
			return nil
		}
	}
	return fmt.Errorf("database %s %w", name, ErrNotFound)
}

// RemoveCategory stops tracking a category.
func (l *Layout) RemoveCategory(name string) error {
	for i, c := range l.Categories {
		if c.Name == name {
			l.Categories = append(l.Categories[:i:i], l.Categories[i+1:]...)
			return nil
		}
	}
	return fmt.Errorf("category %s %w", name, ErrNotFound)
}

// Database finds a database by name.
func (l *Layout) Database(name string) (Database, bool) {
	for _, d := range l.Databases {
		if d.Name == name {
			return d, true
		}
	}
	return Database{}, false
}

// Category finds a category by name.
func (l *Layout) Category(name string) (Category, bool) {
	for _, c := range l.Categories {
		if c.Name == name {
			return c, true
		}
	}
	return Category{}, false
}

// DatabaseNames lists the databases' names in the order they were added.
func (l *Layout) DatabaseNames() []string {
	names := make([]string, len(l.Databases))
	for i, d := range l.Databases {
		names[i] = d.Name
	}
	return names
}

// CategoryNames lists the categories' names in the order they were added.
func (l *Layout) CategoryNames() []string {
	names := make([]string, len(l.Categories))
	for i, c := range l.Categories {
		names[i] = c.Name
	}
	return names
}

// Clone returns a copy that shares nothing with l.
func (l *Layout) Clone() *Layout {
	return &Layout{
		Databases:  append([]Database(nil), l.Databases...),
		Categories: append([]Category(nil), l.Categories...),
	}
}
