package shell

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bcnvisuals/autobackup/internal/cmd"
	"github.com/bcnvisuals/autobackup/internal/testkit"
)

// fakeTerminal feeds keys to the line editor as if typed, a line at a
// time, each once the shell shows its prompt for it.
func fakeTerminal(keys string) (*Terminal, *testkit.SyncBuffer) {
	screen := &testkit.SyncBuffer{}
	pr, pw := io.Pipe()
	go func() {
		for i, k := range strings.SplitAfter(keys, "\r") {
			screen.WaitFor(func(s string) bool { return strings.Count(s, ">>> ") > i })
			pw.Write([]byte(k))
		}
	}()
	return &Terminal{
		Stdin:      pr,
		Stdout:     screen,
		IsTerminal: func() bool { return true },
		MakeRaw:    func() error { return nil },
		ExitRaw:    func() error { return nil },
	}, screen
}

func TestInteractive(t *testing.T) {
	tests := []struct {
		name      string
		keys      string
		wantOut   string
		wantErrs  string
		wantExit  bool
		prompt    string
		inHistory string
	}{
		{name: "commands then Ctrl-D",
			keys:    setup + "list clients in NAS\r\x04",
			wantOut: "acme\n", prompt: "[2 databases] >>> ", inHistory: "list clients in NAS"},
		{name: "an error does not end the shell",
			keys:    setup + "fecth all\rlist clients in NAS\r\x04",
			wantOut: "acme\n", wantErrs: "unknown command \"fecth\" (did you mean \"fetch\"?)\n"},
		{name: "Ctrl-C clears the line",
			keys:    setup + "list clients\x03list clients in NAS\r\x04",
			wantOut: "acme\n"},
		{name: "exit",
			keys:     setup + "exit\rlist clients\r",
			wantExit: true},
		{name: "tab completes",
			keys:    setup + "list clients in N\t\r\x04",
			wantOut: "acme\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, out, errs := session(t)
			tt.keys = strings.ReplaceAll(tt.keys, "\n", "\r")
			term, screen := fakeTerminal(tt.keys)
			history := filepath.Join(t.TempDir(), "history")
			r := &Runner{Session: s}
			done := make(chan error, 1)
			go func() { done <- r.Interactive(context.Background(), history, term) }()
			select {
			case err := <-done:
				if err != nil {
					t.Fatal(err)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("the shell did not end")
			}
			_, rest, _ := strings.Cut(out.String(), "\n") // drop the load summary
			if tt.wantOut != "" && rest != tt.wantOut {
				t.Errorf("stdout after load = %q, want %q", rest, tt.wantOut)
			}
			if errs.String() != tt.wantErrs {
				t.Errorf("stderr = %q, want %q", errs, tt.wantErrs)
			}
			if s.Exit != tt.wantExit {
				t.Errorf("Exit = %v", s.Exit)
			}
			if tt.prompt != "" && !strings.Contains(screen.String(), tt.prompt) {
				t.Errorf("screen lacks the prompt %q: %q", tt.prompt, screen)
			}
			if tt.inHistory != "" {
				b, err := os.ReadFile(history)
				if err != nil || !strings.Contains(string(b), tt.inHistory) {
					t.Errorf("history %q, %v", b, err)
				}
			}
		})
	}
}

func TestPrompt(t *testing.T) {
	s, _, _ := session(t)
	steps := []struct {
		lines      string
		want, line string
	}{
		{"", "[0 databases] >>> ", "No database is tracked. Track one with: add database NAME PATH (help lists the commands; Ctrl-D leaves)"},
		{"add database WORK WORK\n", "[1 database, 1 not loaded] >>> ", "autobackup: 1 database, 1 not loaded; 0 clients, 0 projects. Type help for the commands, Ctrl-D to leave."},
		{"load\n", "[1 database] >>> ", "autobackup: 1 database; 0 clients, 0 projects. Type help for the commands, Ctrl-D to leave."},
		{"add database OFF /nonexistent/OFF\nload\n", "[2 databases, 1 offline] >>> ", "autobackup: 2 databases, 1 offline; 0 clients, 0 projects. Type help for the commands, Ctrl-D to leave."},
	}
	r := &Runner{Session: s}
	for _, st := range steps {
		if err := r.Lines(context.Background(), strings.NewReader(st.lines), "x", StopAtError); err != nil {
			t.Fatal(err)
		}
		if p := Prompt(s); p != st.want {
			t.Errorf("after %q: Prompt = %q, want %q", st.lines, p, st.want)
		}
		if l := StartLine(s); l != st.line {
			t.Errorf("after %q: StartLine = %q, want %q", st.lines, l, st.line)
		}
	}
}

func TestCompleterAdapter(t *testing.T) {
	s, _, _ := session(t)
	if err := cmd.Run(context.Background(), s, "add database WORK WORK"); err != nil {
		t.Fatal(err)
	}
	got, n := completer{s}.Do([]rune("load WO"), 7)
	if n != 2 || len(got) != 1 || string(got[0]) != "RK " {
		t.Fatalf("Do = %q, %d", got, n)
	}
}

func TestHistoryFile(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_STATE_HOME", dir)
	if got, want := HistoryFile(), filepath.Join(dir, "autobackup", "history"); got != want {
		t.Fatalf("HistoryFile = %q, want %q", got, want)
	}
	if fi, err := os.Stat(filepath.Join(dir, "autobackup")); err != nil || !fi.IsDir() {
		t.Fatalf("folder not made: %v", err)
	}
}
