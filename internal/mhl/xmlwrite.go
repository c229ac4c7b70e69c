package mhl

import (
	"bytes"
	"fmt"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// xmlHeader starts every file, as the reference tool writes it.
const xmlHeader = `<?xml version="1.0" encoding="UTF-8"?>` + "\n"

// xmlWriter builds an indented XML document the way the reference tool
// lays its files out: two spaces per level, one element per line.
type xmlWriter struct {
	buf   bytes.Buffer
	depth int
}

// attr is one attribute; an empty value leaves it out.
type attr struct{ name, value string }

// open writes a start tag on its own line and goes one level deeper.
func (w *xmlWriter) open(name string, attrs ...attr) {
	w.indent()
	w.tag(name, attrs)
	w.buf.WriteByte('\n')
	w.depth++
}

// close goes one level up and writes an end tag on its own line.
func (w *xmlWriter) close(name string) {
	w.depth--
	w.indent()
	w.buf.WriteString("</" + name + ">\n")
}

// leaf writes an element holding text on one line.
func (w *xmlWriter) leaf(name, text string, attrs ...attr) {
	w.indent()
	w.tag(name, attrs)
	escape(&w.buf, text, false)
	w.buf.WriteString("</" + name + ">\n")
}

func (w *xmlWriter) tag(name string, attrs []attr) {
	w.buf.WriteString("<" + name)
	for _, a := range attrs {
		if a.value == "" {
			continue
		}
		w.buf.WriteString(" " + a.name + `="`)
		escape(&w.buf, a.value, true)
		w.buf.WriteByte('"')
	}
	w.buf.WriteByte('>')
}

func (w *xmlWriter) indent() {
	for range w.depth {
		w.buf.WriteString("  ")
	}
}

// escape writes s as XML character data, or as an attribute value.
func escape(b *bytes.Buffer, s string, inAttr bool) {
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"' && inAttr:
			b.WriteString("&quot;")
		case r == '\r', inAttr && (r == '\n' || r == '\t'):
			fmt.Fprintf(b, "&#x%X;", r)
		default:
			b.WriteRune(r)
		}
	}
}

// xmlText reports an error when s cannot be written to an XML 1.0 file:
// invalid UTF-8, or a control character XML has no place for.
func xmlText(what, s string) error {
	if !utf8.ValidString(s) {
		return fmt.Errorf("%s %q is not valid UTF-8, which an MHL file cannot hold", what, s)
	}
	for _, r := range s {
		ok := r == '\t' || r == '\n' || r == '\r' || (r >= 0x20 && r <= 0xD7FF) ||
			(r >= 0xE000 && r <= 0xFFFD) || r >= 0x10000
		if !ok {
			return fmt.Errorf("%s %q holds the character %U, which an MHL file cannot hold", what, s, r)
		}
	}
	return nil
}

// formatDate writes t as the reference tool does (Python's isoformat):
// seconds, then microseconds only when asked for and not zero, then the
// UTC offset of t's location as ±hh:mm.
func formatDate(t time.Time, micro bool) string {
	s := t.Format("2006-01-02T15:04:05")
	if us := t.Nanosecond() / 1000; micro && us != 0 {
		s += fmt.Sprintf(".%06d", us)
	}
	return s + t.Format("-07:00")
}

// optDate is formatDate, or "" for the zero time.
func optDate(t time.Time, micro bool) string {
	if t.IsZero() {
		return ""
	}
	return formatDate(t, micro)
}

// encodeGeneration returns the bytes of g's generation file. g has been
// checked by validate; its paths are relative to its own history.
func encodeGeneration(g *Generation) []byte {
	w := &xmlWriter{}
	w.buf.WriteString(xmlHeader)
	w.open("hashlist", attr{"version", "2.0"}, attr{"xmlns", "urn:ASC:MHL:v2.0"})

	c := g.Creator
	w.open("creatorinfo")
	w.leaf("creationdate", formatDate(c.Date, false))
	w.leaf("hostname", c.Hostname)
	w.leaf("tool", c.Tool, attr{"version", c.ToolVersion})
	for _, a := range c.Authors {
		w.leaf("author", a.Name, attr{"role", a.Role}, attr{"email", a.Email}, attr{"phone", a.Phone})
	}
	if c.Location != "" {
		w.leaf("location", c.Location)
	}
	if c.Comment != "" {
		w.leaf("comment", c.Comment)
	}
	w.close("creatorinfo")

	w.open("processinfo")
	w.leaf("process", string(g.Process))
	if len(g.Root) > 0 {
		w.open("roothash")
		writeDirHashes(w, g.Root)
		w.close("roothash")
	}
	w.open("ignore")
	for _, p := range g.Ignore {
		w.leaf("pattern", p)
	}
	w.close("ignore")
	w.close("processinfo")

	if len(g.Files)+len(g.Dirs) > 0 {
		w.open("hashes")
		for _, it := range postOrder(g.Files, g.Dirs) {
			if it.file != nil {
				writeFile(w, it.file)
			} else {
				writeDir(w, it.dir)
			}
		}
		w.close("hashes")
	}
	if len(g.References) > 0 {
		w.open("references")
		for _, r := range g.References {
			w.open("hashlistreference")
			w.leaf("path", r.Path)
			w.leaf("c4", r.C4)
			w.close("hashlistreference")
		}
		w.close("references")
	}
	w.close("hashlist")
	return w.buf.Bytes()
}

