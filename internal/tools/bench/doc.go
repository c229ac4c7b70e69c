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
// all else. A doc without those markers gets them at its end, under a
// heading of title. Markers out of order or repeated are an error: the doc
// is not touched then.
func replaceBlock(doc, name, title, body string) (string, error) {
	start, end := markers(name)
	i, j := strings.Index(doc, start), strings.Index(doc, end)
	switch {
	case i < 0 && j < 0:
		if doc != "" && !strings.HasSuffix(doc, "\n") {
			doc += "\n"
		}
		return doc + "\n## " + title + "\n\n" + start + "\n" + strings.TrimRight(body, "\n") + "\n" + end + "\n", nil
	case i < 0 || j < 0:
		return "", fmt.Errorf("%s and %s must both be in the document, or neither", start, end)
	case j < i:
		return "", fmt.Errorf("%s comes before %s", end, start)
	case strings.Count(doc, start) > 1 || strings.Count(doc, end) > 1:
		return "", fmt.Errorf("%s is in the document more than once", start)
	}
	return doc[:i+len(start)] + "\n" + strings.TrimRight(body, "\n") + "\n" + doc[j:], nil
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
