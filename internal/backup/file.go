package backup

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"syscall"
	"time"

	"github.com/bcnvisuals/autobackup/internal/checksum"
)

// bufSize is the size of each read and write of a copy.
const bufSize = checksum.BufSize

// Hash is the xxh3-128 hash of a file's content.
type Hash = checksum.Sum

// openSource opens a source file for reading without following a symlink
// that may have replaced it since it was planned.
func openSource(name string) (*os.File, error) {
	return os.OpenFile(name, os.O_RDONLY|syscall.O_NOFOLLOW, 0)
}

// hashFile hashes what open returns, reading it in large blocks.
func hashFile(ctx context.Context, open func() (*os.File, error)) (Hash, error) {
	return checksum.File(ctx, open, make([]byte, bufSize), nil)
}

// tempName returns a fresh temp file name.
func tempName() string {
	// isTemp recognises exactly this shape.
	var b [8]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	return tempPrefix + hex.EncodeToString(b[:]) + tempSuffix
}

// written is a file copied to its temp name, waiting to be made durable,
// verified and published. Its temp file is closed between the steps, so
// that a batch of thousands of files holds no file descriptors.
type written struct {
	item        Item
	final, temp string   // destination and temp names, relative to the database root
	dir         *os.Root // the folder both are in
	base, tbase string   // the final and temp names within dir
	hash        Hash     // of the source bytes as they were read
}

// errChanged marks a source file that changed while it was copied, and
// errVanished one that was gone when its copy began.
var (
	errChanged  = errors.New("changed while it was being copied")
	errVanished = errors.New("vanished from the source before it was copied")
)

// writeTemp copies one source file to a temp file beside its final name,
// hashing the bytes as they pass. It sets the copy's mode and time. The
// caller makes it durable, verifies and publishes it.
func (r *runner) writeTemp(ctx context.Context, lp *LocationPlan, fo *folders, it Item, buf []byte) (*written, error) {
	src := lp.Source + "/" + it.Rel
	in, err := openSource(src)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, errVanished
	}
	if err != nil {
		return nil, err
	}
	defer in.Close()
	before, err := in.Stat()
	if err != nil {
		return nil, err
	}
	if !before.Mode().IsRegular() || before.Size() != it.Size || !before.ModTime().Equal(it.ModTime) {
		return nil, errChanged
	}
	final := path.Join(lp.Dest, it.Rel)
	dir, err := fo.get(path.Dir(final))
	if err != nil {
		return nil, err
	}
	w := &written{item: it, final: final, dir: dir, base: path.Base(final), tbase: tempName()}
	w.temp = path.Join(path.Dir(final), w.tbase)
	out, err := dir.OpenFile(w.tbase, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, err
	}
	r.track(w.temp)
	err = r.fill(ctx, w, in, out, buf)
	if cerr := out.Close(); err == nil {
		err = cerr // a late write error, as NFS reports them
	}
	if err == nil {
		err = dir.Chtimes(w.tbase, time.Now(), it.ModTime)
	}
	if err != nil {
		r.discard(w)
		return nil, err
	}
	after, err := in.Stat()
	if err == nil && (after.Size() != before.Size() || !after.ModTime().Equal(before.ModTime())) {
		err = errChanged
	}
	if err != nil {
		r.discard(w)
		return nil, err
	}
	return w, nil
}

// fill copies in to the temp file f while hashing, then sets its mode.
// Without verification no hash is needed, and the kernel copies the data
// itself (copy_file_range on Linux).
func (r *runner) fill(ctx context.Context, w *written, in, f *os.File, buf []byte) error {
	if r.opts.NoVerify && r.wrap == nil {
		if err := r.kernelCopy(ctx, in, f); err != nil {
			return err
		}
		return f.Chmod(w.item.Mode.Perm())
	}
	h := checksum.New()
	var out io.Writer = f
	if r.wrap != nil {
		out = r.wrap(f)
	}
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		n, err := in.Read(buf)
		if n > 0 {
			h.Write(buf[:n])
			if _, werr := out.Write(buf[:n]); werr != nil {
				return werr
			}
			r.progress.Bytes.Add(int64(n))
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
	}
	w.hash = h.Sum128()
	return f.Chmod(w.item.Mode.Perm())
}

