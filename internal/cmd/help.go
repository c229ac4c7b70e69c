package cmd

import (
	"context"
	"fmt"
	"strings"
)

var cmdHelp = &Command{
	Name:  "help",
	Usage: []string{"help [COMMAND]"},
	Short: "list the commands, or explain one",
	Long: `help lists every command with its arguments and what it does.
help COMMAND shows the command's usage lines and explains it in full.

In usage lines, UPPER-CASE words are values to fill in, lower-case words
are typed as written, [brackets] mark what may be left out, and ... means
one or more. Names with spaces are quoted: "my client"/'spot 2'.`,
	Complete: map[string]Completer{"COMMAND": completeCommands},
	Run:      runHelp,
}

func runHelp(_ context.Context, s *Session, a Args) error {
	name := a.Get("COMMAND")
	if name == "" {
		return writeCommandList(s)
	}
	c, ok := Lookup(name)
	if !ok {
		return unknownCommand(name)
	}
	var b strings.Builder
	b.WriteString("usage: " + strings.Join(c.Usage, "\n       ") + "\n")
	if len(c.Aliases) > 0 {
		b.WriteString("also: " + strings.Join(c.Aliases, ", ") + "\n")
	}
	b.WriteString("\n" + c.Long + "\n")
	_, err := fmt.Fprint(s.Stdout, b.String())
	return err
}

// writeCommandList prints every command's usage lines, each command
// followed by its short help, indented.
func writeCommandList(s *Session) error {
	var b strings.Builder
	for _, c := range commands {
		for _, u := range c.Usage {
			b.WriteString(u + "\n")
		}
		b.WriteString("    " + c.Short + "\n")
	}
	b.WriteString("\nhelp COMMAND explains one command.\n")
	_, err := fmt.Fprint(s.Stdout, b.String())
	return err
}
