// Package cmd holds autobackup's command language: the tokenizer, the one
// table of commands, and the dispatcher, help and completion that are all
// driven by that table.
package cmd

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// Command is one entry of the command table.
type Command struct {
	Name    string
	Aliases []string

	// Usage lines, each starting with the command's name. They are what
	// help prints and also the grammar dispatch and completion follow:
	// see parseUsage for their syntax.
	Usage []string
	Short string // one line for the command list
	Long  string // the whole story, for help COMMAND

	// Complete maps a placeholder of the usage lines to what may be typed
	// there. A placeholder without an entry completes nothing.
	Complete map[string]Completer

	Run func(ctx context.Context, s *Session, a Args) error

	// Needs says what a one-shot run of the command needs of the config
	// file: all of it (the default), its layout without its load, or
	// nothing.
	Needs Needs

	grammar grammar
}

// Needs is what a command needs of the config file when it runs alone.
type Needs uint8

// What a command needs.
const (
	NeedsIndex   Needs = iota // the config file, its load included
	NeedsLayout               // its databases and categories, not its load
	NeedsNothing              // not the config file at all
)

// NeedsOf says what the command line needs of the config file; an
// unknown command needs it all (its error comes after).
func NeedsOf(args []string) Needs {
	if len(args) == 0 {
		return NeedsIndex
	}
	if c, ok := Lookup(args[0]); ok {
		return c.Needs
	}
	return NeedsIndex
}

// Completer lists the values a placeholder may take, given the arguments
// typed before it and the part of it typed so far.
type Completer func(s *Session, prev []string, typed string) []string

// commands is the table. It is filled once, in init, and never changed.
var commands []*Command

func init() {
	commands = []*Command{
		cmdHelp,
		cmdAdd,
		cmdRemove,
		cmdForget,
		cmdLoad,
		cmdList,
		cmdFetch,
		cmdCopy,
		cmdCompare,
		cmdVerify,
		cmdStatus,
		cmdExplore,
		cmdSet,
		cmdExit,
	}
	for _, c := range commands {
		g, err := parseUsage(c.Usage)
		if err != nil {
			panic(fmt.Sprintf("command %s: %v", c.Name, err))
		}
		c.grammar = g
	}
}

// Commands returns the command table, in the order help lists it.
func Commands() []*Command { return slices.Clone(commands) }

// Lookup finds a command by name or alias. Like keywords, command names
// may be typed in any case.
func Lookup(name string) (*Command, bool) {
	for _, c := range commands {
		if strings.EqualFold(c.Name, name) || slices.ContainsFunc(c.Aliases, func(a string) bool { return strings.EqualFold(a, name) }) {
			return c, true
		}
	}
	return nil, false
}

func commandNames() []string {
	var names []string
	for _, c := range commands {
		names = append(names, c.Name)
		names = append(names, c.Aliases...)
	}
	return names
}

// Run parses one command line and runs it. A blank line or a comment does
// nothing.
func Run(ctx context.Context, s *Session, line string) error {
	words, err := Words(line)
	if err != nil {
		return err
	}
	if len(words) == 0 {
		return nil
	}
	c, ok := Lookup(words[0])
	if !ok {
		return unknownCommand(words[0])
	}
	a, err := c.grammar.match(words[1:])
	if err != nil {
		return c.usageError(words[1:], err)
	}
	return c.Run(ctx, s, a)
}

func unknownCommand(name string) error {
	if s := suggest(name, commandNames()); s != "" {
		return fmt.Errorf("unknown command %q (did you mean %q?)", name, s)
	}
	return fmt.Errorf("unknown command %q (help lists the commands)", name)
}

// UsageError is a command line whose arguments fit none of its command's
// usage lines.
type UsageError struct {
	Reason string   // what is wrong, if more is known than "wrong arguments"
	Lines  []string // the usage lines that apply
}

func (e *UsageError) Error() string {
	usage := "usage: " + strings.Join(e.Lines, " | ")
	if e.Reason == "" {
		return usage
	}
	return e.Reason + "; " + usage
}

// usageError explains why words fit no usage line, showing only the lines
// that start with the keyword the user typed.
func (c *Command) usageError(words []string, err error) error {
	ue := &UsageError{Lines: c.Usage}
	if err != errNoMatch {
		ue.Reason = c.Name + ": " + err.Error()
		return ue
	}
	_, rest, _ := c.grammar.parseFlags(words)
	keywords := c.leadingKeywords()
	if len(rest) > 0 && len(keywords) > 0 {
		var lines []string
		for i, f := range c.grammar.forms {
			if len(f) > 0 && f[0].keyword && strings.EqualFold(f[0].word, rest[0]) && !slices.Contains(lines, c.Usage[c.grammar.lines[i]]) {
				lines = append(lines, c.Usage[c.grammar.lines[i]])
			}
		}
		if len(lines) > 0 {
			ue.Lines = lines
		} else if !c.takesLeadingValue() {
			ue.Reason = fmt.Sprintf("%s: unknown argument %q (expected %s)", c.Name, rest[0], orList(keywords))
		}
	}
	return ue
}

// leadingKeywords lists the keywords a form may start with.
func (c *Command) leadingKeywords() []string {
	var out []string
	for _, f := range c.grammar.forms {
		if len(f) > 0 && f[0].keyword && !slices.Contains(out, f[0].word) {
			out = append(out, f[0].word)
		}
	}
	return out
}

// takesLeadingValue reports whether some form starts with a placeholder.
func (c *Command) takesLeadingValue() bool {
	for _, f := range c.grammar.forms {
		if len(f) > 0 && !f[0].keyword {
			return true
		}
	}
	return false
}

func orList(words []string) string {
	switch len(words) {
	case 0:
		return "nothing"
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}
