package fsys

import "golang.org/x/sys/unix"

// OpenFileLimit is how many files the process may have open at once. Go
// raises the soft limit to the hard one when a program starts.
func OpenFileLimit() int {
	var rl unix.Rlimit
	if err := unix.Getrlimit(unix.RLIMIT_NOFILE, &rl); err != nil || rl.Cur > 1<<20 {
		return 1 << 20
	}
	return int(rl.Cur)
}
