package shell

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/chzyer/readline"

	"github.com/bcnvisuals/autobackup/internal/cmd"
	"github.com/bcnvisuals/autobackup/internal/fsys"
)

// Terminal is the line editor's view of the terminal. Tests replace it.
type Terminal struct {
	Stdin      io.ReadCloser
	Stdout     io.Writer
	IsTerminal func() bool
	MakeRaw    func() error
	ExitRaw    func() error
}

// Interactive runs the shell at a prompt with line editing, history and
// completion, until exit or Ctrl-D. Ctrl-C clears the line being typed; an
// error is printed and the shell goes on.
func (r *Runner) Interactive(ctx context.Context, history string, term *Terminal) error {
	cfg := &readline.Config{
		Prompt:          Prompt(r.Session),
		HistoryFile:     history,
		AutoComplete:    completer{r.Session},
		InterruptPrompt: "^C",
		EOFPrompt:       "exit",
	}
	if term != nil {
		cfg.Stdin, cfg.Stdout = term.Stdin, term.Stdout
		cfg.FuncIsTerminal, cfg.FuncMakeRaw, cfg.FuncExitRaw = term.IsTerminal, term.MakeRaw, term.ExitRaw
	}
	rl, err := readline.NewEx(cfg)
	if err != nil {
		return fmt.Errorf("start the line editor: %w", err)
	}
	defer rl.Close()
	for !r.Session.Exit {
		rl.SetPrompt(Prompt(r.Session))
		line, err := rl.Readline()
		switch {
		case errors.Is(err, readline.ErrInterrupt):
			continue
		case errors.Is(err, io.EOF):
			return nil
		case err != nil:
			return fmt.Errorf("read a command: %w", err)
		}
		if err := r.Exec(ctx, line); err != nil {
			r.report("", err)
		}
	}
	return nil
}

// Prompt shows how many databases are tracked, and how many of them are
// offline or not loaded: "[3 databases, 1 offline] >>> ".
func Prompt(s *cmd.Session) string {
	return "[" + databasesLine(s) + "] >>> "
}

// databasesLine counts the tracked databases: "3 databases, 1 offline".
func databasesLine(s *cmd.Session) string {
	n, offline, unloaded := len(s.Layout.Databases), 0, 0
	for _, d := range s.Layout.Databases {
		snap, ok := s.Index.Snapshot(d.Name)
		switch {
		case !ok:
			unloaded++
		case !snap.Online:
			offline++
		}
	}
	line := fmt.Sprintf("%d databases", n)
	if n == 1 {
		line = "1 database"
	}
	if offline > 0 {
		line += fmt.Sprintf(", %d offline", offline)
	}
	if unloaded > 0 {
		line += fmt.Sprintf(", %d not loaded", unloaded)
	}
	return line
}

// StartLine is the one line the shell starts with: what is loaded, and
// how to go on.
func StartLine(s *cmd.Session) string {
	if len(s.Layout.Databases) == 0 {
		return "No database is tracked. Track one with: add database NAME PATH (help lists the commands; Ctrl-D leaves)"
	}
	projects := len(s.Index.Projects(""))
	return fmt.Sprintf("autobackup: %s; %d clients, %d projects. Type help for the commands, Ctrl-D to leave.",
		databasesLine(s), len(s.Index.Clients("")), projects)
}

// completer adapts cmd.Complete to the line editor.
type completer struct{ s *cmd.Session }

func (c completer) Do(line []rune, pos int) ([][]rune, int) {
	cands, length := cmd.Complete(c.s, string(line[:pos]))
	out := make([][]rune, len(cands))
	for i, cand := range cands {
		out[i] = []rune(cand)
	}
	return out, length
}

// HistoryFile returns where the shell keeps its history: under
// $XDG_STATE_HOME, ~/.local/state, or the user's config folder, in
// autobackup/history. It creates the folder. An empty result means no
// place was found, and history is kept for the session only.
func HistoryFile() string {
	var dirs []string
	if d := os.Getenv("XDG_STATE_HOME"); d != "" {
		dirs = append(dirs, d)
	}
	if home, err := os.UserHomeDir(); err == nil {
		dirs = append(dirs, filepath.Join(home, ".local", "state"))
	}
	if d, err := os.UserConfigDir(); err == nil {
		dirs = append(dirs, d)
	}
	for _, d := range dirs {
		dir := filepath.Join(d, "autobackup")
		if err := fsys.MkdirAll(dir, 0o700); err == nil {
			return filepath.Join(dir, "history")
		}
	}
	return ""
}
