package e2e_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"

	"sangkien/internal/i18n"
	"sangkien/internal/testkit"
)

// TestOfficeLaunch: on the overview of an open round the secretariat reads
// the launch mail before sending it, sends it after a question, and the
// card then says when; every active account that wants mail gets one
// (PocketBase's test mailer standing in for the SMTP server); the round
// cannot be launched twice.
func TestOfficeLaunch(t *testing.T) {
	w := Shared(t)
	o := newOfficeRound(t, time.Now().AddDate(0, 0, 20))
	testkit.SetMail(t, w.App, true) // in memory only: the test app's mailer keeps the mail
	t.Cleanup(func() { testkit.SetMail(t, w.App, false) })
	w.App.TestMailer.Reset()
	me := officer(t)

	p := NewPage(t)
	p.UseSession(me, o.path("/van-phong/"))
	p.WaitJS(`!document.getElementById("launch").hidden`)
	p.Click(i18n.T("office.launch.preview"))
	p.WaitJS(`!document.getElementById("launch-preview").hidden`)
	preview := p.Text("#launch-preview")
	for _, want := range []string{me.GetString("name"), "Cải cách thủ tục hành chính", "/sang-kien/moi.html", itoa(o.Year)} {
		if !strings.Contains(preview, want) {
			t.Errorf("the preview does not say %q:\n%s", want, preview)
		}
	}
	if w.App.TestMailer.TotalSend() != 0 {
		t.Fatal("the preview sent mail")
	}
	p.CheckNarrow("office-launch")
	p.Screenshots("office-launch")
	p.Click(i18n.T("office.launch.send"))
	p.WaitJS(`!!document.querySelector("dialog[open]")`)
	p.Click(i18n.T("office.launch.send")) // the dialog's button
	p.WaitJS(`document.getElementById("launch-state").textContent.startsWith(` + js(strings.Split(i18n.T("office.launch.done"), "{")[0]) + `)`)
	if Eval[bool](p, `!!document.getElementById("launch-send")`) {
		t.Error("the launched round still offers to send")
	}

	want, err := w.App.CountRecords("users", dbx.HashExp{"active": true, "mail_off": false})
	if err != nil {
		t.Fatal(err)
	}
	for end := time.Now().Add(20 * time.Second); w.App.TestMailer.TotalSend() < int(want) && time.Now().Before(end); {
		time.Sleep(50 * time.Millisecond)
	}
	if got := w.App.TestMailer.TotalSend(); got != int(want) {
		t.Errorf("%d launch mails, want %d", got, want)
	}
	if code, body := apiCall(t, me, "POST", "/api/reform/rounds/"+itoa(o.Year)+"/launch", map[string]any{}); code != 400 ||
		!strings.Contains(fmt.Sprint(body), "already_launched") {
		t.Errorf("a second launch: %d %v", code, body)
	}
}
