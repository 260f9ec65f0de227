package e2e_test

// A small Chrome DevTools Protocol client over --remote-debugging-pipe:
// Chromium reads JSON messages, each ended by a NUL byte, on its fd 3 and
// writes answers and events on fd 4. No websocket, no dependency.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"
)

// browserFlags are the flags of a quiet, headless, throw-away Chromium.
var browserFlags = []string{
	"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
	"--disable-background-networking", "--disable-component-update", "--disable-sync",
	"--disable-extensions", "--disable-default-apps", "--mute-audio", "--hide-scrollbars",
	"--remote-debugging-pipe",
}

// message is one CDP message in either direction.
type message struct {
	ID        int             `json:"id,omitempty"`
	Method    string          `json:"method,omitempty"`
	Params    json.RawMessage `json:"params,omitempty"`
	SessionID string          `json:"sessionId,omitempty"`
	Result    json.RawMessage `json:"result,omitempty"`
	Error     *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error,omitempty"`
}

// browser is a running Chromium driven over the pipe.
type browser struct {
	t      testing.TB
	cmd    *exec.Cmd
	w      *os.File
	stderr *bytes.Buffer

	mu      sync.Mutex
	nextID  int
	pending map[int]chan message
	closed  chan struct{}
}

// startBrowser launches Chromium (path) with a temporary profile and the
// given environment additions; it is closed when the test ends.
func startBrowser(t testing.TB, path string, env ...string) *browser {
	t.Helper()
	profile := t.TempDir()
	toChrome, chromeIn, err := os.Pipe() // chrome reads toChrome (fd 3)
	if err != nil {
		t.Fatal(err)
	}
	fromChrome, chromeOut, err := os.Pipe() // chrome writes chromeOut (fd 4)
	if err != nil {
		t.Fatal(err)
	}
	args := append(append([]string{}, browserFlags...), "--user-data-dir="+profile, "about:blank")
	cmd := exec.Command(path, args...)
	cmd.ExtraFiles = []*os.File{toChrome, chromeOut}
	cmd.Env = append(os.Environ(), env...)
	b := &browser{t: t, cmd: cmd, w: chromeIn, stderr: &bytes.Buffer{}, pending: map[int]chan message{}, closed: make(chan struct{})}
	cmd.Stderr = b.stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", path, err)
	}
	toChrome.Close()
	chromeOut.Close()
	go b.read(fromChrome)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		_ = b.call(ctx, "", "Browser.close", nil, nil)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
		chromeIn.Close()
		// the reader ends with the pipe, before the test is over.
		select {
		case <-b.closed:
		case <-time.After(2 * time.Second):
		}
		fromChrome.Close()
		if t.Failed() {
			t.Logf("chromium stderr:\n%s", tail(b.stderr.String(), 3000))
		}
	})
	return b
}

// tail returns the last n bytes of s.
func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

// read dispatches Chromium's answers to their callers and logs the page's
// console errors and uncaught exceptions.
func (b *browser) read(r io.Reader) {
	defer close(b.closed)
	br := bufio.NewReader(r)
	for {
		raw, err := br.ReadBytes(0)
		if err != nil {
			return
		}
		var m message
		if json.Unmarshal(bytes.TrimSuffix(raw, []byte{0}), &m) != nil {
			continue
		}
		if m.ID != 0 {
			b.mu.Lock()
			ch := b.pending[m.ID]
			delete(b.pending, m.ID)
			b.mu.Unlock()
			if ch != nil {
				ch <- m
			}
			continue
		}
		switch m.Method {
		case "Runtime.exceptionThrown":
			b.t.Logf("page exception: %s", m.Params)
		case "Runtime.consoleAPICalled":
			if strings.Contains(string(m.Params), `"type":"error"`) {
				b.t.Logf("page console error: %s", m.Params)
			}
		}
	}
}

// call sends method with params (to a page when session is set) and
// decodes the result into result (when not nil).
func (b *browser) call(ctx context.Context, session, method string, params, result any) error {
	b.mu.Lock()
	b.nextID++
	id := b.nextID
	ch := make(chan message, 1)
	b.pending[id] = ch
	b.mu.Unlock()

	m := map[string]any{"id": id, "method": method}
	if params != nil {
		m["params"] = params
	}
	if session != "" {
		m["sessionId"] = session
	}
	raw, err := json.Marshal(m)
	if err != nil {
		return err
	}
	if _, err := b.w.Write(append(raw, 0)); err != nil {
		return fmt.Errorf("%s: %w", method, err)
	}
	select {
	case ans := <-ch:
		if ans.Error != nil {
			return fmt.Errorf("%s: %s", method, ans.Error.Message)
		}
		if result != nil {
			return json.Unmarshal(ans.Result, result)
		}
		return nil
	case <-b.closed:
		return fmt.Errorf("%s: chromium has gone", method)
	case <-ctx.Done():
		return fmt.Errorf("%s: %w", method, ctx.Err())
	}
}

// page is one tab of the browser.
type page struct {
	b       *browser
	ctx     context.Context
	session string
}

