package mhl

import (
	"strings"
	"testing"
	"time"
)

// hashList wraps a <hashes> body in a minimal generation file.
func hashList(version, hashes string) []byte {
	return []byte(`<?xml version="1.0" encoding="UTF-8"?>
<hashlist version="` + version + `" xmlns="urn:ASC:MHL:v2.0">
  <creatorinfo><creationdate>2020-01-16T09:15:00Z</creationdate><hostname>h</hostname><tool>t</tool></creatorinfo>
  <processinfo><process>transfer</process></processinfo>
  <hashes>` + hashes + `</hashes>
</hashlist>`)
}

func TestParseGeneration(t *testing.T) {
	tests := []struct {
		name, version, hashes string
		check                 func(*Generation) bool
		err                   string
	}{
		{"formats it does not know are skipped", "2.0",
			`<hash><path size="0">e</path><xxh32 action="original">02cc5d05</xxh32><xxh64 action="original">EF46DB3751D8E999</xxh64></hash>`,
			func(g *Generation) bool {
				return len(g.Files[0].Hashes) == 1 && g.Files[0].Hashes[0].Value == "ef46db3751d8e999"
			}, ""},
		{"metadata is skipped", "2.0",
			`<hash><path>e</path><xxh64>ef46db3751d8e999</xxh64><metadata><x>1</x></metadata></hash>`,
			func(g *Generation) bool { return len(g.Files) == 1 && g.Files[0].Hashes[0].Action == "" }, ""},
		{"previous path and dates", "2.0",
			`<hash><path creationdate="2020-01-15T13:00:00" lastmodificationdate="2020-01-15T14:00:00.5+01:00">n</path>` +
				`<md5 hashdate="2020-01-16T09:15:00.000001+00:00">d41d8cd98f00b204e9800998ecf8427e</md5><previousPath>o</previousPath></hash>`,
			func(g *Generation) bool {
				f := g.Files[0]
				return f.PreviousPath == "o" && f.Created.Equal(time.Date(2020, 1, 15, 13, 0, 0, 0, time.UTC)) &&
					f.Modified.Equal(time.Date(2020, 1, 15, 13, 0, 0, 5e8, time.UTC)) && f.Hashes[0].Date.Nanosecond() == 1000
			}, ""},
		{"a version 1 file", "1.1", ``, nil, `version "1.1"`},
		{"a bad size", "2.0", `<hash><path size="-3">e</path></hash>`, nil, "not a byte count"},
		{"a bad date", "2.0", `<hash><path lastmodificationdate="yesterday">e</path></hash>`, nil, "not a date"},
		{"a bad action", "2.0", `<hash><path>e</path><xxh64 action="new">ef46db3751d8e999</xxh64></hash>`, nil, `action "new"`},
		{"a bad hash", "2.0", `<hash><path>e</path><md5>ef46db3751d8e999</md5></hash>`, nil, "32 hex digits"},
		{"no structure", "2.0", `<directoryhash><path>d</path><content><md5>d41d8cd98f00b204e9800998ecf8427e</md5></content></directoryhash>`,
			nil, "content or structure missing"},
		{"structure in another format", "2.0", `<directoryhash><path>d</path><content><md5>d41d8cd98f00b204e9800998ecf8427e</md5></content>` +
			`<structure><xxh64>ef46db3751d8e999</xxh64></structure></directoryhash>`, nil, "without a structure hash"},
	}
	for _, tt := range tests {
		g, err := parseGeneration(hashList(tt.version, tt.hashes))
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%s: err = %v, want %q", tt.name, err, tt.err)
			}
			continue
		}
		if err != nil || !tt.check(g) {
			t.Errorf("%s: %v, %+v", tt.name, err, g)
		}
	}
	if _, err := parseGeneration([]byte("<html/>")); err == nil {
		t.Error("an HTML file read as a generation")
	}
}

func TestParseChain(t *testing.T) {
	wrap := func(s string) []byte {
		return []byte(`<ascmhldirectory xmlns="urn:ASC:MHL:DIRECTORY:v2.0">` + s + `</ascmhldirectory>`)
	}
	c4 := "c459dsjfscH38cYeXXYogktxf4Cd9ibshE3BHUo6a58hBXmRQdZrAkZzsWcbWtDg5oQstpDuni4Hirj75GEmTc1sFT"
	got, err := parseChain(wrap(`<hashlist sequencenr="7"><path>0007_x.mhl</path><c4>` + c4 + `</c4></hashlist>`))
	if err != nil || len(got) != 1 || got[0] != (ChainEntry{Seq: 7, Name: "0007_x.mhl", Format: C4, Hash: c4}) || got[0].String() != "0007 0007_x.mhl" {
		t.Errorf("parseChain = %+v, %v", got, err)
	}
	for _, bad := range []string{
		`<hashlist sequencenr="x"><path>a</path><c4>` + c4 + `</c4></hashlist>`,
		`<hashlist sequencenr="0"><path>a</path><c4>` + c4 + `</c4></hashlist>`,
		`<hashlist sequencenr="1"><path>a</path></hashlist>`,
		`<hashlist sequencenr="1"><path>a</path><c4>c4short</c4></hashlist>`,
	} {
		if _, err := parseChain(wrap(bad)); err == nil {
			t.Errorf("parseChain(%s): no error", bad)
		}
	}
}
