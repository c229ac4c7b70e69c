package backup

import (
	"fmt"

	"github.com/bcnvisuals/autobackup/internal/checksum"
	"github.com/bcnvisuals/autobackup/internal/fsys"
	"github.com/bcnvisuals/autobackup/internal/march"
)

func (pl *planner) file(it Item, in march.Folder, destHas bool) error {
	if it.Links > 1 {
		pl.groups[it.ID] = append(pl.groups[it.ID], len(pl.lp.Items))
	}
	if !destHas {
		it.Op = OpCopy
		pl.add(it)
		return nil
	}
	why, err := pl.differs(it, in)
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
// or "" when they are the same: by march's rule (size and modification
// time at the coarser precision of the two databases), or by content with
// --checksum.
func (pl *planner) differs(it Item, in march.Folder) (string, error) {
	d := march.Compare(&it.Entry, &it.Dest, pl.plan.Precision)
	if d == march.Time && pl.plan.Options.Checksum {
		d = march.Same // --checksum: same size, so the content decides
	}
	if d == march.Same && pl.plan.Options.Checksum {
		bufA, bufB := make([]byte, bufSize), make([]byte, bufSize)
		a, b, err := checksum.Both(pl.ctx, in.A, it.Name, in.B, it.Name, bufA, bufB, nil)
		if err != nil {
			return "", fmt.Errorf("%s: hash %s: %w", pl.lp.Name(), it.Rel, err)
		}
		if a != b {
			d = march.Content
		}
	}
	if d == march.Same {
		return "", nil
	}
	return pl.describe(d, it), nil
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
