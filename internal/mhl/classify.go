package mhl

import (
	"fmt"
	"maps"
	"slices"
	"time"
)

// Classify returns the hash entries a new generation should record for
// the file at rel (relative to h's folder), given the hashes just
// computed for it, deciding each action as the reference tool does:
//
//   - a file without an original hash gets every hash as original;
//   - a hash in a format the file already has is verified when it equals
//     the first one recorded in that format, failed when it does not;
//   - a hash in a format new to the file is recorded as verified when
//     every format it already had verified, and left out otherwise.
//
// ok is false when a hash failed. Classify fails when the file has
// hashes on record but none in a format computed, as nothing could then
// be verified (compute one of the recorded formats too).
func (h *History) Classify(rel string, hashes map[Format]string, date time.Time) (entries []HashEntry, ok bool, err error) {
	formats := slices.Sorted(maps.Keys(hashes))
	norm := make(map[Format]string, len(hashes))
	for _, f := range formats {
		if norm[f], err = f.Normalize(hashes[f]); err != nil {
			return nil, false, fmt.Errorf("%s: %w", rel, err)
		}
	}
	rec, found := h.Lookup(rel)
	if !found || len(rec.Original) == 0 {
		for _, f := range formats {
			entries = append(entries, HashEntry{Format: f, Value: norm[f], Action: Original, Date: date})
		}
		return entries, true, nil
	}
	first := map[Format]string{}
	for _, e := range rec.Hashes {
		if _, seen := first[e.Format]; !seen {
			first[e.Format] = e.Value
		}
	}
	ok, compared := true, false
	for _, f := range formats {
		if want, known := first[f]; known {
			compared = true
			a := Verified
			if norm[f] != want {
				a, ok = Failed, false
			}
			entries = append(entries, HashEntry{Format: f, Value: norm[f], Action: a, Date: date})
		}
	}
	if !compared {
		return nil, false, fmt.Errorf("%s: recorded in %s, but none of these was computed", rel, recordedFormats(first))
	}
	if ok {
		for _, f := range formats {
			if _, known := first[f]; !known {
				entries = append(entries, HashEntry{Format: f, Value: norm[f], Action: Verified, Date: date})
			}
		}
	}
	slices.SortFunc(entries, func(a, b HashEntry) int { return a.Format.rank() - b.Format.rank() })
	return entries, ok, nil
}

// recordedFormats lists the formats of first, for a message.
func recordedFormats(first map[Format]string) string {
	s := ""
	for i, f := range slices.Sorted(maps.Keys(first)) {
		if i > 0 {
			s += ", "
		}
		s += string(f)
	}
	return s
}
