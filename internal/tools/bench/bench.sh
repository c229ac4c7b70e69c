#!/usr/bin/env bash
# make bench: autobackup side by side with its peers on generated trees.
#
#   internal/tools/bench/bench.sh [load|copy|verify|go|all]
#
# Trees are generated once into ./_bench (git-ignored; the leading _
# keeps the go tool from walking it). Peers come from Debian's packages.
# Each section prints a Markdown table of mean times, the ratio to the
# peer, and peak memory; BENCHMARKS.md holds the results.
set -euo pipefail
cd "$(dirname "$0")/../../.."
top=$PWD
bin=$top/autobackup
work=$top/_bench
mkdir -p "$work"

need() {
	local missing=()
	for pkg in "$@"; do
		local cmd=${pkg%%:*} deb=${pkg##*:}
		command -v "$cmd" >/dev/null 2>&1 || missing+=("$deb")
	done
	[ ${#missing[@]} -eq 0 ] && return
	echo "installing ${missing[*]}" >&2
	local sudo=""
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	$sudo apt-get update -qq >/dev/null
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

# peak_rss CMD...: the peak resident memory of a command, in MB.
peak_rss() {
	/usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1 | awk '{printf "%.0f", $1/1024}'
}

# table JSON NAME...: a Markdown table from hyperfine's JSON export, with
# each command's ratio to the first peer and its peak memory (MB).
table() {
	python3 - "$@" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))["results"]
mem = dict(zip([r["command"] for r in data], sys.argv[2:]))
base = data[0]["mean"]
print("| command | mean (s) | σ (s) | × autobackup | peak RSS (MB) |")
print("|---|---:|---:|---:|---:|")
for r in data:
    print(f"| `{r['command']}` | {r['mean']:.3f} | {r['stddev']:.3f} | {r['mean']/base:.2f} | {mem.get(r['command'], '')} |")
for r in data[1:]:
    print(f"\nautobackup takes {base/r['mean']:.2f}× the time of `{r['command'].split()[0]}`", end="")
print()
PY
}

bench_load() {
	need hyperfine:hyperfine gdu:gdu /usr/bin/time:time
	local tree=$work/scan
	if [ ! -d "$tree" ]; then
		echo "generating the load tree (200,000 files in about 100,000 folders)" >&2
		go run ./internal/tools/genstudio scan "$tree" 200000
	fi
	cat >"$work/load.ab" <<-AB
		add database WORK scan/WORK
		add database STORAGE scan/STORAGE
		add database NAS scan/NAS
		add category project project
		add category footage footage
		add category render scratch/render
		add category cache scratch/cache
		load
	AB
	cd "$work"
	local ab="$bin --no-config -f load.ab" du="du -sb scan/WORK scan/STORAGE scan/NAS" gdu="gdu -n -p -a scan"
	echo "## load: $(find scan -type f | wc -l) files in $(find scan -type d | wc -l) folders, warm cache, $(nproc) cores"
	echo
	hyperfine -N --warmup 3 --runs 10 --export-json "$work/load.json" "$ab" "$du" "$gdu" >&2
	table "$work/load.json" "$(peak_rss $ab)" "$(peak_rss $du)" "$(peak_rss $gdu)"
	cd "$top"
}

# bench_copy: copy a tree into an empty destination on the same file
# system, against peers with the same durability: cp -a then sync, and
# rsync -a --fsync. Each run starts from an empty, synced destination.
bench_copy_trees() {
	local src=$work/copy/src/footage/acme
	if [ ! -d "$src/large" ]; then
		echo "generating 4 files of 512 MB" >&2
		go run ./internal/tools/genstudio large "$src/large" 4 512
	fi
	if [ ! -d "$src/small" ]; then
		echo "generating 50,000 files of 4-64 KB" >&2
		go run ./internal/tools/genstudio small "$src/small" 50000
	fi
}

bench_copy() {
	need hyperfine:hyperfine rsync:rsync /usr/bin/time:time
	bench_copy_trees
	cd "$work/copy"
	for tree in large small; do
		for mode in "" "--no-verify"; do
			printf 'add database SRC src\nadd database DST dst\nadd category footage footage\nload SRC\ncopy %s acme/%s footage SRC DST\n' "$mode" "$tree" >"copy-$tree$mode.ab"
		done
		local prep="rm -rf dst && mkdir -p dst/footage/acme && sync"
		echo "## copy: $tree tree ($(find "src/footage/acme/$tree" -type f | wc -l) files, $(du -sh "src/footage/acme/$tree" | cut -f1)), same file system, $(nproc) cores"
		echo
		hyperfine --runs "${COPY_RUNS:-3}" --prepare "$prep" --export-json "$work/copy-$tree.json" \
			"$bin --no-config -f copy-$tree.ab" \
			"$bin --no-config -f copy-$tree--no-verify.ab" \
			"cp -a src/footage/acme/$tree dst/footage/acme/$tree && sync" \
			"rsync -a --fsync src/footage/acme/$tree/ dst/footage/acme/$tree/" >&2
		table "$work/copy-$tree.json"
		echo
	done
	rm -rf dst
	cd "$top"
}

# bench_verify: verify a copied tree against hashing both copies, one
# after the other, with the fastest command-line hashers (xxhsum -H3, the
# same xxh3-128; and b3sum), on a warm cache.
bench_verify() {
	need hyperfine:hyperfine xxhsum:xxhash b3sum:b3sum
	bench_copy_trees
	cd "$work/copy"
	for tree in large small; do
		if [ ! -d "dst/footage/acme/$tree" ]; then
			printf 'add database SRC src\nadd database DST dst\nadd category footage footage\nload SRC\ncopy --no-verify acme/%s footage SRC DST\n' "$tree" >copy-once.ab
			"$bin" --no-config -f copy-once.ab >/dev/null
		fi
		printf 'add database SRC src\nadd database DST dst\nadd category footage footage\nverify acme/%s footage SRC DST\n' "$tree" >"verify-$tree.ab"
		local a=src/footage/acme/$tree b=dst/footage/acme/$tree
		echo "## verify: $tree tree ($(find "$a" -type f | wc -l) files, $(du -sh "$a" | cut -f1)) and its copy, warm cache, $(nproc) cores"
		echo
		hyperfine --warmup 1 --runs "${VERIFY_RUNS:-5}" --export-json "$work/verify-$tree.json" \
			"$bin --no-config -f verify-$tree.ab" \
			"sh -c 'find $a -type f -print0 | xargs -0 xxhsum -H3 >/dev/null; find $b -type f -print0 | xargs -0 xxhsum -H3 >/dev/null'" \
			"sh -c 'find $a -type f -print0 | xargs -0 b3sum >/dev/null; find $b -type f -print0 | xargs -0 b3sum >/dev/null'" >&2
		table "$work/verify-$tree.json"
		echo
	done
	cd "$top"
}

bench_go() {
	echo "## Go benchmarks"
	echo
	echo '```'
	go test ./internal/cmd ./internal/scan -run '^$' -bench . -benchtime 20x | grep -E '^Benchmark'
	echo '```'
}

case "${1:-all}" in
load) bench_load ;;
copy) bench_copy ;;
verify) bench_verify ;;
go) bench_go ;;
all)
	bench_load
	echo
	bench_copy
	bench_verify
	bench_go
	;;
*)
	echo "usage: $0 [load|copy|verify|go|all]" >&2
	exit 2
	;;
esac
