// Command autobackup sees, compares and backs up a studio's project
// storage: several databases (work disk, storage array, NAS, archive) that
// hold the same categories of client projects.
//
// Usage:
//
//	autobackup [flags]                  open the shell
//	autobackup [flags] -f FILE          run a script of commands
//	autobackup [flags] COMMAND ARGS...  run one command
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/bcnvisuals/autobackup/internal/catalog"
	"github.com/bcnvisuals/autobackup/internal/cmd"
	"github.com/bcnvisuals/autobackup/internal/shell"
	"github.com/bcnvisuals/autobackup/internal/table"
)

// maxJobs is the most folders a scan reads at once.
const maxJobs = 256

// Exit statuses.
const (
	exitOK          = 0
	exitFailed      = 1
	exitUsage       = 2
	exitInterrupted = 130
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// options are the command-line flags.
type options struct {
	config    string
	noConfig  bool
	json      bool
	jobs      int
	version   bool
	file      string
	keepGoing bool
	catalog   string
	args      []string
}

const usageText = `usage: autobackup [flags]                  open the shell
       autobackup [flags] -f FILE          run the commands in FILE (- reads stdin)
       autobackup [flags] COMMAND ARGS...  run one command, such as: fetch acme/spot

The config file runs first: --config FILE, else $AUTOBACKUP_CONFIG, else
./.config, else %s.
'autobackup help' lists the commands.

flags:
`

func parseFlags(args []string, stdout, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("autobackup", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.config, "config", "", "run `FILE` at start-up instead of the usual config file")
	fs.BoolVar(&o.noConfig, "no-config", false, "run no config file")
	fs.BoolVar(&o.json, "json", false, "print each result as one JSON object per line")
	fs.IntVar(&o.jobs, "j", 0, "scan `N` folders at once (default 4 per CPU)")
	fs.BoolVar(&o.version, "version", false, "print the version and exit")
	fs.StringVar(&o.file, "f", "", "run the commands in `FILE`, stopping at the first error")
	fs.BoolVar(&o.keepGoing, "keep-going", false, "with -f, run on past failing commands")
	fs.StringVar(&o.catalog, "catalog", "", "the catalog `FILE` (default: one per config file, in the state folder)")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), usageText, userConfigPath())
		printFlags(fs)
	}
	if asksHelp(args) {
		fs.SetOutput(stdout) // asked for, so it is the result, not an error
		fs.Usage()
		return o, flag.ErrHelp
	}
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	o.args = fs.Args()
	jSet := false
	fs.Visit(func(f *flag.Flag) { jSet = jSet || f.Name == "j" })
	switch {
	case jSet && o.jobs < 1:
		return o, usageErr(fs, fmt.Sprintf("-j %d: want a number of at least 1", o.jobs))
	case o.jobs > maxJobs:
		fmt.Fprintf(stderr, "autobackup: -j %d: using %d, the most that helps\n", o.jobs, maxJobs)
		o.jobs = maxJobs
	case o.file != "" && len(o.args) > 0:
		return o, usageErr(fs, "-f runs a script; give no command as well")
	case o.config != "" && o.noConfig:
		return o, usageErr(fs, "--config and --no-config contradict each other")
	case o.keepGoing && o.file == "":
		return o, usageErr(fs, "--keep-going goes with -f FILE")
	}
	return o, nil
}

// asksHelp reports whether the flags, before the first argument that is
// not one, ask for the usage.
func asksHelp(args []string) bool {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "-h" || a == "-help" || a == "--help":
			return true
		case a == "--" || !strings.HasPrefix(a, "-"):
			return false
		case takesValue[strings.TrimLeft(a, "-")]:
			i++ // its value
		}
	}
	return false
}

// takesValue names the flags followed by a value (unless written -j=4).
var takesValue = map[string]bool{"f": true, "j": true, "config": true, "catalog": true}

// printFlags lists the flags as the README spells them: --config FILE,
// and one dash for one letter (-f FILE).
func printFlags(fs *flag.FlagSet) {
	tab := table.New()
	fs.VisitAll(func(f *flag.Flag) {
		arg, usage := flag.UnquoteUsage(f)
		name := "--" + f.Name
		if len(f.Name) == 1 {
			name = "-" + f.Name
		}
		if arg != "" && arg != "value" {
			name += " " + arg
		}
		tab.Row(name, usage)
	})
	tab.Row("-h, --help", "print this usage")
	tab.Indent = "  "
	tab.WriteTo(fs.Output())
}

