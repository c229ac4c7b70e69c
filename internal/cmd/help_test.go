package cmd

import (
	"context"
	"strings"
	"testing"
)

func TestHelp(t *testing.T) {
	tests := []struct {
		line     string
		contains []string
		wantErr  string
	}{
		{"help", []string{"add database NAME PATH", "fetch CLIENT/PROJECT", "help COMMAND explains one command."}, ""},
		{"help list", []string{"usage: list clients [in DATABASE]\n       list projects", "natural order"}, ""},
		{"help quit", []string{"usage: exit\nalso: quit\n"}, ""},
		{"help HELP", []string{"usage: help [COMMAND]"}, ""},
		{"help fecth", nil, `unknown command "fecth" (did you mean "fetch"?)`},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			s, out, _ := studio(t)
			err := Run(context.Background(), s, tt.line)
			if errString(err) != tt.wantErr {
				t.Fatalf("error = %v, want %q", err, tt.wantErr)
			}
			for _, c := range tt.contains {
				if !strings.Contains(out.String(), c) {
					t.Errorf("%s: output lacks %q:\n%s", tt.line, c, out)
				}
			}
		})
	}
}

// TestHelpListsEveryUsageLine checks that help is generated from the
// table: every usage line of every command appears.
func TestHelpListsEveryUsageLine(t *testing.T) {
	s, out, _ := studio(t)
	if err := Run(context.Background(), s, "help"); err != nil {
		t.Fatal(err)
	}
	for _, c := range Commands() {
		for _, u := range c.Usage {
			if !strings.Contains(out.String(), u) {
				t.Errorf("help lacks %q", u)
			}
		}
	}
}
