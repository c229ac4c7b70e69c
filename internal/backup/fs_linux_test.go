package backup

import (
	"os"
	"path/filepath"
	"testing"
)

func TestSyncFSAndDropCache(t *testing.T) {
	p := filepath.Join(t.TempDir(), "f")
	must(t, os.WriteFile(p, []byte("data"), 0o644))
	f, err := os.Open(p)
	must(t, err)
	defer f.Close()
	if err := syncFS(f); err != nil {
		t.Fatalf("syncFS: %v", err)
	}
	dropCache(f)
	b := make([]byte, 4)
	if n, err := f.Read(b); n != 4 || err != nil || string(b) != "data" {
		t.Fatalf("read after dropCache: %q, %v", b[:n], err)
	}
}
