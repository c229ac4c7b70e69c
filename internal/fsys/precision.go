package fsys

import (
	"strconv"
	"strings"
	"time"
)

// precisionFile, in a database's StateDir, keeps the precision a copy
// learnt by probing a file system of an unknown type.
const precisionFile = "precision"

// Precision is the finest step of modification times the folder's file
// system keeps, and whether it is known from the file system's type.
func (d *localDir) Precision() (time.Duration, bool) {
	p, ok := fsPrecision(d.fd)
	if !ok {
		return time.Nanosecond, false
	}
	return p, true
}

// Probe learns the precision of modification times by setting two on a
// scratch file in the folder d and reading them back.
func Probe(d Dir) (time.Duration, error) {
	var random [8]byte
	random[0] = 'p'
	name := TempName(random)
	f, err := d.Create(name, 0o600)
	if err != nil {
		return 0, err
	}
	f.Close()
	defer d.Remove(name)
	// 123,456,789 ns after an odd and an even second: each coarser step
	// loses a different part, and a volume that rounds up to even
	// seconds shows it on the even one.
	step := time.Duration(0)
	for _, want := range []time.Time{time.Unix(1_700_000_001, 123_456_789), time.Unix(1_700_000_002, 123_456_789)} {
		if err := d.SetEntryModTime(name, want); err != nil {
			return 0, err
		}
		e, err := d.Lstat(name)
		if err != nil {
			return 0, err
		}
		step = max(step, stepOf(want, e.ModTime))
	}
	return step, nil
}

// stepOf says which precision turned want into got.
func stepOf(want, got time.Time) time.Duration {
	for _, p := range []time.Duration{time.Nanosecond, 100 * time.Nanosecond, time.Microsecond,
		time.Millisecond, 10 * time.Millisecond, time.Second} {
		if SameTime(want, got, p) {
			return p
		}
	}
	return 2 * time.Second
}

// TimePrecision is the precision of modification times in the database
// rooted at d: known from its file system's type, else as learnt by an
// earlier copy into it, else taken as 1 ns: files then match only at full
// precision, which may report time-only differences but never calls two
// different files the same.
func TimePrecision(d Dir) time.Duration {
	if p, ok := d.Precision(); ok {
		return p
	}
	state, err := d.OpenDir(StateDir)
	if err != nil {
		return time.Nanosecond
	}
	defer state.Close()
	b, err := ReadFile(state, precisionFile, 64)
	if err != nil {
		return time.Nanosecond
	}
	ns, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
	if err != nil || ns < 1 {
		return time.Nanosecond
	}
	return time.Duration(ns)
}

// LearnPrecision probes, once, the precision of the database rooted at d
// when its file system is of an unknown type, and keeps it in state, the
// database's StateDir, for later commands. A failed probe leaves it
// unknown.
func LearnPrecision(d, state Dir) {
	if _, ok := d.Precision(); ok {
		return
	}
	if _, err := state.Lstat(precisionFile); err == nil {
		return
	}
	p, err := Probe(state)
	if err != nil {
		return
	}
	_ = WriteFile(state, precisionFile, []byte(strconv.FormatInt(int64(p), 10)+"\n"))
}

// RootPrecision is TimePrecision of the database at root, or 1 ns when it
// cannot be opened.
func RootPrecision(root string) time.Duration {
	d, err := OpenRoot(root)
	if err != nil {
		return time.Nanosecond
	}
	defer d.Close()
	return TimePrecision(d)
}
