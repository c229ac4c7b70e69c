package cmd

import (
	"context"
	"testing"
)

func TestExit(t *testing.T) {
	for _, line := range []string{"exit", "quit", "EXIT"} {
		s, _, _ := studio(t)
		if err := Run(context.Background(), s, line); err != nil || !s.Exit {
			t.Errorf("%s: err %v, Exit %v", line, err, s.Exit)
		}
	}
	s, _, _ := studio(t)
	if err := Run(context.Background(), s, "exit 1"); err == nil || s.Exit {
		t.Errorf("exit 1: err %v, Exit %v", err, s.Exit)
	}
}
