package index

import (
	"testing"
)

func TestCanonical(t *testing.T) {
	tests := []struct{ in, want string }{
		{"acme", "acme"},
		{"Caf\u00e9", "Caf\u00e9"},  // composed, as Linux writes it
		{"Cafe\u0301", "Caf\u00e9"}, // decomposed, as macOS writes it
		{"e\u0301te\u0301", "\u00e9t\u00e9"},
		{"東京", "東京"},
	}
	for _, tt := range tests {
		if got := Canonical(tt.in); got != tt.want {
			t.Errorf("Canonical(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestNormalForms: a client and project named in NFC on one database and
// NFD on another are one, and each database's own bytes give its paths.
func TestNormalForms(t *testing.T) {
	nfc, nfd := "Caf\u00e9", "Cafe\u0301"
	st := func(n int64) *Stats { return &Stats{Bytes: n, Files: 1} }
	work := &Snapshot{Database: Database{Name: "WORK", Root: "/w"}, Online: true,
		Categories: map[string]Clients{"footage": {nfc: {"\u00e9t\u00e9": st(10)}}}}
	nas := &Snapshot{Database: Database{Name: "NAS", Root: "/n"}, Online: true,
		Categories: map[string]Clients{"footage": {nfd: {"e\u0301te\u0301": st(10)}}}}
	ix := New(work, nas)
	if got := ix.Clients(""); len(got) != 1 || got[0] != nfc {
		t.Fatalf("Clients = %q, want one, composed", got)
	}
	if got := ix.Clients("NAS"); len(got) != 1 || got[0] != nfc {
		t.Errorf("Clients(NAS) = %q", got)
	}
	ps := ix.Projects("")
	if len(ps) != 1 {
		t.Fatalf("Projects = %q, want one", ps)
	}
	p := ps[0]
	if n := len(ix.Locations(p)); n != 2 {
		t.Errorf("%d locations, want 2", n)
	}
	if _, ok := ix.Location("NAS", "footage", p); !ok {
		t.Error("NAS's location not found by the composed name")
	}
	if raw := ix.RawProject("NAS", p); raw.Client != nfd || raw.Name != "e\u0301te\u0301" {
		t.Errorf("RawProject(NAS) = %q", raw)
	}
	if raw := ix.RawProject("WORK", p); raw != p {
		t.Errorf("RawProject(WORK) = %q", raw)
	}
	c := Category{Name: "footage", Path: "footage"}
	if got, want := ix.Path(nas.Database, c, p), "/n/footage/"+nfd+"/e\u0301te\u0301"; got != want {
		t.Errorf("Path(NAS) = %q, want %q", got, want)
	}
	for _, pattern := range []Project{{nfd, "*"}, {nfc, "e\u0301te\u0301"}, {"Caf?", "*"}} {
		got, err := ix.MatchProjects(pattern.Client, pattern.Name, "")
		if err != nil || len(got) != 1 || got[0] != p {
			t.Errorf("MatchProjects(%q) = %q, %v", pattern, got, err)
		}
	}
	if tot := ix.Sum("WORK", "NAS"); tot.Clients != 1 || tot.Projects != 1 {
		t.Errorf("Sum = %d clients, %d projects, want 1, 1", tot.Clients, tot.Projects)
	}
}
