//go:build !linux

package scan

import "testing"

func TestNewReaderIsPortable(t *testing.T) {
	r := newReader()
	if _, ok := r.(portableReader); !ok {
		t.Fatalf("newReader() = %T, want portableReader", r)
	}
}
