// Package shell runs command lines: one at a time, from script files, from
// standard input, or at an interactive prompt. Every way goes through
// Runner.Exec, so a command behaves the same wherever it is typed.
package shell

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"github.com/bcnvisuals/autobackup/internal/cmd"
)

// Errors a run ends with. Both have already been reported to the user.
var (
	ErrFailed      = errors.New("a command failed")
	ErrInterrupted = errors.New("interrupted")
)

// Runner runs command lines against one session.
type Runner struct {
	Session *cmd.Session

	// Interrupts, when set, delivers Ctrl-C; it cancels the running command.
	Interrupts <-chan os.Signal

	run func(context.Context, *cmd.Session, string) error // cmd.Run, or a test's stand-in
}

// NotifyInterrupts starts delivering SIGINT to the returned channel instead
// of ending the program. Call stop to restore the default.
func NotifyInterrupts() (c <-chan os.Signal, stop func()) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt)
	return ch, func() { signal.Stop(ch) }
}

// Exec runs one command line. Ctrl-C while it runs cancels its context.
func (r *Runner) Exec(ctx context.Context, line string) error {
	ctx, cancel := r.interruptible(ctx)
	defer cancel()
	run := r.run
	if run == nil {
		run = cmd.Run
	}
	err := run(ctx, r.Session, line)
	if err != nil && errors.Is(context.Cause(ctx), ErrInterrupted) {
		return interruptError{err}
	}
	return err
}

// interruptError is a command's error when Ctrl-C stopped it. It reads as
// the command's own message and matches ErrInterrupted.
type interruptError struct{ err error }

func (e interruptError) Error() string        { return e.err.Error() }
func (e interruptError) Unwrap() error        { return e.err }
func (e interruptError) Is(target error) bool { return target == ErrInterrupted }

// interruptible returns a context that Ctrl-C cancels with ErrInterrupted.
func (r *Runner) interruptible(parent context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancelCause(parent)
	if r.Interrupts == nil {
		return ctx, func() { cancel(nil) }
	}
	drain(r.Interrupts)
	done := make(chan struct{})
	go func() {
		select {
		case <-r.Interrupts:
			cancel(ErrInterrupted)
		case <-done:
		}
	}()
	return ctx, func() { close(done); cancel(nil) }
}

// drain drops a Ctrl-C that arrived while no command was running.
func drain(c <-chan os.Signal) {
	for {
		select {
		case <-c:
		default:
			return
		}
	}
}

// Once runs one command line and reports its error, prefixed with where.
func (r *Runner) Once(ctx context.Context, line, where string) error {
	if err := r.Exec(ctx, line); err != nil {
		r.report(where, err)
		return stopWith(err)
	}
	return nil
}

// Mode says how a run of many lines treats a failing command.
type Mode int

const (
	// StopAtError ends the run at the first failing command (scripts).
	StopAtError Mode = iota
	// KeepGoing runs every line, then fails if any command failed.
	KeepGoing
	// Shell runs every line, even after Ctrl-C, then fails if any
	// command failed (the shell reading a pipe).
	Shell
)

// Lines runs the command lines read from in, of any length. name is what
// errors are prefixed with, as name:line: message. The run ends at EOF or
// at exit, which leaves this file only: the script after a config file
// that says exit still runs.
func (r *Runner) Lines(ctx context.Context, in io.Reader, name string, mode Mode) error {
	br := bufio.NewReader(in)
	failed := false
	for n := 1; ; n++ {
		line, rerr := readLine(br, n == 1)
		if rerr != nil && !errors.Is(rerr, io.EOF) {
			r.report(fmt.Sprintf("%s:%d", name, n), fmt.Errorf("read: %w", rerr))
			return ErrFailed
		}
		if line == "" && errors.Is(rerr, io.EOF) {
			break
		}
		if err := r.Exec(ctx, line); err != nil {
			failed = true
			r.report(fmt.Sprintf("%s:%d", name, n), err)
			if mode == StopAtError || (errors.Is(err, ErrInterrupted) && mode != Shell) {
				return stopWith(err)
			}
		}
		if r.Session.Exit {
			r.Session.Exit = false
			break
		}
		if rerr != nil {
			break
		}
	}
	if failed {
		return ErrFailed
	}
	return nil
}

// readLine reads one line, of any length, without its line ending (LF or
// CRLF). The first line loses a UTF-8 byte-order mark, which editors on
// Windows write at the top of a file.
func readLine(br *bufio.Reader, first bool) (string, error) {
	line, err := br.ReadString('\n')
	line = strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
	if first {
		line = strings.TrimPrefix(line, "\ufeff")
	}
	return line, err
}

func stopWith(err error) error {
	if errors.Is(err, ErrInterrupted) {
		return ErrInterrupted
	}
	return ErrFailed
}

// report prints an error as one line on stderr, prefixed with where it
// happened when that is known.
func (r *Runner) report(where string, err error) {
	msg := strings.ReplaceAll(err.Error(), "\n", " ")
	if where != "" {
		msg = where + ": " + msg
	}
	fmt.Fprintln(r.Session.Stderr, msg)
}
