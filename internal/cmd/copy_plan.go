package cmd

import (
	"path"

	"github.com/bcnvisuals/autobackup/internal/backup"
	"github.com/bcnvisuals/autobackup/internal/table"
	"github.com/bcnvisuals/autobackup/internal/units"
)

// opNames are how the plan names what it will do.
var opNames = map[backup.Op]string{
	backup.OpCopy: "copy", backup.OpReplace: "replace", backup.OpSkip: "identical",
	backup.OpConflict: "conflict", backup.OpLink: "link", backup.OpMkdir: "mkdir", backup.OpIgnore: "skip",
	backup.OpFail: "fail",
}

func printPlan(s *Session, req *copyRequest, plan *backup.Plan) error {
	return s.show(planOutput{req, plan})
}

// planOutput is what copy -n prints: the plan, and what it comes to.
type planOutput struct {
	req  *copyRequest
	plan *backup.Plan
}

func (o planOutput) jsonValue() any { return planJSON(o.req, o.plan, o.plan.Totals()) }

func (o planOutput) writeText(s *Session) error {
	req, plan, t := o.req, o.plan, o.plan.Totals()
	tab := s.table().Flex(1, 2)
	for _, lp := range plan.Locations {
		if lp.Err != nil {
			tab.Row("fail", table.Escape(lp.Dest), lp.Err.Error())
			continue
		}
		for _, it := range lp.Items {
			if it.Kind == backup.KindDir && it.Op == backup.OpSkip {
				continue
			}
			tab.Row(opNames[it.Op], table.Escape(path.Join(lp.Dest, it.Rel)), planDetail(it))
		}
	}
	if _, err := tab.WriteTo(s.Stdout); err != nil {
		return err
	}
	if err := backup.CheckSpace(plan); err != nil {
		s.Warnf("%v", err)
	}
	free, _ := backup.FreeSpace(req.to.Root)
	s.Printf("would copy %s (%s) from %s to %s; %s (%s) identical; %s; %s free at %s\n",
		plural(int(t.CopyFiles), "file"), units.Bytes(t.CopyBytes), req.from.Name, req.to.Name,
		plural(int(t.SkipFiles), "file"), units.Bytes(t.SkipBytes), plural(int(t.Conflicts), "conflict"),
		units.Bytes(int64(free)), req.to.Name)
	return nil
}

func planDetail(it backup.Item) string {
	switch {
	case it.Op == backup.OpConflict || it.Op == backup.OpIgnore || it.Op == backup.OpFail:
		return it.Why
	case it.Op == backup.OpReplace:
		return units.Bytes(it.Size) + ", " + it.Why
	case it.Op == backup.OpLink:
		return "hard link to " + it.LinkTo
	case it.Kind == backup.KindSymlink:
		return "symlink to " + it.Target
	case it.Kind == backup.KindFile:
		return units.Bytes(it.Size)
	}
	return ""
}

type planItemJSON struct {
	Op   string `json:"op"`
	Path string `json:"path"`
	Size int64  `json:"size,omitempty"`
	Why  string `json:"why,omitempty"`
}

type copyJSON struct {
	From         string         `json:"from"`
	To           string         `json:"to"`
	DryRun       bool           `json:"dry_run"`
	Copied       int64          `json:"copied"`
	CopiedBytes  int64          `json:"copied_bytes"`
	Skipped      int64          `json:"skipped"`
	SkippedBytes int64          `json:"skipped_bytes"`
	Verified     int64          `json:"verified"`
	Replaced     int64          `json:"replaced"`
	Links        int64          `json:"links"`
	Symlinks     int64          `json:"symlinks"`
	Dirs         int64          `json:"dirs"`
	Conflicts    []string       `json:"conflicts"`
	Failed       []string       `json:"failed"`
	Changed      []string       `json:"changed"`
	Warnings     []string       `json:"warnings"`
	Cancelled    bool           `json:"cancelled"`
	Seconds      float64        `json:"seconds"`
	Plan         []planItemJSON `json:"plan,omitempty"`
}

func planJSON(req *copyRequest, plan *backup.Plan, t backup.Totals) copyJSON {
	out := copyJSON{From: req.from.Name, To: req.to.Name, DryRun: true,
		Copied: t.CopyFiles, CopiedBytes: t.CopyBytes, Skipped: t.SkipFiles, SkippedBytes: t.SkipBytes,
		Replaced: t.ReplaceFiles, Links: t.Links, Symlinks: t.Symlinks, Dirs: t.Dirs,
		Conflicts: nonNil(plan.Conflicts()), Failed: []string{}, Changed: []string{}, Warnings: []string{}, Plan: []planItemJSON{}}
	for _, lp := range plan.Locations {
		if lp.Err != nil {
			out.Plan = append(out.Plan, planItemJSON{Op: "fail", Path: lp.Dest, Why: lp.Err.Error()})
			continue
		}
		for _, it := range lp.Items {
			if it.Kind == backup.KindDir && it.Op == backup.OpSkip {
				continue
			}
			out.Plan = append(out.Plan, planItemJSON{Op: opNames[it.Op], Path: path.Join(lp.Dest, it.Rel), Size: it.Size, Why: it.Why})
		}
	}
	return out
}
