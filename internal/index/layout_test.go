package index

import (
	"errors"
	"slices"
	"testing"
)

func TestValidateName(t *testing.T) {
	tests := []struct {
		name    string
		kind    string
		in      string
		wantErr string // empty: no error
	}{
		{"plain", "database", "work", ""},
		{"spaces and dots", "database", "Work Disk 2.0", ""},
		{"unicode", "category", "métrage 東京", ""},
		{"glob characters", "category", "[old]*", ""},
		{"backslash", "database", `a\b`, ""},
		{"empty", "database", "", "database name is empty"},
		{"empty category", "category", "", "category name is empty"},
		{"slash", "database", "a/b", `database name "a/b" contains '/'`},
		{"leading slash", "category", "/footage", `category name "/footage" contains '/'`},
		{"newline", "database", "a\nb", `database name "a\nb" contains a control character`},
		{"tab", "category", "a\tb", `category name "a\tb" contains a control character`},
		{"nul", "database", "a\x00", `database name "a\x00" contains a control character`},
		{"delete", "database", "a\x7f", `database name "a\x7f" contains a control character`},
		{"c1 control", "database", "a\u0085", `database name "a\u0085" contains a control character`},
		{"control and slash", "database", "a/\x01", `database name "a/\x01" contains a control character`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := ValidateName(tt.kind, tt.in)
			if got := errString(err); got != tt.wantErr {
				t.Errorf("ValidateName(%q, %q) = %q, want %q", tt.kind, tt.in, got, tt.wantErr)
			}
		})
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func TestAddDatabase(t *testing.T) {
	base := []Database{{"work", "/mnt/work"}, {"nas", "/mnt/nas"}}
	tests := []struct {
		name    string
		add     Database
		wantErr string
		wantIs  error
		want    []Database // databases after the call
	}{
		{
			name: "new",
			add:  Database{"archive", "/mnt/archive"},
			want: append(slices.Clone(base), Database{"archive", "/mnt/archive"}),
		},
		{
			name: "root cleaned",
			add:  Database{"archive", "/mnt//archive/./x/../"},
			want: append(slices.Clone(base), Database{"archive", "/mnt/archive"}),
		},
		{
			name: "root is filesystem root",
			add:  Database{"root", "/"},
			want: append(slices.Clone(base), Database{"root", "/"}),
		},
		{
			name:    "nested root allowed",
			add:     Database{"sub", "/mnt/work/sub"},
			want:    append(slices.Clone(base), Database{"sub", "/mnt/work/sub"}),
			wantErr: "",
		},
		{
			name:    "name differing only in case",
			add:     Database{"WORK", "/mnt/other"},
			wantErr: "database WORK: too like database work (names differ only in case); choose another name",
			want:    base,
		},
		{
			name:    "empty name",
			add:     Database{"", "/mnt/x"},
			wantErr: "database name is empty",
			want:    base,
		},
		{
			name:    "slash in name",
			add:     Database{"a/b", "/mnt/x"},
			wantErr: `database name "a/b" contains '/'`,
			want:    base,
		},
		{
			name:    "control character in name",
			add:     Database{"a\rb", "/mnt/x"},
			wantErr: `database name "a\rb" contains a control character`,
			want:    base,
		},
		{
			name:    "relative root",
			add:     Database{"rel", "mnt/x"},
			wantErr: `database rel: root "mnt/x" is not absolute`,
			want:    base,
		},
		{
			name:    "dot root",
			add:     Database{"dot", "."},
			wantErr: `database dot: root "." is not absolute`,
			want:    base,
		},
		{
			name:    "empty root",
			add:     Database{"none", ""},
			wantErr: `database none: root "" is not absolute`,
			want:    base,
		},
		{
			name:    "duplicate name",
			add:     Database{"work", "/mnt/other"},
			wantErr: "database work already exists",
			wantIs:  ErrExists,
			want:    base,
		},
		{
			name:    "duplicate root",
			add:     Database{"work2", "/mnt/work"},
			wantErr: "database work2: /mnt/work is already the root of database work",
			want:    base,
		},
		{
			name:    "duplicate root once cleaned",
			add:     Database{"work2", "/mnt/./work/"},
			wantErr: "database work2: /mnt/work is already the root of database work",
			want:    base,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := &Layout{Databases: slices.Clone(base)}
			err := l.AddDatabase(tt.add)
			if got := errString(err); got != tt.wantErr {
				t.Errorf("AddDatabase(%+v) error = %q, want %q", tt.add, got, tt.wantErr)
			}
			if tt.wantIs != nil && !errors.Is(err, tt.wantIs) {
				t.Errorf("AddDatabase(%+v) error = %v, want one wrapping %v", tt.add, err, tt.wantIs)
			}
			if !slices.Equal(l.Databases, tt.want) {
				t.Errorf("Databases = %+v, want %+v", l.Databases, tt.want)
			}
		})
	}
}

