//go:build !linux

package compare

import "os"

// lstatAt describes the entry name of the folder at path.
func lstatAt(dir *os.File, path, name string) (Side, error) {
	return lstatPortable(dir, path, name)
}
