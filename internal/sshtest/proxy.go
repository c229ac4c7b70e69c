package sshtest

import (
	"net"
	"sync"
	"testing"
	"time"
)

// Proxy is a TCP proxy on 127.0.0.1 that delays every byte by half the
// round trip in each direction, without limiting throughput: data read at
// time T is written at T+RTT/2, so a request and its answer take RTT more.
type Proxy struct {
	Addr   string // "127.0.0.1:PORT" to dial instead of the target
	Port   int
	Target string
	RTT    time.Duration

	ln     net.Listener
	wg     sync.WaitGroup
	mu     sync.Mutex
	conns  map[net.Conn]struct{}
	closed bool
}

// Delay starts a proxy to addr that adds rtt to every round trip. It is
// closed when the test ends. Use Server.AddHost to reach an sshd through it
// by an alias with a known host key.
func Delay(t testing.TB, addr string, rtt time.Duration) *Proxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("sshtest: proxy listen: %v", err)
	}
	p := &Proxy{
		Addr: ln.Addr().String(), Port: ln.Addr().(*net.TCPAddr).Port,
		Target: addr, RTT: rtt, ln: ln, conns: map[net.Conn]struct{}{},
	}
	p.wg.Go(p.accept)
	t.Cleanup(p.Close)
	return p
}

// Drop closes every connection through the proxy, as a network failure
// would, and keeps accepting new ones.
func (p *Proxy) Drop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for c := range p.conns {
		_ = c.Close()
	}
}

// Close stops accepting, drops every connection and waits for the proxy's
// goroutines to end.
func (p *Proxy) Close() {
	p.mu.Lock()
	p.closed = true
	p.mu.Unlock()
	_ = p.ln.Close()
	p.Drop()
	p.wg.Wait()
}

func (p *Proxy) accept() {
	for {
		in, err := p.ln.Accept()
		if err != nil {
			return // closed
		}
		p.wg.Go(func() { p.serve(in) })
	}
}

func (p *Proxy) serve(in net.Conn) {
	out, err := net.DialTimeout("tcp", p.Target, 5*time.Second)
	if err != nil {
		_ = in.Close()
		return
	}
	if !p.track(in, out) {
		return
	}
	var both sync.WaitGroup
	both.Go(func() { p.pipe(out, in) })
	both.Go(func() { p.pipe(in, out) })
	both.Wait()
	p.untrack(in, out)
}

// track registers the pair, or closes it if the proxy is closing.
func (p *Proxy) track(cs ...net.Conn) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		for _, c := range cs {
			_ = c.Close()
		}
		return false
	}
	for _, c := range cs {
		p.conns[c] = struct{}{}
	}
	return true
}

func (p *Proxy) untrack(cs ...net.Conn) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range cs {
		_ = c.Close()
		delete(p.conns, c)
	}
}

type chunk struct {
	data []byte
	due  time.Time
}

// pipe copies src to dst, each chunk written half a round trip after it was
// read. At EOF it half-closes dst, so the other side sees the end too.
func (p *Proxy) pipe(dst, src net.Conn) {
	queue := make(chan chunk, 256)
	go func() {
		defer close(queue)
		for {
			buf := make([]byte, 32<<10)
			n, err := src.Read(buf)
			if n > 0 {
				queue <- chunk{buf[:n], time.Now().Add(p.RTT / 2)}
			}
			if err != nil {
				return
			}
		}
	}()
	for c := range queue {
		time.Sleep(time.Until(c.due))
		if _, err := dst.Write(c.data); err != nil {
			_ = src.Close()
			_ = dst.Close()
			for range queue { // let the reader finish
			}
			return
		}
	}
	if tc, ok := dst.(*net.TCPConn); ok {
		_ = tc.CloseWrite()
	}
}
