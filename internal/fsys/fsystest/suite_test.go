package fsystest_test

import (
	"testing"

	"github.com/bcnvisuals/autobackup/internal/fsys"
	"github.com/bcnvisuals/autobackup/internal/fsys/fsystest"
)

// TestLocal runs the conformance suite on the local disk.
func TestLocal(t *testing.T) {
	fsystest.Run(t, func(t *testing.T) fsys.Dir {
		d, err := fsys.OpenRoot(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		return d
	})
}
