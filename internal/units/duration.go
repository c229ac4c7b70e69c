package units

import (
	"strings"
	"time"
)

// Duration writes a setting's duration as it is typed: "15m", "2h",
// "1h30m", "45s", "0".
func Duration(d time.Duration) string {
	if d == 0 {
		return "0"
	}
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}
