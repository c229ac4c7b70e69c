package table

import (
	"strings"
	"testing"
)

func TestWrap(t *testing.T) {
	tests := []struct {
		text  string
		width int
		want  string
	}{
		{"short line", 20, "short line"},
		{"a summary line that is too long to fit", 20, "a summary line that\n  is too long to fit"},
		{"    help usage line with CLIENT/PROJECT CATEGORY", 24, "    help usage line with\n      CLIENT/PROJECT\n      CATEGORY"},
		{"averyveryverylongwordwithoutspaces", 10, "averyveryv\n  erylongw\n  ordwitho\n  utspaces"},
		{"one\ntwo three four", 9, "one\ntwo three\n  four"},
		{"anything", 0, "anything"},
		{"café crème brûlée au four", 12, "café crème\n  brûlée au\n  four"},
	}
	for _, tt := range tests {
		got := Wrap(tt.text, tt.width)
		if got != tt.want {
			t.Errorf("Wrap(%q, %d) =\n%s\nwant\n%s", tt.text, tt.width, got, tt.want)
		}
		if tt.width > 0 {
			for _, l := range strings.Split(got, "\n") {
				if Width(l) > tt.width {
					t.Errorf("Wrap(%q, %d): line %q is %d wide", tt.text, tt.width, l, Width(l))
				}
			}
		}
	}
}

func TestFit(t *testing.T) {
	tab := New("NAME", "PATH", "STATUS")
	tab.Row("WORK", "/very/long/path/to/the/studio/work/disk/volume", "online")
	tab.Row("NAS", "/mnt/nas", "offline, seen 2026-11-28")
	tab.Flex(1)
	for _, width := range []int{120, 60, 44} {
		tab.MaxWidth = width
		var b strings.Builder
		tab.Append(&b)
		for _, l := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") {
			if Width(l) > width {
				t.Errorf("width %d: %q is %d wide", width, l, Width(l))
			}
		}
		if width == 120 && !strings.Contains(b.String(), "/very/long/path/to/the/studio/work/disk/volume") {
			t.Errorf("width 120 cut a path that fits:\n%s", b.String())
		}
		if width == 44 && !strings.Contains(b.String(), "…") {
			t.Errorf("width 44 did not cut:\n%s", b.String())
		}
	}
	// Nothing flexible left: the table is written whole, for Wrap.
	tab.MaxWidth = 10
	var b strings.Builder
	tab.Append(&b)
	if !strings.Contains(b.String(), "offline, seen 2026-11-28") {
		t.Errorf("a fixed column was cut:\n%s", b.String())
	}
}

func TestFitOptional(t *testing.T) {
	tab := New("NAME", "PATH", "CLIENTS", "FILES").AlignRight(2, 3)
	tab.Row("STORAGE", "/mnt/storage/projects/current", "12", "136,395")
	tab.Flex(1).Optional(2, 3)
	tests := []struct {
		width int
		want  string
	}{
		{80, "NAME     PATH                           CLIENTS    FILES\nSTORAGE  /mnt/storage/projects/current       12  136,395\n"},
		{40, "NAME     PATH           CLIENTS    FILES\nSTORAGE  /mnt/s…urrent       12  136,395\n"},
		{30, "NAME     PATH          CLIENTS\nSTORAGE  /mnt/s…rrent       12\n"},
		{20, "NAME     PATH\nSTORAGE  /mnt/…rrent\n"},
	}
	for _, tt := range tests {
		tab.MaxWidth = tt.width
		var b strings.Builder
		tab.Append(&b)
		if b.String() != tt.want {
			t.Errorf("width %d:\n%s\nwant\n%s", tt.width, b.String(), tt.want)
		}
	}
}
