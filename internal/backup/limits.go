package backup

import "github.com/bcnvisuals/autobackup/internal/fsys"

// Batches: files are written to temp names a batch at a time, the batch
// is made durable with one file-system sync, then each file is verified
// and published. A batch ends at whichever limit comes first.
const (
	batchBytes   = 256 << 20
	batchFiles   = 1024
	batchFolders = 128
	maxJobs      = 64
)

// limits are the copy's numbers of workers and of folders a batch keeps
// open, sized to the process's limit on open files.
type limits struct {
	jobs, folders int
}

// limitsFor sizes the copy to the open-file limit: each worker holds two
// files and a verifier a third; two batches are under way at once, each
// holding its folders open at both ends.
func limitsFor(jobs int) limits {
	if jobs <= 0 {
		jobs = DefaultJobs
	}
	budget := fsys.OpenFileLimit() - 24 // standard streams, the roots, the lock, the terminal
	jobs = max(1, min(jobs, maxJobs, budget/6))
	folders := max(1, min(batchFolders, (budget-3*jobs)/4))
	return limits{jobs: jobs, folders: folders}
}
