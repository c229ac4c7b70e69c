package shell

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/bcnvisuals/autobackup/internal/cmd"
)

// session returns a session over a small studio, not yet loaded.
func session(t *testing.T) (*cmd.Session, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	dir := t.TempDir()
	for _, p := range []string{"WORK/project/acme/spot/a", "WORK/project/zeta/one/b", "NAS/project/acme/spot/a"} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, p)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, p), []byte("data"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var out, errs bytes.Buffer
	s := cmd.NewSession(&out, &errs)
	s.Dir = dir
	return s, &out, &errs
}

const setup = "add database WORK WORK\nadd database NAS NAS\nadd category project project\nload\n"

func TestLines(t *testing.T) {
	tests := []struct {
		name     string
		script   string
		mode     Mode
		wantErr  error
		wantOut  string // lines after the load summary
		wantErrs string
	}{
		{"clean", "list clients\n", StopAtError, nil, "acme\nzeta\n", ""},
		{"stops at the first error", "list clients in NSA\nlist clients\n", StopAtError, ErrFailed, "",
			"t.ab:5: unknown database \"NSA\" (did you mean \"NAS\"?)\n"},
		{"keeps going", "list clients in NSA\nlist clients\nfecth\n", KeepGoing, ErrFailed, "acme\nzeta\n",
			"t.ab:5: unknown database \"NSA\" (did you mean \"NAS\"?)\nt.ab:7: unknown command \"fecth\" (did you mean \"fetch\"?)\n"},
		{"shell keeps going", "nope\nlist clients in NAS\n", Shell, ErrFailed, "acme\n",
			"t.ab:5: unknown command \"nope\" (help lists the commands)\n"},
		{"exit ends the run", "list clients in NAS\nexit\nlist clients\n", StopAtError, nil, "acme\n", ""},
		{"comments and CRLF", "# comment\r\n\r\nlist clients in NAS # trailing\r\n", StopAtError, nil, "acme\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, out, errs := session(t)
			r := &Runner{Session: s}
			err := r.Lines(context.Background(), strings.NewReader(setup+tt.script), "t.ab", tt.mode)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Lines error = %v, want %v", err, tt.wantErr)
			}
			_, rest, _ := strings.Cut(out.String(), "\n")
			if rest != tt.wantOut {
				t.Errorf("stdout after load = %q, want %q", rest, tt.wantOut)
			}
			if errs.String() != tt.wantErrs {
				t.Errorf("stderr = %q, want %q", errs, tt.wantErrs)
			}
		})
	}
}

// TestLinesOfAnyLength (issue 7, item 11): a line over 1 MiB is read
// whole, its error names FILE:LINE, and with --keep-going the lines after
// it still run.
func TestLinesOfAnyLength(t *testing.T) {
	s, out, errs := session(t)
	r := &Runner{Session: s}
	long := "list " + strings.Repeat("x", 2<<20) + "\nlist categories\n"
	if err := r.Lines(context.Background(), strings.NewReader(long), "big.ab", KeepGoing); !errors.Is(err, ErrFailed) {
		t.Fatalf("error = %v", err)
	}
	if !strings.HasPrefix(errs.String(), "big.ab:1: list: unknown argument") {
		t.Fatalf("stderr = %.80q", errs)
	}
	if out.String() != "NAME  PATH  COPIES\n" {
		t.Fatalf("the line after the long one did not run: %q", out)
	}
}

// TestLinesExitLeavesTheFile (issue 7, item 9): exit ends the file it is
// in, not the run: a config's exit must not end the script after it.
func TestLinesExitLeavesTheFile(t *testing.T) {
	s, out, _ := session(t)
	r := &Runner{Session: s}
	if err := r.Lines(context.Background(), strings.NewReader("exit\nlist databases\n"), "config", StopAtError); err != nil {
		t.Fatal(err)
	}
	if out.String() != "" || s.Exit {
		t.Fatalf("after exit: ran %q, Exit %v", out, s.Exit)
	}
	if err := r.Lines(context.Background(), strings.NewReader("list categories\n"), "t.ab", StopAtError); err != nil {
		t.Fatal(err)
	}
	if out.String() != "NAME  PATH  COPIES\n" {
		t.Fatalf("the script after a config's exit: %q", out)
	}
}

// TestLinesByteOrderMark (issue 7, item 17): a UTF-8 BOM at the top of a
// file written by a Windows editor is skipped, and CRLF ends a line.
func TestLinesByteOrderMark(t *testing.T) {
	s, out, errs := session(t)
	r := &Runner{Session: s}
	if err := r.Lines(context.Background(), strings.NewReader("\ufefflist categories\r\n"), "t.ab", StopAtError); err != nil {
		t.Fatalf("%v: %s", err, errs)
	}
	if out.String() != "NAME  PATH  COPIES\n" {
		t.Fatalf("out %q", out)
	}
}

func TestOnce(t *testing.T) {
	s, out, errs := session(t)
	r := &Runner{Session: s}
	if err := r.Once(context.Background(), "list categories", "autobackup"); err != nil || out.String() != "NAME  PATH  COPIES\n" {
		t.Fatalf("Once: %v, %q", err, out)
	}
	if err := r.Once(context.Background(), "list nothing", "autobackup"); !errors.Is(err, ErrFailed) {
		t.Fatalf("Once error = %v", err)
	}
	if !strings.HasPrefix(errs.String(), "autobackup: list: unknown argument \"nothing\"") {
		t.Fatalf("stderr = %q", errs)
	}
}

// TestInterrupt sends a real SIGINT while a command runs: the command is
// cancelled, the run stops for a script, and goes on for the shell.
func TestInterrupt(t *testing.T) {
	for _, mode := range []Mode{StopAtError, Shell} {
		s, out, errs := session(t)
		intr, stop := NotifyInterrupts()
		r := &Runner{Session: s, Interrupts: intr}
		r.run = func(ctx context.Context, s *cmd.Session, line string) error {
			if line != "wait" {
				return cmd.Run(ctx, s, line)
			}
			go syscall.Kill(os.Getpid(), syscall.SIGINT)
			select {
			case <-ctx.Done():
				return errors.New("waiting stopped")
			case <-time.After(10 * time.Second):
				return errors.New("no interrupt came")
			}
		}
		err := r.Lines(context.Background(), strings.NewReader("wait\nlist categories\n"), "t.ab", mode)
		stop()
		if errs.String() != "t.ab:1: waiting stopped\n" {
			t.Errorf("mode %d: stderr %q", mode, errs)
		}
		switch mode {
		case StopAtError:
			if !errors.Is(err, ErrInterrupted) || strings.Contains(out.String(), "NAME") {
				t.Errorf("script: err %v, out %q", err, out)
			}
		case Shell:
			if !errors.Is(err, ErrFailed) || !strings.Contains(out.String(), "NAME") {
				t.Errorf("shell: err %v, out %q", err, out)
			}
		}
	}
}

// TestStaleInterrupt checks that a Ctrl-C pressed between commands does
// not cancel the next one.
func TestStaleInterrupt(t *testing.T) {
	s, out, _ := session(t)
	c := make(chan os.Signal, 1)
	c <- syscall.SIGINT
	r := &Runner{Session: s, Interrupts: c}
	if err := r.Exec(context.Background(), "list categories"); err != nil || out.String() != "NAME  PATH  COPIES\n" {
		t.Fatalf("Exec after a stale interrupt: %v, %q", err, out)
	}
}
