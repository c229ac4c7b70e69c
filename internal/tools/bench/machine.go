package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// Machine is what a reader needs to know of where figures were taken.
type Machine struct {
	Cores    int
	CPU      string
	MemBytes int64
	Kernel   string
	Device   string // the device holding the trees, such as /dev/vda
	FS       string // its file system, such as ext4
	Mount    string // where it is mounted
	Disk     string // lsblk's word on it, when lsblk is there
	Load     string // /proc/loadavg when the run began
	Go       string
	Revision string // git's short revision, "+ changes" when the tree is dirty
	Date     time.Time
}

// readMachine looks at this machine, the disk holding dir and the git
// revision of the project in top. What cannot be read is said so.
func readMachine(ctx context.Context, top, dir string) Machine {
	m := Machine{Cores: runtime.NumCPU(), Go: runtime.Version(), Date: time.Now().UTC()}
	m.CPU = fieldOf(readText("/proc/cpuinfo"), "model name", "unknown CPU")
	if kb, err := strconv.ParseInt(strings.TrimSuffix(fieldOf(readText("/proc/meminfo"), "MemTotal", "0"), " kB"), 10, 64); err == nil {
		m.MemBytes = kb << 10
	}
	m.Kernel = strings.TrimSpace(readText("/proc/sys/kernel/osrelease"))
	if f := strings.Fields(readText("/proc/loadavg")); len(f) >= 3 {
		m.Load = strings.Join(f[:3], " ")
	}
	abs, err := filepath.Abs(dir)
	if err == nil {
		m.Device, m.Mount, m.FS = mountOf(readText("/proc/mounts"), abs)
	}
	if m.Device != "" {
		if out, err := exec.CommandContext(ctx, "lsblk", "-dno", "NAME,SIZE,ROTA,MODEL", m.Device).Output(); err == nil {
			m.Disk = describeLsblk(string(out))
		}
	}
	m.Revision = gitRevision(ctx, top)
	return m
}

func readText(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	return string(b)
}

// fieldOf is the value of the first "key : value" line of a /proc file.
func fieldOf(text, key, otherwise string) string {
	for line := range strings.Lines(text) {
		k, v, ok := strings.Cut(line, ":")
		if ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v)
		}
	}
	return otherwise
}

// mountOf finds, in /proc/mounts's text, the mount that holds path: the
// longest mount point that is path or a parent of it.
func mountOf(mounts, path string) (device, mountPoint, fsType string) {
	for line := range strings.Lines(mounts) {
		f := strings.Fields(line)
		if len(f) < 3 {
			continue
		}
		mp := strings.ReplaceAll(f[1], `\040`, " ")
		inside := mp == "/" || path == mp || strings.HasPrefix(path, mp+"/")
		if inside && len(mp) >= len(mountPoint) {
			device, mountPoint, fsType = f[0], mp, f[2]
		}
	}
	return device, mountPoint, fsType
}

// describeLsblk turns lsblk's "NAME SIZE ROTA MODEL" line into words.
func describeLsblk(out string) string {
	f := strings.Fields(out)
	if len(f) < 3 {
		return ""
	}
	kind := "non-rotational" // the kernel's flag; virtual disks may say either
	if f[2] == "1" {
		kind = "rotational"
	}
	s := fmt.Sprintf("%s, %s, %s", f[0], f[1], kind)
	if len(f) > 3 {
		s += ", " + strings.Join(f[3:], " ")
	}
	return s
}

func gitRevision(ctx context.Context, top string) string {
	out, err := exec.CommandContext(ctx, "git", "-C", top, "rev-parse", "--short", "HEAD").Output()
	if err != nil {
		return "unknown revision"
	}
	rev := strings.TrimSpace(string(out))
	status, err := exec.CommandContext(ctx, "git", "-C", top, "status", "--porcelain", "--untracked-files=no").Output()
	if err == nil && len(strings.TrimSpace(string(status))) > 0 {
		rev += " + uncommitted changes"
	}
	return rev
}

// stamp is the short line each block carries: when and at what revision.
func (m Machine) stamp() string {
	return fmt.Sprintf("measured %s at %s", m.Date.Format("2006-01-02 15:04 UTC"), m.Revision)
}

// render is the machine block of BENCHMARKS.md.
func (m Machine) render() string {
	disk := m.Device
	if m.Disk != "" {
		disk += " (" + m.Disk + ")"
	}
	if disk == "" {
		disk = "unknown"
	}
	var b strings.Builder
	b.WriteString("| | |\n| --- | --- |\n")
	rows := [][2]string{
		{"cores", strconv.Itoa(m.Cores)},
		{"CPU", m.CPU},
		{"memory", fmt.Sprintf("%.1f GiB", float64(m.MemBytes)/(1<<30))},
		{"disk of `_bench`", fmt.Sprintf("%s, %s mounted on %s", disk, orUnknown(m.FS), orUnknown(m.Mount))},
		{"kernel", "Linux " + orUnknown(m.Kernel)},
		{"Go", m.Go},
		{"load average at the start", orUnknown(m.Load)},
		{"revision", m.Revision},
		{"date", m.Date.Format("2006-01-02 15:04 UTC")},
	}
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s | %s |\n", r[0], r[1])
	}
	return b.String()
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}
