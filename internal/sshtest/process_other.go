//go:build !unix

package sshtest

// end kills the listening sshd; sessions it started are not tracked on
// systems without Unix signals.
func (p *process) end(bool) {
	if !p.exited() {
		_ = p.cmd.Process.Kill()
	}
	<-p.done
}
