package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
)

// section is what can be asked for on the command line; each writes one
// marked block of BENCHMARKS.md.
type section struct {
	name  string // on the command line and in the markers
	title string // the heading, if BENCHMARKS.md lacks the markers
	cold  bool   // needs the caches dropped: root only
	peers []peer
	body  func(ctx context.Context, e *env) (string, error)
}

// sections are all the sections, in the order `all` runs them.
func sections() []section {
	return []section{
		{name: "load", title: "load", peers: []peer{peerGdu, peerNcdu}, body: timed(loadBlocks(false))},
		{name: "copy", title: "copy", peers: []peer{peerRsync}, body: timed(copyBlocks(false))},
		{name: "verify", title: "verify", peers: []peer{peerXxhsum, peerB3sum}, body: timed(verifyBlocks(false))},
		{name: "go", title: "Go benchmarks", body: goBenchmarks},
		{name: "floor", title: "where the time goes", peers: []peer{peerStrace, peerXxhsum}, body: floor},
		{name: "load-cold", title: "load, cold cache", cold: true, peers: []peer{peerGdu, peerNcdu}, body: timed(loadBlocks(true))},
		{name: "copy-cold", title: "copy, cold cache", cold: true, peers: []peer{peerRsync}, body: timed(copyBlocks(true))},
		{name: "verify-cold", title: "verify, cold cache", cold: true, peers: []peer{peerXxhsum, peerB3sum}, body: timed(verifyBlocks(true))},
	}
}

// groups are names for several sections at once.
var groups = map[string][]string{
	"all":  {"load", "copy", "verify", "go", "floor", "load-cold", "copy-cold", "verify-cold"},
	"warm": {"load", "copy", "verify"},
	"cold": {"load-cold", "copy-cold", "verify-cold"},
}

// pickSections turns the command line's words into sections, in the
// order of sections(), each once.
func pickSections(words []string) ([]section, error) {
	if len(words) == 0 {
		words = []string{"all"}
	}
	all := sections()
	known := map[string]bool{}
	for _, s := range all {
		known[s.name] = true
	}
	want := map[string]bool{}
	for _, w := range words {
		switch {
		case groups[w] != nil:
			for _, n := range groups[w] {
				want[n] = true
			}
		case known[w]:
			want[w] = true
		default:
			return nil, fmt.Errorf("no section %q: say %s, or a group: all, warm, cold", w, strings.Join(names(all), ", "))
		}
	}
	var out []section
	for _, s := range all {
		if want[s.name] {
			out = append(out, s)
		}
	}
	return out, nil
}

func names(ss []section) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.name
	}
	return out
}

// timed is the body of a section of timed blocks: each measured in turn
// and written as Markdown, under its own heading when there are several.
func timed(blocks func(ctx context.Context, e *env) ([]Block, error)) func(context.Context, *env) (string, error) {
	return func(ctx context.Context, e *env) (string, error) {
		bs, err := blocks(ctx, e)
		if err != nil {
			return "", err
		}
		var out []string
		for _, b := range bs {
			o := Outcome{Block: b, Runs: e.runs, Stamp: e.machine.stamp()}
			o.Block.Tools = nil
			for _, t := range b.Tools {
				if ok, why := e.peers.has(t.Peer); ok || t.Peer == "" {
					o.Block.Tools = append(o.Block.Tools, t)
				} else {
					o.Missing = append(o.Missing, fmt.Sprintf("`%s` (%s)", t.Label, why))
				}
			}
			fmt.Fprintf(e.log, "%s: %s\n", b.Name, b.About)
			if o.Results, err = e.run.measure(ctx, o.Block, e.runs, e.warmup); err != nil {
				return "", err
			}
			text := renderOutcome(o)
			if len(bs) > 1 {
				text = "### " + b.Title + "\n\n" + text
			}
			out = append(out, text)
		}
		return strings.Join(out, "\n"), nil
	}
}

// loadBlocks times a load of a generated studio against du, gdu and ncdu
// walking the same folders: 200,000 files warm, 1,000,000 cold.
func loadBlocks(cold bool) func(context.Context, *env) ([]Block, error) {
	return func(ctx context.Context, e *env) ([]Block, error) {
		name, files, block := "scan", e.sz.loadFiles, "load"
		if cold {
			name, files, block = "scan-1m", e.sz.coldLoadFiles, "load-cold"
		}
		script, err := e.loadStudio(ctx, name, files)
		if err != nil {
			return nil, err
		}
		n, folders, _, err := countTree(filepath.Join(e.work, name))
		if err != nil {
			return nil, err
		}
		roots := []string{name + "/WORK", name + "/STORAGE", name + "/NAS"}
		b := Block{
			Name: block, Title: "load", Ref: "autobackup", Cold: cold,
			About: fmt.Sprintf("A studio of %s in %s over 3 databases and 4 categories (sparse files: a scan reads only metadata)",
				count(n, "file"), count(folders, "folder")),
			Tools: []Tool{
				e.tool("autobackup", "--no-config", "-f", script),
				e.tool("du", append([]string{"-sb"}, roots...)...),
				e.tool("gdu", "-n", "-p", "-a", name),
				e.tool("ncdu", "-0", "-o", "/dev/null", name),
			},
			Targets: []Target{
				{Label: "load ≤ 0.65× `du -sb`", A: "autobackup", B: "du", Kind: AtMost, Limit: 0.65},
				{Label: "load ≤ 0.60× `gdu`", A: "autobackup", B: "gdu", Kind: AtMost, Limit: 0.60},
				{Label: "peak RSS ≤ 1/8 of gdu's", A: "autobackup", B: "gdu", Kind: MemoryPart, Limit: 8},
			},
		}
		if cold {
			b.Targets = []Target{
				{Label: "cold load ≤ 0.60× `gdu`", A: "autobackup", B: "gdu", Kind: AtMost, Limit: 0.60},
				{Label: "cold load ≤ 0.45× `du -sb`", A: "autobackup", B: "du", Kind: AtMost, Limit: 0.45},
			}
		}
		return []Block{b}, nil
	}
}

