package mhl

import "testing"

func TestActionValid(t *testing.T) {
	for a, want := range map[Action]bool{Original: true, Verified: true, Failed: true, "new": false, "": false} {
		if a.valid() != want {
			t.Errorf("%q.valid() = %v", a, !want)
		}
	}
}

func TestDefaultIgnoreIsFresh(t *testing.T) {
	d := DefaultIgnore()
	d[0] = "changed"
	if DefaultIgnore()[0] != ".DS_Store" {
		t.Error("DefaultIgnore returned shared state")
	}
}
