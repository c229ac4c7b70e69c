package cmd

import "strings"

// suggest returns the known word closest to w, or "" when none is close
// enough to be what the user meant: a prefix, a case difference, or at
// most a third of the letters wrong.
func suggest(w string, known []string) string {
	best, bestDist := "", -1
	for _, k := range known {
		d := distance(strings.ToLower(w), strings.ToLower(k))
		if strings.HasPrefix(strings.ToLower(k), strings.ToLower(w)) && w != "" {
			d = min(d, 1)
		}
		if bestDist < 0 || d < bestDist {
			best, bestDist = k, d
		}
	}
	limit := max(1, len([]rune(w))/3)
	if bestDist < 0 || bestDist > limit {
		return ""
	}
	return best
}

// distance is the Damerau-Levenshtein distance between a and b in runes,
// counting a swap of two neighbours as one edit ("fecth" is one from
// "fetch").
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
