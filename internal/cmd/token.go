package cmd

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token is one word of a command line, after quotes and escapes are removed.
type Token struct {
	Value string // the word as the command sees it
	Start int    // byte offset of the word's first character in the line
	End   int    // byte offset just past the word's last character
}

// Errors returned by Split for a line that cannot be a command.
var (
	ErrUnclosedQuote = errors.New("unclosed quote")
	ErrTrailingSlash = errors.New("backslash at end of line")
)

// quote is the quoting state of the lexer at some point in a line.
type quote byte

const (
	unquoted quote = 0
	single   quote = '\''
	double   quote = '"'
	ansi     quote = '$' // $'...', where \n, \t, \xHH and the like are escapes
)

// lexer splits a line into tokens with shell-like rules: white space
// separates words, 'single' and "double" quotes group them, a backslash
// escapes the next character (inside double quotes only \" and \\ are
// escapes), $'...' holds control characters as escapes (\n, \t, \x1b,
// as in bash), and a # at the start of a word begins a comment.
type lexer struct {
	tokens  []Token
	cur     strings.Builder
	inWord  bool
	start   int
	state   quote
	escaped bool
	dollar  bool // a $ was read, which opens $'...' if a quote follows
	hex     int  // hex digits still to read of a \xHH in $'...'
	hexVal  byte
}

// Split breaks a command line into tokens. It returns an error for an
// unclosed quote or a trailing backslash.
func Split(line string) ([]Token, error) {
	lx := lex(line)
	switch {
	case lx.state != unquoted:
		return nil, ErrUnclosedQuote
	case lx.escaped:
		return nil, ErrTrailingSlash
	}
	lx.endDollar()
	lx.flush(len(line))
	return lx.tokens, nil
}

// Words is Split without the offsets.
func Words(line string) ([]string, error) {
	toks, err := Split(line)
	if err != nil {
		return nil, err
	}
	words := make([]string, len(toks))
	for i, t := range toks {
		words[i] = t.Value
	}
	return words, nil
}

// lex runs the lexer over the whole line and returns its final state, so
// that completion can see a word that is still being typed.
func lex(line string) *lexer {
	lx := &lexer{}
	for i := 0; i < len(line); {
		r, size := utf8.DecodeRuneInString(line[i:])
		if lx.step(i, r, line[i:i+size]) {
			break
		}
		i += size
	}
	return lx
}

// step consumes the rune r, written raw, at offset i. Bytes that are not
// UTF-8 are kept as they are, since file names may hold them. It reports
// true when the rest of the line is a comment.
func (lx *lexer) step(i int, r rune, raw string) bool {
	if lx.state == ansi {
		lx.stepANSI(r, raw)
		return false
	}
	if lx.escaped {
		lx.escaped = false
		lx.cur.WriteString(raw)
		return false
	}
	if lx.dollar {
		lx.dollar = false
		if lx.state == unquoted && r == '\'' {
			lx.state = ansi
			return false
		}
		lx.cur.WriteByte('$')
	}
	switch lx.state {
	case single:
		if r == '\'' {
			lx.state = unquoted
		} else {
			lx.cur.WriteString(raw)
		}
		return false
	case double:
		switch r {
		case '"':
			lx.state = unquoted
		case '\\':
			lx.escaped = true
		default:
			lx.cur.WriteString(raw)
		}
		return false
	}
	switch {
	case r == ' ' || r == '\t' || r == '\n' || r == '\r':
		lx.flush(i)
		return false
	case r == '#' && !lx.inWord:
		return true
	}
	lx.begin(i)
	switch r {
	case '\'':
		lx.state = single
	case '"':
		lx.state = double
	case '\\':
		lx.escaped = true
	case '$':
		lx.dollar = true
	default:
		lx.cur.WriteString(raw)
	}
	return false
}

// endDollar writes a $ that no quote followed.
func (lx *lexer) endDollar() {
	if lx.dollar {
		lx.dollar = false
		lx.cur.WriteByte('$')
	}
}

// ansiEscapes are the one-letter escapes of $'...'.
var ansiEscapes = map[rune]byte{'a': '\a', 'b': '\b', 'e': 0x1b, 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t', 'v': '\v',
	'\\': '\\', '\'': '\'', '"': '"'}

