package main

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/bcnvisuals/autobackup/internal/cmd"
)

// example is one `>>> command` block of the README and what it prints.
type example struct {
	line    int
	command string
	want    string
}

// readmeExamples reads the README's shell examples: an indented line
// starting with ">>> " and the indented lines after it.
func readmeExamples(t *testing.T) []example {
	t.Helper()
	f, err := os.Open("README.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []example
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		text := sc.Text()
		switch {
		case strings.HasPrefix(text, "    >>> "):
			out = append(out, example{line: n, command: strings.TrimPrefix(text, "    >>> ")})
		case strings.HasPrefix(text, "    ") && len(out) > 0 && out[len(out)-1].line+strings.Count(out[len(out)-1].want, "\n")+1 == n:
			out[len(out)-1].want += strings.TrimPrefix(text, "    ") + "\n"
		}
	}
	return out
}

// varying are the parts of output that change from run to run: how long
// something took, and rates.
var varying = regexp.MustCompile(`in [0-9.]+(ns|µs|ms|s|m[0-9.]+s)\b|at [0-9.,]+ [kMGT]?B/s|[0-9]{2}:[0-9]{2}, (just now|[0-9]+ min ago)`)

// TestReadmeExamples runs every `>>> ` example of the README, in order,
// against the demo studio (make demo), its root shown as /studio, and
// compares what it prints.
func TestReadmeExamples(t *testing.T) {
	dir := t.TempDir()
	studio := filepath.Join(dir, "studio")
	gen := exec.Command("go", "run", "./internal/tools/genstudio", "demo", studio)
	if out, err := gen.CombinedOutput(); err != nil {
		t.Fatalf("genstudio: %v\n%s", err, out)
	}
	t.Setenv("XDG_STATE_HOME", filepath.Join(dir, "state"))
	t.Setenv("NO_COLOR", "1")
	examples := readmeExamples(t)
	readme, err := filepath.Abs("README.md")
	if err != nil {
		t.Fatal(err)
	}
	fixes := map[int]string{}
	t.Chdir(studio)
	for _, ex := range examples {
		tokens, err := cmd.Split(ex.command)
		if err != nil {
			t.Fatalf("README.md:%d: %v", ex.line, err)
		}
		args := make([]string, len(tokens))
		for i, tok := range tokens {
			args[i] = tok.Value
		}
		var stdout, stderr bytes.Buffer
		run(args, nil, &stdout, &stderr)
		got := stdout.String()
		for _, l := range strings.SplitAfter(stderr.String(), "\n") {
			switch {
			case strings.HasPrefix(l, "autobackup: "):
				got += strings.TrimPrefix(l, "autobackup: ")
			case strings.HasPrefix(l, "warning: ") && args[0] == "load":
				got = l + got
			}
		}
		got = strings.ReplaceAll(got, studio, "/studio")
		if normalize(got) != normalize(ex.want) {
			t.Errorf("README.md:%d: >>> %s\ngot:\n%s\nwant:\n%s", ex.line, ex.command, got, ex.want)
			fixes[ex.line] = got
		}
	}
	if *update && len(fixes) > 0 {
		rewriteExamples(t, readme, fixes)
	}
}

// normalize leaves out what differs from run to run, and the width of
// columns (the studio's real root is longer than /studio).
func normalize(s string) string {
	s = varying.ReplaceAllString(s, "…")
	return spaces.ReplaceAllString(s, " ")
}

var spaces = regexp.MustCompile(` {2,}`)

// rewriteExamples puts what the examples printed into the README, for
// go test -run TestReadmeExamples -update.
func rewriteExamples(t *testing.T, readme string, fixes map[int]string) {
	b, err := os.ReadFile(readme)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	var out []string
	for i := 0; i < len(lines); i++ {
		out = append(out, lines[i])
		got, ok := fixes[i+1]
		if !ok {
			continue
		}
		for i+1 < len(lines) && strings.HasPrefix(lines[i+1], "    ") && !strings.HasPrefix(lines[i+1], "    >>> ") {
			i++ // the old output
		}
		for _, l := range strings.Split(strings.TrimSuffix(got, "\n"), "\n") {
			if l = strings.TrimRight(l, " "); l == "" {
				out = append(out, "    ") // a blank line inside the output keeps it one block
			} else {
				out = append(out, "    "+l)
			}
		}
	}
	if err := os.WriteFile(readme, []byte(strings.Join(out, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
}
