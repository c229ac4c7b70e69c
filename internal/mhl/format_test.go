package mhl

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// pattern1000 is the 1000 bytes (i*7+3) mod 251: longer than xxh3's
// short-input paths.
func pattern1000() []byte {
	b := make([]byte, 1000)
	for i := range b {
		b[i] = byte((i*7 + 3) % 251)
	}
	return b
}

// The vectors for "media-hash-list" are the README's and the reference
// tool's (tests/test_hasher.py); the others are what xxhsum -H1/-H2/-H3,
// md5sum and sha1sum print, and c4 as the reference computes it.
func TestFormatSum(t *testing.T) {
	inputs := map[string][]byte{
		"media-hash-list": []byte("media-hash-list"),
		"empty":           {},
		"1000":            pattern1000(),
	}
	tests := []struct {
		in   string
		f    Format
		want string
	}{
		{"media-hash-list", XXH128, "61a67c014f703a456ee7a776fd8c06bd"},
		{"media-hash-list", XXH3, "6d4cbd75905c81aa"},
		{"media-hash-list", XXH64, "584b2ea1974f2b7c"},
		{"media-hash-list", MD5, "9db0fc9f30f5ee70041a7538809e2858"},
		{"media-hash-list", SHA1, "7b57673ac5633937a55b59009ad0c57ee08188b7"},
		{"media-hash-list", C4, "c456LycWwpMMS7VDZEKvYv2L1uJS6s4qAFnaJdnQiy5JVbBFZMA8aLDS6SPaJjLqxXH4qZdnbuktopMt9frtC2qL1R"},
		{"empty", XXH128, "99aa06d3014798d86001c324468d497f"},
		{"empty", XXH3, "2d06800538d394c2"},
		{"empty", XXH64, "ef46db3751d8e999"},
		{"empty", MD5, "d41d8cd98f00b204e9800998ecf8427e"},
		{"empty", SHA1, "da39a3ee5e6b4b0d3255bfef95601890afd80709"},
		{"empty", C4, "c459dsjfscH38cYeXXYogktxf4Cd9ibshE3BHUo6a58hBXmRQdZrAkZzsWcbWtDg5oQstpDuni4Hirj75GEmTc1sFT"},
		{"1000", XXH128, "c9b8608879afb00fd45f5a87c5c20462"},
		{"1000", XXH3, "d45f5a87c5c20462"},
		{"1000", XXH64, "021f7a7424085ea4"},
		{"1000", MD5, "c90582fbbeb1275142915b85da61ade9"},
		{"1000", SHA1, "576418509284cbe426fa53fa4aa8da5fee1ab095"},
		{"1000", C4, "c42mTfLhGQm6fNjvxf7VdypbjiBbMrM3PXYKHVAcNjxLh86tHVgyub2rBVLDpzpKNS72xtZqoL5fixajfWmNaFRmBk"},
	}
	for _, tt := range tests {
		got, err := tt.f.Sum(inputs[tt.in])
		if err != nil || got != tt.want {
			t.Errorf("%s of %s = %q, %v; want %q", tt.f, tt.in, got, err, tt.want)
		}
		b, err := tt.f.Decode(tt.want)
		if err != nil {
			t.Errorf("Decode(%s %q): %v", tt.f, tt.want, err)
			continue
		}
		back, err := tt.f.Encode(b)
		if err != nil || back != tt.want {
			t.Errorf("Encode(Decode(%q)) = %q, %v", tt.want, back, err)
		}
	}
}

func TestHashReaderManyFormats(t *testing.T) {
	// Larger than the read buffer, so several reads feed every hasher.
	data := bytes.Repeat(pattern1000(), 3*readBufSize/1000)
	got, err := HashReader(context.Background(), bytes.NewReader(data), Formats()...)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range Formats() {
		want, _ := f.Sum(data)
		if got[f] != want {
			t.Errorf("HashReader %s = %q, want %q", f, got[f], want)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := HashReader(ctx, bytes.NewReader(data), XXH64); err == nil {
		t.Error("HashReader with a cancelled context: no error")
	}
}

func TestC4Padding(t *testing.T) {
	zero := make([]byte, 64)
	one := make([]byte, 64)
	one[63] = 1
	tests := []struct {
		digest []byte
		want   string
	}{
		{zero, "c4" + strings.Repeat("1", 88)},
		{one, "c4" + strings.Repeat("1", 87) + "2"},
	}
	for _, tt := range tests {
		got, err := C4.Encode(tt.digest)
		if err != nil || got != tt.want {
			t.Errorf("Encode(%x) = %q, %v; want %q", tt.digest, got, err, tt.want)
		}
		back, err := C4.Decode(got)
		if err != nil || !bytes.Equal(back, tt.digest) {
			t.Errorf("Decode(%q) = %x, %v", got, back, err)
		}
	}
}

func TestDecodeRejects(t *testing.T) {
	tests := []struct {
		f Format
		s string
	}{
		{XXH64, "584b2ea1974f2b7"},           // too short
		{XXH64, "584b2ea1974f2b7g"},          // not hex
		{MD5, "584b2ea1974f2b7c"},            // xxh64 length
		{C4, "c4" + strings.Repeat("0", 88)}, // '0' is no base58 digit
		{C4, "c5" + strings.Repeat("1", 88)},
		{C4, "c4" + strings.Repeat("z", 88)}, // more than 512 bits
		{Format("crc32"), "00000000"},
	}
	for _, tt := range tests {
		if _, err := tt.f.Decode(tt.s); err == nil {
			t.Errorf("Decode(%s, %q): no error", tt.f, tt.s)
		}
	}
}

func TestNormalize(t *testing.T) {
	got, err := XXH64.Normalize("584B2EA1974F2B7C")
	if err != nil || got != "584b2ea1974f2b7c" {
		t.Errorf("Normalize = %q, %v", got, err)
	}
}

func TestParseFormat(t *testing.T) {
	for _, f := range Formats() {
		if got, err := ParseFormat(string(f)); err != nil || got != f {
			t.Errorf("ParseFormat(%q) = %q, %v", f, got, err)
		}
	}
	for _, s := range []string{"", "XXH64", "xxh32", "sha256"} {
		if _, err := ParseFormat(s); err == nil {
			t.Errorf("ParseFormat(%q): no error", s)
		}
	}
}
