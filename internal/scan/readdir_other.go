//go:build !linux

package scan

func newReader() reader { return portableReader{} }
