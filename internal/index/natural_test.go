package index

import (
	"slices"
	"sort"
	"testing"
)

func TestNaturalLess(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want bool // NaturalLess(a, b)
		rev  bool // NaturalLess(b, a)
	}{
		{"numbers by value", "shot2", "shot10", true, false},
		{"numbers by value reversed", "shot10", "shot2", false, true},
		{"bare numbers", "9", "10", true, false},
		{"long numbers", "99999999999999999999", "100000000000000000000", true, false},
		{"several runs", "s1e10", "s1e9", false, true},
		{"first run decides", "s2e1", "s10e1", true, false},
		{"leading zeros equal value, bytes tie-break", "shot01", "shot1", true, false},
		{"leading zeros longer first", "shot001", "shot01", true, false},
		{"leading zeros do not beat value", "shot002", "shot1", false, true},
		{"all zeros vs zero, bytes tie-break", "00", "0", false, true},
		{"zero vs empty run", "a0", "a", false, true},
		{"leading zeros then later difference wins", "v01b", "v1a", false, true},
		{"case folded", "apple", "Banana", true, false},
		{"case folded reversed", "Apple", "banana", true, false},
		{"case only, bytes tie-break", "Shot", "shot", true, false},
		{"case tie-break loses to later letter", "shota", "SHOTB", true, false},
		{"prefix first", "shot", "shot1", true, false},
		{"prefix first letters", "abc", "abcd", true, false},
		{"empty first", "", "a", true, false},
		{"equal strings", "shot10", "shot10", false, false},
		{"empty equal", "", "", false, false},
		{"digit after punctuation", "a-1", "a1", true, false},
		{"digit before letter", "a1", "aa", true, false},
		{"digit run before letter whatever its value", "a999", "ab", true, false},
		{"digit before colon", "a9", "a:", true, false},
		{"unicode letter after ascii", "zebra", "éclair", true, false},
		{"unicode case folded", "Éa", "éb", true, false},
		{"unicode case only, bytes tie-break", "É", "é", true, false},
		{"cyrillic case folded", "Бa", "бb", true, false},
		{"greek order", "α2", "α10", true, false},
		{"cjk numbers", "東京2", "東京10", true, false},
		{"kelvin sign folds to k", "\u212Aa", "kb", true, false},
		{"kelvin sign vs k, bytes tie-break", "k", "\u212A", true, false},
		{"non-ascii digits are not numbers", "a\u0662", "a\u0661\u0660", false, true},
		{"invalid utf-8 vs replacement, bytes tie-break", "\xff", "\uFFFD", false, true},
		{"invalid utf-8 after ascii", "z", "\xff", true, false},
		{"space before digit", "a 1", "a1", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NaturalLess(tt.a, tt.b); got != tt.want {
				t.Errorf("NaturalLess(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
			if got := NaturalLess(tt.b, tt.a); got != tt.rev {
				t.Errorf("NaturalLess(%q, %q) = %v, want %v", tt.b, tt.a, got, tt.rev)
			}
		})
	}
}

func TestNaturalCompare(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		sign int
	}{
		{"equal", "abc", "abc", 0},
		{"case only", "ABC", "abc", 0},
		{"leading zeros only", "a007", "a7", 0},
		{"case and zeros", "Take01", "take1", 0},
		{"numbers", "a2", "a10", -1},
		{"prefix", "a", "a0", -1},
		{"longer", "ab", "a", 1},
		{"unicode case only", "ÜNÏ", "ünï", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sign(naturalCompare(tt.a, tt.b)); got != tt.sign {
				t.Errorf("naturalCompare(%q, %q) sign = %d, want %d", tt.a, tt.b, got, tt.sign)
			}
			if got := sign(naturalCompare(tt.b, tt.a)); got != -tt.sign {
				t.Errorf("naturalCompare(%q, %q) sign = %d, want %d", tt.b, tt.a, got, -tt.sign)
			}
		})
	}
}

func sign(c int) int {
	switch {
	case c < 0:
		return -1
	case c > 0:
		return 1
	}
	return 0
}

func TestCompareNumbers(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		sign int
	}{
		{"equal", "42", "42", 0},
		{"leading zeros", "0042", "42", 0},
		{"zeros", "000", "0", 0},
		{"shorter smaller", "9", "10", -1},
		{"same length", "19", "21", -1},
		{"zeros vs one", "000", "1", -1},
		{"beyond uint64", "18446744073709551616", "18446744073709551615", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sign(compareNumbers(tt.a, tt.b)); got != tt.sign {
				t.Errorf("compareNumbers(%q, %q) sign = %d, want %d", tt.a, tt.b, got, tt.sign)
			}
		})
	}
}

