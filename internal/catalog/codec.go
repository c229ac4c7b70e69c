package catalog

import (
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	"github.com/bcnvisuals/autobackup/internal/index"
)

// codecVersion is the first byte of an encoded snapshot.
const codecVersion = 1

// encode writes a snapshot's content compactly: each category, its
// clients, their projects and each project's sums, every name once. A
// catalog keeps one such value per database, so that start-up reads a
// few values instead of a row per location.
func encode(snap *index.Snapshot) []byte {
	b := []byte{codecVersion}
	b = binary.AppendUvarint(b, uint64(len(snap.Categories)))
	for cat, clients := range snap.Categories {
		b = appendString(b, cat)
		b = binary.AppendUvarint(b, uint64(len(clients)))
		for client, projects := range clients {
			b = appendString(b, client)
			b = binary.AppendUvarint(b, uint64(len(projects)))
			for name, st := range projects {
				b = appendString(b, name)
				b = appendStats(b, st)
			}
		}
	}
	return b
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendStats(b []byte, st *index.Stats) []byte {
	b = binary.AppendVarint(b, st.Bytes)
	b = binary.AppendVarint(b, st.Files)
	b = binary.AppendVarint(b, timeNs(st.Modified))
	b = binary.AppendVarint(b, timeNs(st.Newest))
	b = binary.AppendUvarint(b, st.Fingerprint)
	b = binary.AppendVarint(b, st.Temps)
	b = binary.AppendUvarint(b, uint64(len(st.Links)))
	for id, size := range st.Links {
		b = binary.AppendUvarint(b, id.Dev)
		b = binary.AppendUvarint(b, id.Ino)
		b = binary.AppendVarint(b, size)
	}
	return b
}

// timeNs is a time as Unix nanoseconds, 0 for the zero time.
func timeNs(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano()
}

func nsTime(ns int64) time.Time {
	if ns == 0 {
		return time.Time{}
	}
	return time.Unix(0, ns)
}

// errCorrupt says an encoded snapshot cannot be read.
var errCorrupt = errors.New("the stored snapshot is damaged")

// decoder reads an encoded snapshot.
type decoder struct {
	b   []byte
	err error
}

// decode reads what encode wrote into snap's Categories.
func decode(b []byte, snap *index.Snapshot) error {
	if len(b) == 0 || b[0] != codecVersion {
		return fmt.Errorf("%w: unknown encoding", errCorrupt)
	}
	d := &decoder{b: b[1:]}
	ncat := d.uvarint()
	snap.Categories = make(map[string]index.Clients, min(ncat, 1024))
	for range ncat {
		cat := d.string()
		nclient := d.uvarint()
		clients := make(index.Clients, min(nclient, 1<<16))
		for range nclient {
			client := d.string()
			nproj := d.uvarint()
			projects := make(index.Projects, min(nproj, 1<<16))
			stats := make([]index.Stats, min(nproj, 1<<16))
			for i := range nproj {
				name := d.string()
				st := &index.Stats{}
				if i < uint64(len(stats)) {
					st = &stats[i]
				}
				d.stats(st)
				projects[name] = st
			}
			clients[client] = projects
		}
		snap.Categories[cat] = clients
		if d.err != nil {
			return d.err
		}
	}
	if d.err == nil && len(d.b) != 0 {
		d.err = fmt.Errorf("%w: %d bytes left over", errCorrupt, len(d.b))
	}
	return d.err
}

func (d *decoder) stats(st *index.Stats) {
	st.Bytes, st.Files = d.varint(), d.varint()
	st.Modified, st.Newest = nsTime(d.varint()), nsTime(d.varint())
	st.Fingerprint, st.Temps = d.uvarint(), d.varint()
	if n := d.uvarint(); n > 0 && d.err == nil {
		st.Links = make(map[index.FileID]int64, min(n, 1<<16))
		for range n {
			id := index.FileID{Dev: d.uvarint(), Ino: d.uvarint()}
			st.Links[id] = d.varint()
		}
	}
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err = fmt.Errorf("%w: truncated", errCorrupt)
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) varint() int64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.err = fmt.Errorf("%w: truncated", errCorrupt)
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) string() string {
	n := d.uvarint()
	if d.err != nil {
		return ""
	}
	if n > uint64(len(d.b)) {
		d.err = fmt.Errorf("%w: truncated", errCorrupt)
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}
