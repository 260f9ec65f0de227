package hooks_test

import (
	"fmt"
	"net"
	"net/http/httptest"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/hooks"
	"sangkien/internal/apitest"
	"sangkien/internal/clock"
	"sangkien/internal/testkit"
)

// mailWard is a ward whose app sends its mail through a real SMTP server
// on loopback, served over real HTTP.
type mailWard struct {
	*testkit.Ward
	smtp *testkit.SMTPServer
	srv  *httptest.Server
	seen int // mails already looked at
}

// newMailWard starts the ward, its SMTP server and its HTTP server.
func newMailWard(t *testing.T) *mailWard {
	t.Helper()
	w := testkit.NewWard(t)
	s := testkit.StartSMTP(t)
	s.Use(t, w.App)
	srv := testkit.Serve(t, w.App)
	return &mailWard{Ward: w, smtp: s, srv: srv}
}

// act sends a request as who and fails the test unless it answers want.
func (m *mailWard) act(t *testing.T, want int, method, path string, who *core.Record, body string) map[string]any {
	t.Helper()
	status, out := apitest.Send(t, m.srv, method, path, apitest.As(who), apitest.JSON(body)).StatusJSON()
	if status != want {
		t.Fatalf("%s %s: status %d, want %d: %v", method, path, status, want, out)
	}
	return out
}

// next waits for n more mails and returns them sorted by recipient; it
// fails the test if fewer or more arrive.
func (m *mailWard) next(t *testing.T, n int) []testkit.Mail {
	t.Helper()
	all := m.smtp.Wait(m.seen+n, 30*time.Second)
	if n == 0 || len(all) == m.seen+n {
		time.Sleep(150 * time.Millisecond) // a stray extra mail would land by now
		all = m.smtp.Mails()
	}
	got := all[m.seen:]
	m.seen = len(all)
	if len(got) != n {
		t.Fatalf("%d mails arrived, want %d: %v", len(got), n, subjects(got))
	}
	slices.SortFunc(got, func(a, b testkit.Mail) int { return strings.Compare(strings.Join(a.To, ","), strings.Join(b.To, ",")) })
	return got
}

// subjects lists the recipients and subjects of mails, for messages.
func subjects(mails []testkit.Mail) []string {
	var out []string
	for _, m := range mails {
		out = append(out, strings.Join(m.To, ",")+": "+m.Subject)
	}
	return out
}

// expectMails fails unless mails go to exactly the addresses of users and
// each says every one of words (subject or body).
func expectMails(t *testing.T, when string, mails []testkit.Mail, users []*core.Record, words ...string) {
	t.Helper()
	var to []string
	for _, m := range mails {
		to = append(to, m.To...)
		for _, w := range words {
			if !strings.Contains(m.Subject+"\n"+m.Text, w) {
				t.Errorf("%s: the mail to %v does not say %q:\n%s\n%s", when, m.To, w, m.Subject, m.Text)
			}
		}
	}
	slices.Sort(to)
	if want := emails(users...); !slices.Equal(to, want) {
		t.Errorf("%s: mail to %v, want %v", when, to, want)
	}
}

