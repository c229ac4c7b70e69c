package backup

import (
	"errors"
	"fmt"

	"github.com/bcnvisuals/autobackup/internal/fsys"
	"github.com/bcnvisuals/autobackup/internal/units"
)

// FreeSpace returns the bytes an unprivileged user may still write on the
// file system holding the folder root.
func FreeSpace(root string) (uint64, error) {
	d, err := fsys.OpenRoot(root)
	if err != nil {
		return 0, fmt.Errorf("free space of %s: %w", root, err)
	}
	defer d.Close()
	return d.FreeSpace()
}

// CheckSpace refuses a plan whose copies do not fit in the destination's
// free space.
func CheckSpace(p *Plan) error {
	d, err := fsys.OpenRoot(p.To)
	if err != nil {
		return fmt.Errorf("open destination %s: %w", p.To, err)
	}
	defer d.Close()
	return checkSpace(p, d)
}

func checkSpace(p *Plan, root fsys.Dir) error {
	need := uint64(p.Totals().CopyBytes)
	if need == 0 {
		return nil
	}
	free, err := root.FreeSpace()
	if err != nil {
		return err
	}
	if need > free {
		return fmt.Errorf("%w at %s: the copy needs %s (%d bytes), %s (%d bytes) are free",
			ErrNoSpace, p.To, units.Bytes(int64(need)), need, units.Bytes(int64(free)), free)
	}
	return nil
}

// lockDest takes the destination's copy lock, so that two copies never
// write into one database at once (and neither removes the other's temp
// files). It returns the function that releases it.
func lockDest(state fsys.Dir) (func(), error) {
	unlock, err := state.Lock(lockFile)
	if errors.Is(err, fsys.ErrLocked) {
		return nil, fmt.Errorf("%w (%s)", ErrBusy, state.Path())
	}
	if err != nil {
		return nil, fmt.Errorf("take the copy lock: %w", err)
	}
	return unlock, nil
}
