package e2e_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"sangkien/internal/testkit"
)

// The program as a ward runs it: the binary built from this tree, started
// on a loopback port, stopped with a signal. No browser.

// adminPassword is the first start's SANGKIEN_ADMIN_PASSWORD in these tests.
const adminPassword = "mat-khau-quan-tri"

var (
	buildOnce  sync.Once
	builtBin   string
	buildErr   error
	programDir string // removed by TestMain
)

// buildProgram returns ./sangkien built from this tree, once per test
// process (TestMain starts the build).
func buildProgram(t *testing.T) string {
	t.Helper()
	buildOnce.Do(build)
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return builtBin
}

// build builds ./sangkien from this tree into a temporary folder.
func build() {
	programDir, buildErr = os.MkdirTemp("", "sangkien-e2e-bin-")
	if buildErr != nil {
		return
	}
	builtBin = filepath.Join(programDir, "sangkien")
	cmd := exec.Command("go", "build", "-o", builtBin, ".")
	cmd.Dir = testkit.Root
	if out, err := cmd.CombinedOutput(); err != nil {
		buildErr = fmt.Errorf("go build: %v\n%s", err, out)
	}
}

// freeAddr returns a loopback address nobody listens on.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// program is one running `sangkien serve`.
type program struct {
	cmd  *exec.Cmd
	out  *bytes.Buffer
	base string
}

// startProgram starts bin serve on dir at addr with env added, and waits
// (20 s at most) for /api/health.
func startProgram(t *testing.T, bin, dir, addr string, env ...string) *program {
	t.Helper()
	p := &program{out: new(bytes.Buffer), base: "http://" + addr}
	p.cmd = exec.Command(bin, "serve", "--dir", dir, "--http", addr, "--dev=false")
	p.cmd.Env = append(os.Environ(), append([]string{"SANGKIEN_ADMIN_EMAIL=admin@sangkien.local",
		"SANGKIEN_ADMIN_PASSWORD=" + adminPassword}, env...)...)
	p.cmd.Stdout, p.cmd.Stderr = p.out, p.out
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if p.cmd.ProcessState == nil {
			p.cmd.Process.Kill()
			p.cmd.Wait()
		}
	})
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if res, err := http.Get(p.base + "/api/health"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return p
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("the program did not answer /api/health in 20 s:\n%s", p.out)
	return nil
}

// stop ends the program with SIGTERM, as systemd does.
func (p *program) stop(t *testing.T) {
	t.Helper()
	p.cmd.Process.Signal(os.Interrupt)
	done := make(chan error, 1)
	go func() { done <- p.cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(15 * time.Second):
		p.cmd.Process.Kill()
		<-done
		t.Errorf("the program did not stop on SIGTERM in 15 s")
	}
}

// call sends a JSON request and decodes the JSON answer into out (when
// not nil); it returns the status, or an error when the server did not
// answer.
func call(client *http.Client, method, url, token string, body, out any) (int, error) {
	var r io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, url, r)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", token)
	}
	res, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		return 0, err
	}
	if out != nil && res.StatusCode < 300 {
		if err := json.Unmarshal(raw, out); err != nil {
			return 0, fmt.Errorf("%d %s: %w", res.StatusCode, raw, err)
		}
	}
	return res.StatusCode, nil
}

// signIn returns a token of the first start's account in collection
// (users: the ward account; _superusers: the superuser).
func signIn(t *testing.T, client *http.Client, base, collection string) string {
	t.Helper()
	var res struct{ Token string }
	status, err := call(client, http.MethodPost, base+"/api/collections/"+collection+"/auth-with-password", "",
		map[string]string{"identity": "admin@sangkien.local", "password": adminPassword}, &res)
	if err != nil || status != http.StatusOK || res.Token == "" {
		t.Fatalf("sign-in to %s: %d %v", collection, status, err)
	}
	return res.Token
}

// firstID returns the id of the first record of collection matching filter.
func firstID(t *testing.T, client *http.Client, base, token, collection, filter string) string {
	t.Helper()
	var res struct{ Items []struct{ ID string } }
	status, err := call(client, http.MethodGet, base+"/api/collections/"+collection+"/records?perPage=1&skipTotal=1&filter="+
		strings.ReplaceAll(filter, " ", "%20"), token, nil, &res)
	if err != nil || status != http.StatusOK || len(res.Items) == 0 {
		t.Fatalf("%s?filter=%s: %d %v", collection, filter, status, err)
	}
	return res.Items[0].ID
}

