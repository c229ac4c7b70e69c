package backup

import (
	"errors"
	"io/fs"
	"os"
	"strings"
	"time"
)

// Result is what a copy did.
type Result struct {
	Copied, CopiedBytes   int64 // files copied or replaced, and their bytes
	Skipped, SkippedBytes int64 // files identical at the destination
	Verified              int64 // copies read back and found equal
	Replaced              int64 // old versions kept under .autobackup/replaced
	Links, Symlinks, Dirs int64 // hard links, symlinks and folders made
	StaleTemps            int64 // temp files of an earlier, killed copy removed
	Conflicts             []string
	Failed                []string // "path: what went wrong"
	Changed               []string // source files that changed while copied
	Warnings              []string
	Elapsed               time.Duration
	ReplacedDir           string // where --overwrite kept the old versions, if any
}

func (r *runner) fail(name string, err error) {
	r.mu.Lock()
	r.res.Failed = append(r.res.Failed, name+": "+errText(err))
	r.mu.Unlock()
}

// failures counts the files that failed or changed so far.
func (r *runner) failures() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.res.Failed) + len(r.res.Changed)
}

func (r *runner) warn(name, msg string) {
	r.mu.Lock()
	r.res.Warnings = append(r.res.Warnings, name+": "+msg)
	r.mu.Unlock()
}

func (r *runner) changed(name string) {
	r.mu.Lock()
	r.res.Changed = append(r.res.Changed, name)
	r.mu.Unlock()
}

// errText is an error's message without the path an os error repeats:
// the report names the file already.
func errText(err error) string {
	msg := err.Error()
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return strings.Replace(msg, pe.Op+" "+pe.Path+": ", pe.Op+": ", 1)
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return strings.Replace(msg, le.Op+" "+le.Old+" "+le.New+": ", le.Op+": ", 1)
	}
	return msg
}
