package backup

import (
	"fmt"
	"time"

	"github.com/bcnvisuals/autobackup/internal/checksum"
	"github.com/bcnvisuals/autobackup/internal/fsys"
)

func (pl *planner) file(it Item, src, dst fsys.Dir, destHas bool) error {
	if it.Links > 1 {
		pl.groups[it.ID] = append(pl.groups[it.ID], len(pl.lp.Items))
	}
	if !destHas {
		it.Op = OpCopy
		pl.add(it)
		return nil
	}
	why, err := pl.differs(it, src, dst)
	if err != nil {
		return err
	}
	switch {
	case why == "":
		it.Op = OpSkip
	case pl.plan.Options.Overwrite && it.Dest.Kind == fsys.KindFile:
		it.Op, it.Why = OpReplace, why
	default:
		it.Op, it.Why = OpConflict, why
	}
	pl.add(it)
	return nil
}

// differs says how a source file differs from what is at the destination,
// or "" when they are the same: by size and modification time (at the
// coarser precision of the two databases), or by content with --checksum.
func (pl *planner) differs(it Item, src, dst fsys.Dir) (string, error) {
	d := it.Dest
	switch {
	case d.Kind != fsys.KindFile:
		return "a file here is a " + d.Kind.String() + " there", nil
	case d.Size != it.Size:
		return fmt.Sprintf("size differs: %d bytes here, %d there", it.Size, d.Size), nil
	case pl.plan.Options.Checksum:
		return pl.sameContent(it, src, dst)
	case !fsys.SameTime(it.ModTime, d.ModTime, pl.plan.Precision):
		return fmt.Sprintf("modification time differs: %s here, %s there",
			it.ModTime.UTC().Format(time.RFC3339Nano), d.ModTime.UTC().Format(time.RFC3339Nano)), nil
	}
	return "", nil
}

// sameContent hashes a source file and its destination, both at once
// (they are usually on two disks), and says "content differs" or "".
func (pl *planner) sameContent(it Item, src, dst fsys.Dir) (string, error) {
	var b checksum.Sum
	var errB error
	done := make(chan struct{})
	go func() {
		defer close(done)
		b, errB = hashEntry(pl.ctx, dst, it.Name)
	}()
	a, errA := hashEntry(pl.ctx, src, it.Name)
	<-done
	switch {
	case errA != nil:
		return "", fmt.Errorf("%s: hash %s: %w", pl.lp.Name(), it.Rel, errA)
	case errB != nil:
		return "", fmt.Errorf("%s: hash %s at the destination: %w", pl.lp.Name(), it.Rel, errB)
	case a != b:
		return "content differs", nil
	}
	return "", nil
}

// linkGroups keeps hard links linked: of the names of one file that are
// missing at the destination, all are linked to a name already there and
// identical, or else the first is copied and the rest linked to it.
func (pl *planner) linkGroups() {
	items := pl.lp.Items
	for _, group := range pl.groups {
		if len(group) < 2 {
			continue
		}
		leader := -1
		for _, i := range group {
			if items[i].Op == OpSkip {
				leader = i
				break
			}
		}
		for _, i := range group {
			if items[i].Op != OpCopy {
				continue
			}
			if leader < 0 {
				leader = i
				continue
			}
			items[i].Op, items[i].LinkTo = OpLink, items[leader].Rel
		}
	}
}
