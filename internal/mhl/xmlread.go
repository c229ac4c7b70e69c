package mhl

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// The XML shapes of a generation file, as encoding/xml reads them. Element
// names are matched without their namespace.
type (
	xmlHashList struct {
		XMLName    xml.Name        `xml:"hashlist"`
		Version    string          `xml:"version,attr"`
		Creator    xmlCreator      `xml:"creatorinfo"`
		Process    xmlProcess      `xml:"processinfo"`
		References []xmlReference  `xml:"references>hashlistreference"`
		Hashes     *xmlHashesBlock `xml:"hashes"`
	}
	xmlHashesBlock struct {
		Items []xmlItem `xml:",any"`
	}
	xmlCreator struct {
		Date     string      `xml:"creationdate"`
		Hostname string      `xml:"hostname"`
		Tool     xmlTool     `xml:"tool"`
		Authors  []xmlAuthor `xml:"author"`
		Location string      `xml:"location"`
		Comment  string      `xml:"comment"`
	}
	xmlTool struct {
		Version string `xml:"version,attr"`
		Name    string `xml:",chardata"`
	}
	xmlAuthor struct {
		Email string `xml:"email,attr"`
		Phone string `xml:"phone,attr"`
		Role  string `xml:"role,attr"`
		Name  string `xml:",chardata"`
	}
	xmlProcess struct {
		Process string   `xml:"process"`
		Root    *xmlDirs `xml:"roothash"`
		Ignore  []string `xml:"ignore>pattern"`
	}
	xmlDirs struct {
		Content   xmlValues `xml:"content"`
		Structure xmlValues `xml:"structure"`
	}
	xmlValues struct {
		Values []xmlValue `xml:",any"`
	}
	// xmlItem is a <hash> or a <directoryhash>.
	xmlItem struct {
		XMLName      xml.Name
		Path         xmlPath    `xml:"path"`
		Content      *xmlValues `xml:"content"`
		Structure    *xmlValues `xml:"structure"`
		PreviousPath *string    `xml:"previousPath"`
		Metadata     *struct{}  `xml:"metadata"`
		Values       []xmlValue `xml:",any"`
	}
	xmlPath struct {
		Size     string `xml:"size,attr"`
		Created  string `xml:"creationdate,attr"`
		Modified string `xml:"lastmodificationdate,attr"`
		Path     string `xml:",chardata"`
	}
	xmlValue struct {
		XMLName  xml.Name
		Action   string `xml:"action,attr"`
		HashDate string `xml:"hashdate,attr"`
		Value    string `xml:",chardata"`
	}
	xmlReference struct {
		Path string `xml:"path"`
		C4   string `xml:"c4"`
	}
	xmlChain struct {
		XMLName xml.Name       `xml:"ascmhldirectory"`
		Lists   []xmlChainList `xml:"hashlist"`
	}
	xmlChainList struct {
		Seq    string     `xml:"sequencenr,attr"`
		Path   string     `xml:"path"`
		Values []xmlValue `xml:",any"`
	}
)

// parseGeneration reads the bytes of a generation file. It does not set
// Seq, Name or C4.
func parseGeneration(data []byte) (*Generation, error) {
	var x xmlHashList
	if err := xml.NewDecoder(bytes.NewReader(data)).Decode(&x); err != nil {
		return nil, fmt.Errorf("not an ASC MHL file: %w", err)
	}
	if x.Version != "2.0" {
		return nil, fmt.Errorf("hashlist version %q, expected ASC MHL \"2.0\"", x.Version)
	}
	g := &Generation{Process: Process(strings.TrimSpace(x.Process.Process)), Ignore: x.Process.Ignore}
	var err error
	if g.Creator, err = x.Creator.creator(); err != nil {
		return nil, err
	}
	if x.Process.Root != nil {
		if g.Root, err = x.Process.Root.dirHashes(); err != nil {
			return nil, fmt.Errorf("roothash: %w", err)
		}
	}
	if x.Hashes != nil {
		for _, it := range x.Hashes.Items {
			if err := g.addItem(it); err != nil {
				return nil, err
			}
		}
	}
	for _, r := range x.References {
		g.References = append(g.References, Reference{Path: r.Path, C4: strings.TrimSpace(r.C4)})
	}
	return g, nil
}

// creator converts <creatorinfo>.
func (x xmlCreator) creator() (Creator, error) {
	d, err := parseDate(x.Date)
	if err != nil {
		return Creator{}, fmt.Errorf("creationdate: %w", err)
	}
	c := Creator{
		Date: d, Hostname: x.Hostname, Tool: x.Tool.Name, ToolVersion: x.Tool.Version,
		Location: x.Location, Comment: x.Comment,
	}
	for _, a := range x.Authors {
		c.Authors = append(c.Authors, Author{Name: a.Name, Email: a.Email, Phone: a.Phone, Role: a.Role})
	}
	return c, nil
}

