package backup

import (
	"os"
	"sync"
)

// folders opens destination folders once each, as roots of their own, so
// that an operation on a file names it within its folder in one system
// call, instead of walking its path from the database root each time. A
// folder opened through the database's root is inside it, and a root
// never lets a name leave it, so this keeps every write inside the
// database.
type folders struct {
	root *os.Root
	mu   sync.Mutex
	open map[string]*os.Root
}

func newFolders(root *os.Root) *folders {
	return &folders{root: root, open: map[string]*os.Root{}}
}

// get returns the folder dir (relative to the database root), opening it
// the first time.
func (f *folders) get(dir string) (*os.Root, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if r, ok := f.open[dir]; ok {
		return r, nil
	}
	r, err := f.root.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	f.open[dir] = r
	return r, nil
}

// closeAll closes every open folder. No one may be using them.
func (f *folders) closeAll() {
	f.mu.Lock()
	defer f.mu.Unlock()
	for dir, r := range f.open {
		r.Close()
		delete(f.open, dir)
	}
}

// count is how many folders are open.
func (f *folders) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.open)
}
