//go:build !linux

package backup

import "os"

// syncFS is not available here: the caller fsyncs each file instead.
func syncFS(*os.File) error { return errNoSyncFS }

// dropCache has no portable form; the read-back may come from the cache.
func dropCache(*os.File) {}