func TestCleanCategoryPath(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    string
		wantErr string
	}{
		{"plain", "footage", "footage", ""},
		{"trailing slash", "footage/", "footage", ""},
		{"leading dot", "./footage", "footage", ""},
		{"double slash", "scratch//render", "scratch/render", ""},
		{"nested", "scratch/render", "scratch/render", ""},
		{"inner dot", "scratch/./render/", "scratch/render", ""},
		{"three dots is a name", "...", "...", ""},
		{"dotdot prefix is a name", "..footage", "..footage", ""},
		{"inner spaces kept", "my footage", "my footage", ""},
		{"unicode", "métrage/東京", "métrage/東京", ""},
		{"empty", "", "", "category path is empty"},
		{"NUL (issue 7, item 17)", "foot\x00age", "", `category path "foot\x00age" contains a control character`},
		{"newline", "foot\nage", "", `category path "foot\nage" contains a control character`},
		{"blank", "  \t", "", "category path is empty"},
		{"absolute", "/footage", "", `category path "/footage" is absolute; it must be relative to every database root`},
		{"root", "/", "", `category path "/" is absolute; it must be relative to every database root`},
		{"dotdot", "..", "", `category path ".." contains '..'`},
		{"dotdot first", "../footage", "", `category path "../footage" contains '..'`},
		{"dotdot inside", "footage/../render", "", `category path "footage/../render" contains '..'`},
		{"dotdot last", "footage/..", "", `category path "footage/.." contains '..'`},
		{"dot", ".", "", `category path "." is the database root itself`},
		{"dot slash", "./", "", `category path "./" is the database root itself`},
		{"dots", "./.", "", `category path "./." is the database root itself`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := CleanCategoryPath(tt.in)
			if e := errString(err); e != tt.wantErr {
				t.Errorf("CleanCategoryPath(%q) error = %q, want %q", tt.in, e, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("CleanCategoryPath(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestAddCategory(t *testing.T) {
	base := []Category{{Name: "footage", Path: "footage"}, {Name: "render", Path: "scratch/render"}}
	tests := []struct {
		name    string
		add     Category
		wantErr string
		wantIs  error
		want    []Category
	}{
		{
			name: "new",
			add:  Category{Name: "audio", Path: "audio"},
			want: append(slices.Clone(base), Category{Name: "audio", Path: "audio"}),
		},
		{
			name: "trailing slash cleaned",
			add:  Category{Name: "audio", Path: "audio/"},
			want: append(slices.Clone(base), Category{Name: "audio", Path: "audio"}),
		},
		{
			name: "nested path",
			add:  Category{Name: "cache", Path: "scratch/cache"},
			want: append(slices.Clone(base), Category{Name: "cache", Path: "scratch/cache"}),
		},
		{
			name: "sibling sharing a prefix",
			add:  Category{Name: "footage2", Path: "footage2"},
			want: append(slices.Clone(base), Category{Name: "footage2", Path: "footage2"}),
		},
		{
			name: "sibling sharing a prefix nested",
			add:  Category{Name: "renders", Path: "scratch/renders"},
			want: append(slices.Clone(base), Category{Name: "renders", Path: "scratch/renders"}),
		},
		{
			name:    "empty name",
			add:     Category{Name: "", Path: "audio"},
			wantErr: "category name is empty",
			want:    base,
		},
		{
			name:    "slash in name",
			add:     Category{Name: "a/b", Path: "audio"},
			wantErr: `category name "a/b" contains '/'`,
			want:    base,
		},
		{
			name:    "control character in name",
			add:     Category{Name: "a\x1b", Path: "audio"},
			wantErr: `category name "a\x1b" contains a control character`,
			want:    base,
		},
		{
			name:    "absolute path",
			add:     Category{Name: "audio", Path: "/audio"},
			wantErr: `category path "/audio" is absolute; it must be relative to every database root`,
			want:    base,
		},
		{
			name:    "dotdot path",
			add:     Category{Name: "audio", Path: "../audio"},
			wantErr: `category path "../audio" contains '..'`,
			want:    base,
		},
		{
			name:    "dot path",
			add:     Category{Name: "audio", Path: "."},
			wantErr: `category path "." is the database root itself`,
			want:    base,
		},
		{
			name:    "duplicate name",
			add:     Category{Name: "footage", Path: "other"},
			wantErr: "category footage already exists",
			wantIs:  ErrExists,
			want:    base,
		},
		{
			name:    "same path",
			add:     Category{Name: "raw", Path: "footage/"},
			wantErr: "category raw: path footage overlaps category footage at footage",
			want:    base,
		},
		{
			name:    "parent of existing",
			add:     Category{Name: "scratch", Path: "scratch"},
			wantErr: "category scratch: path scratch overlaps category render at scratch/render",
			want:    base,
		},
		{
			name:    "child of existing",
			add:     Category{Name: "raw", Path: "footage/raw"},
			wantErr: "category raw: path footage/raw overlaps category footage at footage",
			want:    base,
		},
		{
			name:    "grandchild of existing",
			add:     Category{Name: "frames", Path: "scratch/render/frames"},
			wantErr: "category frames: path scratch/render/frames overlaps category render at scratch/render",
			want:    base,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := &Layout{Categories: slices.Clone(base)}
			err := l.AddCategory(tt.add)
			if got := errString(err); got != tt.wantErr {
				t.Errorf("AddCategory(%+v) error = %q, want %q", tt.add, got, tt.wantErr)
			}
			if tt.wantIs != nil && !errors.Is(err, tt.wantIs) {
				t.Errorf("AddCategory(%+v) error = %v, want one wrapping %v", tt.add, err, tt.wantIs)
			}
			if !slices.Equal(l.Categories, tt.want) {
				t.Errorf("Categories = %+v, want %+v", l.Categories, tt.want)
			}
		})
	}
}

func TestOverlaps(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"footage", "footage", true},
		{"scratch", "scratch/render", true},
		{"scratch/render", "scratch", true},
		{"a", "a/b/c", true},
		{"scratch", "scratchpad", false},
		{"scratch/render", "scratch/renders", false},
		{"a/b", "b/a", false},
		{"render", "scratch/render", false},
	}
	for _, tt := range tests {
		t.Run(tt.a+"|"+tt.b, func(t *testing.T) {
			if got := overlaps(tt.a, tt.b); got != tt.want {
				t.Errorf("overlaps(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

func testLayout(t *testing.T) *Layout {
	t.Helper()
	l := &Layout{}
	for _, d := range []Database{{"work", "/mnt/work"}, {"nas", "/mnt/nas"}, {"archive", "/mnt/archive"}} {
		if err := l.AddDatabase(d); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []Category{{Name: "footage", Path: "footage"}, {Name: "render", Path: "scratch/render"}, {Name: "audio", Path: "audio"}} {
		if err := l.AddCategory(c); err != nil {
			t.Fatal(err)
		}
	}
	return l
}

func TestRemove(t *testing.T) {
	tests := []struct {
		name     string
		remove   func(*Layout) error
		wantErr  string
		wantDBs  []string
		wantCats []string
	}{
		{
			name:     "first database",
			remove:   func(l *Layout) error { return l.RemoveDatabase("work") },
			wantDBs:  []string{"nas", "archive"},
			wantCats: []string{"footage", "render", "audio"},
		},
		{
			name:     "middle database",
			remove:   func(l *Layout) error { return l.RemoveDatabase("nas") },
			wantDBs:  []string{"work", "archive"},
			wantCats: []string{"footage", "render", "audio"},
		},
		{
			name:     "last database",
			remove:   func(l *Layout) error { return l.RemoveDatabase("archive") },
			wantDBs:  []string{"work", "nas"},
			wantCats: []string{"footage", "render", "audio"},
		},
		{
			name:     "unknown database",
			remove:   func(l *Layout) error { return l.RemoveDatabase("usb") },
			wantErr:  "database usb not found",
			wantDBs:  []string{"work", "nas", "archive"},
			wantCats: []string{"footage", "render", "audio"},
		},
		{
			name:     "database named like a category",
			remove:   func(l *Layout) error { return l.RemoveDatabase("footage") },
			wantErr:  "database footage not found",
			wantDBs:  []string{"work", "nas", "archive"},
			wantCats: []string{"footage", "render", "audio"},
		},
		{
			name:     "first category",
			remove:   func(l *Layout) error { return l.RemoveCategory("footage") },
			wantDBs:  []string{"work", "nas", "archive"},
			wantCats: []string{"render", "audio"},
		},
		{
			name:     "middle category",
			remove:   func(l *Layout) error { return l.RemoveCategory("render") },
			wantDBs:  []string{"work", "nas", "archive"},
			wantCats: []string{"footage", "audio"},
		},
		{
			name:     "unknown category",
			remove:   func(l *Layout) error { return l.RemoveCategory("vfx") },
			wantErr:  "category vfx not found",
			wantDBs:  []string{"work", "nas", "archive"},
			wantCats: []string{"footage", "render", "audio"},
		},
		{
			name:     "category by path is unknown",
			remove:   func(l *Layout) error { return l.RemoveCategory("scratch/render") },
			wantErr:  "category scratch/render not found",
			wantDBs:  []string{"work", "nas", "archive"},
			wantCats: []string{"footage", "render", "audio"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := testLayout(t)
			err := tt.remove(l)
			if got := errString(err); got != tt.wantErr {
				t.Errorf("error = %q, want %q", got, tt.wantErr)
			}
			if tt.wantErr != "" && !errors.Is(err, ErrNotFound) {
				t.Errorf("error = %v, want one wrapping ErrNotFound", err)
			}
			if tt.wantErr != "" && errors.Is(err, ErrExists) {
				t.Errorf("error = %v wraps ErrExists", err)
			}
			if got := l.DatabaseNames(); !slices.Equal(got, tt.wantDBs) {
				t.Errorf("DatabaseNames() = %q, want %q", got, tt.wantDBs)
			}
			if got := l.CategoryNames(); !slices.Equal(got, tt.wantCats) {
				t.Errorf("CategoryNames() = %q, want %q", got, tt.wantCats)
			}
		})
	}
}

// TestRemoveDoesNotDisturbSharedSlices checks that removing from a layout
// leaves alone another slice sharing its backing array.
func TestRemoveDoesNotDisturbSharedSlices(t *testing.T) {
	tests := []struct {
		name   string
		remove func(*Layout) error
	}{
		{"database", func(l *Layout) error { return l.RemoveDatabase("work") }},
		{"category", func(l *Layout) error { return l.RemoveCategory("footage") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := testLayout(t)
			dbs, cats := l.Databases, l.Categories
			wantDBs, wantCats := slices.Clone(dbs), slices.Clone(cats)
			if err := tt.remove(l); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(dbs, wantDBs) {
				t.Errorf("shared databases = %+v, want %+v", dbs, wantDBs)
			}
			if !slices.Equal(cats, wantCats) {
				t.Errorf("shared categories = %+v, want %+v", cats, wantCats)
			}
		})
	}
}

func TestLookup(t *testing.T) {
	l := testLayout(t)
	dbTests := []struct {
		name   string
		want   Database
		wantOK bool
	}{
		{"work", Database{"work", "/mnt/work"}, true},
		{"archive", Database{"archive", "/mnt/archive"}, true},
		{"Work", Database{}, false},
		{"", Database{}, false},
	}
	for _, tt := range dbTests {
		t.Run("database "+tt.name, func(t *testing.T) {
			got, ok := l.Database(tt.name)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("Database(%q) = %+v, %v, want %+v, %v", tt.name, got, ok, tt.want, tt.wantOK)
			}
		})
	}
	catTests := []struct {
		name   string
		want   Category
		wantOK bool
	}{
		{"footage", Category{Name: "footage", Path: "footage"}, true},
		{"render", Category{Name: "render", Path: "scratch/render"}, true},
		{"scratch/render", Category{}, false},
		{"Footage", Category{}, false},
	}
	for _, tt := range catTests {
		t.Run("category "+tt.name, func(t *testing.T) {
			got, ok := l.Category(tt.name)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("Category(%q) = %+v, %v, want %+v, %v", tt.name, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestNames(t *testing.T) {
	tests := []struct {
		name     string
		layout   *Layout
		wantDBs  []string
		wantCats []string
	}{
		{"empty", &Layout{}, []string{}, []string{}},
		{"in order added", testLayout(t), []string{"work", "nas", "archive"}, []string{"footage", "render", "audio"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.layout.DatabaseNames(); !slices.Equal(got, tt.wantDBs) {
				t.Errorf("DatabaseNames() = %q, want %q", got, tt.wantDBs)
			}
			if got := tt.layout.CategoryNames(); !slices.Equal(got, tt.wantCats) {
				t.Errorf("CategoryNames() = %q, want %q", got, tt.wantCats)
			}
		})
	}
}

func TestClone(t *testing.T) {
	tests := []struct {
		name         string
		change       func(*testing.T, *Layout) // applied to one side
		changeClone  bool                      // whether change is applied to the clone
		wantOrigDBs  []string
		wantOrigCats []string
		wantCopyDBs  []string
		wantCopyCats []string
	}{
		{
			name:         "add database to clone",
			change:       func(t *testing.T, l *Layout) { must(t, l.AddDatabase(Database{"usb", "/mnt/usb"})) },
			changeClone:  true,
			wantOrigDBs:  []string{"work", "nas", "archive"},
			wantOrigCats: []string{"footage", "render", "audio"},
			wantCopyDBs:  []string{"work", "nas", "archive", "usb"},
			wantCopyCats: []string{"footage", "render", "audio"},
		},
		{
			name:         "add category to original",
			change:       func(t *testing.T, l *Layout) { must(t, l.AddCategory(Category{Name: "vfx", Path: "vfx"})) },
			wantOrigDBs:  []string{"work", "nas", "archive"},
			wantOrigCats: []string{"footage", "render", "audio", "vfx"},
			wantCopyDBs:  []string{"work", "nas", "archive"},
			wantCopyCats: []string{"footage", "render", "audio"},
		},
		{
			name:         "remove from clone",
			change:       func(t *testing.T, l *Layout) { must(t, l.RemoveDatabase("nas")); must(t, l.RemoveCategory("render")) },
			changeClone:  true,
			wantOrigDBs:  []string{"work", "nas", "archive"},
			wantOrigCats: []string{"footage", "render", "audio"},
			wantCopyDBs:  []string{"work", "archive"},
			wantCopyCats: []string{"footage", "audio"},
		},
		{
			name: "write elements of original",
			change: func(_ *testing.T, l *Layout) {
				l.Databases[0].Name = "changed"
				l.Categories[0].Name = "changed"
			},
			wantOrigDBs:  []string{"changed", "nas", "archive"},
			wantOrigCats: []string{"changed", "render", "audio"},
			wantCopyDBs:  []string{"work", "nas", "archive"},
			wantCopyCats: []string{"footage", "render", "audio"},
		},
		{
			name: "write elements of clone",
			change: func(_ *testing.T, l *Layout) {
				l.Databases[2].Root = "/elsewhere"
				l.Categories[2].Path = "elsewhere"
			},
			changeClone:  true,
			wantOrigDBs:  []string{"work", "nas", "archive"},
			wantOrigCats: []string{"footage", "render", "audio"},
			wantCopyDBs:  []string{"work", "nas", "archive"},
			wantCopyCats: []string{"footage", "render", "audio"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			orig := testLayout(t)
			before := orig.Clone()
			c := orig.Clone()
			if tt.changeClone {
				tt.change(t, c)
			} else {
				tt.change(t, orig)
			}
			check := func(which string, l *Layout, dbs, cats []string) {
				t.Helper()
				if got := l.DatabaseNames(); !slices.Equal(got, dbs) {
					t.Errorf("%s DatabaseNames() = %q, want %q", which, got, dbs)
				}
				if got := l.CategoryNames(); !slices.Equal(got, cats) {
					t.Errorf("%s CategoryNames() = %q, want %q", which, got, cats)
				}
			}
			check("original", orig, tt.wantOrigDBs, tt.wantOrigCats)
			check("clone", c, tt.wantCopyDBs, tt.wantCopyCats)
			// The side left alone keeps its roots and paths too.
			untouched := orig
			if !tt.changeClone {
				untouched = c
			}
			if !slices.Equal(untouched.Databases, before.Databases) || !slices.Equal(untouched.Categories, before.Categories) {
				t.Errorf("untouched layout = %+v, want %+v", untouched, before)
			}
		})
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
