package testkit

import (
	"bufio"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"net/textproto"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// Mail is one message an SMTP server received: the envelope's recipients,
// the decoded subject and the plain-text part.
type Mail struct {
	To      []string
	Subject string
	Text    string
}

// SMTPServer is a small SMTP server on loopback that keeps what it
// receives, for tests that send real mail through PocketBase's SMTP
// client. It speaks just enough SMTP for it (EHLO, MAIL, RCPT, DATA,
// RSET, NOOP, QUIT; no TLS, no auth).
type SMTPServer struct {
	Addr string // host:port it listens on

	mu    sync.Mutex
	ln    net.Listener
	mails []Mail
	conns sync.WaitGroup
	gate  chan struct{} // while set, a message waits on it before it is taken
	held  int           // messages waiting on the gate
}

// StartSMTP starts an SMTP server on a free loopback port, stopped when the
// test ends.
func StartSMTP(t testing.TB) *SMTPServer {
	t.Helper()
	s := &SMTPServer{}
	if err := s.listen("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Stop)
	return s
}

// listen starts accepting on addr.
func (s *SMTPServer) listen(addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.ln = ln
	s.Addr = ln.Addr().String()
	s.mu.Unlock()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s.conns.Add(1)
			go func() {
				defer s.conns.Done()
				s.serve(c)
			}()
		}
	}()
	return nil
}

// Stop closes the listener: from now on a connection is refused.
func (s *SMTPServer) Stop() {
	s.mu.Lock()
	ln := s.ln
	s.ln = nil
	s.mu.Unlock()
	if ln != nil {
		ln.Close()
	}
}

// Restart listens again on the same address after Stop.
func (s *SMTPServer) Restart(t testing.TB) {
	t.Helper()
	var err error
	for i := 0; i < 50; i++ { // the port may take a moment to be free again
		if err = s.listen(s.Addr); err == nil {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal(err)
}

// Hold makes each message from now on wait, its DATA read but not yet
// answered nor kept, until Release: the sender is left in the middle of its
// exchange, as with a slow mail server. The test's end releases them.
func (s *SMTPServer) Hold(t testing.TB) {
	t.Helper()
	s.mu.Lock()
	if s.gate == nil {
		s.gate = make(chan struct{})
	}
	s.mu.Unlock()
	t.Cleanup(s.Release)
}

// Release lets the held messages through (each is kept and answered) and
// stops holding.
func (s *SMTPServer) Release() {
	s.mu.Lock()
	gate := s.gate
	s.gate = nil
	s.mu.Unlock()
	if gate != nil {
		close(gate)
	}
}

// Held returns how many messages wait for Release.
func (s *SMTPServer) Held() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.held
}

// Use points app's mail settings at the server and turns SMTP on, and makes
// a test app send through SMTP rather than keep the mail in its TestMailer.
func (s *SMTPServer) Use(t testing.TB, app core.App) {
	t.Helper()
	host, port, _ := net.SplitHostPort(s.Addr)
	st := app.Settings()
	st.SMTP.Enabled = true
	st.SMTP.Host = host
	st.SMTP.Port = atoi(port)
	st.SMTP.TLS = false
	st.Meta.SenderAddress = "sangkien@phuong.test"
	st.Meta.SenderName = "Sáng kiến phường"
	st.Meta.AppURL = "https://sangkien.phuong.test"
	// tests.TestApp routes every mail to its TestMailer in an OnMailerSend
	// handler: without it, the SMTP client sends.
	app.OnMailerSend().UnbindAll()
}

// atoi reads a port number.
func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

// Mails returns what the server has received so far.
func (s *SMTPServer) Mails() []Mail {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Mail(nil), s.mails...)
}

