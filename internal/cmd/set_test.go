package cmd

import (
	"context"
	"testing"
)

func TestSet(t *testing.T) {
	tests := []struct {
		line    string
		want    int
		wantErr string
	}{
		{"set copies 3", 3, ""},
		{"set copies 0", 0, ""},
		{"set copies -1", DefaultCopies, `copies "-1": want a number from 0 to 100`},
		{"set copies many", DefaultCopies, `copies "many": want a number from 0 to 100`},
		{"set colour 1", DefaultCopies, `set: unknown argument "colour" (expected copies, max-age or catalog); usage: set copies N | set max-age DURATION | set catalog PATH`},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			s, _, _ := studio(t)
			err := Run(context.Background(), s, tt.line)
			if errString(err) != tt.wantErr || s.Copies != tt.want {
				t.Fatalf("Run(%q): copies %d, error %v", tt.line, s.Copies, err)
			}
		})
	}
}

func TestPaint(t *testing.T) {
	s := NewSession(nil, nil)
	if got := s.paint(red, "at risk"); got != "at risk" {
		t.Fatalf("paint without color = %q", got)
	}
	s.Color = true
	if got := s.paint(red, "at risk"); got != "\x1b[31mat risk\x1b[0m" {
		t.Fatalf("paint = %q", got)
	}
	if got := s.paint(red, ""); got != "" {
		t.Fatalf("paint of nothing = %q", got)
	}
}
