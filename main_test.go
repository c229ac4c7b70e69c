package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata/script from the actual output")

// runMainEnv, when set, makes the test binary run autobackup's main, so
// that tests can start the real program as a child process.
const runMainEnv = "AUTOBACKUP_TEST_RUN_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(runMainEnv) != "" {
		main()
	}
	testscript.Main(m, map[string]func(){"autobackup": main, "recordargs": recordArgs})
}

// TestScript runs the end-to-end scripts in testdata/script against the
// real program.
func TestScript(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		UpdateScripts:       *update,
		Setup: func(env *testscript.Env) error {
			env.Setenv("NO_COLOR", "1")
			env.Setenv("XDG_CONFIG_HOME", env.WorkDir+"/.xdg-config")
			env.Setenv("XDG_STATE_HOME", env.WorkDir+"/.xdg-state")
			return nil
		},
		Condition: func(cond string) (bool, error) {
			if cond == "mount" {
				return canMount(), nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"hardlink": cmdHardlink,
			"mkfile":   cmdMkfile,
			"mkfileq":  cmdMkfileq,
			"mtime":    cmdMtime,
			"readlink": cmdReadlink,
			"samefile": cmdSamefile,
			"manifest": cmdManifest,
			"waitfile": cmdWaitfile,
			"tmpfs":    cmdTmpfs,
		},
	})
}

func TestParseFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		wantErr error
		check   func(options) bool
	}{
		{"none", nil, nil, func(o options) bool { return len(o.args) == 0 }},
		{"one-shot", []string{"fetch", "acme/spot"}, nil, func(o options) bool { return len(o.args) == 2 }},
		{"flags then command", []string{"--json", "-j", "3", "load", "-v"}, nil,
			func(o options) bool { return o.json && o.jobs == 3 && len(o.args) == 2 && o.args[1] == "-v" }},
		{"script", []string{"-f", "x.ab", "--keep-going"}, nil, func(o options) bool { return o.file == "x.ab" && o.keepGoing }},
		{"script and command", []string{"-f", "x.ab", "load"}, errUsage, nil},
		{"config and no-config", []string{"--config", "c", "--no-config"}, errUsage, nil},
		{"keep-going alone", []string{"--keep-going"}, errUsage, nil},
		{"negative jobs", []string{"-j", "-1"}, errUsage, nil},
		{"help", []string{"-h"}, flag.ErrHelp, nil},
		{"unknown flag", []string{"--frobnicate"}, errors.New("any"), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, err := parseFlags(tt.args, io.Discard, io.Discard)
			switch {
			case tt.wantErr == nil && err != nil:
				t.Fatalf("parseFlags(%q) error %v", tt.args, err)
			case tt.wantErr != nil && err == nil:
				t.Fatalf("parseFlags(%q) = %+v, want an error", tt.args, o)
			case tt.wantErr == errUsage || tt.wantErr == flag.ErrHelp:
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("parseFlags(%q) error %v, want %v", tt.args, err, tt.wantErr)
				}
			case tt.check != nil && !tt.check(o):
				t.Fatalf("parseFlags(%q) = %+v", tt.args, o)
			}
		})
	}
}

func TestConfigPath(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	t.Setenv("XDG_CONFIG_HOME", dir+"/xdg")
	t.Setenv("AUTOBACKUP_CONFIG", "")
	if p, _ := configPath(options{}); p != "" {
		t.Fatalf("no config anywhere: got %q", p)
	}
	if err := os.MkdirAll(dir+"/xdg/autobackup", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dir+"/xdg/autobackup/config", nil, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, env, local string
		o                options
		want             string
		explicit         bool
	}{
		{"user config", "", "", options{}, dir + "/xdg/autobackup/config", false},
		{"local wins", "", ".config", options{}, ".config", false},
		{"env wins", "env.conf", ".config", options{}, "env.conf", true},
		{"flag wins", "env.conf", ".config", options{config: "flag.conf"}, "flag.conf", true},
		{"no-config", "env.conf", ".config", options{noConfig: true}, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("AUTOBACKUP_CONFIG", tt.env)
			os.Remove(".config")
			if tt.local != "" {
				if err := os.WriteFile(tt.local, nil, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			got, explicit := configPath(tt.o)
			if got != tt.want || explicit != tt.explicit {
				t.Fatalf("configPath = %q, %v; want %q, %v", got, explicit, tt.want, tt.explicit)
			}
		})
	}
}

func TestVersionOf(t *testing.T) {
	set := func(kv ...string) []debug.BuildSetting {
		var out []debug.BuildSetting
		for i := 0; i < len(kv); i += 2 {
			out = append(out, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return out
	}
	tests := []struct {
		name string
		bi   debug.BuildInfo
		want string
	}{
		{"tagged", debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.2.0"}}, "v1.2.0, go1.26.8"},
		{"pseudo-version", debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.0.0-20261128220647-c2759d17830d"},
			Settings: set("vcs.revision", "c2759d17830d", "vcs.modified", "false")}, "v0.0.0-20261128220647-c2759d17830d, go1.26.8"},
		{"dirty pseudo-version", debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.0.0-20261128220647-c2759d17830d+dirty"},
			Settings: set("vcs.modified", "true")}, "v0.0.0-20261128220647-c2759d17830d+dirty, go1.26.8"},
		{"revision only", debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"},
			Settings: set("vcs.revision", "abc123", "vcs.modified", "true")}, "devel abc123 (with uncommitted changes), go1.26.8"},
		{"nothing", debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}},
			"devel (built without version control information; make build stamps it)"},
	}
	for _, tt := range tests {
		if got := versionOf(&tt.bi); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestAsksHelp(t *testing.T) {
	tests := []struct {
		args []string
		want bool
	}{
		{[]string{"-h"}, true},
		{[]string{"--help"}, true},
		{[]string{"-f", "x.ab", "-h"}, true},
		{[]string{"--config", "-h"}, false}, // a config file named -h
		{[]string{"-j=4", "--json", "-help"}, true},
		{[]string{"fetch", "-h"}, false}, // the command's argument
		{[]string{"--", "-h"}, false},
		{nil, false},
	}
	for _, tt := range tests {
		if got := asksHelp(tt.args); got != tt.want {
			t.Errorf("asksHelp(%q) = %v, want %v", tt.args, got, tt.want)
		}
	}
}