// Wait returns the mails received once there are at least n, or what there
// is after timeout.
func (s *SMTPServer) Wait(n int, timeout time.Duration) []Mail {
	end := time.Now().Add(timeout)
	for {
		m := s.Mails()
		if len(m) >= n || time.Now().After(end) {
			return m
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// serve talks SMTP on one connection.
func (s *SMTPServer) serve(c net.Conn) {
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(30 * time.Second))
	tp := textproto.NewConn(c)
	reply := func(line string) bool { return tp.PrintfLine("%s", line) == nil }
	if !reply("220 loopback ESMTP") {
		return
	}
	var to []string
	for {
		line, err := tp.ReadLine()
		if err != nil {
			return
		}
		verb := strings.ToUpper(strings.SplitN(line, " ", 2)[0])
		switch verb {
		case "EHLO", "HELO":
			reply("250 loopback")
		case "MAIL":
			to = nil
			reply("250 OK")
		case "RCPT":
			addr := line[strings.Index(line, ":")+1:]
			to = append(to, strings.Trim(strings.TrimSpace(addr), "<>"))
			reply("250 OK")
		case "DATA":
			reply("354 go ahead")
			raw, err := tp.ReadDotBytes()
			if err != nil {
				return
			}
			s.wait()
			m := parseMail(raw)
			m.To = to
			s.mu.Lock()
			s.mails = append(s.mails, m)
			s.mu.Unlock()
			reply("250 OK")
		case "RSET", "NOOP":
			reply("250 OK")
		case "QUIT":
			reply("221 bye")
			return
		default:
			reply("502 not implemented")
		}
	}
}

// wait holds a message while Hold is in force.
func (s *SMTPServer) wait() {
	s.mu.Lock()
	gate := s.gate
	if gate != nil {
		s.held++
	}
	s.mu.Unlock()
	if gate == nil {
		return
	}
	<-gate
	s.mu.Lock()
	s.held--
	s.mu.Unlock()
}

// parseMail reads the subject and the plain-text part of a message.
func parseMail(raw []byte) Mail {
	msg, err := mail.ReadMessage(strings.NewReader(string(raw)))
	if err != nil {
		return Mail{Text: string(raw)}
	}
	dec := new(mime.WordDecoder)
	subject, err := dec.DecodeHeader(msg.Header.Get("Subject"))
	if err != nil {
		subject = msg.Header.Get("Subject")
	}
	return Mail{Subject: subject, Text: plainPart(msg.Header.Get("Content-Type"), msg.Header.Get("Content-Transfer-Encoding"), msg.Body)}
}

// plainPart finds the text/plain part of a body of content type ct.
func plainPart(ct, cte string, body io.Reader) string {
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil {
		return decodePart(cte, body)
	}
	if strings.HasPrefix(mt, "multipart/") {
		mr := multipart.NewReader(body, params["boundary"])
		for {
			p, err := mr.NextRawPart()
			if err != nil {
				return ""
			}
			if got := plainPart(p.Header.Get("Content-Type"), p.Header.Get("Content-Transfer-Encoding"), p); got != "" {
				return got
			}
		}
	}
	if mt == "text/plain" {
		return decodePart(cte, body)
	}
	return ""
}

// decodePart undoes a part's transfer encoding.
func decodePart(cte string, body io.Reader) string {
	var r io.Reader = body
	switch strings.ToLower(cte) {
	case "quoted-printable":
		r = newQP(body)
	case "base64":
		r = newB64(body)
	}
	b, _ := io.ReadAll(bufio.NewReader(r))
	return string(b)
}

// newQP decodes quoted-printable.
func newQP(r io.Reader) io.Reader { return quotedprintable.NewReader(r) }

// newB64 decodes base64 (the decoder skips line breaks).
func newB64(r io.Reader) io.Reader { return base64.NewDecoder(base64.StdEncoding, r) }

// SetMail turns app's SMTP on or off in memory, under the settings' lock
// (Merge), as a save of the settings does: for a test whose server is
// running (its outbox goroutine reads the setting meanwhile). A test app
// keeps the mail in its TestMailer.
func SetMail(t testing.TB, app core.App, on bool) {
	t.Helper()
	s, err := app.Settings().Clone()
	if err != nil {
		t.Fatal(err)
	}
	s.SMTP.Enabled = on
	if err := app.Settings().Merge(s); err != nil {
		t.Fatal(err)
	}
}
