package main

import (
	"strings"
	"testing"
	"time"
)

const procMounts = `sysfs /sys sysfs rw,nosuid 0 0
/dev/vda / ext4 rw,relatime 0 0
/dev/vdb /work xfs rw,relatime 0 0
/dev/vdc /work/my\040disk btrfs rw 0 0
tmpfs /workshop tmpfs rw 0 0
`

func TestMountOf(t *testing.T) {
	tests := []struct {
		path                string
		device, mount, kind string
	}{
		{"/work/wt-bench/_bench", "/dev/vdb", "/work", "xfs"},
		{"/work", "/dev/vdb", "/work", "xfs"},
		{"/workshop/x", "tmpfs", "/workshop", "tmpfs"},
		{"/work/my disk/_bench", "/dev/vdc", "/work/my disk", "btrfs"},
		{"/home/me", "/dev/vda", "/", "ext4"},
	}
	for _, tt := range tests {
		d, m, k := mountOf(procMounts, tt.path)
		if d != tt.device || m != tt.mount || k != tt.kind {
			t.Errorf("mountOf(%q) = %q %q %q, want %q %q %q", tt.path, d, m, k, tt.device, tt.mount, tt.kind)
		}
	}
}

func TestFieldOf(t *testing.T) {
	cpuinfo := "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7B13\nprocessor\t: 1\nmodel name\t: AMD EPYC 7B13\n"
	tests := []struct{ text, key, want string }{
		{cpuinfo, "model name", "AMD EPYC 7B13"},
		{cpuinfo, "flags", "unknown"},
		{"MemTotal:       24634640 kB\nMemFree: 1 kB\n", "MemTotal", "24634640 kB"},
		{"", "MemTotal", "unknown"},
	}
	for _, tt := range tests {
		if got := fieldOf(tt.text, tt.key, "unknown"); got != tt.want {
			t.Errorf("fieldOf(%q) = %q, want %q", tt.key, got, tt.want)
		}
	}
}

func TestDescribeLsblk(t *testing.T) {
	tests := []struct{ out, want string }{
		{"vda  256G    0 \n", "vda, 256G, non-rotational"},
		{"sda 1.8T 1 WDC WD20EZRZ\n", "sda, 1.8T, rotational, WDC WD20EZRZ"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := describeLsblk(tt.out); got != tt.want {
			t.Errorf("describeLsblk(%q) = %q, want %q", tt.out, got, tt.want)
		}
	}
}

func TestMachineRender(t *testing.T) {
	m := Machine{Cores: 2, CPU: "AMD EPYC", MemBytes: 24 << 30, Kernel: "6.1.0", Device: "/dev/vda", FS: "ext4", Mount: "/",
		Disk: "vda, 256G, non-rotational", Load: "1.00 0.50 0.25", Go: "go1.26.8", Revision: "abc1234",
		Date: time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC)}
	got := m.render()
	for _, want := range []string{
		"| cores | 2 |", "| memory | 24.0 GiB |",
		"| disk of `_bench` | /dev/vda (vda, 256G, non-rotational), ext4 mounted on / |",
		"| kernel | Linux 6.1.0 |", "| load average at the start | 1.00 0.50 0.25 |",
		"| revision | abc1234 |", "| date | 2026-11-28 10:00 UTC |",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("machine block lacks %q:\n%s", want, got)
		}
	}
	if s := m.stamp(); s != "measured 2026-11-28 10:00 UTC at abc1234" {
		t.Errorf("stamp = %q", s)
	}
	if got := (Machine{}).render(); !strings.Contains(got, "| disk of `_bench` | unknown, unknown mounted on unknown |") {
		t.Errorf("an unknown disk is not said so:\n%s", got)
	}
}
