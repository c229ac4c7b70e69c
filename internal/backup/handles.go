package backup

import (
	"path"
	"sync"

	"github.com/bcnvisuals/autobackup/internal/fsys"
)

// handles opens the folders of one side of a location once each, from
// the location's own folder one name at a time, each checked against the
// identity it must have, so that an operation on a file names it within
// its folder in one system call and never lands in a folder another
// program moved into its place. A batch of files opens a bounded number
// of folders; a caller that works through more calls trim between steps.
type handles struct {
	base fsys.Dir                     // the location's folder
	rel  string                       // its path from the database root
	want func(string) (fsys.ID, bool) // the identity a folder must have, by path from the root
	max  int

	mu   sync.Mutex
	open map[string]fsys.Dir
}

func newHandles(base fsys.Dir, rel string, want func(string) (fsys.ID, bool), limit int) *handles {
	return &handles{base: base, rel: rel, want: want, max: max(1, limit), open: map[string]fsys.Dir{}}
}

// get returns the folder dir, a path inside the location ("." for the
// location itself).
func (h *handles) get(dir string) (fsys.Dir, error) {
	if dir == "." || dir == "" {
		return h.base, nil
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if d, ok := h.open[dir]; ok {
		return d, nil
	}
	d, err := fsys.WalkCheck(h.base, dir, func(p string) (fsys.ID, bool) { return h.want(path.Join(h.rel, p)) })
	if err != nil {
		return nil, err
	}
	h.open[dir] = d
	return d, nil
}

// closeAll closes every folder it opened. No one may be using them.
func (h *handles) closeAll() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closeLocked()
}

func (h *handles) closeLocked() {
	for dir, d := range h.open {
		d.Close()
		delete(h.open, dir)
	}
}

// trim closes every folder once max are open. The caller must be the only
// user of the folders it returned.
func (h *handles) trim() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.open) >= h.max {
		h.closeLocked()
	}
}

// count is how many folders are open.
func (h *handles) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.open)
}
