package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// allowedOS are the names of package os a package above the file-system
// seam may use: the process's surroundings, not files.
var allowedOS = []string{
	"Args", "Environ", "Getenv", "LookupEnv", "Getpid", "Getwd", "Hostname", "Executable",
	"UserHomeDir", "UserConfigDir", "Signal", "Interrupt", "Stdin", "Stdout", "Stderr",
	"ErrNotExist", "ErrExist", "ErrPermission", "PathError", "LinkError", "FileMode", "File",
}

// TestSeam (issue 9): no package but internal/fsys, main.go, the tools
// that write test trees and the test harnesses (testkit, sshtest, which
// run and watch other programs) calls the file system through os, syscall
// or x/sys/unix; everything else goes through fsys.
func TestSeam(t *testing.T) {
	var bad []string
	err := filepath.WalkDir("internal", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (p == "internal/fsys" || p == "internal/tools" || p == "internal/testkit" || p == "internal/sshtest" || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		bad = append(bad, seamBreaches(t, p)...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(bad) > 0 {
		t.Fatalf("calls below the file-system seam outside internal/fsys:\n%s", strings.Join(bad, "\n"))
	}
}

// seamBreaches lists the uses of os, syscall and unix in one file that
// are not allowed.
func seamBreaches(t *testing.T, p string) []string {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, p, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]string{} // local name → import path
	for _, imp := range f.Imports {
		path, _ := strconv.Unquote(imp.Path.Value)
		name := filepath.Base(path)
		if imp.Name != nil {
			name = imp.Name.Name
		}
		names[name] = path
	}
	var out []string
	ast.Inspect(f, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		id, ok := sel.X.(*ast.Ident)
		if !ok {
			return true
		}
		switch names[id.Name] {
		case "os":
			if slices.Contains(allowedOS, sel.Sel.Name) {
				return true
			}
		case "syscall", "golang.org/x/sys/unix":
		default:
			return true
		}
		out = append(out, fset.Position(sel.Pos()).String()+": "+id.Name+"."+sel.Sel.Name)
		return true
	})
	return out
}

// TestEnginesApart (issue 9): the engines (scan, compare, backup) read
// and write through fsys, and none imports another.
func TestEnginesApart(t *testing.T) {
	engines := []string{"scan", "compare", "backup"}
	for _, e := range engines {
		imports := map[string]bool{}
		files, err := filepath.Glob(filepath.Join("internal", e, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range files {
			if strings.HasSuffix(p, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(token.NewFileSet(), p, nil, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, imp := range f.Imports {
				path, _ := strconv.Unquote(imp.Path.Value)
				imports[path] = true
			}
		}
		if !imports["github.com/bcnvisuals/autobackup/internal/fsys"] {
			t.Errorf("engine %s does not go through fsys", e)
		}
		for _, other := range engines {
			if other != e && imports["github.com/bcnvisuals/autobackup/internal/"+other] {
				t.Errorf("engine %s imports engine %s", e, other)
			}
		}
	}
}
