//go:build !linux

package backup

import (
	"errors"
	"testing"
)

func TestSyncFSUnavailable(t *testing.T) {
	if err := syncFS(nil); !errors.Is(err, errNoSyncFS) {
		t.Fatalf("syncFS = %v, want errNoSyncFS", err)
	}
	dropCache(nil)
}