// tricky holds strings that stress the order: case, leading zeros, digits
// against punctuation and letters, prefixes, non-ASCII letters that fold,
// invalid UTF-8.
var tricky = []string{
	"", "0", "00", "000", "01", "1", "001", "10", "010", "2", "02", "9", "99",
	"a", "A", "a0", "a00", "a01", "a1", "A1", "a1b", "a1B", "A01b", "a10", "a2",
	"a02", "a-1", "a 1", "a.1", "a:", "a_", "aa", "aA", "Aa", "AA", "ab", "b",
	"shot", "Shot", "SHOT", "shot1", "shot01", "shot001", "shot2", "shot10",
	"shot010", "shot10a", "shot10A", "shot1a", "Shot1a",
	"é", "É", "e", "E", "f", "ünï", "ÜNÏ", "unï", "東京", "東京1", "東京01",
	"k", "K", "\u212A", "\u212A1", "k1", "\xff", "\xfe", "\uFFFD", "a\xff",
	"1a2b3", "1a02b3", "01a2b03", "x9y", "x10y", "x9Y",
}

func TestNaturalLessTotalOrder(t *testing.T) {
	for _, a := range tricky {
		if NaturalLess(a, a) {
			t.Errorf("NaturalLess(%q, %q) = true, want irreflexive", a, a)
		}
		for _, b := range tricky {
			ab, ba := NaturalLess(a, b), NaturalLess(b, a)
			if a != b && ab == ba {
				t.Errorf("NaturalLess(%q, %q) = %v and NaturalLess(%q, %q) = %v: want exactly one true", a, b, ab, b, a, ba)
			}
			for _, c := range tricky {
				if ab && NaturalLess(b, c) && !NaturalLess(a, c) {
					t.Errorf("%q < %q < %q but not %q < %q", a, b, c, a, c)
				}
			}
		}
	}
}

func TestNaturalLessSortStable(t *testing.T) {
	tests := []struct {
		name string
		in   []string
		want []string
	}{
		{
			name: "shots",
			in:   []string{"shot10", "shot2", "Shot1", "shot1", "shot01", "shot"},
			want: []string{"shot", "Shot1", "shot01", "shot1", "shot2", "shot10"},
		},
		{
			name: "clients",
			in:   []string{"zeta", "Alpha", "beta", "alpha", "Éclair", "eclair", "東京"},
			want: []string{"Alpha", "alpha", "beta", "eclair", "zeta", "Éclair", "東京"},
		},
		{
			name: "versions",
			in:   []string{"v1.10", "v1.9", "v1.1", "v1.01", "v2"},
			want: []string{"v1.01", "v1.1", "v1.9", "v1.10", "v2"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := slices.Clone(tt.in)
			sort.Slice(got, func(i, j int) bool { return NaturalLess(got[i], got[j]) })
			if !slices.Equal(got, tt.want) {
				t.Errorf("sorted = %q, want %q", got, tt.want)
			}
			// Every permutation we try sorts to the same order.
			rev := slices.Clone(tt.in)
			slices.Reverse(rev)
			sort.Slice(rev, func(i, j int) bool { return NaturalLess(rev[i], rev[j]) })
			if !slices.Equal(rev, tt.want) {
				t.Errorf("sorted from reverse = %q, want %q", rev, tt.want)
			}
			if !sort.SliceIsSorted(got, func(i, j int) bool { return NaturalLess(got[i], got[j]) }) {
				t.Errorf("sort.SliceIsSorted(%q) = false", got)
			}
		})
	}

	t.Run("tricky", func(t *testing.T) {
		a := slices.Clone(tricky)
		b := slices.Clone(tricky)
		slices.Reverse(b)
		less := func(s []string) func(i, j int) bool {
			return func(i, j int) bool { return NaturalLess(s[i], s[j]) }
		}
		sort.Slice(a, less(a))
		sort.Slice(b, less(b))
		if !slices.Equal(a, b) {
			t.Errorf("order depends on input order:\n%q\n%q", a, b)
		}
		for i := 1; i < len(a); i++ {
			if !NaturalLess(a[i-1], a[i]) {
				t.Errorf("sorted[%d] = %q, sorted[%d] = %q: want strictly increasing", i-1, a[i-1], i, a[i])
			}
		}
	})
}
