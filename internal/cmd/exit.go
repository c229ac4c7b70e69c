package cmd

import "context"

var cmdExit = &Command{
	Name:    "exit",
	Aliases: []string{"quit"},
	Usage:   []string{"exit"},
	Short:   "leave the shell",
	Long:    "exit (or quit, or Ctrl-D) leaves the shell. In a script, it ends the script.",
	Run: func(_ context.Context, s *Session, _ Args) error {
		s.Exit = true
		return nil
	},
	Needs: NeedsLayout,
}
