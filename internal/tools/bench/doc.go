package main

import (
	"fmt"
	"os"
	"strings"
)

// markers are the comments that hold a block's text in BENCHMARKS.md.
func markers(name string) (start, end string) {
	return "<!-- bench:" + name + " -->", "<!-- /bench:" + name + " -->"
}

// replaceBlock puts body between the markers named name in doc, keeping
// all else. A marker counts only alone on its line, so that prose may name
// it. A doc without those markers gets them at its end, under a heading of
// title. Markers out of order or repeated are an error: the doc is not
// touched then.
func replaceBlock(doc, name, title, body string) (string, error) {
	if doc != "" && !strings.HasSuffix(doc, "\n") {
		doc += "\n" // a text file ends with a newline; every line has one now
	}
	start, end := markers(name)
	starts, ends := markerLines(doc, start), markerLines(doc, end)
	body = strings.TrimRight(body, "\n") + "\n"
	switch {
	case len(starts) == 0 && len(ends) == 0:
		return doc + "\n## " + title + "\n\n" + start + "\n" + body + end + "\n", nil
	case len(starts) > 1 || len(ends) > 1:
		return "", fmt.Errorf("%s is in the document more than once", start)
	case len(starts) == 0 || len(ends) == 0:
		return "", fmt.Errorf("%s and %s must both be in the document, each on a line of its own, or neither", start, end)
	case ends[0][0] < starts[0][1]:
		return "", fmt.Errorf("%s comes before %s", end, start)
	}
	return doc[:starts[0][1]] + body + doc[ends[0][0]:], nil
}

// markerLines are the lines of doc that hold marker alone: each as the
// offsets of its start and of the start of the next line.
func markerLines(doc, marker string) [][2]int {
	var out [][2]int
	off := 0
	for line := range strings.Lines(doc) {
		if strings.TrimSpace(line) == marker {
			out = append(out, [2]int{off, off + len(line)})
		}
		off += len(line)
	}
	return out
}

// writeBlocks replaces the blocks in the file at path, all or none: the
// new text is written to a temporary file beside it, then renamed over it.
func writeBlocks(path string, blocks []docBlock) error {
	old, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("reading %s: %w", path, err)
	}
	doc := string(old)
	for _, b := range blocks {
		if doc, err = replaceBlock(doc, b.name, b.title, b.body); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	}
	tmp := path + ".new"
	if err := os.WriteFile(tmp, []byte(doc), 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// docBlock is the text of one marked block of BENCHMARKS.md.
type docBlock struct {
	name, title, body string
}
