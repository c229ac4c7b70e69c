package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestCopyUnderLowFileLimit (issue 7, item 14): with a hard limit of 64
// open files, a copy of 900 files in 300 folders completes: the number of
// folders a batch holds open is sized to the limit.
func TestCopyUnderLowFileLimit(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh to set the limit with")
	}
	dir := t.TempDir()
	for i := range 900 {
		p := filepath.Join(dir, "WORK/footage/acme/spot", fmt.Sprintf("d%03d/f%d", i%300, i))
		must(t, os.MkdirAll(filepath.Dir(p), 0o755))
		must(t, os.WriteFile(p, []byte(p), 0o644))
	}
	must(t, os.MkdirAll(filepath.Join(dir, "NAS"), 0o755))
	cfg := filepath.Join(dir, "config")
	must(t, os.WriteFile(cfg, []byte("add database WORK WORK\nadd database NAS NAS\nadd category footage footage\nload\n"), 0o644))
	cmd := exec.Command("sh", "-c", `ulimit -n 64 && exec "$0" "$@"`, os.Args[0],
		"--config", cfg, "copy", "acme/spot", "footage", "WORK", "NAS")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), runMainEnv+"=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("copy under a limit of 64 open files: %v\n%s", err, out)
	}
	if diff := compareTrees(filepath.Join(dir, "WORK/footage/acme/spot"), filepath.Join(dir, "NAS/footage/acme/spot")); diff != "" {
		t.Fatalf("after the copy: %s\n%s", diff, out)
	}
}
