package benchkit

import (
	"bytes"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"syscall"
	"time"
)

// Server is the program (or the bare PocketBase) serving a folder on
// loopback; Out holds what it wrote.
type Server struct {
	Cmd  *exec.Cmd
	Out  bytes.Buffer
	Base string // http://127.0.0.1:port
}

// Serve starts `bin serve --dir dir` with args at a free loopback port
// and waits, 5 min at the most, for /api/health to answer 200 (a first
// start applies the migrations not yet in the folder, after a backup:
// 64 s for ten of them at a city's size, load 14).
func Serve(bin, dir string, args ...string) (*Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := ln.Addr().String()
	ln.Close()
	s := &Server{Base: "http://" + addr}
	s.Cmd = exec.Command(bin, append([]string{"serve", "--dir", dir, "--http", addr}, args...)...)
	s.Cmd.Stdout, s.Cmd.Stderr = &s.Out, &s.Out
	if err := s.Cmd.Start(); err != nil {
		return nil, err
	}
	for deadline := time.Now().Add(5 * time.Minute); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if res, err := http.Get(s.Base + "/api/health"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return s, nil
			}
		}
	}
	s.Kill()
	return nil, fmt.Errorf("%s did not answer /api/health in 5 min:\n%s", bin, s.Out.String())
}

// Kill ends the server at once, requests in flight and all.
func (s *Server) Kill() {
	if s.Cmd.Process != nil && s.Cmd.ProcessState == nil {
		s.Cmd.Process.Kill()
		s.Cmd.Wait()
	}
}

// Stop asks the server to stop (an interrupt, as ^C) and kills it when it
// has not stopped in 10 s.
func (s *Server) Stop() {
	if s.Cmd.Process != nil && s.Cmd.ProcessState == nil {
		s.Cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { s.Cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			s.Cmd.Process.Kill()
			<-done
		}
	}
}

// OnInterrupt runs stop and exits with status 1 on ^C or SIGTERM, so that
// no server is left running.
func OnInterrupt(stop func()) {
	interrupted := make(chan os.Signal, 1)
	signal.Notify(interrupted, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-interrupted
		stop()
		os.Exit(1)
	}()
}
