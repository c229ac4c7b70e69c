package cmd

import (
	"context"
	"slices"
	"testing"
)

func TestRemove(t *testing.T) {
	tests := []struct {
		line       string
		wantErr    string
		databases  []string
		categories []string
		loaded     int
	}{
		{"remove database NAS", "", []string{"WORK", "OFF"}, []string{"project", "footage"}, 2},
		{"remove category footage", "", []string{"WORK", "NAS", "OFF"}, []string{"project"}, 3},
		{"remove database NSA", `unknown database "NSA" (did you mean "NAS"?)`, []string{"WORK", "NAS", "OFF"}, []string{"project", "footage"}, 3},
		{"remove category x", `unknown category "x" (known: project, footage)`, []string{"WORK", "NAS", "OFF"}, []string{"project", "footage"}, 3},
		{"remove NAS", `remove: unknown argument "NAS" (expected database or category); usage: remove database NAME | remove category NAME`, []string{"WORK", "NAS", "OFF"}, []string{"project", "footage"}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			s, _, _ := studio(t)
			err := Run(context.Background(), s, tt.line)
			if errString(err) != tt.wantErr {
				t.Fatalf("error = %v, want %q", err, tt.wantErr)
			}
			if got := s.Layout.DatabaseNames(); !slices.Equal(got, tt.databases) {
				t.Errorf("databases = %q, want %q", got, tt.databases)
			}
			if got := s.Layout.CategoryNames(); !slices.Equal(got, tt.categories) {
				t.Errorf("categories = %q, want %q", got, tt.categories)
			}
			if s.Index.Loaded() != tt.loaded {
				t.Errorf("index holds %d databases, want %d", s.Index.Loaded(), tt.loaded)
			}
		})
	}
}