func TestNoticesGoToWhoeverActsNext(t *testing.T) {
	t.Parallel()
	m := newMailWard(t)
	w := m.Ward
	year := strconv.Itoa(w.Round.GetInt("year"))
	// Nguyễn Văn An writes with Trần Thị Bình, both with accounts.
	ini := w.Initiative(t, w.StaffA, "draft", map[string]any{
		"authors": []map[string]any{
			{"name": w.StaffA.GetString("name"), "position": "Chuyên viên", "workplace": "UBND phường", "share": 60, "user": w.StaffA.Id},
			{"name": w.StaffA2.GetString("name"), "position": "Chuyên viên", "workplace": "UBND phường", "share": 40, "user": w.StaffA2.Id},
		},
		"author_users": []string{w.StaffA.Id, w.StaffA2.Id},
	})
	base := "/api/reform/initiatives/" + ini.Id + "/"
	link := "https://sangkien.phuong.test"

	m.act(t, 200, "POST", base+"submit", w.StaffA, "")
	code := mustFind(t, w.App, "initiatives", ini.Id).GetString("code")
	if code == "" {
		t.Fatal("no code after submission")
	}
	expectMails(t, "submitted", m.next(t, 1), []*core.Record{w.HeadA},
		code, ini.GetString("title"), link+"/don-vi/xem.html?id="+ini.Id, link+"/tai-khoan/mat-khau.html")

	m.act(t, 200, "POST", base+"send-back", w.HeadA, `{"reason":"Bổ sung số liệu tiết kiệm chi phí"}`)
	expectMails(t, "sent back", m.next(t, 2), []*core.Record{w.StaffA, w.StaffA2},
		code, "Bổ sung số liệu tiết kiệm chi phí", link+"/sang-kien/sua.html?id="+ini.Id)

	m.act(t, 200, "POST", base+"submit", w.StaffA, "")
	m.next(t, 1)
	m.act(t, 200, "POST", base+"endorse", w.HeadA, "")
	expectMails(t, "endorsed", m.next(t, 1), []*core.Record{w.Secretariat},
		code, ini.GetString("title"), w.UnitA.GetString("name"), link+"/van-phong/?year="+year)

	m.act(t, 200, "POST", base+"return", w.Secretariat, `{"reason":"Chưa nêu tính mới so với quy trình cũ"}`)
	expectMails(t, "returned", m.next(t, 2), []*core.Record{w.StaffA, w.StaffA2},
		code, "Chưa nêu tính mới so với quy trình cũ")

	// back through the unit to the ward; accepted while the round is open,
	// it goes to the only council without a mail (nobody can score yet).
	m.act(t, 200, "POST", base+"submit", w.StaffA, "")
	m.next(t, 1)
	m.act(t, 200, "POST", base+"endorse", w.HeadA, "")
	m.next(t, 1)
	m.act(t, 200, "POST", base+"accept", w.Secretariat, "")
	m.next(t, 0)

	council := []*core.Record{w.Chair, w.Members[0], w.Members[1], w.Members[2]}
	m.act(t, 200, "POST", "/api/reform/rounds/"+year+"/review", w.Secretariat, `{"reason":"Đủ hồ sơ"}`)
	expectMails(t, "review", m.next(t, 4), council, code, link+"/hoi-dong/")

	// an initiative accepted during review is assigned: its council hears.
	other := w.Initiative(t, w.StaffB, "endorsed", map[string]any{"code": "SK-" + year + "-900", "endorsed_at": time.Now().Add(-time.Hour)})
	m.act(t, 200, "POST", "/api/reform/initiatives/"+other.Id+"/accept", w.Secretariat, "")
	expectMails(t, "assigned", m.next(t, 4), council, "SK-"+year+"-900", link+"/hoi-dong/cham.html?id="+other.Id)

	signed := clock.FormatDate(clock.Now())
	m.act(t, 200, "POST", "/api/reform/rounds/"+year+"/decide", w.Chairman,
		`{"number":"125/QĐ-UBND","signed_on":"`+signed+`","signer":"Chu Thanh Lương","reason":"Hội đồng họp trực tiếp"}`)
	got := m.next(t, 3) // the two authors of one, the author of the other
	expectMails(t, "decided", got, []*core.Record{w.StaffA, w.StaffA2, w.StaffB}, "125/QĐ-UBND", "không được công nhận")
	for _, g := range got {
		want := code
		if g.To[0] == w.StaffB.Email() {
			want = "SK-" + year + "-900"
		}
		if !strings.Contains(g.Subject, want) {
			t.Errorf("decided: the mail to %v is about %q, want %s", g.To, g.Subject, want)
		}
	}
}

