package scan

import (
	"encoding/binary"
	"time"

	"github.com/zeebo/xxh3"

	"github.com/bcnvisuals/autobackup/internal/fsys"
	"github.com/bcnvisuals/autobackup/internal/index"
)

// printStep is the precision of times in a fingerprint: the coarsest a
// database may keep (FAT's 2 s), so that copies on any two databases can
// match.
const printStep = 2 * time.Second

// entryPrint hashes what a fingerprint holds of one entry: its name (in
// canonical Unicode form, as a macOS disk and a Linux one may differ) in its
// folder (whose path inside the location seeds the hash), kind, size,
// modification time to printStep, and a symlink's target. A location's
// fingerprint is the sum of its entries', so the order they are read in
// does not matter. Folders count by name only: their times change as
// entries come and go.
func entryPrint(folderSeed uint64, e *fsys.Entry) uint64 {
	var b [17]byte
	b[0] = byte(e.Kind)
	if e.Kind != fsys.KindDir {
		binary.LittleEndian.PutUint64(b[1:], uint64(e.Size))
		binary.LittleEndian.PutUint64(b[9:], uint64(e.ModTime.UnixNano()/int64(printStep)))
	}
	h := xxh3.HashSeed(b[:], xxh3.HashStringSeed(index.Canonical(e.Name), folderSeed))
	if e.Kind == fsys.KindSymlink {
		h = xxh3.HashStringSeed(e.Target, h)
	}
	return h
}
