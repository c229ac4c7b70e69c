package units

import (
	"math/bits"
	"strconv"
)

var sizeSuffixes = []string{"B", "kB", "MB", "GB", "TB", "PB", "EB"}

// Bytes writes a size in SI units as go-humanize's Bytes does ("0 B",
// "820 kB", "1.2 GB"), in integer arithmetic and without fmt.Sprintf,
// which dominated the time of a large fetch. The one difference: a size
// that rounds up to 1000 of a unit is written as 1.0 of the next, where
// humanize writes "1000 kB". A test holds the two equal otherwise, over a
// million sizes and every power-of-ten boundary.
func Bytes(n int64) string {
	return string(AppendBytes(make([]byte, 0, 12), n))
}

// AppendBytes appends Bytes(n) to buf.
func AppendBytes(buf []byte, n int64) []byte {
	if n < 0 {
		buf = append(buf, '-')
		n = -n
	}
	s := uint64(n)
	if s < 10 {
		buf = strconv.AppendUint(buf, s, 10)
		return append(buf, " B"...)
	}
	e, unit := 0, uint64(1)
	for s/unit >= 1000 {
		e++
		unit *= 1000
	}
	if s/unit < 10 {
		// One decimal: round s/unit to tenths, half up.
		tenths := divRound(s, 10, unit)
		if tenths >= 100 {
			buf = strconv.AppendUint(buf, tenths/10, 10) // 9.96 became 10
		} else {
			buf = strconv.AppendUint(buf, tenths/10, 10)
			buf = append(buf, '.', byte('0'+tenths%10))
		}
	} else if whole := divRound(s, 1, unit); whole < 1000 || e == len(sizeSuffixes)-1 {
		buf = strconv.AppendUint(buf, whole, 10)
	} else {
		// 999.5 kB rounds up to the next unit: "1.0 MB", where humanize
		// would say "1000 kB".
		e++
		buf = append(buf, "1.0"...)
	}
	buf = append(buf, ' ')
	return append(buf, sizeSuffixes[e]...)
}

// AppendCount appends n with commas between groups of three digits, as
// go-humanize's Comma writes it: 1,234,567.
func AppendCount(buf []byte, n int64) []byte {
	if n < 0 {
		buf = append(buf, '-')
		n = -n
	}
	digits := strconv.AppendUint(nil, uint64(n), 10)
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, d)
	}
	return buf
}

// divRound returns s*mul/unit rounded half up, without overflow.
func divRound(s, mul, unit uint64) uint64 {
	if s < 1<<59 {
		return (s*mul + unit/2) / unit
	}
	hi, lo := bits.Mul64(s, mul)
	lo, carry := bits.Add64(lo, unit/2, 0)
	hi += carry
	q, _ := bits.Div64(hi, lo, unit)
	return q
}
