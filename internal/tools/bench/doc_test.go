package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReplaceBlock(t *testing.T) {
	tests := []struct {
		name, doc, body string
		want            string
		wantErr         string
	}{
		{
			name: "the prose around stays",
			doc:  "# Benchmarks\n\nBefore.\n\n<!-- bench:load -->\nold table\n<!-- /bench:load -->\n\nAfter.\n",
			body: "new table\n",
			want: "# Benchmarks\n\nBefore.\n\n<!-- bench:load -->\nnew table\n<!-- /bench:load -->\n\nAfter.\n",
		},
		{
			name: "empty block filled, trailing newlines trimmed",
			doc:  "<!-- bench:load -->\n<!-- /bench:load -->",
			body: "t\n\n\n",
			want: "<!-- bench:load -->\nt\n<!-- /bench:load -->\n",
		},
		{
			name: "markers named in prose are not markers; an indented one is",
			doc:  "Tables go between `<!-- bench:load -->` and `<!-- /bench:load -->`.\n  <!-- bench:load -->\nold\n<!-- /bench:load -->\n",
			body: "new",
			want: "Tables go between `<!-- bench:load -->` and `<!-- /bench:load -->`.\n  <!-- bench:load -->\nnew\n<!-- /bench:load -->\n",
		},
		{name: "markers on one line", doc: "<!-- bench:load --><!-- /bench:load -->\n",
			body: "x", want: "<!-- bench:load --><!-- /bench:load -->\n\n## load, warm\n\n<!-- bench:load -->\nx\n<!-- /bench:load -->\n"},
		{
			name: "other blocks untouched",
			doc:  "<!-- bench:load-cold -->\ncold\n<!-- /bench:load-cold -->\n<!-- bench:load -->\nwarm\n<!-- /bench:load -->\n",
			body: "new",
			want: "<!-- bench:load-cold -->\ncold\n<!-- /bench:load-cold -->\n<!-- bench:load -->\nnew\n<!-- /bench:load -->\n",
		},
		{
			name: "no markers: appended under a heading",
			doc:  "# Benchmarks\n\nText.",
			body: "table\n",
			want: "# Benchmarks\n\nText.\n\n## load, warm\n\n<!-- bench:load -->\ntable\n<!-- /bench:load -->\n",
		},
		{name: "start alone", doc: "<!-- bench:load -->\nx\n", wantErr: "must both be in the document"},
		{name: "end alone", doc: "x\n<!-- /bench:load -->\n", wantErr: "must both be in the document"},
		{name: "out of order", doc: "<!-- /bench:load -->\n<!-- bench:load -->\n", wantErr: "comes before"},
		{name: "twice", doc: "<!-- bench:load -->\n<!-- /bench:load -->\n<!-- bench:load -->\n<!-- /bench:load -->\n", wantErr: "more than once"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := replaceBlock(tt.doc, "load", "load, warm", tt.body)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Fatalf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestWriteBlocksIsAllOrNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "BENCHMARKS.md")
	doc := "<!-- bench:a -->\n<!-- /bench:a -->\n<!-- bench:b -->\n"
	if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	err := writeBlocks(path, []docBlock{{"a", "a", "new a"}, {"b", "b", "new b"}})
	if err == nil || !strings.Contains(err.Error(), "must both be in the document") {
		t.Fatalf("error = %v", err)
	}
	if got, _ := os.ReadFile(path); string(got) != doc {
		t.Fatalf("the document changed though a block failed:\n%s", got)
	}
	if err := writeBlocks(path, []docBlock{{"a", "a", "new a"}}); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "<!-- bench:a -->\nnew a\n<!-- /bench:a -->\n<!-- bench:b -->\n" {
		t.Fatalf("document:\n%s", got)
	}
	if _, err := os.Stat(path + ".new"); !os.IsNotExist(err) {
		t.Fatalf("temporary file left behind: %v", err)
	}
}
