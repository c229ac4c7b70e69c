package scan

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/bcnvisuals/autobackup/internal/index"
)

func TestNewReaderIsGetdents(t *testing.T) {
	r, ok := newReader().(*getdentsReader)
	if !ok {
		t.Fatalf("newReader() = %T, want *getdentsReader", newReader())
	}
	if len(r.buf) != 64<<10 {
		t.Errorf("buffer is %d bytes, want %d", len(r.buf), 64<<10)
	}
	if r2 := newReader().(*getdentsReader); &r2.buf[0] == &r.buf[0] {
		t.Error("two readers share one buffer")
	}
}

// dirent encodes one linux_dirent64 record. reclen 0 picks the real,
// 8-byte aligned length.
func dirent(name string, typ byte, reclen int) []byte {
	n := (direntName + len(name) + 1 + 7) &^ 7
	b := make([]byte, n)
	binary.NativeEndian.PutUint64(b[direntIno:], 1)
	if reclen == 0 {
		reclen = n
	}
	binary.NativeEndian.PutUint16(b[direntReclen:], uint16(reclen))
	b[direntType] = typ
	copy(b[direntName:], name)
	return b
}

// TestGetdentsEntries feeds hand-made records to entries, to reach what a
// file system that fills in d_type never shows: DT_UNKNOWN, stale types and
// damaged records.
func TestGetdentsEntries(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "file"), 7)
	writeFile(t, filepath.Join(dir, "other"), 5)
	mkdir(t, filepath.Join(dir, "folder"))
	symlink(t, filepath.Join(dir, "folder"), filepath.Join(dir, "link"))
	if err := unix.Mkfifo(filepath.Join(dir, "fifo"), 0o644); err != nil {
		t.Fatal(err)
	}
	setTime(t, filepath.Join(dir, "file"), hours(3))
	setTime(t, filepath.Join(dir, "other"), hours(4))

	cat := func(recs ...[]byte) []byte { return slices.Concat(recs...) }
	tests := []struct {
		name   string
		buf    []byte
		dirs   []string
		stats  index.Stats
		errors []index.PathError
	}{
		{
			name: "dot entries skipped",
			buf:  cat(dirent(".", unix.DT_DIR, 0), dirent("..", unix.DT_DIR, 0)),
		},
		{
			name: "DT_DIR trusted without stat",
			buf:  cat(dirent("no-such-folder", unix.DT_DIR, 0)),
			dirs: []string{"no-such-folder"},
		},
		{
			name:  "DT_REG counted",
			buf:   cat(dirent("file", unix.DT_REG, 0)),
			stats: index.Stats{Bytes: 7, Files: 1, Modified: hours(3)},
		},
		{
			name:  "DT_UNKNOWN resolved by stat",
			buf:   cat(dirent("file", unix.DT_UNKNOWN, 0), dirent("folder", unix.DT_UNKNOWN, 0), dirent("link", unix.DT_UNKNOWN, 0), dirent("fifo", unix.DT_UNKNOWN, 0)),
			dirs:  []string{"folder"},
			stats: index.Stats{Bytes: 7, Files: 1, Modified: hours(3)},
		},
		{
			name: "DT_REG that is now a folder is neither",
			buf:  cat(dirent("folder", unix.DT_REG, 0)),
		},
		{
			name: "links, pipes, sockets and devices ignored",
			buf:  cat(dirent("link", unix.DT_LNK, 0), dirent("fifo", unix.DT_FIFO, 0), dirent("s", unix.DT_SOCK, 0), dirent("c", unix.DT_CHR, 0), dirent("b", unix.DT_BLK, 0)),
		},
		{
			name:   "vanished file recorded with its path",
			buf:    cat(dirent("gone", unix.DT_REG, 0), dirent("other", unix.DT_REG, 0)),
			stats:  index.Stats{Bytes: 5, Files: 1, Modified: hours(4)},
			errors: []index.PathError{{Path: filepath.Join(dir, "gone"), Err: unix.ENOENT}},
		},
		{
			name:  "record too short stops the walk",
			buf:   cat(dirent("file", unix.DT_REG, 0), dirent("other", unix.DT_REG, direntName-1), dirent("folder", unix.DT_DIR, 0)),
			stats: index.Stats{Bytes: 7, Files: 1, Modified: hours(3)},
		},
		{
			name: "record longer than the buffer stops the walk",
			buf:  cat(dirent("folder", unix.DT_DIR, 0), dirent("file", unix.DT_REG, 4096)),
			dirs: []string{"folder"},
		},
		{
			name: "buffer shorter than a header",
			buf:  dirent("folder", unix.DT_DIR, 0)[:direntName-1],
		},
	}
	fd, err := unix.Open(dir, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Close(fd)
	r := newReader().(*getdentsReader)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var l listing
			r.entries(fd, dir, tt.buf, &l)
			if !slices.Equal(l.dirs, tt.dirs) {
				t.Errorf("dirs = %q, want %q", l.dirs, tt.dirs)
			}
			checkStats(t, "files", l.files, tt.stats)
			if !slices.Equal(l.errors, tt.errors) {
				t.Errorf("errors = %v, want %v", l.errors, tt.errors)
			}
		})
	}
}

