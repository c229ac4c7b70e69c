package compare

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestVerify(t *testing.T) {
	a := build(t, map[string]string{"same": "abc", "altered": "abc", "size": "abc", "onlya": "x", "l": "->t", "big": strings.Repeat("z", 3<<20)})
	b := build(t, map[string]string{"same": "abc", "altered": "abd", "size": "abcd", "onlyb": "y", "l": "->t", "big": strings.Repeat("z", 3<<20)})
	// altered: same size and time, other content; touch same's time only.
	later := stamp.Add(1e9)
	must(t, os.Chtimes(filepath.Join(b, "same"), later, later))
	var p Progress
	r, err := Verify(context.Background(), a, b, 3, &p)
	if err != nil {
		t.Fatal(err)
	}
	want := "differs altered (content)\nidentical big\nidentical l\nonly in A onlya\nonly in B onlyb\nidentical same\ndiffers size (size)"
	if got := render(r); got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
	if hashed := p.Bytes.Load(); hashed != 2*(3+3+3<<20) {
		t.Fatalf("hashed %d bytes", hashed)
	}
}

func TestVerifyErrors(t *testing.T) {
	a := build(t, map[string]string{"f": "1"})
	b := build(t, map[string]string{"f": "2"})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Verify(ctx, a, b, 2, nil); err == nil {
		t.Fatal("a cancelled verify did not fail")
	}
	if _, err := Verify(context.Background(), a, filepath.Join(b, "nope"), 2, nil); err == nil {
		t.Fatal("verify of a missing folder did not fail")
	}
	if os.Geteuid() != 0 {
		must(t, os.Chmod(filepath.Join(b, "f"), 0))
		if _, err := Verify(context.Background(), a, b, 2, nil); err == nil {
			t.Fatal("an unreadable file did not fail verify")
		}
	}
}
