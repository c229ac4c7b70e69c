// Command genstudio writes studio trees for the demo and the benchmarks:
//
//	genstudio demo DIR                 a small studio of 3 databases that differ, with DIR/.config
//	genstudio scan DIR [FILES]         a large tree for load benchmarks (sparse files)
//	genstudio large DIR [COUNT] [MB]   COUNT files of MB megabytes of random data
//	genstudio small DIR [COUNT]        COUNT files of 4-64 KB of random data
//
// Every tree is the same for the same arguments: names and sizes come from
// a fixed seed.
package main

import (
	"fmt"
	"os"
	"strconv"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "genstudio:", err)
		os.Exit(1)
	}
}

const usage = "usage: genstudio demo DIR | scan DIR [FILES] | large DIR [COUNT] [MB] | small DIR [COUNT]"

func run(args []string) error {
	if len(args) < 2 {
		return fmt.Errorf("%s", usage)
	}
	kind, dir := args[0], args[1]
	nums, err := numbers(args[2:])
	if err != nil {
		return err
	}
	switch kind {
	case "demo":
		return writeDemo(dir)
	case "scan":
		return writeScanTree(dir, arg(nums, 0, 200_000))
	case "large":
		return writeLarge(dir, arg(nums, 0, 4), int64(arg(nums, 1, 512))<<20)
	case "small":
		return writeSmall(dir, arg(nums, 0, 50_000))
	}
	return fmt.Errorf("unknown kind %q; %s", kind, usage)
}

func numbers(args []string) ([]int, error) {
	out := make([]int, len(args))
	for i, a := range args {
		n, err := strconv.Atoi(a)
		if err != nil || n < 0 {
			return nil, fmt.Errorf("%q is not a count; %s", a, usage)
		}
		out[i] = n
	}
	return out, nil
}

func arg(nums []int, i, def int) int {
	if i < len(nums) {
		return nums[i]
	}
	return def
}