// TestKillNineUnderSubmitLoad: 16 clients create and submit initiatives
// against the real program; after 3 s it is killed with SIGKILL (a power
// cut), then started again on the same folder. Every create and submit the
// server acknowledged is there, with the code it answered, codes are
// unique, and each has its audit entry. Bounded: about 3 s of load plus
// two starts.
func TestKillNineUnderSubmitLoad(t *testing.T) {
	t.Parallel()
	bin := buildProgram(t)
	dir := filepath.Join(t.TempDir(), "pb_data")
	addr := freeAddr(t)
	p := startProgram(t, bin, dir, addr)
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 32}}
	token := signIn(t, client, p.base, "users")
	round := firstID(t, client, p.base, token, "rounds", "status='open'")
	field := firstID(t, client, p.base, token, "fields", "code='c'")

	var (
		mu        sync.Mutex
		created   = map[string]bool{}   // id → acknowledged create
		submitted = map[string]string{} // id → code answered by submit
		stop      = make(chan struct{})
		wg        sync.WaitGroup
	)
	for w := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				var rec struct{ ID string }
				status, err := call(client, http.MethodPost, p.base+"/api/collections/initiatives/records", token, map[string]any{
					"round": round, "field": field, "title": fmt.Sprintf("Sáng kiến %d-%d", w, i),
					"summary": "Tóm tắt.", "solution": "Giải pháp.", "benefits": "Lợi ích.",
					"first_applied": "2026-01-15 00:00:00.000Z",
					"authors":       []map[string]any{{"name": "Quản trị hệ thống", "position": "Chuyên viên", "workplace": "UBND phường", "share": 100}},
				}, &rec)
				if err != nil || status != http.StatusOK {
					continue // killed mid-request, or refused: not acknowledged
				}
				mu.Lock()
				created[rec.ID] = true
				mu.Unlock()
				var sub struct{ Code, Status string }
				status, err = call(client, http.MethodPost, p.base+"/api/reform/initiatives/"+rec.ID+"/submit", token, map[string]any{}, &sub)
				if err != nil || status != http.StatusOK {
					continue
				}
				mu.Lock()
				submitted[rec.ID] = sub.Code
				mu.Unlock()
			}
		}()
	}
	time.Sleep(3 * time.Second)
	if err := p.cmd.Process.Kill(); err != nil { // SIGKILL
		t.Fatal(err)
	}
	p.cmd.Wait()
	close(stop)
	wg.Wait()
	if len(submitted) < 20 {
		t.Fatalf("only %d submits acknowledged before the kill: the load did not run\n%s", len(submitted), p.out)
	}

	p = startProgram(t, bin, dir, addr)
	su := signIn(t, client, p.base, "_superusers")
	type initiative struct{ ID, Code, Status string }
	var all []initiative
	for page := 1; ; page++ {
		var res struct{ Items []initiative }
		status, err := call(client, http.MethodGet, fmt.Sprintf("%s/api/collections/initiatives/records?perPage=500&page=%d&skipTotal=1&fields=id,code,status", p.base, page), su, nil, &res)
		if err != nil || status != http.StatusOK {
			t.Fatalf("list after restart: %d %v", status, err)
		}
		all = append(all, res.Items...)
		if len(res.Items) < 500 {
			break
		}
	}
	type entry struct{ Record, Action string }
	var audit []entry
	for page := 1; ; page++ {
		var res struct{ Items []entry }
		status, err := call(client, http.MethodGet, fmt.Sprintf("%s/api/collections/audit_log/records?perPage=500&page=%d&skipTotal=1&fields=record,action", p.base, page), su, nil, &res)
		if err != nil || status != http.StatusOK {
			t.Fatalf("audit log after restart: %d %v", status, err)
		}
		audit = append(audit, res.Items...)
		if len(res.Items) < 500 {
			break
		}
	}
	p.stop(t)

	stored := map[string]initiative{}
	codes := map[string]string{}
	for _, in := range all {
		stored[in.ID] = in
		if in.Code == "" {
			continue
		}
		if other, dup := codes[in.Code]; dup {
			t.Errorf("code %s given to %s and %s", in.Code, other, in.ID)
		}
		codes[in.Code] = in.ID
	}
	logged := map[string]bool{}
	for _, a := range audit {
		logged[a.Record+" "+a.Action] = true
	}
	for id := range created {
		if _, ok := stored[id]; !ok {
			t.Errorf("acknowledged create %s lost", id)
		}
		if !logged[id+" create"] {
			t.Errorf("no audit entry for the create of %s", id)
		}
	}
	for id, code := range submitted {
		in := stored[id]
		if in.Status != "submitted" || in.Code != code || code == "" {
			t.Errorf("acknowledged submit %s (code %q): stored %+v", id, code, in)
		}
		if !logged[id+" submit"] {
			t.Errorf("no audit entry for the submit of %s", id)
		}
	}
	t.Logf("%d creates and %d submits acknowledged before SIGKILL, all there after the restart (%d initiatives stored)",
		len(created), len(submitted), len(all))
}
