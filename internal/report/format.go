package report

import (
	"html/template"
	"math"
	"strconv"
	"time"

	"github.com/bcnvisuals/autobackup/internal/units"
)

// The layouts of times on the pages: minutes are enough for people, and
// the zone is the one the caller's times carry.
const (
	minuteLayout = "2006-01-02 15:04"
	zoneLayout   = "2006-01-02 15:04 MST"
	dayLayout    = "2006-01-02"
)

// size writes bytes as the command line does: "7.9 MB".
func size(n int64) string { return units.Bytes(n) }

// count writes n with thousands separators: "1,234".
func count(n int64) string { return string(units.AppendCount(nil, n)) }

// plural writes "1 file", "2 files", with n's thousands separated.
func plural(n int64, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return count(n) + " " + noun + "s"
}

// stamp writes a time to the minute, or when zero, the text given.
func stamp(t time.Time, zero string) string {
	if t.IsZero() {
		return zero
	}
	return t.Format(minuteLayout)
}

// day writes a time's date, or when zero, the text given.
func day(t time.Time, zero string) string {
	if t.IsZero() {
		return zero
	}
	return t.Format(dayLayout)
}

// duration writes d rounded as the command line rounds it: whole seconds
// from 10 s, tenths from 1 s, milliseconds below; an hour and more as
// "1h02m03s".
func duration(d time.Duration) string {
	switch {
	case d < 0:
		return "0s"
	case d >= 10*time.Second:
		d = d.Round(time.Second)
	case d >= time.Second:
		d = d.Round(100 * time.Millisecond)
	case d >= time.Millisecond:
		d = d.Round(time.Millisecond)
	default:
		d = d.Round(time.Microsecond)
	}
	return d.String()
}

// rate writes bytes per second over d, or "" when either is zero.
func rate(bytes int64, d time.Duration) string {
	secs := d.Seconds()
	if secs <= 0 || bytes <= 0 {
		return ""
	}
	return size(int64(float64(bytes)/secs)) + "/s"
}

// fraction is part/whole clamped to [0, 1]; 0 when whole is not positive.
func fraction(part, whole int64) float64 {
	if whole <= 0 || part <= 0 {
		return 0
	}
	return min(float64(part)/float64(whole), 1)
}

// width is the CSS of a bar segment f wide. It is built from a number
// only, so it is safe CSS.
func width(f float64) template.CSS {
	return template.CSS("width:" + strconv.FormatFloat(f*100, 'f', 1, 64) + "%")
}

// percent writes f as a whole percentage, rounded half up: "42%".
func percent(f float64) string {
	return strconv.Itoa(int(math.Round(f*100))) + "%"
}
