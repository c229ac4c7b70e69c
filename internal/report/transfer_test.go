package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestTransferOutcome(t *testing.T) {
	start := time.Date(2026, 9, 30, 21, 0, 0, 0, time.UTC)
	done := TransferLocation{Project: "acme/spot", Category: "footage", Files: 7, Bytes: 229_000, Skipped: 4, SkippedBytes: 312_000, Verified: 7}
	tests := []struct {
		name   string
		t      Transfer
		ok     bool
		banner string
		result string // the first location's
	}{
		{"copy complete", Transfer{Kind: "copy", From: "WORK", To: []string{"NAS"}, Started: start, Finished: start.Add(178 * time.Millisecond),
			Locations: []TransferLocation{done}}, true,
			"Copy complete: 7 files (229 kB) copied, 7 verified, no conflicts, nothing failed", "✓ done"},
		{"copy with conflicts", Transfer{Kind: "copy", From: "WORK", To: []string{"NAS"},
			Locations: []TransferLocation{{Files: 1, Bytes: 10, Conflicts: []string{"a", "b"}, Failed: []string{"c: no space"}}}}, false,
			"Copy finished with problems: 2 conflicts, 1 failed, 0 changed while read; 1 file (10 B) copied", "✗ 2 conflicts, 1 failure"},
		{"copy cancelled", Transfer{Kind: "copy", Cancelled: true, Locations: []TransferLocation{done}}, false,
			"Copy cancelled before the end: 7 files (229 kB) copied until then; 0 conflicts, 0 failed, 0 changed while read", "✓ done"},
		{"source changed", Transfer{Kind: "copy", Locations: []TransferLocation{{Changed: []string{"x.mov"}}}}, false,
			"Copy finished with problems: 0 conflicts, 0 failed, 1 changed while read; 0 files (0 B) copied", "✗ 1 change"},
		{"verify differs", Transfer{Kind: "verify", From: "WORK", To: []string{"NAS"},
			Locations: []TransferLocation{{Files: 2, Bytes: 2000, Verified: 1, Conflicts: []string{"b.mov: content"}}}}, false,
			"Verify finished with problems: 1 difference, 0 failed, 0 changed while read; 2 files (2.0 kB) hashed", "✗ 1 difference"},
		{"verify same", Transfer{Kind: "verify", Locations: []TransferLocation{{Files: 2, Bytes: 2000, Verified: 2}}}, true,
			"Verify complete: 2 files (2.0 kB) hashed, 2 identical, no differences, nothing failed", "✓ done"},
		{"free", Transfer{Kind: "free", From: "NAS", To: []string{"WORK", "STORAGE"},
			Locations: []TransferLocation{{Files: 3, Bytes: 3e9, Verified: 6}}}, true,
			"Free complete: 3 files (3.0 GB) freed, 6 re-verified, every other copy identical, nothing failed", "✓ done"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := tt.t.view()
			if v.OK != tt.ok || tt.t.OK() != tt.ok {
				t.Errorf("OK = %v, want %v", v.OK, tt.ok)
			}
			if v.Banner != tt.banner {
				t.Errorf("banner:\n got %q\nwant %q", v.Banner, tt.banner)
			}
			if v.Rows[0].Result != tt.result {
				t.Errorf("result = %q, want %q", v.Rows[0].Result, tt.result)
			}
			page := render(t, tt.t)
			class := map[bool]string{true: `<div class="banner ok"`, false: `<div class="banner bad"`}[tt.ok]
			if !strings.Contains(page, class) {
				t.Errorf("the page has no %s", class)
			}
		})
	}
}

func TestTransferRoute(t *testing.T) {
	tests := []struct {
		kind, from string
		to         []string
		want       string
	}{
		{"copy", "WORK", []string{"NAS", "STORAGE"}, "WORK → NAS, STORAGE"},
		{"verify", "WORK", []string{"NAS"}, "WORK ↔ NAS"},
		{"free", "NAS", []string{"WORK"}, "NAS · other copies on WORK"},
		{"free", "NAS", nil, "NAS"},
	}
	for _, tt := range tests {
		if got := (Transfer{Kind: tt.kind, From: tt.from, To: tt.to}).view().Route; got != tt.want {
			t.Errorf("%s route = %q, want %q", tt.kind, got, tt.want)
		}
	}
}

// TestTransferListsProblemsInFull: a thousand conflicts are all on the
// page, each in its location's box.
func TestTransferListsProblemsInFull(t *testing.T) {
	tr := Transfer{Kind: "copy", From: "WORK", To: []string{"NAS"}}
	loc := TransferLocation{Project: "acme/spot", Category: "render"}
	for i := range 1000 {
		loc.Conflicts = append(loc.Conflicts, fmt.Sprintf("v001/frame_%04d.exr", i))
	}
	tr.Locations = []TransferLocation{loc, {Project: "acme/spot", Category: "project", Files: 2}}
	page := render(t, tr)
	for _, c := range loc.Conflicts {
		if !strings.Contains(page, "<li><code><bdi>"+c+"</bdi></code></li>") {
			t.Fatalf("conflict %s is not listed", c)
		}
	}
	if n := strings.Count(page, `<section class="problems">`); n != 1 {
		t.Errorf("%d problem boxes, want 1 (the clean location has none)", n)
	}
	if !strings.Contains(page, "<b>1,000 conflicts</b>") {
		t.Error("the box does not count the conflicts")
	}
}

func TestTransferTotals(t *testing.T) {
	tr := demoTransfer()
	sum := tr.Totals()
	got := fmt.Sprintf("%d %d %d %d %d %d/%d/%d/%d", sum.Files, sum.Bytes, sum.Skipped, sum.SkippedBytes, sum.Verified,
		len(sum.Conflicts), len(sum.Failed), len(sum.Changed), len(sum.Warnings))
	if want := "4450 1910624000000 2520 636000000000 4449 2/1/0/1"; got != want {
		t.Errorf("Totals() = %s, want %s", got, want)
	}
	if el := tr.Elapsed(); el != 47*time.Minute+13*time.Second {
		t.Errorf("Elapsed() = %v", el)
	}
	if el := (Transfer{Finished: tr.Finished}).Elapsed(); el != 0 {
		t.Errorf("Elapsed() without a start = %v, want 0", el)
	}
}

func TestTransferBadInput(t *testing.T) {
	at := time.Date(2026, 9, 30, 21, 0, 0, 0, time.UTC)
	tests := []struct {
		t     Transfer
		error string
	}{
		{Transfer{Kind: "move"}, `report: unknown transfer kind "move"; expected copy, verify or free`},
		{Transfer{}, `report: unknown transfer kind ""; expected copy, verify or free`},
		{Transfer{Kind: "copy", Started: at, Finished: at.Add(-time.Second)},
			"report: the copy finished (2026-09-30T20:59:59Z) before it started (2026-09-30T21:00:00Z)"},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		err := tt.t.Render(&buf)
		if err == nil || err.Error() != tt.error {
			t.Errorf("Render() = %v, want %q", err, tt.error)
		}
		if buf.Len() != 0 {
			t.Errorf("Render wrote %d bytes despite the error", buf.Len())
		}
	}
}

// TestTransferGolden holds the demo copy's page byte for byte.
func TestTransferGolden(t *testing.T) {
	page := render(t, demoTransfer())
	if again := render(t, demoTransfer()); again != page {
		t.Fatal("two renders of one model differ")
	}
	golden(t, "transfer.golden.html", page)
}
