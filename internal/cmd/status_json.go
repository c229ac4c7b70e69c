package cmd

import (
	"time"
)

type holdingJSON struct {
	Database string     `json:"database"`
	State    string     `json:"state"` // copy, stale, differs, incomplete
	Offline  bool       `json:"offline,omitempty"`
	Seen     *time.Time `json:"seen,omitempty"` // when an offline database was last seen
	Files    int64      `json:"files"`
	Bytes    int64      `json:"bytes"`
	Note     string     `json:"note,omitempty"`
}

type riskJSON struct {
	Project  string        `json:"project"`
	Category string        `json:"category"`
	Copies   int           `json:"copies"`
	Min      int           `json:"min"`
	HeldBy   []string      `json:"held_by"`
	Bytes    int64         `json:"bytes"`
	AtRisk   bool          `json:"at_risk"`
	Holdings []holdingJSON `json:"holdings"`
}

type statusOutJSON struct {
	Locations []riskJSON `json:"locations"`
	AtRisk    int        `json:"at_risk"`
	OnePlace  int64      `json:"bytes_in_one_place"`
	Uncounted []string   `json:"uncounted"` // unloaded databases, or offline ones never seen
}

func (o statusOutput) jsonValue() any {
	out := statusOutJSON{Locations: []riskJSON{}, Uncounted: nonNil(o.uncounted)}
	for _, l := range o.locs {
		lj := riskJSON{Project: l.Project.String(), Category: l.Category.Name, Copies: l.Copies(), Min: l.Min,
			HeldBy: nonNil(l.HeldBy()), Bytes: l.Bytes(), AtRisk: l.AtRisk(), Holdings: []holdingJSON{}}
		for _, h := range l.Holdings {
			hj := holdingJSON{Database: h.Database, State: h.State.String(), Offline: h.Offline,
				Files: h.Stats.Files, Bytes: h.Stats.Bytes, Note: h.Note}
			if h.Offline {
				seen := h.Seen.UTC()
				hj.Seen = &seen
			}
			lj.Holdings = append(lj.Holdings, hj)
		}
		out.Locations = append(out.Locations, lj)
	}
	out.AtRisk, out.OnePlace = atRisk(o.locs)
	return out
}
