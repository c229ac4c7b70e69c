package table

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Escape returns s as it should be shown to a person: unchanged, unless it
// holds a character that would make it look like something else. Then it
// is written whole in the $'...' form of the command language (and of
// bash), where such characters are escapes:
//
//	"a\nb"          $'a\nb'
//	"x\x1b[8my"     $'x\e[8my'
//	"bad\xffname"   $'bad\xffname'
//
// Those characters are control characters (a newline would make one name
// look like two, an escape sequence could hide it), line and paragraph
// separators, the controls that reverse text direction, and bytes that
// are not UTF-8. A name that itself starts with $' is escaped too, so
// that a name shown in the $'...' form always holds such characters.
// Reading the result back with the command language gives s.
func Escape(s string) string {
	if !NeedsEscape(s) {
		return s
	}
	return "$'" + EscapeBody(s) + "'"
}

// EscapeBody writes s as the inside of the $'...' form: with every
// character that HasUnsafe looks for, and every \ and ', escaped.
func EscapeBody(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			writeHex(&b, 'x', uint32(s[i]), 2)
		case r == '\\' || r == '\'':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < utf8.RuneSelf && named[r] != 0:
			b.WriteByte('\\')
			b.WriteByte(named[r])
		case r < utf8.RuneSelf && unsafeRune(r):
			writeHex(&b, 'x', uint32(r), 2)
		case unsafeRune(r):
			writeHex(&b, 'u', uint32(r), 4)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// NeedsEscape reports whether Escape would change s: it holds a
// character that may not be shown as it is, or starts with $'.
func NeedsEscape(s string) bool {
	return strings.HasPrefix(s, "$'") || HasUnsafe(s)
}

// HasUnsafe reports whether s holds a character that may not be shown,
// or written in a script line, as it is: a control character, a line or
// paragraph separator, a text-direction control, or a byte that is not
// UTF-8.
func HasUnsafe(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == 0x7f {
			return true
		}
		if c >= utf8.RuneSelf {
			return needsEscapeSlow(s[i:])
		}
	}
	return false
}

func needsEscapeSlow(s string) bool {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || unsafeRune(r) {
			return true
		}
		i += size
	}
	return false
}

// unsafeRune reports whether r may not be shown as it is.
func unsafeRune(r rune) bool {
	switch {
	case unicode.IsControl(r):
		return true
	case r == '\u2028' || r == '\u2029': // line and paragraph separators
		return true
	case r == '\u061c' || r == '\u200e' || r == '\u200f': // direction marks
		return true
	case '\u202a' <= r && r <= '\u202e', '\u2066' <= r && r <= '\u2069': // direction overrides and isolates
		return true
	}
	return false
}

// named are the control characters with a one-letter escape.
var named = [utf8.RuneSelf]byte{
	'\a': 'a', '\b': 'b', '\t': 't', '\n': 'n', '\v': 'v', '\f': 'f', '\r': 'r', 0x1b: 'e',
}

const hexDigits = "0123456789abcdef"

// writeHex writes \xHH or \uHHHH.
func writeHex(b *strings.Builder, kind byte, v uint32, digits int) {
	b.WriteByte('\\')
	b.WriteByte(kind)
	for i := digits - 1; i >= 0; i-- {
		b.WriteByte(hexDigits[(v>>(4*i))&0xf])
	}
}