// newPage opens a tab of the given size (mobile for a phone's viewport).
func (b *browser) newPage(ctx context.Context, width, height int, mobile bool) (*page, error) {
	var target struct {
		TargetID string `json:"targetId"`
	}
	if err := b.call(ctx, "", "Target.createTarget", map[string]any{"url": "about:blank"}, &target); err != nil {
		return nil, err
	}
	var attached struct {
		SessionID string `json:"sessionId"`
	}
	if err := b.call(ctx, "", "Target.attachToTarget", map[string]any{"targetId": target.TargetID, "flatten": true}, &attached); err != nil {
		return nil, err
	}
	p := &page{b: b, ctx: ctx, session: attached.SessionID}
	for _, m := range []string{"Page.enable", "Runtime.enable"} {
		if err := p.call(m, nil, nil); err != nil {
			return nil, err
		}
	}
	return p, p.resize(width, height, mobile)
}

// call sends a method to the page.
func (p *page) call(method string, params, result any) error {
	return p.b.call(p.ctx, p.session, method, params, result)
}

// resize sets the viewport.
func (p *page) resize(width, height int, mobile bool) error {
	return p.call("Emulation.setDeviceMetricsOverride", map[string]any{
		"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile,
	}, nil)
}

// navigate loads url.
func (p *page) navigate(url string) error {
	var res struct {
		ErrorText string `json:"errorText"`
	}
	if err := p.call("Page.navigate", map[string]any{"url": url}, &res); err != nil {
		return err
	}
	if res.ErrorText != "" {
		return errors.New(res.ErrorText)
	}
	return nil
}

// eval runs a JavaScript expression in the page (awaiting a promise) and
// decodes its value into out (when not nil).
func (p *page) eval(expr string, out any) error {
	var res struct {
		Result struct {
			Value json.RawMessage `json:"value"`
		} `json:"result"`
		ExceptionDetails *struct {
			Text      string `json:"text"`
			Exception struct {
				Description string `json:"description"`
			} `json:"exception"`
		} `json:"exceptionDetails"`
	}
	err := p.call("Runtime.evaluate", map[string]any{
		"expression": expr, "returnByValue": true, "awaitPromise": true,
	}, &res)
	if err != nil {
		return err
	}
	if e := res.ExceptionDetails; e != nil {
		return fmt.Errorf("eval %s: %s %s", expr, e.Text, e.Exception.Description)
	}
	if out != nil && len(res.Result.Value) > 0 {
		return json.Unmarshal(res.Result.Value, out)
	}
	return nil
}

// waitFor polls a boolean JavaScript expression until it is true.
func (p *page) waitFor(what, expr string) error {
	deadline := time.Now().Add(10 * time.Second)
	for {
		var ok bool
		err := p.eval("Boolean("+expr+")", &ok)
		if err == nil && ok {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("waiting for %s (%s): %v", what, expr, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// text returns the visible text of the first element matching selector.
func (p *page) text(selector string) (string, error) {
	var s string
	err := p.eval(fmt.Sprintf(`(document.querySelector(%q) || {}).innerText || ""`, selector), &s)
	return s, err
}

// click presses and releases the mouse on the centre of the element, as a
// person would.
func (p *page) click(selector string) error {
	var box struct{ X, Y float64 }
	expr := fmt.Sprintf(`(() => { const el = document.querySelector(%q); el.scrollIntoView({block: "center"});
		const r = el.getBoundingClientRect(); return {x: r.x + r.width / 2, y: r.y + r.height / 2}; })()`, selector)
	if err := p.eval(expr, &box); err != nil {
		return err
	}
	for _, kind := range []string{"mousePressed", "mouseReleased"} {
		if err := p.call("Input.dispatchMouseEvent", map[string]any{
			"type": kind, "x": box.X, "y": box.Y, "button": "left", "clickCount": 1,
		}, nil); err != nil {
			return err
		}
	}
	return nil
}

// fill clears the input matching selector and types value into it.
func (p *page) fill(selector, value string) error {
	if err := p.eval(fmt.Sprintf(`(() => { const el = document.querySelector(%q); el.focus(); el.select(); })()`, selector), nil); err != nil {
		return err
	}
	if err := p.call("Input.dispatchKeyEvent", map[string]any{"type": "keyDown", "key": "Backspace", "code": "Backspace", "windowsVirtualKeyCode": 8}, nil); err != nil {
		return err
	}
	if err := p.call("Input.dispatchKeyEvent", map[string]any{"type": "keyUp", "key": "Backspace", "code": "Backspace", "windowsVirtualKeyCode": 8}, nil); err != nil {
		return err
	}
	return p.call("Input.insertText", map[string]any{"text": value}, nil)
}

// screenshot saves a PNG of the whole page to path.
func (p *page) screenshot(path string) error {
	var res struct {
		Data string `json:"data"`
	}
	if err := p.call("Page.captureScreenshot", map[string]any{"format": "png", "captureBeyondViewport": true}, &res); err != nil {
		return err
	}
	png, err := base64.StdEncoding.DecodeString(res.Data)
	if err != nil {
		return err
	}
	return os.WriteFile(path, png, 0o644)
}