func usageErr(fs *flag.FlagSet, msg string) error {
	fmt.Fprintf(fs.Output(), "autobackup: %s (autobackup -h shows the usage)\n", msg)
	return errUsage
}

var errUsage = errors.New("usage")

// run is the whole program; it returns the exit status.
func run(args []string, stdin *os.File, stdout, stderr io.Writer) int {
	o, err := parseFlags(args, stdout, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		return exitUsage
	}
	if o.version {
		fmt.Fprintln(stdout, "autobackup", version())
		return exitOK
	}
	if scriptNamed(o.args) {
		// The original tool ran a file given as its argument.
		fmt.Fprintf(stderr, "autobackup: %s is a file, not a command: to run a script: autobackup -f %s\n", o.args[0], cmd.Quote(o.args[0]))
		return exitUsage
	}
	needs := cmd.NeedsIndex
	if o.file == "" {
		needs = cmd.NeedsOf(o.args)
	}
	if needs == cmd.NeedsNothing {
		o.noConfig, o.config = true, ""
	}
	s := cmd.NewSession(stdout, stderr)
	s.SkipLoad = needs == cmd.NeedsLayout
	s.JSON, s.Jobs = o.json, o.jobs
	s.Terminal = isTerminal(stderr)
	s.Columns = columns(stdout)
	s.Color = isTerminal(stdout) && os.Getenv("NO_COLOR") == ""
	interrupts, stop := shell.NotifyInterrupts()
	defer stop()
	r := &shell.Runner{Session: s, Interrupts: interrupts}
	ctx := context.Background()

	if err := openCatalog(s, o); err != nil {
		fmt.Fprintf(stderr, "autobackup: %v\n", err)
		return exitFailed
	}
	defer s.CloseCatalog()
	found, err := runConfig(ctx, r, o)
	if err != nil {
		return status(err)
	}
	switch {
	case o.file != "":
		return status(runScript(ctx, r, o))
	case len(o.args) > 0:
		return status(runOne(ctx, r, o.args))
	case isTerminal(stdin):
		if !found {
			fmt.Fprintln(stderr, "No config file found.")
		}
		fmt.Fprintln(stderr, shell.StartLine(s))
		return status(r.Interactive(ctx, shell.HistoryFile(), nil))
	}
	return status(r.Lines(ctx, stdin, "stdin", shell.Shell))
}

// status maps how a run ended to the exit status.
func status(err error) int {
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, shell.ErrInterrupted):
		return exitInterrupted
	}
	return exitFailed
}

// configPath finds the config file: --config, then $AUTOBACKUP_CONFIG,
// then ./.config, then the user's config folder. An explicit choice must
// exist; the usual places may not.
func configPath(o options) (path string, explicit bool) {
	switch {
	case o.noConfig:
		return "", false
	case o.config != "":
		return o.config, true
	case os.Getenv("AUTOBACKUP_CONFIG") != "":
		return os.Getenv("AUTOBACKUP_CONFIG"), true
	}
	for _, p := range []string{".config", userConfigPath()} {
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
			return p, false
		}
	}
	return "", false
}

func userConfigPath() string {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "~/.config/autobackup/config"
	}
	return filepath.Join(dir, "autobackup", "config")
}

// runConfig runs the config file, with its results sent to stderr as text
// so that stdout holds only what the user asked for. It reports whether a
// config file was found.
func runConfig(ctx context.Context, r *shell.Runner, o options) (bool, error) {
	path, explicit := configPath(o)
	if path == "" {
		return false, nil
	}
	f, err := os.Open(path)
	if err != nil {
		if !explicit && errors.Is(err, os.ErrNotExist) {
			return false, nil
		}
		fmt.Fprintf(r.Session.Stderr, "config: %v\n", err)
		return false, shell.ErrFailed
	}
	defer f.Close()
	s := r.Session
	stdout, dir, json := s.Stdout, s.Dir, s.JSON
	s.Stdout, s.Dir, s.JSON, s.InConfig = s.Stderr, absDir(path, dir), false, true
	defer func() { s.Stdout, s.Dir, s.JSON, s.InConfig = stdout, dir, json, false }()
	return true, r.Lines(ctx, f, path, shell.StopAtError)
}

