package hooks_test

import (
	"encoding/json"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/apitest"
	"sangkien/internal/testkit"
)

func TestLaunchPreviewedSentOnceAudited(t *testing.T) {
	t.Parallel()
	m := newMailWard(t)
	w := m.Ward
	url := "/api/reform/rounds/" + strconv.Itoa(w.Round.GetInt("year")) + "/launch"
	// someone who turned notices off, someone who left: neither is written to.
	testkit.Update(t, w.App, w.StaffB, map[string]any{"mail_off": true})
	testkit.Update(t, w.App, w.Members[2], map[string]any{"active": false})
	org, err := w.App.FindFirstRecordByFilter("organization", "id != ''")
	if err != nil {
		t.Fatal(err)
	}
	testkit.Update(t, w.App, org, map[string]any{"ward_name": "Phường Hoàn Kiếm"})
	people, err := w.App.FindAllRecords("users", dbx.HashExp{"active": true, "mail_off": false})
	if err != nil {
		t.Fatal(err)
	}

	preview := m.act(t, 200, "GET", url, w.Secretariat, "")
	body, _ := preview["body"].(string)
	for _, want := range []string{
		w.Secretariat.GetString("name"), "Ủy ban nhân dân phường Hoàn Kiếm phát động", "Công tác chỉ đạo điều hành", "Nâng cao các chỉ số DTI, PCI, PAR Index, PGI",
		"hết ngày", "https://sangkien.phuong.test/sang-kien/moi.html",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the preview does not say %q:\n%s", want, body)
		}
	}
	if preview["recipients"] != float64(len(people)) || preview["launched"] != "" {
		t.Errorf("preview: %v recipients (want %d), launched %q", preview["recipients"], len(people), preview["launched"])
	}
	if len(m.smtp.Mails()) != 0 {
		t.Fatal("the preview sent mail")
	}

	m.act(t, 200, "POST", url, w.Secretariat, "")
	mails := m.next(t, len(people))
	expectMails(t, "launch", mails, people, preview["subject"].(string), "https://sangkien.phuong.test/sang-kien/moi.html")
	// each mail names its reader, and the fields are all there.
	for _, g := range mails {
		if strings.Count(g.Text, "\n") < 10 || !strings.Contains(g.Text, "Cải cách thủ tục hành chính") {
			t.Errorf("the mail to %v lacks the fields:\n%s", g.To, g.Text)
		}
	}

	out := m.act(t, 400, "POST", url, w.Secretariat, "")
	if !strings.Contains(toJSON(out), `"code":"already_launched"`) {
		t.Errorf("second launch: %v", out)
	}
	m.next(t, 0)
	if got := m.act(t, 200, "GET", url, w.Secretariat, ""); got["launched"] == "" {
		t.Error("the preview does not say when the round was launched")
	}
	if entries := auditEntries(t, w.App, w.Round.Id, "launch"); len(entries) != 1 {
		t.Errorf("%d launch entries in the audit log, want 1", len(entries))
	} else if entries[0].GetString("actor") != w.Secretariat.Id {
		t.Errorf("launch entry by %q", entries[0].GetString("actor"))
	}
}

func TestLaunchRefusals(t *testing.T) {
	t.Parallel()
	m := newMailWard(t)
	w := m.Ward
	url := "/api/reform/rounds/" + strconv.Itoa(w.Round.GetInt("year")) + "/launch"
	for _, who := range []*core.Record{w.StaffA, w.HeadA, w.Chair, w.Chairman} {
		m.act(t, 403, "POST", url, who, "")
	}
	m.act(t, 404, "POST", "/api/reform/rounds/1999/launch", w.Secretariat, "")

	// without SMTP nothing could be sent: refused, and the round not stamped.
	testkit.SetMail(t, w.App, false)
	out := m.act(t, 400, "POST", url, w.Secretariat, "")
	if !strings.Contains(toJSON(out), `"code":"mail_not_configured"`) {
		t.Errorf("without SMTP: %v", out)
	}
	testkit.SetMail(t, w.App, true)

	// a round no longer open is not launched.
	testkit.Update(t, w.App, w.Round, map[string]any{"status": "review"})
	out = m.act(t, 400, "POST", url, w.Secretariat, "")
	if !strings.Contains(toJSON(out), `"code":"round_closed"`) {
		t.Errorf("in review: %v", out)
	}
	if !mustFind(t, w.App, "rounds", w.Round.Id).GetDateTime("launched_at").IsZero() {
		t.Error("a refused launch stamped the round")
	}
	m.next(t, 0)
}

// toJSON is v as JSON, for looking for an error code in an answer.
func toJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestLaunchOnceUnderConcurrentClicks(t *testing.T) {
	t.Parallel()
	m := newMailWard(t)
	w := m.Ward
	url := "/api/reform/rounds/" + strconv.Itoa(w.Round.GetInt("year")) + "/launch"
	people, err := w.App.FindAllRecords("users", dbx.HashExp{"active": true, "mail_off": false})
	if err != nil {
		t.Fatal(err)
	}
	const clicks = 8
	statuses := make(chan int, clicks)
	var wg sync.WaitGroup
	for range clicks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			status := apitest.Send(t, m.srv, "POST", url, apitest.As(w.Secretariat), apitest.JSON("")).Status
			statuses <- status
		}()
	}
	wg.Wait()
	close(statuses)
	ok := 0
	for s := range statuses {
		switch s {
		case 200:
			ok++
		case 400:
		default:
			t.Errorf("status %d", s)
		}
	}
	if ok != 1 {
		t.Errorf("%d launches succeeded, want 1", ok)
	}
	m.next(t, len(people)) // one mail each, no more
	if entries := auditEntries(t, w.App, w.Round.Id, "launch"); len(entries) != 1 {
		t.Errorf("%d launch entries, want 1", len(entries))
	}
}
