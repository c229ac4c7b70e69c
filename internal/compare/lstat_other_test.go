//go:build !linux

package compare

import (
	"os"
	"testing"
)

func TestLstatAtIsPortable(t *testing.T) {
	root := build(t, map[string]string{"f": "data"})
	s, err := lstatAt(nil, root, "f")
	if err != nil || s.Kind != File || s.Size != 4 {
		t.Fatalf("lstatAt = %+v, %v", s, err)
	}
	if _, err := lstatAt(nil, root, "missing"); !os.IsNotExist(err) {
		t.Fatalf("missing: %v", err)
	}
}
