package mhl

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestFormatDate(t *testing.T) {
	cest := time.FixedZone("CEST", 2*3600)
	india := time.FixedZone("IST", 5*3600+1800)
	tests := []struct {
		t     time.Time
		micro bool
		want  string
	}{
		{time.Date(2020, 1, 16, 9, 15, 0, 0, time.UTC), false, "2020-01-16T09:15:00+00:00"},
		{time.Date(2020, 1, 16, 9, 15, 0, 123456789, time.UTC), false, "2020-01-16T09:15:00+00:00"},
		{time.Date(2020, 1, 16, 9, 15, 0, 123456789, cest), true, "2020-01-16T09:15:00.123456+02:00"},
		{time.Date(2020, 1, 16, 9, 15, 0, 120000000, india), true, "2020-01-16T09:15:00.120000+05:30"},
		{time.Date(2020, 1, 16, 9, 15, 0, 999, time.UTC), true, "2020-01-16T09:15:00+00:00"}, // under a microsecond
	}
	for _, tt := range tests {
		if got := formatDate(tt.t, tt.micro); got != tt.want {
			t.Errorf("formatDate(%v, %v) = %q, want %q", tt.t, tt.micro, got, tt.want)
		}
		back, err := parseDate(tt.want)
		if err != nil || !back.Equal(tt.t.Truncate(time.Second)) && !tt.micro {
			t.Errorf("parseDate(%q) = %v, %v", tt.want, back, err)
		}
	}
}

func TestEscape(t *testing.T) {
	tests := []struct {
		in     string
		inAttr bool
		want   string
	}{
		{`a & b <c> "d" 'e'`, false, `a &amp; b &lt;c&gt; "d" 'e'`},
		{`a & b <c> "d" 'e'`, true, `a &amp; b &lt;c&gt; &quot;d&quot; 'e'`},
		{"line\nnext\ttab\rcr", false, "line\nnext\ttab&#xD;cr"},
		{"line\nnext\ttab\rcr", true, "line&#xA;next&#x9;tab&#xD;cr"},
		{"Clip ü 日本.mov", false, "Clip ü 日本.mov"},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		escape(&b, tt.in, tt.inAttr)
		if b.String() != tt.want {
			t.Errorf("escape(%q, %v) = %q, want %q", tt.in, tt.inAttr, b.String(), tt.want)
		}
	}
}

// Written text comes back as it was, whatever it holds.
func TestWriteReadText(t *testing.T) {
	g := goodGeneration()
	g.Creator.Comment = "two\nlines & <tags> \"quoted\"\r\n\ttabbed"
	g.Creator.Location = "  spaced  "
	g.Files[0].Path = "Clips/ü & <x> \"q\".mov"
	if err := validate(&g); err != nil {
		t.Fatal(err)
	}
	back, err := parseGeneration(encodeGeneration(&g))
	if err != nil {
		t.Fatal(err)
	}
	if back.Creator.Comment != g.Creator.Comment || back.Creator.Location != g.Creator.Location || back.Files[0].Path != g.Files[0].Path {
		t.Errorf("read back %q, %q, %q", back.Creator.Comment, back.Creator.Location, back.Files[0].Path)
	}
}

func TestPostOrder(t *testing.T) {
	var files []FileEntry
	for _, p := range []string{"z.txt", "B/b.txt", "A/AA/x", "a.txt", "A/a2", "A/a1"} {
		files = append(files, FileEntry{Path: p})
	}
	var dirs []DirEntry
	for _, p := range []string{"B", "A", "A/AA", "empty"} {
		dirs = append(dirs, DirEntry{Path: p})
	}
	var got []string
	for _, it := range postOrder(files, dirs) {
		if it.file != nil {
			got = append(got, it.file.Path)
		} else {
			got = append(got, it.dir.Path+"/")
		}
	}
	want := "A/AA/x A/AA/ A/a1 A/a2 A/ B/b.txt B/ empty/ a.txt z.txt"
	if strings.Join(got, " ") != want {
		t.Errorf("order %q, want %q", strings.Join(got, " "), want)
	}
}

func TestEncodeChain(t *testing.T) {
	got := string(encodeChain([]ChainEntry{{Seq: 1, Name: "0001_A_2020-01-16_091500Z.mhl", Format: C4, Hash: "c4x"}}))
	want := `<?xml version="1.0" encoding="UTF-8"?>
<ascmhldirectory xmlns="urn:ASC:MHL:DIRECTORY:v2.0">
  <hashlist sequencenr="1">
    <path>0001_A_2020-01-16_091500Z.mhl</path>
    <c4>c4x</c4>
  </hashlist>
</ascmhldirectory>
`
	if got != want {
		t.Errorf("chain:\n%s\nwant:\n%s", got, want)
	}
}
