package cmd

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"
)

func TestLoad(t *testing.T) {
	tests := []struct {
		line    string
		json    bool
		wantOut string // a regular expression
		wantErr string
	}{
		{line: "load", wantOut: `^loaded 3 databases \(2 online, 1 offline\): 3 clients, 5 projects, 1.3 kB in 8 files in [0-9.]+[µm]?s\n$`},
		{line: "load NAS", wantOut: `^loaded 1 database \(1 online, 0 offline\): 2 clients, 2 projects, 110 B in 2 files in `},
		{line: "load -v OFF", wantOut: `^No projects were found in 1 database \(0 online, 1 offline\)\n$`},
		{line: "load NAS WORK", wantOut: `^loaded 2 databases \(2 online, 0 offline\)`},
		{line: "load NSA", wantErr: `unknown database "NSA" (did you mean "NAS"?)`},
		{line: "load", json: true, wantOut: `^\{"databases":\[\{"name":"WORK","path":"[^"]+","online":true,"clients":2,"projects":4,"bytes":1156,"files":6,"errors":0\},` +
			`\{"name":"NAS".*"bytes":110,"files":2,"errors":0\},\{"name":"OFF","path":"/nonexistent/autobackup/OFF","online":false,"offline":"root /nonexistent/autobackup/OFF not found",.*\}\],"seconds":[0-9.e-]+\}\n$`},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			s, out, errs := studio(t)
			s.JSON = tt.json
			err := Run(context.Background(), s, tt.line)
			if errString(err) != tt.wantErr {
				t.Fatalf("error = %v, want %q", err, tt.wantErr)
			}
			if !regexp.MustCompile(tt.wantOut).MatchString(out.String()) {
				t.Fatalf("output %q does not match %s (stderr %q)", out, tt.wantOut, errs)
			}
		})
	}
}

func TestLoadWarnsAboutOffline(t *testing.T) {
	s, _, errs := studio(t)
	if err := Run(context.Background(), s, "load"); err != nil {
		t.Fatal(err)
	}
	want := "warning: database OFF is offline: root /nonexistent/autobackup/OFF not found\n"
	if errs.String() != want {
		t.Fatalf("stderr = %q, want %q", errs, want)
	}
}

func TestLoadOneKeepsTheOthers(t *testing.T) {
	s, out, _ := studio(t)
	if err := os.WriteFile(filepath.Join(s.Dir, "NAS/project/acme/spot/new.prj"), []byte("12345"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Run(context.Background(), s, "load NAS"); err != nil {
		t.Fatal(err)
	}
	if s.Index.Loaded() != 3 {
		t.Fatalf("index holds %d databases after load NAS", s.Index.Loaded())
	}
	out.Reset()
	if err := Run(context.Background(), s, "list clients in WORK"); err != nil || out.String() != "acme\nBig Co\n" {
		t.Fatalf("WORK after load NAS: %q, %v", out, err)
	}
	st, _ := s.Index.Location("NAS", "project", projectOf("acme/spot"))
	if st.Bytes != 105 || st.Files != 2 {
		t.Fatalf("NAS acme/spot after reload: %+v", st)
	}
}

func TestLoadCancelledKeepsIndex(t *testing.T) {
	s, _, _ := studio(t)
	before := s.Index
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := Run(ctx, s, "load")
	if err == nil || s.Index != before {
		t.Fatalf("cancelled load: err %v, index replaced %v", err, s.Index != before)
	}
	if want := "load cancelled; the previous index is kept"; err.Error() != want || !errors.Is(err, context.Canceled) {
		t.Fatalf("error %q, want %q", err, want)
	}
}

func TestLoadVerboseListsErrors(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads every folder")
	}
	s, out, _ := studio(t)
	locked := filepath.Join(s.Dir, "WORK/project/acme/spot/sub")
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(locked, 0o755)
	if err := Run(context.Background(), s, "load -v WORK"); err != nil {
		t.Fatal(err)
	}
	want := regexp.MustCompile(`; 1 path could not be read \(load -v lists them\)\n` + regexp.QuoteMeta(locked) + `: permission denied\n$`)
	if !want.MatchString(out.String()) {
		t.Fatalf("output %q", out)
	}
}

func TestLoadJSONVerbose(t *testing.T) {
	s, out, _ := studio(t)
	s.JSON = true
	if err := Run(context.Background(), s, "load --verbose"); err != nil {
		t.Fatal(err)
	}
	var got loadJSON
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Databases) != 3 || got.Databases[2].Online || got.Databases[0].Files != 6 {
		t.Fatalf("decoded %+v", got)
	}
}

func TestPlural(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{{0, "0 files"}, {1, "1 file"}, {2, "2 files"}, {1234567, "1,234,567 files"}}
	for _, tt := range tests {
		if got := plural(tt.n, "file"); got != tt.want {
			t.Errorf("plural(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

func TestRoundDuration(t *testing.T) {
	tests := []struct{ in, want time.Duration }{
		{12345 * time.Millisecond, 12 * time.Second},
		{1234 * time.Millisecond, 1200 * time.Millisecond},
		{1234567 * time.Microsecond, 1200 * time.Millisecond},
		{3456 * time.Microsecond, 3 * time.Millisecond},
		{1500 * time.Nanosecond, 2 * time.Microsecond},
	}
	for _, tt := range tests {
		if got := roundDuration(tt.in); got != tt.want {
			t.Errorf("roundDuration(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
