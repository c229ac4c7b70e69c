package sshtest_test

import (
	"bytes"
	"io"
	"net"
	"os/exec"
	"testing"
	"time"

	"github.com/bcnvisuals/autobackup/internal/sshtest"
	"golang.org/x/crypto/ssh"
)

// echoServer answers every connection by echoing it; it stops with the test.
func echoServer(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				_, _ = io.Copy(c, c)
			}()
		}
	}()
	return ln.Addr().String()
}

func TestDelayAddsRoundTrip(t *testing.T) {
	for _, rtt := range []time.Duration{0, 10 * time.Millisecond, 40 * time.Millisecond} {
		t.Run(rtt.String(), func(t *testing.T) {
			p := sshtest.Delay(t, echoServer(t), rtt)
			c, err := net.Dial("tcp", p.Addr)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			buf := make([]byte, 5)
			for i := range 3 {
				start := time.Now()
				if _, err := c.Write([]byte("ping!")); err != nil {
					t.Fatal(err)
				}
				if _, err := io.ReadFull(c, buf); err != nil || string(buf) != "ping!" {
					t.Fatalf("round trip %d: %q, %v", i, buf, err)
				}
				if d := time.Since(start); d < rtt {
					t.Fatalf("round trip %d took %v, less than the added %v", i, d, rtt)
				}
			}
		})
	}
}

// TestDelayKeepsData sends more than the proxy buffers in flight at once and
// checks it arrives whole and in order, and that a half-close passes through.
func TestDelayKeepsData(t *testing.T) {
	p := sshtest.Delay(t, echoServer(t), 2*time.Millisecond)
	c, err := net.Dial("tcp", p.Addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	data := bytes.Repeat([]byte("0123456789abcdefghijklmnopqrstu\n"), 12<<20/32) // 12 MB
	go func() {
		_, _ = c.Write(data)
		_ = c.(*net.TCPConn).CloseWrite()
	}()
	got, err := io.ReadAll(c)
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("echoed %d bytes (equal: %v), %v; want %d", len(got), bytes.Equal(got, data), err, len(data))
	}
}

func TestDelayInFrontOfSSHD(t *testing.T) {
	const rtt = 30 * time.Millisecond
	s := sshtest.Start(t)
	p := sshtest.Delay(t, s.Addr, rtt)
	s.AddHost("slow", p.Addr)
	c := s.Dial(p.Addr) // the host key is known under the proxy's address too
	sc := newSFTP(t, c)
	start := time.Now()
	if _, err := sc.Getwd(); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < rtt {
		t.Fatalf("an SFTP request through the proxy took %v, less than %v", d, rtt)
	}
	if sshBin, err := exec.LookPath("ssh"); err == nil {
		out, err := exec.Command(sshBin, "-F", s.ConfigFile, "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes",
			"slow", "echo", "slow").CombinedOutput()
		if err != nil || string(out) != "slow\n" {
			t.Fatalf("ssh slow echo slow = %q, %v", out, err)
		}
	}
}

func TestDropClosesConnections(t *testing.T) {
	s := sshtest.Start(t)
	p := sshtest.Delay(t, s.Addr, 0)
	s.AddHost("proxied", p.Addr)
	c := s.Dial(p.Addr)
	p.Drop()
	waitClosed(t, c)
	c2, err := ssh.Dial("tcp", p.Addr, s.ClientConfig())
	if err != nil {
		t.Fatalf("dial after Drop: %v", err)
	}
	defer c2.Close()
	if out, err := run(t, c2, "echo back"); err != nil || out != "back\n" {
		t.Fatalf("after Drop: %q, %v", out, err)
	}
}
