package mhl

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestClassify(t *testing.T) {
	// Scenario 03's file server: xxh64 original, md5 verified later.
	h, err := Read(os.DirFS(example("scenario_03", "file_server")), "A002R2EC")
	if err != nil {
		t.Fatal(err)
	}
	const clip = "Clips/A002C006_141024_R2EC.mov"
	const x64, md5 = "0ea03b369a463d9d", "f5ac8127b3b6b85cdc13f237c6005d80"
	const x128 = "ad3e38cc4333ed1b742b20a1b224a05e"
	const wrong64 = "0000000000000000"
	tests := []struct {
		name   string
		path   string
		hashes map[Format]string
		want   string // "format:action ..." in schema order
		ok     bool
		err    string
	}{
		{"a new file", "new.mov", map[Format]string{XXH128: x128, MD5: md5}, "md5:original xxh128:original", true, ""},
		{"same xxh64", clip, map[Format]string{XXH64: x64}, "xxh64:verified", true, ""},
		{"same md5 (recorded as verified)", clip, map[Format]string{MD5: md5}, "md5:verified", true, ""},
		{"a new format, verified", clip, map[Format]string{XXH64: x64, XXH128: x128}, "xxh128:verified xxh64:verified", true, ""},
		{"xxh64 differs: the new format is left out", clip, map[Format]string{XXH64: wrong64, XXH128: x128}, "xxh64:failed", false, ""},
		{"md5 differs", clip, map[Format]string{XXH64: x64, MD5: strings.Repeat("0", 32)}, "md5:failed xxh64:verified", false, ""},
		{"no recorded format computed", clip, map[Format]string{XXH128: x128}, "", false, "recorded in md5, xxh64"},
		{"a malformed hash", clip, map[Format]string{XXH64: "zz"}, "", false, "hex digits"},
	}
	for _, tt := range tests {
		got, ok, err := h.Classify(tt.path, tt.hashes, gen2Date)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%s: err = %v, want %q", tt.name, err, tt.err)
			}
			continue
		}
		var s []string
		for _, e := range got {
			s = append(s, fmt.Sprintf("%s:%s", e.Format, e.Action))
			if !e.Date.Equal(gen2Date) || e.Value != tt.hashes[e.Format] {
				t.Errorf("%s: entry %+v", tt.name, e)
			}
		}
		if err != nil || ok != tt.ok || strings.Join(s, " ") != tt.want {
			t.Errorf("%s: %q, %v, %v; want %q, %v", tt.name, s, ok, err, tt.want, tt.ok)
		}
	}
}
