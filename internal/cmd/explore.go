package cmd

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"

	"github.com/bcnvisuals/autobackup/internal/index"
	"github.com/bcnvisuals/autobackup/internal/table"
)

var cmdExplore = &Command{
	Name:  "explore",
	Usage: []string{"explore CLIENT/PROJECT CATEGORY DATABASE"},
	Short: "open a project's folder in the file manager",
	Long: `explore opens the system's file manager at <DATABASE root>/<category>/<client>/<project>.
The file manager is $AUTOBACKUP_EXPLORER when set, else xdg-open on Linux,
open on macOS and explorer on Windows. It is started directly, with the
folder's absolute path as its one argument (no shell is involved, so no
name can run anything), and the shell does not wait for it.

Where no file manager can be started (no display, no program), explore
prints the folder's absolute path and says why, so it can be opened by
hand. The path is printed in any case.`,
	Complete: map[string]Completer{
		"CLIENT/PROJECT": completeProjects,
		"CATEGORY":       completeCategories,
		"DATABASE":       completeDatabases,
	},
	Run: runExplore,
}

func runExplore(ctx context.Context, s *Session, a Args) error {
	if err := s.needLoaded(); err != nil {
		return err
	}
	d, err := s.database(a.Get("DATABASE"))
	if err != nil {
		return err
	}
	c, err := s.category(a.Get("CATEGORY"))
	if err != nil {
		return err
	}
	p, err := index.SplitProject(a.Get("CLIENT/PROJECT"))
	if err != nil {
		return err
	}
	if err := checkOnline(d); err != nil {
		return err // an offline drive cannot be opened, whatever it held
	}
	if _, ok := s.Index.Location(d.Name, c.Name, p); !ok {
		if _, err := matchProjects(ctx, s, p.String()); err != nil {
			return err
		}
		return fmt.Errorf("%s has no %s in %s", p, c.Name, d.Name)
	}
	dir := s.Index.Path(d, c, p)
	if !isFolder(dir) {
		return fmt.Errorf("%s is gone since the last load", dir)
	}
	opened, why := openFolder(dir)
	return s.show(exploreJSON{Path: dir, Opened: opened, Why: why})
}

// exploreJSON is what explore prints: the folder, and whether a file
// manager was started on it.
type exploreJSON struct {
	Path   string `json:"path"`
	Opened bool   `json:"opened"`
	Why    string `json:"why,omitempty"` // why it was not opened
}

func (e exploreJSON) jsonValue() any { return e }

func (e exploreJSON) writeText(s *Session) error {
	s.Printf("%s\n", table.Escape(e.Path))
	if !e.Opened {
		s.Warnf("%s", e.Why)
	}
	return nil
}

// openFolder starts the file manager on dir without waiting for it, or says why
// it cannot.
func openFolder(dir string) (bool, string) {
	opener, why := fileManager()
	if opener == "" {
		return false, "no file manager to open it: " + why
	}
	cmd := exec.Command(opener, dir)
	if err := cmd.Start(); err != nil {
		return false, fmt.Sprintf("could not start %s: %v", opener, err)
	}
	go cmd.Wait() // reap it whenever it ends; the shell goes on now
	return true, ""
}

// fileManager returns the program that opens folders, or why there is none.
func fileManager() (string, string) {
	if e := os.Getenv("AUTOBACKUP_EXPLORER"); e != "" {
		return lookPath(e)
	}
	switch runtime.GOOS {
	case "darwin":
		return lookPath("open")
	case "windows":
		return lookPath("explorer")
	}
	if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		return "", "no display (DISPLAY and WAYLAND_DISPLAY are unset)"
	}
	return lookPath("xdg-open")
}

func lookPath(name string) (string, string) {
	p, err := exec.LookPath(name)
	if err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return "", name + " is not installed"
		}
		return "", err.Error()
	}
	return p, ""
}
