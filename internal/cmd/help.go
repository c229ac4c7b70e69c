package cmd

import (
	"context"
	"fmt"
	"strings"

	"github.com/bcnvisuals/autobackup/internal/table"
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

// writeCommandList prints every usage line with the command's short help.
func writeCommandList(s *Session) error {
	t := table.New()
	for _, c := range commands {
		for i, u := range c.Usage {
			short := ""
			if i == 0 {
				short = c.Short
			}
			t.Row(u, short)
		}
	}
	if _, err := t.WriteTo(s.Stdout); err != nil {
		return err
	}
	_, err := fmt.Fprintln(s.Stdout, "\nhelp COMMAND explains one command.")
	return err
}
