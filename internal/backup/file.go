package backup

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"

	"github.com/bcnvisuals/autobackup/internal/checksum"
	"github.com/bcnvisuals/autobackup/internal/fsys"
)

// bufSize is the size of each read and write of a copy.
const bufSize = checksum.BufSize

// Hash is the xxh3-128 hash of a file's content.
type Hash = checksum.Sum

// tempName returns a fresh temp name.
func tempName() string {
	var b [8]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	return fsys.TempName(b)
}

// written is a file copied to its temp name, waiting to be made durable,
// verified and published. Its temp file is closed between the steps, so
// that a batch of thousands of files holds no file descriptors.
type written struct {
	item        Item
	final       string   // the destination name, relative to the database root
	dir         fsys.Dir // the folder of both names
	base, tbase string   // the final and temp names within dir; tbase is "" once gone
	hash        Hash     // of the source bytes as they were read
}

// errChanged marks a source file that changed while it was copied.
var errChanged = errors.New("changed while it was being copied")

// writeTemp copies one source file to a temp file beside its final name,
// hashing the bytes as they pass. It sets the copy's mode and time. The
// caller makes it durable, verifies and publishes it. The source must be
// the file planned, unchanged from before it is read to after: its size,
// modification time, change time and identity, which together catch a
// rewrite in place even when its modification time is set back.
func (lc *locCopy) writeTemp(ctx context.Context, b *batch, it Item, buf []byte) (*written, error) {
	in, err := lc.openSource(b, it)
	if err != nil {
		return nil, err
	}
	defer in.Close()
	dir, err := b.dst.get(path.Dir(it.Rel))
	if err != nil {
		return nil, err
	}
	w := &written{item: it, final: lc.final(it.Rel), dir: dir, base: it.Name, tbase: tempName()}
	out, err := dir.Create(w.tbase, 0o600)
	if err != nil {
		return nil, err
	}
	err = lc.fill(ctx, w, in, out, buf)
	if cerr := out.Close(); err == nil {
		err = cerr // a late write error, as NFS reports them
	}
	if err == nil {
		err = dir.SetEntryModTime(w.tbase, it.ModTime)
	}
	if err == nil {
		err = unchanged(in, it)
	}
	if err != nil {
		w.discard()
		return nil, err
	}
	return w, nil
}

// openSource opens the planned source file and checks it is the one
// planned.
func (lc *locCopy) openSource(b *batch, it Item) (fsys.File, error) {
	dir, err := b.src.get(path.Dir(it.Rel))
	if err != nil {
		return nil, fmt.Errorf("source folder: %w", err)
	}
	in, err := dir.Open(it.Name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, errors.New("vanished from the source during the copy")
	}
	if err != nil {
		return nil, err
	}
	if err := unchanged(in, it); err != nil {
		in.Close()
		return nil, err
	}
	in.ReadAhead()
	return in, nil
}

// unchanged checks that an open source file is still the planned one.
func unchanged(f fsys.File, it Item) error {
	cur, err := f.Stat()
	if err != nil {
		return err
	}
	if cur.Kind != fsys.KindFile || cur.Size != it.Size || cur.ID != it.ID ||
		!cur.ModTime.Equal(it.ModTime) || !cur.Change.Equal(it.Change) {
		return errChanged
	}
	return nil
}

// fill copies in to the temp file f, keeping holes, while hashing, then
// sets its mode, special bits included. Without verification no hash is
// needed, and the kernel copies the data itself.
func (lc *locCopy) fill(ctx context.Context, w *written, in, f fsys.File, buf []byte) error {
	size := w.item.Size
	extents, err := extentsOf(in, size)
	if err != nil {
		return err
	}
	if lc.r.opts.NoVerify && lc.r.wrap == nil {
		err = lc.r.kernelCopy(ctx, in, f, extents, buf)
	} else {
		w.hash, err = lc.r.copyHashing(ctx, in, f, extents, size, buf)
	}
	if err == nil && (len(extents) == 0 || extents[len(extents)-1].Off+extents[len(extents)-1].Len < size) {
		err = f.Truncate(size) // a hole at the end
	}
	if err != nil {
		return err
	}
	return f.Chmod(w.item.Mode)
}

// extentsOf lists a file's data; a small file is taken whole.
func extentsOf(f fsys.File, size int64) ([]fsys.Extent, error) {
	if size < 1<<20 {
		if size == 0 {
			return nil, nil
		}
		return []fsys.Extent{{Off: 0, Len: size}}, nil
	}
	return f.Extents(size)
}

// writeBehindStep is how much of a file is written before its write-back
// is started: the disk then writes while the copy reads on, and the sync
// at the end of the batch has little left to do.
const writeBehindStep = 64 << 20

// copyHashing copies the extents of in to f, hashing every byte of the
// file, the holes' zeros too.
func (r *runner) copyHashing(ctx context.Context, in, f fsys.File, extents []fsys.Extent, size int64, buf []byte) (Hash, error) {
	h := checksum.New()
	var out io.Writer = f
	if r.wrap != nil {
		out = r.wrap(f)
	}
	pos := int64(0)
	for _, e := range extents {
		hashZeros(h, e.Off-pos, buf)
		if _, err := f.Seek(e.Off, io.SeekStart); err != nil {
			return Hash{}, err
		}
		src := io.NewSectionReader(in, e.Off, e.Len)
		for off := e.Off; off < e.Off+e.Len; off += writeBehindStep {
			n := min(writeBehindStep, e.Off+e.Len-off)
			if err := r.copyRange(ctx, src, out, n, buf, h); err != nil {
				return Hash{}, err
			}
			if n == writeBehindStep {
				f.WriteBehind(off, n)
			}
		}
		pos = e.Off + e.Len
	}
	hashZeros(h, size-pos, buf)
	return h.Sum128(), nil
}

// copyRange copies n bytes of src to out, hashing them.
func (r *runner) copyRange(ctx context.Context, src io.Reader, out io.Writer, n int64, buf []byte, h io.Writer) error {
	for n > 0 {
		if err := ctx.Err(); err != nil {
			return err
		}
		k, err := io.ReadFull(src, buf[:min(int64(len(buf)), n)])
		if k > 0 {
			h.Write(buf[:k])
			if _, werr := out.Write(buf[:k]); werr != nil {
				return werr
			}
			r.progress.Bytes.Add(int64(k))
			n -= int64(k)
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return errChanged // shorter than when it was planned
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// hashZeros hashes n zero bytes, a hole's content.
func hashZeros(h io.Writer, n int64, buf []byte) {
	if n <= 0 {
		return
	}
	clear(buf)
	for n > 0 {
		k := min(int64(len(buf)), n)
		h.Write(buf[:k])
		n -= k
	}
}

// verify reads the temp file back from the disk and compares its hash
// with the source's.
func (w *written) verify(ctx context.Context, buf []byte) error {
	f, err := w.dir.Open(w.tbase)
	if err != nil {
		return err
	}
	defer f.Close()
	f.ForgetCache()
	f.ReadAhead()
	got, err := checksum.Reader(ctx, f, buf, nil)
	if err != nil {
		return err
	}
	if got != w.hash {
		return fmt.Errorf("verify failed: the copy reads back different from the source (hash %x, want %x)", got.Bytes(), w.hash.Bytes())
	}
	return nil
}

// discard removes the temp file.
func (w *written) discard() {
	_ = w.dir.Remove(w.tbase)
	w.tbase = ""
}