func TestNoticeWaitsForTheMailServer(t *testing.T) {
	t.Parallel()
	m := newMailWard(t)
	w := m.Ward
	m.smtp.Stop()
	ini := w.Initiative(t, w.StaffA, "draft", nil)
	m.act(t, 200, "POST", "/api/reform/initiatives/"+ini.Id+"/submit", w.StaffA, "")
	expectStatus(t, w.App, ini.Id, "submitted")

	// the sender tried, failed, and keeps the mail for later.
	var row *core.Record
	for end := time.Now().Add(10 * time.Second); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		row, _ = w.App.FindFirstRecordByFilter("mail_outbox", "state = 'pending' && attempts > 0")
		if row != nil {
			break
		}
	}
	if row == nil {
		t.Fatal("no pending mail with a failed try in the outbox")
	}
	if row.GetString("email") != w.HeadA.Email() || row.GetString("error") == "" {
		t.Errorf("pending row to %q with error %q", row.GetString("email"), row.GetString("error"))
	}

	// not yet due: nothing is tried; once due and the server is back, it goes once.
	m.smtp.Restart(t)
	if n, err := hooks.FlushOutbox(w.App, clock.Now()); err != nil || n != 0 {
		t.Errorf("before its next try: %d sent, %v", n, err)
	}
	if n, err := hooks.FlushOutbox(w.App, clock.Now().Add(2*time.Minute)); err != nil || n != 1 {
		t.Errorf("once due: %d sent, %v; want 1", n, err)
	}
	expectMails(t, "after the server came back", m.next(t, 1), []*core.Record{w.HeadA}, mustFind(t, w.App, "initiatives", ini.Id).GetString("code"))
	if n, _ := hooks.FlushOutbox(w.App, clock.Now().Add(time.Hour)); n != 0 {
		t.Errorf("a later pass sent %d more", n)
	}
}

func TestNoticeGivesUpAfterThreeDays(t *testing.T) {
	t.Parallel()
	m := newMailWard(t)
	w := m.Ward
	m.smtp.Stop()
	ini := w.Initiative(t, w.StaffA, "submitted", nil)
	m.act(t, 200, "POST", "/api/reform/initiatives/"+ini.Id+"/endorse", w.HeadA, "")
	later := clock.Now().Add(73 * time.Hour)
	if _, err := hooks.FlushOutbox(w.App, later); err != nil {
		t.Fatal(err)
	}
	rows, err := w.App.FindAllRecords("mail_outbox", dbx.HashExp{"state": "failed"})
	if err != nil || len(rows) != 1 {
		t.Fatalf("%d failed rows (%v), want 1", len(rows), err)
	}
}

func TestNoticesHonourTheOptOut(t *testing.T) {
	t.Parallel()
	m := newMailWard(t)
	w := m.Ward
	ini := w.Initiative(t, w.StaffA, "submitted", map[string]any{
		"code": "SK-2026-041",
		"authors": []map[string]any{
			{"name": w.StaffA.GetString("name"), "position": "Chuyên viên", "workplace": "UBND phường", "share": 50, "user": w.StaffA.Id},
			{"name": w.StaffA2.GetString("name"), "position": "Chuyên viên", "workplace": "UBND phường", "share": 50, "user": w.StaffA2.Id},
		},
		"author_users": []string{w.StaffA.Id, w.StaffA2.Id},
	})
	// the secretariat may not turn someone's mail off; the person may.
	m.act(t, 403, "PATCH", "/api/collections/users/records/"+w.StaffA2.Id, w.Secretariat, `{"mail_off":true}`)
	m.act(t, 200, "PATCH", "/api/collections/users/records/"+w.StaffA2.Id, w.StaffA2, `{"mail_off":true}`)
	m.act(t, 200, "POST", "/api/reform/initiatives/"+ini.Id+"/send-back", w.HeadA, `{"reason":"Thiếu tài liệu kèm theo"}`)
	expectMails(t, "sent back", m.next(t, 1), []*core.Record{w.StaffA}, "SK-2026-041", "Thiếu tài liệu kèm theo")

	// turned back on, the next mail reaches them again.
	m.act(t, 200, "PATCH", "/api/collections/users/records/"+w.StaffA2.Id, w.StaffA2, `{"mail_off":false}`)
	m.act(t, 200, "POST", "/api/reform/initiatives/"+ini.Id+"/submit", w.StaffA, "")
	m.next(t, 1)
	m.act(t, 200, "POST", "/api/reform/initiatives/"+ini.Id+"/send-back", w.HeadA, `{"reason":"Lần hai"}`)
	expectMails(t, "sent back again", m.next(t, 2), []*core.Record{w.StaffA, w.StaffA2}, "Lần hai")
}

func TestNoMailWithoutSMTP(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	srv := testkit.Serve(t, w.App)
	ini := w.Initiative(t, w.StaffA, "draft", nil)
	if status, out := apitest.Send(t, srv, "POST", "/api/reform/initiatives/"+ini.Id+"/submit", apitest.As(w.StaffA), apitest.JSON("")).StatusJSON(); status != 200 {
		t.Fatalf("submit: %d %v", status, out)
	}
	if n, err := w.App.CountRecords("mail_outbox"); err != nil || n != 0 {
		t.Errorf("%d rows queued with SMTP off (%v)", n, err)
	}
}

