package report

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// failing is a page whose render fails.
type failing struct{}

func (failing) Render(io.Writer) error { return errors.New("report: no model") }

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "studio report.html")
	if err := os.WriteFile(path, []byte("old page"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		path    string
		page    Page
		error   string // a part of the error; "" for none
		content string // a part of what path holds after
	}{
		{"a new page replaces the old", path, smallStudio(), "", "<title>small"},
		{"a failed render leaves the file", path, failing{}, "report: no model", "<title>small"},
		{"a bad model leaves the file", path, Transfer{Kind: "move"}, `unknown transfer kind "move"`, "<title>small"},
		{"a missing folder", filepath.Join(dir, "no", "r.html"), demoTransfer(), "report: writing " + filepath.Join(dir, "no", "r.html"), ""},
		{"a relative name", "", demoTransfer(), "", "Copy report"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.path
			if p == "" {
				t.Chdir(dir)
				p = "transfer.html"
			}
			err := WriteFile(p, tt.page)
			if (err == nil) != (tt.error == "") || err != nil && !strings.Contains(err.Error(), tt.error) {
				t.Fatalf("WriteFile() = %v, want an error with %q", err, tt.error)
			}
			if tt.content != "" {
				data, err := os.ReadFile(p)
				if err != nil || !strings.Contains(string(data), tt.content) {
					t.Errorf("%s holds %.40q (%v), want %q in it", p, data, err, tt.content)
				}
			}
			left, _ := filepath.Glob(filepath.Join(dir, ".*.tmp"))
			if len(left) > 0 {
				t.Errorf("temp files left: %v", left)
			}
		})
	}
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o644 {
		t.Errorf("mode %v (%v), want 0644", info.Mode(), err)
	}
}