// stepANSI consumes a rune inside $'...'.
func (lx *lexer) stepANSI(r rune, raw string) {
	if lx.hex > 0 {
		if d, ok := hexDigit(r); ok {
			lx.hexVal = lx.hexVal<<4 | d
			if lx.hex--; lx.hex == 0 {
				lx.cur.WriteByte(lx.hexVal)
			}
			return
		}
		lx.cur.WriteByte(lx.hexVal) // \x with one digit
		lx.hex = 0
	}
	switch {
	case lx.escaped:
		lx.escaped = false
		if r == 'x' {
			lx.hex, lx.hexVal = 2, 0
		} else if b, ok := ansiEscapes[r]; ok {
			lx.cur.WriteByte(b)
		} else {
			lx.cur.WriteString("\\" + raw) // not an escape: kept as written
		}
	case r == '\\':
		lx.escaped = true
	case r == '\'':
		lx.state = unquoted
	default:
		lx.cur.WriteString(raw)
	}
}

func hexDigit(r rune) (byte, bool) {
	switch {
	case r >= '0' && r <= '9':
		return byte(r - '0'), true
	case r >= 'a' && r <= 'f':
		return byte(r - 'a' + 10), true
	case r >= 'A' && r <= 'F':
		return byte(r - 'A' + 10), true
	}
	return 0, false
}

func (lx *lexer) begin(i int) {
	if !lx.inWord {
		lx.inWord = true
		lx.start = i
	}
}

func (lx *lexer) flush(end int) {
	lx.endDollar()
	if !lx.inWord {
		return
	}
	lx.tokens = append(lx.tokens, Token{Value: lx.cur.String(), Start: lx.start, End: end})
	lx.cur.Reset()
	lx.inWord = false
}

// Quote returns s written so that Split reads it back as one token equal
// to s, on one line: control characters are written as $'...' escapes.
// Plain words are returned unchanged.
func Quote(s string) string {
	switch {
	case s != "" && !needsQuote(s):
		return s
	case strings.ContainsFunc(s, unicode.IsControl):
		return "$'" + escapeIn(ansi, s) + "'"
	case !strings.Contains(s, "'"):
		return "'" + s + "'"
	}
	return `"` + escapeIn(double, s) + `"`
}

func needsQuote(s string) bool {
	return strings.ContainsAny(s, " \t\n\r'\"\\$") || strings.HasPrefix(s, "#") || strings.ContainsFunc(s, unicode.IsControl)
}

// escapeIn writes s so that it reads back unchanged in quoting state q.
func escapeIn(q quote, s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		raw := s[i : i+size]
		i += size
		switch q {
		case double:
			if r == '"' || r == '\\' {
				b.WriteByte('\\')
			}
		case unquoted:
			if strings.ContainsRune(" \t\n\r'\"\\#", r) {
				b.WriteByte('\\')
			}
		case single:
			if r == '\'' {
				// Close, write an escaped quote, and reopen.
				b.WriteString(`'\''`)
				continue
			}
		case ansi:
			if e := ansiEscape(r, raw); e != "" {
				b.WriteString(e)
				continue
			}
		}
		b.WriteString(raw)
	}
	return b.String()
}

// ansiEscape writes one rune inside $'...': a control character, a byte
// that is not UTF-8, a quote or a backslash as an escape, else "".
func ansiEscape(r rune, raw string) string {
	switch {
	case r == '\\' || r == '\'':
		return "\\" + raw
	case r == utf8.RuneError && len(raw) == 1:
		return fmt.Sprintf("\\x%02x", raw[0])
	case unicode.IsControl(r) && r < 0x80:
		for letter, b := range ansiEscapes {
			if rune(b) == r && letter != '\\' && letter != '\'' && letter != '"' {
				return "\\" + string(letter)
			}
		}
		return fmt.Sprintf("\\x%02x", r)
	case unicode.IsControl(r):
		var b strings.Builder
		for i := 0; i < len(raw); i++ {
			fmt.Fprintf(&b, "\\x%02x", raw[i])
		}
		return b.String()
	}
	return ""
}