// openCatalog opens the catalog: --catalog FILE, else the config file's,
// in the user's state folder. With no config file and no --catalog there
// is none. A default catalog that cannot be opened is only a warning; a
// chosen one that cannot is an error.
func openCatalog(s *cmd.Session, o options) error {
	path := o.catalog
	if path == "" {
		config, _ := configPath(o)
		if config == "" {
			return nil
		}
		p, err := catalog.DefaultPath(config, os.Getenv("XDG_STATE_HOME"), os.Getenv("HOME"))
		if err != nil {
			s.Warnf("no catalog: %v", err)
			return nil
		}
		path = p
	}
	err := s.UseCatalog(path, time.Now())
	if err != nil && o.catalog == "" && !errors.Is(err, catalog.ErrNewer) {
		s.Warnf("no catalog: %v", err)
		return nil
	}
	return err
}

// runScript runs the -f file, taking relative paths from its folder.
func runScript(ctx context.Context, r *shell.Runner, o options) error {
	mode := shell.StopAtError
	if o.keepGoing {
		mode = shell.KeepGoing
	}
	if o.file == "-" {
		return r.Lines(ctx, os.Stdin, "stdin", mode)
	}
	f, err := os.Open(o.file)
	if err != nil {
		fmt.Fprintf(r.Session.Stderr, "autobackup: %v\n", err)
		return shell.ErrFailed
	}
	defer f.Close()
	dir := r.Session.Dir
	r.Session.Dir = absDir(o.file, dir)
	defer func() { r.Session.Dir = dir }()
	return r.Lines(ctx, f, o.file, mode)
}

func absDir(file, cwd string) string {
	if filepath.IsAbs(file) {
		return filepath.Dir(file)
	}
	return filepath.Join(cwd, filepath.Dir(file))
}

// runOne runs the command given on the command line. The shell has
// already split it into words, so each is quoted back for the tokenizer.
// scriptNamed reports whether the command line is only the name of a file
// that is not a command.
func scriptNamed(args []string) bool {
	if len(args) != 1 {
		return false
	}
	if _, known := cmd.Lookup(args[0]); known {
		return false
	}
	fi, err := os.Stat(args[0])
	return err == nil && fi.Mode().IsRegular()
}

func runOne(ctx context.Context, r *shell.Runner, args []string) error {
	quoted := make([]string, len(args))
	for i, a := range args {
		quoted[i] = cmd.Quote(a)
	}
	return r.Once(ctx, strings.Join(quoted, " "), "autobackup")
}

// columns measures the width lines must fit in: $COLUMNS when set, else
// the terminal's width when stdout is one; 0 (no limit) otherwise.
func columns(stdout io.Writer) func() int {
	return func() int {
		if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n > 0 {
			return max(n, 20)
		}
		if f, ok := stdout.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
			if w, _, err := term.GetSize(int(f.Fd())); err == nil {
				return w
			}
		}
		return 0
	}
}

func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// version is the module version the binary was built from, or "devel".
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel (no build information)"
	}
	return versionOf(bi)
}

// versionOf says which build this is: the module version the go command
// stamped from version control (a tag, or a pseudo-version naming the
// commit), the revision where only that is known, and whether the work
// tree had changes.
func versionOf(bi *debug.BuildInfo) string {
	settings := map[string]string{}
	for _, kv := range bi.Settings {
		settings[kv.Key] = kv.Value
	}
	v := bi.Main.Version
	switch {
	case v != "" && v != "(devel)":
	case settings["vcs.revision"] != "":
		v = "devel " + settings["vcs.revision"]
	default:
		return "devel (built without version control information; make build stamps it)"
	}
	if settings["vcs.modified"] == "true" && !strings.HasSuffix(v, "+dirty") {
		v += " (with uncommitted changes)"
	}
	return v + ", " + bi.GoVersion
}