// kernelCopy copies in to out in large steps, through os.File.ReadFrom,
// which lets the kernel move the data without it passing through here.
func (r *runner) kernelCopy(ctx context.Context, in, out *os.File) error {
	const step = 64 << 20
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		n, err := io.CopyN(out, in, step)
		r.progress.Bytes.Add(n)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// verify reads the temp file back from the disk and compares its hash
// with the source's.
func (r *runner) verify(ctx context.Context, w *written, buf []byte) error {
	f, err := w.dir.Open(w.tbase)
	if err != nil {
		return err
	}
	defer f.Close()
	dropCache(f)
	got, err := checksum.Reader(ctx, f, buf, nil)
	if err != nil {
		return err
	}
	if got != w.hash {
		return fmt.Errorf("verify failed: the copy reads back different from the source (hash %x, want %x)", got.Bytes(), w.hash.Bytes())
	}
	return nil
}

// publish gives a durable, verified temp file its final name. A file that
// appeared at the final name since the plan is never replaced: the temp
// file is linked to the final name, which fails if the name is taken.
//
// It returns a warning, not an error, when the file is in place but its
// temp name could not be removed.
func (r *runner) publish(w *written) (warning string, err error) {
	if w.item.Op == OpReplace {
		return "", r.replace(w)
	}
	err = w.dir.Link(w.tbase, w.base)
	switch {
	case err == nil:
		if err := w.dir.Remove(w.tbase); err != nil {
			return "published, but its temp name " + w.tbase + " could not be removed: " + errText(err), nil
		}
		return "", nil
	case errors.Is(err, fs.ErrExist):
		return "", fmt.Errorf("%s appeared at the destination during the copy; it was left alone", w.final)
	case !noHardLinks(err):
		return "", err
	}
	// A volume without hard links: check, then rename.
	_, serr := w.dir.Lstat(w.base)
	switch {
	case serr == nil:
		return "", fmt.Errorf("%s appeared at the destination during the copy; it was left alone", w.final)
	case !errors.Is(serr, fs.ErrNotExist):
		return "", serr
	}
	return "", w.dir.Rename(w.tbase, w.base)
}

// noHardLinks reports whether a link failed because the volume has none.
func noHardLinks(err error) bool {
	return errors.Is(err, syscall.EPERM) || errors.Is(err, syscall.ENOTSUP) ||
		errors.Is(err, syscall.EOPNOTSUPP) || errors.Is(err, syscall.EXDEV) || errors.Is(err, syscall.EMLINK)
}

// replace puts a verified copy in place of a differing file, keeping the
// old file under .autobackup/replaced/<time>/<its path>. If the new file
// cannot take its place, the old one is put back.
func (r *runner) replace(w *written) error {
	fi, err := w.dir.Lstat(w.base)
	if err != nil {
		return err
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("%s is no longer a file; it was left alone", w.final)
	}
	keep := path.Join(replacedDir, r.stamp, w.final)
	if err := r.root.MkdirAll(path.Dir(keep), 0o700); err != nil {
		return err
	}
	if err := r.root.Link(w.final, keep); err == nil {
		return w.dir.Rename(w.tbase, w.base) // replaces the name atomically
	}
	if err := r.root.Rename(w.final, keep); err != nil {
		return err
	}
	if err := w.dir.Rename(w.tbase, w.base); err != nil {
		if back := r.root.Rename(keep, w.final); back != nil {
			return fmt.Errorf("%w; the old version is kept at %s", err, keep)
		}
		return err
	}
	return nil
}

// discard removes a temp file.
func (r *runner) discard(w *written) {
	_ = w.dir.Remove(w.tbase)
	r.untrack(w.temp)
}
