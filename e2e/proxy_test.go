package e2e_test

import (
	"bufio"
	"crypto/tls"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestBehindHTTPSReverseProxy runs the program as docs/van-hanh.md sets it
// up behind the ward's HTTPS reverse proxy: listening on loopback only,
// SANGKIEN_PROXY_HEADER=X-Forwarded-For, the proxy terminating TLS and
// appending the client's address to X-Forwarded-For (as nginx's
// proxy_add_x_forwarded_for and Caddy's reverse_proxy do). Through the
// proxy the pages come with their headers, sign-in and writes work, the
// live updates stream (SSE), and the audit log records the person's
// address, not the proxy's, and not one the client made up.
func TestBehindHTTPSReverseProxy(t *testing.T) {
	t.Parallel()
	bin := buildProgram(t)
	addr := freeAddr(t)
	p := startProgram(t, bin, filepath.Join(t.TempDir(), "pb_data"), addr,
		"SANGKIEN_URL=https://sangkien.phuong.test", "SANGKIEN_PROXY_HEADER=X-Forwarded-For")
	backend, _ := url.Parse(p.base)
	proxy := httptest.NewUnstartedServer(&httputil.ReverseProxy{
		Rewrite: func(r *httputil.ProxyRequest) {
			r.SetURL(backend)
			r.Out.Host = r.In.Host
			r.Out.Header["X-Forwarded-For"] = r.In.Header["X-Forwarded-For"] // append, as nginx does
			r.SetXForwarded()
		},
		FlushInterval: -1, // the live updates are a stream
	})
	proxy.StartTLS()
	defer proxy.Close()

	// the person's browser, at 127.0.0.3 on the ward's network.
	tr := proxy.Client().Transport.(*http.Transport).Clone()
	tr.DialContext = (&net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP("127.0.0.3")}}).DialContext
	tr.TLSClientConfig = &tls.Config{RootCAs: tr.TLSClientConfig.RootCAs}
	client := &http.Client{Timeout: 10 * time.Second, Transport: tr}
	base := proxy.URL

	res, err := client.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") ||
		!strings.Contains(res.Header.Get("Content-Security-Policy"), "default-src 'self'") {
		t.Errorf("GET / through the proxy: %d %q, CSP %q", res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Content-Security-Policy"))
	}

	token := signIn(t, client, base, "users")
	round := firstID(t, client, base, token, "rounds", "status='open'")
	req, _ := http.NewRequest(http.MethodPost, base+"/api/collections/initiatives/records",
		strings.NewReader(`{"round":"`+round+`","title":"Qua reverse proxy"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", token)
	req.Header.Set("X-Forwarded-For", "10.9.9.9") // made up by the client
	res, err = client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("create through the proxy: %d", res.StatusCode)
	}
	su := signIn(t, client, base, "_superusers")
	var audit struct{ Items []struct{ Action, IP string } }
	if status, err := call(client, http.MethodGet, base+"/api/collections/audit_log/records?perPage=50&skipTotal=1&sort=-created", su, nil, &audit); err != nil || status != http.StatusOK {
		t.Fatalf("audit log: %d %v", status, err)
	}
	if len(audit.Items) == 0 || audit.Items[0].Action != "create" || audit.Items[0].IP != "127.0.0.3" {
		t.Errorf("the audit entry of the create: %+v, want ip 127.0.0.3 (the person)", audit.Items)
	}

	// the live updates: PocketBase's first event arrives through the proxy.
	res, err = client.Get(base + "/api/realtime")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	got := make(chan string, 1)
	go func() {
		r := bufio.NewReader(res.Body)
		for {
			line, err := r.ReadString('\n')
			if err != nil || strings.HasPrefix(line, "event:") {
				got <- line
				return
			}
		}
	}()
	select {
	case line := <-got:
		if !strings.Contains(line, "PB_CONNECT") {
			t.Errorf("first live event through the proxy: %q", line)
		}
	case <-time.After(5 * time.Second):
		t.Error("no live event through the proxy in 5 s (buffered?)")
	}
}
