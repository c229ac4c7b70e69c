package cmd

import (
	"context"
	"io"
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
	Needs:    NeedsNothing,
}

func runHelp(_ context.Context, s *Session, a Args) error {
	name := a.Get("COMMAND")
	if name == "" {
		return s.show(helpOutput(commands))
	}
	c, ok := Lookup(name)
	if !ok {
		return unknownCommand(name)
	}
	return s.show(commandHelp{c})
}

// helpOutput is what help prints: every command's usage lines, each
// command followed by its short help, indented.
type helpOutput []*Command

type commandJSON struct {
	Name    string   `json:"name"`
	Usage   []string `json:"usage"`
	Short   string   `json:"short"`
	Aliases []string `json:"aliases,omitempty"`
	Long    string   `json:"long,omitempty"`
}

func (h helpOutput) jsonValue() any {
	out := []commandJSON{}
	for _, c := range h {
		out = append(out, commandJSON{Name: c.Name, Usage: c.Usage, Short: c.Short, Aliases: c.Aliases})
	}
	return map[string][]commandJSON{"commands": out}
}

func (h helpOutput) writeText(s *Session) error {
	var b strings.Builder
	for _, c := range h {
		for _, u := range c.Usage {
			b.WriteString(u + "\n")
		}
		b.WriteString("    " + c.Short + "\n")
	}
	b.WriteString("\nhelp COMMAND explains one command.\n")
	_, err := io.WriteString(s.Stdout, b.String())
	return err
}

// commandHelp is what help COMMAND prints.
type commandHelp struct{ c *Command }

func (h commandHelp) jsonValue() any {
	c := h.c
	return commandJSON{Name: c.Name, Usage: c.Usage, Short: c.Short, Aliases: c.Aliases, Long: c.Long}
}

func (h commandHelp) writeText(s *Session) error {
	c := h.c
	var b strings.Builder
	b.WriteString("usage: " + strings.Join(c.Usage, "\n       ") + "\n")
	if len(c.Aliases) > 0 {
		b.WriteString("also: " + strings.Join(c.Aliases, ", ") + "\n")
	}
	b.WriteString("\n" + c.Long + "\n")
	_, err := io.WriteString(s.Stdout, b.String())
	return err
}