// addItem adds a <hash> or <directoryhash> to g.
func (g *Generation) addItem(it xmlItem) error {
	prev := ""
	if it.PreviousPath != nil {
		prev = *it.PreviousPath
	}
	created, err := parseDate(it.Path.Created)
	if err != nil {
		return fmt.Errorf("%s: creationdate: %w", it.Path.Path, err)
	}
	modified, err := parseDate(it.Path.Modified)
	if err != nil {
		return fmt.Errorf("%s: lastmodificationdate: %w", it.Path.Path, err)
	}
	switch it.XMLName.Local {
	case "hash":
		f := FileEntry{Path: it.Path.Path, Created: created, Modified: modified, PreviousPath: prev}
		if it.Path.Size != "" {
			if f.Size, err = strconv.ParseInt(strings.TrimSpace(it.Path.Size), 10, 64); err != nil || f.Size < 0 {
				return fmt.Errorf("%s: size %q is not a byte count", f.Path, it.Path.Size)
			}
		}
		for _, v := range it.Values {
			e, known, err := v.entry()
			if err != nil {
				return fmt.Errorf("%s: %w", f.Path, err)
			}
			if known {
				f.Hashes = append(f.Hashes, e)
			}
		}
		g.Files = append(g.Files, f)
	case "directoryhash":
		d := DirEntry{Path: it.Path.Path, Created: created, Modified: modified, PreviousPath: prev}
		if it.Content == nil || it.Structure == nil {
			return fmt.Errorf("directoryhash %s: content or structure missing", d.Path)
		}
		x := xmlDirs{Content: *it.Content, Structure: *it.Structure}
		if d.Hashes, err = x.dirHashes(); err != nil {
			return fmt.Errorf("directoryhash %s: %w", d.Path, err)
		}
		g.Dirs = append(g.Dirs, d)
	}
	return nil
}

// entry converts one hash element. known is false for an element that
// names no supported format (xxh32 of old files, say), which is skipped.
func (v xmlValue) entry() (e HashEntry, known bool, err error) {
	f := Format(v.XMLName.Local)
	if !f.Valid() {
		return HashEntry{}, false, nil
	}
	val, err := f.Normalize(strings.TrimSpace(v.Value))
	if err != nil {
		return HashEntry{}, true, err
	}
	d, err := parseDate(v.HashDate)
	if err != nil {
		return HashEntry{}, true, fmt.Errorf("%s hashdate: %w", f, err)
	}
	a := Action(strings.TrimSpace(v.Action))
	if a != "" && !a.valid() {
		return HashEntry{}, true, fmt.Errorf("%s action %q (expected original, verified or failed)", f, v.Action)
	}
	return HashEntry{Format: f, Value: val, Action: a, Date: d}, true, nil
}

// dirHashes pairs the content and structure hashes of each format.
func (x xmlDirs) dirHashes() ([]DirHash, error) {
	structure := map[Format]string{}
	for _, v := range x.Structure.Values {
		e, known, err := v.entry()
		if err != nil {
			return nil, err
		}
		if known {
			structure[e.Format] = e.Value
		}
	}
	var out []DirHash
	for _, v := range x.Content.Values {
		e, known, err := v.entry()
		if err != nil {
			return nil, err
		}
		if !known {
			continue
		}
		s, ok := structure[e.Format]
		if !ok {
			return nil, fmt.Errorf("%s content hash without a structure hash", e.Format)
		}
		out = append(out, DirHash{Format: e.Format, Content: e.Value, Structure: s, Date: e.Date})
	}
	return out, nil
}

// parseChain reads the bytes of ascmhl_chain.xml.
func parseChain(data []byte) ([]ChainEntry, error) {
	var x xmlChain
	if err := xml.NewDecoder(bytes.NewReader(data)).Decode(&x); err != nil {
		return nil, fmt.Errorf("not an ASC MHL chain file: %w", err)
	}
	var out []ChainEntry
	for _, l := range x.Lists {
		seq, err := strconv.Atoi(strings.TrimSpace(l.Seq))
		if err != nil || seq < 1 {
			return nil, fmt.Errorf("hashlist %q: sequencenr %q is not a positive number", l.Path, l.Seq)
		}
		c := ChainEntry{Seq: seq, Name: l.Path}
		for _, v := range l.Values {
			e, known, err := v.entry()
			if err != nil {
				return nil, fmt.Errorf("hashlist %q: %w", l.Path, err)
			}
			if known && c.Hash == "" {
				c.Format, c.Hash = e.Format, e.Value
			}
		}
		if c.Hash == "" {
			return nil, fmt.Errorf("hashlist %q: no hash", l.Path)
		}
		out = append(out, c)
	}
	return out, nil
}

// parseDate reads an xs:dateTime. One without a time zone is taken as
// UTC; an empty one is the zero time.
func parseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse("2006-01-02T15:04:05.999999999", s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("%q is not a date and time like 2020-01-16T09:15:00+00:00", s)
}
