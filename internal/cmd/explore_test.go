package cmd

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestExplore(t *testing.T) {
	tests := []struct {
		name     string
		line     string
		explorer string
		wantOut  string // relative to the studio
		wantWarn string
		wantErr  string
	}{
		{name: "no file manager", line: "explore acme/spot footage WORK", explorer: "no-such-program",
			wantOut: "WORK/footage/acme/spot", wantWarn: "warning: no file manager to open it: no-such-program is not installed\n"},
		{name: "a recorder", line: "explore 'Big Co/Spot 2' project WORK", explorer: "record",
			wantOut: "WORK/project/Big Co/Spot 2"},
		{name: "absent there", line: "explore acme/spot footage NAS", wantErr: "acme/spot has no footage in NAS"},
		{name: "unknown project", line: "explore acme/nope footage WORK", wantErr: `no project "acme/nope" in any database`},
		{name: "unknown category", line: "explore acme/spot audio WORK", wantErr: `unknown category "audio" (known: project, footage)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, out, errs := studio(t)
			record := filepath.Join(t.TempDir(), "args")
			switch tt.explorer {
			case "record":
				script := filepath.Join(t.TempDir(), "record.sh")
				if err := os.WriteFile(script, []byte("#!/bin/sh\nprintf '%s\\n' \"$@\" > "+record+"\n"), 0o755); err != nil {
					t.Fatal(err)
				}
				t.Setenv("AUTOBACKUP_EXPLORER", script)
			case "":
			default:
				t.Setenv("AUTOBACKUP_EXPLORER", tt.explorer)
			}
			err := Run(context.Background(), s, tt.line)
			if errString(err) != tt.wantErr {
				t.Fatalf("error %v, want %q", err, tt.wantErr)
			}
			if tt.wantOut != "" && out.String() != filepath.Join(s.Dir, tt.wantOut)+"\n" {
				t.Fatalf("stdout %q", out)
			}
			if errs.String() != tt.wantWarn {
				t.Fatalf("stderr %q, want %q", errs, tt.wantWarn)
			}
			if tt.explorer == "record" {
				var got []byte
				for range 100 {
					if got, err = os.ReadFile(record); err == nil && len(got) > 0 {
						break
					}
					time.Sleep(20 * time.Millisecond)
				}
				if strings.TrimSuffix(string(got), "\n") != filepath.Join(s.Dir, tt.wantOut) {
					t.Fatalf("the file manager got %q", got)
				}
			}
		})
	}
}

func TestExploreJSON(t *testing.T) {
	s, out, _ := studio(t)
	s.JSON = true
	t.Setenv("AUTOBACKUP_EXPLORER", "no-such-program")
	if err := Run(context.Background(), s, "explore acme/spot footage WORK"); err != nil {
		t.Fatal(err)
	}
	want := `{"path":"` + filepath.Join(s.Dir, "WORK/footage/acme/spot") + `","opened":false,"why":"no file manager to open it: no-such-program is not installed"}` + "\n"
	if out.String() != want {
		t.Fatalf("got %s want %s", out, want)
	}
}

func TestFileManagerWithoutDisplay(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("only Linux needs a display for xdg-open")
	}
	t.Setenv("AUTOBACKUP_EXPLORER", "")
	t.Setenv("DISPLAY", "")
	t.Setenv("WAYLAND_DISPLAY", "")
	if p, why := fileManager(); p != "" || why != "no display (DISPLAY and WAYLAND_DISPLAY are unset)" {
		t.Fatalf("fileManager = %q, %q", p, why)
	}
}