func TestCstring(t *testing.T) {
	tests := []struct {
		in   []byte
		want string
	}{
		{[]byte("name\x00\x00\x00"), "name"},
		{[]byte("name\x00junk"), "name"},
		{[]byte("\x00"), ""},
		{[]byte(""), ""},
		{[]byte("no-terminator"), "no-terminator"},
		{[]byte("Ünïcode 東京\x00"), "Ünïcode 東京"},
	}
	for _, tt := range tests {
		if got := cstring(tt.in); got != tt.want {
			t.Errorf("cstring(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestGetdentsSmallBuffer reads a folder through a buffer that holds only a
// few records at a time, so the read loop runs many times.
func TestGetdentsSmallBuffer(t *testing.T) {
	dir := t.TempDir()
	var wantDirs []string
	var bytes int64
	for i := range 200 {
		name := fmt.Sprintf("entry-%03d-%s", i, strings.Repeat("z", i%40))
		if i%4 == 0 {
			mkdir(t, filepath.Join(dir, name))
			wantDirs = append(wantDirs, name)
			continue
		}
		writeFile(t, filepath.Join(dir, name), i)
		setTime(t, filepath.Join(dir, name), hours(i))
		bytes += int64(i)
	}
	setTime(t, dir, hours(0))
	r := &getdentsReader{buf: make([]byte, 512)}
	got, err := read(r, dir, false)
	if err != nil {
		t.Fatal(err)
	}
	checkListing(t, got, wantDirs, index.Stats{Bytes: bytes, Files: 150, Modified: hours(199)})

	// A buffer too small for even one record is an error, not a silent
	// empty folder.
	tiny := &getdentsReader{buf: make([]byte, 16)}
	if _, err := read(tiny, dir, false); !errors.Is(err, unix.EINVAL) {
		t.Errorf("read with a 16-byte buffer = %v, want EINVAL", err)
	}
}

func TestGetdentsSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "file"), 9)
	setTime(t, filepath.Join(dir, "file"), hours(2))
	if err := unix.Mkfifo(filepath.Join(dir, "fifo"), 0o644); err != nil {
		t.Fatal(err)
	}
	setTime(t, dir, hours(1))
	for _, rd := range readers() {
		t.Run(rd.name, func(t *testing.T) {
			got, err := read(rd.r, dir, false)
			if err != nil {
				t.Fatal(err)
			}
			checkListing(t, got, nil, index.Stats{Bytes: 9, Files: 1, Modified: hours(2)})
		})
	}
}

func TestGetdentsRefusesSymlinkWithoutFollow(t *testing.T) {
	base := t.TempDir()
	mkdir(t, filepath.Join(base, "real"))
	symlink(t, filepath.Join(base, "real"), filepath.Join(base, "link"))
	r := newReader()
	// O_NOFOLLOW with O_DIRECTORY: the kernel says the link is not a folder.
	if _, err := read(r, filepath.Join(base, "link"), false); !errors.Is(err, unix.ENOTDIR) {
		t.Errorf("read(link, follow=false) = %v, want ENOTDIR", err)
	}
	if _, err := read(r, filepath.Join(base, "link"), true); err != nil {
		t.Errorf("read(link, follow=true) = %v, want nil", err)
	}
}

func TestOpenRetry(t *testing.T) {
	dir := t.TempDir()
	fd, err := openRetry(dir, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC)
	if err != nil {
		t.Fatalf("openRetry(folder) = %v", err)
	}
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil || st.Mode&unix.S_IFMT != unix.S_IFDIR {
		t.Errorf("opened fd is not the folder: mode %o, err %v", st.Mode, err)
	}
	unix.Close(fd)
	if _, err := openRetry(filepath.Join(dir, "missing"), unix.O_RDONLY); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("openRetry(missing) = %v, want ENOENT", err)
	}
}
