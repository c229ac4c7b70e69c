// Package units writes sizes and counts as people read them: "7.9 MB",
// "136,395". Every command and engine message uses it, so a size reads
// the same everywhere.
package units

import "github.com/dustin/go-humanize"

// Comma writes an integer with thousands separators: 136,395.
func Comma(n int64) string { return humanize.Comma(n) }
