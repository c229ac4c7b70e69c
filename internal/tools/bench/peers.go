package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
)

// peer is a command the benchmarks run beside autobackup, and the Debian
// package that brings it.
type peer struct {
	cmd, pkg string
	optional bool // without it the section runs, its row left out loudly
}

// The peers, by command. du, cp, dd, find and xargs come with every
// Debian (coreutils, findutils).
var (
	peerGdu    = peer{cmd: "gdu", pkg: "gdu"}
	peerNcdu   = peer{cmd: "ncdu", pkg: "ncdu", optional: true}
	peerRsync  = peer{cmd: "rsync", pkg: "rsync"}
	peerXxhsum = peer{cmd: "xxhsum", pkg: "xxhash"}
	peerB3sum  = peer{cmd: "b3sum", pkg: "b3sum", optional: true}
	peerStrace = peer{cmd: "strace", pkg: "strace"}
)

// installer brings missing peers in with apt-get, updating its lists once.
type installer struct {
	log     io.Writer
	updated bool
	missing map[string]string // command → why it could not be had
}

// ensure makes sure the peers are on PATH. A required peer that cannot
// be installed is an error; an optional one is remembered in missing and
// said loudly.
func (in *installer) ensure(ctx context.Context, peers []peer) error {
	for _, p := range peers {
		if _, err := exec.LookPath(p.cmd); err == nil {
			continue
		}
		if _, told := in.missing[p.cmd]; told {
			continue
		}
		err := in.install(ctx, p)
		if err == nil {
			continue
		}
		if !p.optional {
			return fmt.Errorf("%s is needed: %w", p.cmd, err)
		}
		if in.missing == nil {
			in.missing = map[string]string{}
		}
		in.missing[p.cmd] = err.Error()
		fmt.Fprintf(in.log, "\n*** %s IS LEFT OUT OF THE BENCHMARKS: %v ***\n\n", p.cmd, err)
	}
	return nil
}

// has says whether a command can be run, and if not, why.
func (in *installer) has(cmd string) (bool, string) {
	if why, ok := in.missing[cmd]; ok {
		return false, why
	}
	if _, err := exec.LookPath(cmd); err != nil {
		return false, "not installed"
	}
	return true, ""
}

func (in *installer) install(ctx context.Context, p peer) error {
	if os.Geteuid() != 0 {
		return fmt.Errorf("not installed, and only root can install it: apt-get install %s", p.pkg)
	}
	if !in.updated {
		fmt.Fprintln(in.log, "apt-get update")
		if err := apt(ctx, "update", "-qq"); err != nil {
			return err
		}
		in.updated = true
	}
	fmt.Fprintf(in.log, "installing %s (Debian package %s)\n", p.cmd, p.pkg)
	if err := apt(ctx, "install", "-y", "-qq", "--no-install-recommends", p.pkg); err != nil {
		return fmt.Errorf("the Debian package %s could not be installed: %w", p.pkg, err)
	}
	if _, err := exec.LookPath(p.cmd); err != nil {
		return fmt.Errorf("the Debian package %s is installed but has no %s", p.pkg, p.cmd)
	}
	return nil
}

func apt(ctx context.Context, args ...string) error {
	// Another apt-get may hold dpkg's lock: wait for it rather than fail.
	args = append([]string{"-o", "DPkg::Lock::Timeout=600"}, args...)
	cmd := exec.CommandContext(ctx, "apt-get", args...)
	cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
	out, err := cmd.CombinedOutput()
	if err != nil {
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		return fmt.Errorf("apt-get %s: %w: %s", args[2], err, lines[len(lines)-1])
	}
	return nil
}
