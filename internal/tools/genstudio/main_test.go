package main

import (
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

func countFiles(t *testing.T, dir string) (files int, bytes int64) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() || d.Name() == ".config" {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		files++
		bytes += fi.Size()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files, bytes
}

func TestRun(t *testing.T) {
	tests := []struct {
		args      []string
		wantFiles int
		wantErr   string
	}{
		{args: []string{"scan", "", "1000"}, wantFiles: 1000},
		{args: []string{"small", "", "250"}, wantFiles: 250},
		{args: []string{"large", "", "2", "1"}, wantFiles: 2},
		{args: []string{"nope", ""}, wantErr: `unknown kind "nope"`},
		{args: []string{"scan", "", "many"}, wantErr: `"many" is not a count`},
		{args: []string{"scan"}, wantErr: "usage: genstudio"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			dir := t.TempDir()
			if len(tt.args) > 1 {
				tt.args[1] = dir
			}
			err := run(tt.args)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("run(%q) error = %v, want %q", tt.args, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if n, _ := countFiles(t, dir); n != tt.wantFiles {
				t.Fatalf("run(%q) wrote %d files, want %d", tt.args, n, tt.wantFiles)
			}
		})
	}
}