// writeFile writes one <hash>, its hashes in schema order.
func writeFile(w *xmlWriter, f *FileEntry) {
	w.open("hash")
	w.leaf("path", f.Path, attr{"size", strconv.FormatInt(f.Size, 10)},
		attr{"creationdate", optDate(f.Created, false)}, attr{"lastmodificationdate", optDate(f.Modified, false)})
	hs := slices.Clone(f.Hashes)
	slices.SortStableFunc(hs, func(a, b HashEntry) int { return a.Format.rank() - b.Format.rank() })
	for _, h := range hs {
		w.leaf(string(h.Format), h.Value, attr{"action", string(h.Action)}, attr{"hashdate", optDate(h.Date, true)})
	}
	if f.PreviousPath != "" {
		w.leaf("previousPath", f.PreviousPath)
	}
	w.close("hash")
}

// writeDir writes one <directoryhash>.
func writeDir(w *xmlWriter, d *DirEntry) {
	w.open("directoryhash")
	w.leaf("path", d.Path, attr{"creationdate", optDate(d.Created, false)},
		attr{"lastmodificationdate", optDate(d.Modified, false)})
	writeDirHashes(w, d.Hashes)
	if d.PreviousPath != "" {
		w.leaf("previousPath", d.PreviousPath)
	}
	w.close("directoryhash")
}

// writeDirHashes writes the <content> and <structure> of a folder.
func writeDirHashes(w *xmlWriter, hs []DirHash) {
	hs = slices.Clone(hs)
	slices.SortStableFunc(hs, func(a, b DirHash) int { return a.Format.rank() - b.Format.rank() })
	for _, part := range []string{"content", "structure"} {
		w.open(part)
		for _, h := range hs {
			v := h.Content
			if part == "structure" {
				v = h.Structure
			}
			w.leaf(string(h.Format), v, attr{"hashdate", optDate(h.Date, true)})
		}
		w.close(part)
	}
}

// encodeChain returns the bytes of a chain file listing entries.
func encodeChain(entries []ChainEntry) []byte {
	w := &xmlWriter{}
	w.buf.WriteString(xmlHeader)
	w.open("ascmhldirectory", attr{"xmlns", "urn:ASC:MHL:DIRECTORY:v2.0"})
	for _, e := range entries {
		w.open("hashlist", attr{"sequencenr", strconv.Itoa(e.Seq)})
		w.leaf("path", e.Name)
		w.leaf(string(e.Format), e.Hash)
		w.close("hashlist")
	}
	w.close("ascmhldirectory")
	return w.buf.Bytes()
}

// item is one entry of <hashes>: a file or a folder.
type item struct {
	file *FileEntry
	dir  *DirEntry
}

// postOrder lists files and folders in the order the reference tool writes
// them, which is its traversal order: in each folder, first what is inside
// its sub-folders (by name), then its own files (by name), then the folder.
func postOrder(files []FileEntry, dirs []DirEntry) []item {
	type node struct {
		subs  map[string]*node
		files []*FileEntry
		self  *DirEntry
	}
	root := &node{subs: map[string]*node{}}
	find := func(dir string) *node {
		n := root
		if dir == "." {
			return n
		}
		for _, name := range strings.Split(dir, "/") {
			next, ok := n.subs[name]
			if !ok {
				next = &node{subs: map[string]*node{}}
				n.subs[name] = next
			}
			n = next
		}
		return n
	}
	for i := range files {
		n := find(path.Dir(files[i].Path))
		n.files = append(n.files, &files[i])
	}
	for i := range dirs {
		find(dirs[i].Path).self = &dirs[i]
	}
	var out []item
	var walk func(n *node)
	walk = func(n *node) {
		for _, name := range slices.Sorted(maps.Keys(n.subs)) {
			walk(n.subs[name])
		}
		slices.SortFunc(n.files, func(a, b *FileEntry) int { return strings.Compare(a.Path, b.Path) })
		for _, f := range n.files {
			out = append(out, item{file: f})
		}
		if n.self != nil {
			out = append(out, item{dir: n.self})
		}
	}
	walk(root)
	return out
}