func TestNoticeDoesNotWaitForAHangingServer(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	// a mail server that takes the connection and never answers.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var held []net.Conn
	var mu sync.Mutex
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			held = append(held, c)
			mu.Unlock()
		}
	}()
	// runs before the app's cleanup: the sender's exchange then ends.
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range held {
			c.Close()
		}
	})
	(&testkit.SMTPServer{Addr: ln.Addr().String()}).Use(t, w.App)
	srv := testkit.Serve(t, w.App)
	ini := w.Initiative(t, w.StaffA, "draft", nil)
	start := time.Now()
	status, out := apitest.Send(t, srv, "POST", "/api/reform/initiatives/"+ini.Id+"/submit", apitest.As(w.StaffA), apitest.JSON("")).StatusJSON()
	took := time.Since(start)
	if status != 200 {
		t.Fatalf("submit: %d %v", status, out)
	}
	t.Logf("submit answered in %v while the mail server hangs", took)
	if took > 2*time.Second {
		t.Errorf("submit took %v: it waited for the mail server", took)
	}
	// the sender did reach the server: the mail is on its way, not lost.
	for end := time.Now().Add(5 * time.Second); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		mu.Lock()
		n := len(held)
		mu.Unlock()
		if n > 0 {
			break
		}
	}
	t.Logf("reached the server after %v", time.Since(start))
	if n, _ := w.App.CountRecords("mail_outbox", dbx.HashExp{"state": "pending"}); n != 1 {
		t.Errorf("%d pending mails, want 1", n)
	}
}

// TestNoticesOfALargeDecision: a decision on many initiatives answers
// without waiting for its mails — it answers while the mail server holds
// the first of them — and, once the server takes them, each author hears
// the outcome. SANGKIEN_DECIDE_N sets how many initiatives (100).
func TestNoticesOfALargeDecision(t *testing.T) {
	t.Parallel()
	n := 100
	if v, err := strconv.Atoi(os.Getenv("SANGKIEN_DECIDE_N")); err == nil && v > 0 {
		n = v
	}
	m := newMailWard(t)
	w := m.Ward
	year := strconv.Itoa(w.Round.GetInt("year"))
	for i := range n {
		owner := w.StaffA
		if i%2 == 1 {
			owner = w.StaffB
		}
		w.Initiative(t, owner, "accepted", map[string]any{"code": fmt.Sprintf("SK-%s-%03d", year, i+1), "council": w.Council.Id})
	}
	testkit.Update(t, w.App, w.Round, map[string]any{"status": "review"})
	m.next(t, 4) // the council hears that scoring opened

	// the mail server takes no message until released: a decision that
	// mailed inside its request would not answer (each mail would wait for
	// the sender's 30 s timeout). The patience is ample for a busy machine
	// under the race detector.
	m.smtp.Hold(t)
	const patience = 60 * time.Second
	stuck := time.AfterFunc(patience, func() {
		t.Errorf("the decision did not answer within %v while the mail server held its mails: it waits for them", patience)
		m.smtp.Release()
	})
	start := time.Now()
	m.act(t, 200, "POST", "/api/reform/rounds/"+year+"/decide", w.Chairman,
		`{"number":"125/QĐ-UBND","signed_on":"`+clock.FormatDate(clock.Now())+`","signer":"Chu Thanh Lương","reason":"Không đủ phiếu"}`)
	took := time.Since(start)
	if stuck.Stop() {
		// the sender is at the server with the first mail, and none got through.
		for end := time.Now().Add(10 * time.Second); m.smtp.Held() == 0 && time.Now().Before(end); {
			time.Sleep(10 * time.Millisecond)
		}
		if m.smtp.Held() == 0 {
			t.Error("no mail reached the held server after the decision")
		}
		if got := len(m.smtp.Mails()) - m.seen; got != 0 {
			t.Errorf("%d mails got through a server that holds them", got)
		}
		m.smtp.Release()
	}
	start = time.Now()
	got := m.next(t, n)
	t.Logf("decide on %d initiatives answered in %v; %d mails delivered %v after the release", n, took, len(got), time.Since(start))
	for _, g := range got {
		if !strings.Contains(g.Text, "không được công nhận") {
			t.Errorf("a decision mail without its outcome: %s", g.Subject)
			break
		}
	}
}
