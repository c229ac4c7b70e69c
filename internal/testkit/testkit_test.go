package testkit

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

func TestWriteAndManifest(t *testing.T) {
	root := Dir(t, Tree{"a": "1", "d/b": "22", "e/": "", "l": "->a"})
	got := strings.Join(Manifest(t, root), "\n")
	for _, want := range []string{"a -rw-r--r-- 1 " + fmt.Sprint(Stamp.UnixNano()) + " 1", "d/b -rw-r--r-- 2", "e drwxr-xr-x", "l Lrwxrwxrwx", "-> a"} {
		if !strings.Contains(got, want) {
			t.Errorf("manifest lacks %q:\n%s", want, got)
		}
	}
}

func TestSyncBuffer(t *testing.T) {
	var b SyncBuffer
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() { fmt.Fprint(&b, "x") })
	}
	wg.Wait()
	if b.String() != "xxxxxxxx" {
		t.Fatalf("%q", b.String())
	}
}

func TestSyncBufferWaitFor(t *testing.T) {
	var b SyncBuffer
	go func() {
		for range 3 {
			fmt.Fprint(&b, ">>> ")
		}
	}()
	b.WaitFor(func(s string) bool { return strings.Count(s, ">>>") == 3 })
}