// copyBlocks times copies of the large and the small tree into an empty
// destination on the same file system against cp and rsync with the same
// durability. Every run starts from an empty, synced destination.
func copyBlocks(cold bool) func(context.Context, *env) ([]Block, error) {
	return func(ctx context.Context, e *env) ([]Block, error) {
		if err := e.dataTrees(ctx); err != nil {
			return nil, err
		}
		var out []Block
		for _, name := range []string{"large", "small"} {
			src, dst := "src/footage/acme/"+name, "dst/footage/acme/"+name
			project := "acme/" + name
			b := Block{
				Name: blockName("copy-"+name, cold), Title: e.treeTitle(name), Ref: "autobackup", Cold: cold,
				About: e.treeAbout(name, "copied from `src` into an empty `dst` on the same file system"),
				Tools: []Tool{
					e.tool("autobackup", "--config", copyConfig, "copy", project, "footage", "SRC", "DST"),
					e.tool("autobackup", "--config", copyConfig, "copy", "--no-verify", project, "footage", "SRC", "DST"),
					e.shell("cp", "cp -a "+src+" "+dst+" && sync"),
					e.tool("rsync", "-a", "--fsync", src+"/", dst+"/"),
				},
			}
			b.Tools[1].Key = "autobackup --no-verify"
			for i := range b.Tools {
				b.Tools[i].Prepare = e.emptyDst
				b.Tools[i].Check = e.sameTree(name)
			}
			if !cold {
				b.Targets = []Target{
					{Label: "verified copy ≤ 1.5× `cp -a && sync`", A: "autobackup", B: "cp", Kind: AtMost, Limit: 1.5},
					{Label: "verified copy ≥ 1.5× faster than `rsync -a --fsync`", A: "autobackup", B: "rsync", Kind: FasterBy, Limit: 1.5},
				}
				if name == "large" {
					b.Targets = append(b.Targets, Target{Label: "`--no-verify` ≤ 1.15× `cp -a && sync`", A: "autobackup --no-verify", B: "cp", Kind: AtMost, Limit: 1.15})
				}
			}
			out = append(out, b)
		}
		return out, nil
	}
}

// verifyBlocks times verify of each tree against its copy made once,
// against hashing both copies one after the other with xxhsum -H2 (the
// same XXH3-128) and b3sum.
func verifyBlocks(cold bool) func(context.Context, *env) ([]Block, error) {
	return func(ctx context.Context, e *env) ([]Block, error) {
		if err := e.dataTrees(ctx); err != nil {
			return nil, err
		}
		var out []Block
		for _, name := range []string{"large", "small"} {
			a, b := "src/footage/acme/"+name, "mirror/footage/acme/"+name
			both := func(hasher string) string {
				return "find " + a + " -type f -print0 | xargs -0 " + hasher + " >/dev/null && find " + b + " -type f -print0 | xargs -0 " + hasher + " >/dev/null"
			}
			blk := Block{
				Name: blockName("verify-"+name, cold), Title: e.treeTitle(name), Ref: "autobackup", Cold: cold,
				About: e.treeAbout(name, "in `src` and its copy in `mirror`, both read"),
				Tools: []Tool{
					e.tool("autobackup", "--config", verifyConfig, "verify", "acme/"+name, "footage", "SRC", "DST"),
					e.shell("xxhsum", both("xxhsum -H2")),
					e.shell("b3sum", both("b3sum")),
				},
				Targets: []Target{{Label: "verify ≤ 0.60× `xxhsum -H2` over both trees", A: "autobackup", B: "xxhsum", Kind: AtMost, Limit: 0.60}},
			}
			if cold {
				blk.Targets = []Target{{Label: "cold verify ≤ 0.55× `xxhsum -H2` over both trees", A: "autobackup", B: "xxhsum", Kind: AtMost, Limit: 0.55}}
			}
			out = append(out, blk)
		}
		return out, nil
	}
}

func blockName(name string, cold bool) string {
	if cold {
		return name + "-cold"
	}
	return name
}

// tool is a command run in the trees' folder: autobackup (the binary
// built for the run) or a peer found on PATH.
func (e *env) tool(key string, args ...string) Tool {
	argv0, peer := key, key
	if key == "autobackup" {
		argv0, peer = e.bin, ""
	}
	return Tool{Key: key, Label: strings.Join(append([]string{key}, args...), " "), Argv: append([]string{argv0}, args...), Dir: e.work, Peer: peer}
}

// shell is a peer's command line that needs a shell (&&, pipes); key is
// the peer's command, which must be installed.
func (e *env) shell(key, line string) Tool {
	return Tool{Key: key, Label: line, Argv: []string{"sh", "-c", line}, Dir: e.work, Peer: key}
}

func (e *env) treeTitle(name string) string {
	if name == "large" {
		return fmt.Sprintf("%d files of %d MB", e.sz.largeCount, e.sz.largeMB)
	}
	return fmt.Sprintf("%s files of 4–64 KB", thousands(int64(e.sz.smallCount)))
}

func (e *env) treeAbout(name, how string) string {
	files, folders, bytes, err := countTree(e.tree("src", name))
	if err != nil {
		return fmt.Sprintf("The project acme/%s %s", name, how)
	}
	return fmt.Sprintf("The project acme/%s, %s in %s (%.2f GiB), %s", name, count(files, "file"), count(folders, "folder"), float64(bytes)/(1<<30), how)
}
