package index

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// NaturalLess orders strings the way people read them: runs of digits
// compare by their numeric value, so "shot2" sorts before "shot10", and
// letters compare without regard to case. Strings that differ only in case
// or leading zeros are ordered by plain byte comparison, so the order is
// total and stable.
func NaturalLess(a, b string) bool { return NaturalCompare(a, b) < 0 }

// NaturalCompare is NaturalLess as a three-way comparison: -1, 0 or +1.
func NaturalCompare(a, b string) int {
	if c := naturalCompare(a, b); c != 0 {
		return c
	}
	return strings.Compare(a, b)
}

func naturalCompare(a, b string) int {
	for a != "" && b != "" {
		if isDigit(a[0]) && isDigit(b[0]) {
			var da, db string
			da, a = digitRun(a)
			db, b = digitRun(b)
			if c := compareNumbers(da, db); c != 0 {
				return c
			}
			continue
		}
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if c := compareFolded(ra, rb); c != 0 {
			return c
		}
		a, b = a[na:], b[nb:]
	}
	return len(a) - len(b)
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func digitRun(s string) (run, rest string) {
	i := 0
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return s[:i], s[i:]
}

// compareNumbers compares two runs of decimal digits by value, whatever
// their length.
func compareNumbers(a, b string) int {
	a = strings.TrimLeft(a, "0")
	b = strings.TrimLeft(b, "0")
	if len(a) != len(b) {
		return len(a) - len(b)
	}
	return strings.Compare(a, b)
}

func compareFolded(a, b rune) int {
	la, lb := toLower(a), toLower(b)
	switch {
	case la < lb:
		return -1
	case la > lb:
		return 1
	}
	return 0
}

func toLower(r rune) rune {
	if 'A' <= r && r <= 'Z' {
		return r + 'a' - 'A'
	}
	if r < utf8.RuneSelf {
		return r
	}
	return unicode.ToLower(r)
}
