package cmd

import "testing"

func TestSuggest(t *testing.T) {
	known := []string{"help", "add", "remove", "load", "list", "fetch", "exit", "quit"}
	tests := []struct{ in, want string }{
		{"fecth", "fetch"},
		{"fetc", "fetch"},
		{"lst", "list"},
		{"lod", "load"},
		{"LOAD", "load"},
		{"hlep", "help"},
		{"xyzzy", ""},
		{"", ""},
		{"remov", "remove"},
	}
	for _, tt := range tests {
		if got := suggest(tt.in, known); got != tt.want {
			t.Errorf("suggest(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"a", "", 1},
		{"", "abc", 3},
		{"fetch", "fetch", 0},
		{"fecth", "fetch", 1},
		{"kitten", "sitting", 3},
		{"东京", "京东", 1},
	}
	for _, tt := range tests {
		if got := distance(tt.a, tt.b); got != tt.want {
			t.Errorf("distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
