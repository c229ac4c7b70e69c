package backup

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bcnvisuals/autobackup/internal/fsys"
)

// TestRunRealDiskFull copies onto a small tmpfs that fills up during the
// copy: the free-space check passes (it counts bytes, while tmpfs spends a
// 4 KB page on each small file), then writes fail with ENOSPC. Nothing
// partial may reach a final name, the file already there must survive, and
// once the volume is grown the same copy must finish. It needs to mount,
// so it is skipped where that is not allowed.
func TestRunRealDiskFull(t *testing.T) {
	to := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", to).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", "-l", to).Run() })

	src := tree{}
	for i := range 120 {
		src[fmt.Sprintf("frames/f%03d.exr", i)] = strings.Repeat(string(rune('a'+i%26)), 1000)
	}
	from := t.TempDir()
	write(t, filepath.Join(from, "footage/acme/spot"), src)
	write(t, filepath.Join(to, "footage/acme/spot"), tree{"kept.txt": "already here"})
	loc := Location{Category: "footage", Source: filepath.Join(from, "footage/acme/spot"), Dest: "footage/acme/spot"}

	_, res, err := copyAll(t, from, to, loc, Options{})
	if err != nil {
		t.Fatalf("the copy stopped instead of reporting the files: %v", err)
	}
	if len(res.Failed) == 0 || !strings.Contains(strings.Join(res.Failed, "\n"), "no space left on device") {
		t.Fatalf("no file failed for lack of space: %+v", res)
	}
	checkFinalNames(t, filepath.Join(from, "footage/acme/spot"), filepath.Join(to, "footage/acme/spot"))
	if b, err := os.ReadFile(filepath.Join(to, "footage/acme/spot/kept.txt")); err != nil || string(b) != "already here" {
		t.Fatalf("the file already there was harmed: %q, %v", b, err)
	}
	if temps := findTemps(t, to); len(temps) != 0 {
		t.Fatalf("temps left: %q", temps)
	}

	if out, err := exec.Command("mount", "-o", "remount,size=4m", to).CombinedOutput(); err != nil {
		t.Fatalf("grow the tmpfs: %v %s", err, out)
	}
	_, res, err = copyAll(t, from, to, loc, Options{})
	if err != nil || len(res.Failed) != 0 || res.Skipped+res.Copied != int64(len(src)) {
		t.Fatalf("after space was freed: %+v, %v", res, err)
	}
	checkFinalNames(t, filepath.Join(from, "footage/acme/spot"), filepath.Join(to, "footage/acme/spot"))
}

// checkFinalNames fails if a file under its final name differs from its
// source.
func checkFinalNames(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(dst, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() || fsys.IsTemp(d.Name()) {
			return err
		}
		rel, _ := filepath.Rel(dst, p)
		want, err := os.ReadFile(filepath.Join(src, rel))
		if errors.Is(err, fs.ErrNotExist) {
			return nil // a file of the destination's own
		}
		got, _ := os.ReadFile(p)
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from the source", rel)
		}
		return nil
	})
	must(t, err)
}
