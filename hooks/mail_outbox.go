package hooks

import (
	"errors"
	"net/mail"
	"sync"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/mailer"
	"github.com/pocketbase/pocketbase/tools/types"

	"sangkien/internal/clock"
	"sangkien/internal/i18n"
)

// The outbox (mail_outbox) holds the mails to whoever must act next. An act
// queues one event row (state new) after it commits; the sender, in the
// background, turns each event into one row per person (pending) and sends
// them through the ward's SMTP server. A mail the server does not take is
// logged and tried again later (outboxBackoff), by the next act or the
// minute cron, for outboxGiveUp; the act itself never waits for the mail
// nor fails because of it. Rows stay in the database, so a restart loses
// nothing. Nothing is queued while SMTP is off in the settings.

// outboxCron is how often the sender runs on its own: every minute.
const outboxCron = "* * * * *"

// outboxGiveUp is how long a mail is tried before it is marked failed.
const outboxGiveUp = 72 * time.Hour

// outboxKeep is how long sent and failed rows are kept.
const outboxKeep = 30 * 24 * time.Hour

// outboxSendTimeout bounds one SMTP exchange, so that a server that hangs
// holds up the queue for at most this long.
const outboxSendTimeout = 30 * time.Second

// outboxBatch is how many rows one pass reads at a time.
const outboxBatch = 200

// outboxBackoff is the wait after the n-th failed try of a mail: 1, 2, 4 …
// minutes, at most an hour.
func outboxBackoff(n int) time.Duration {
	d := time.Minute
	for i := 1; i < n && d < time.Hour; i++ {
		d *= 2
	}
	return min(d, time.Hour)
}

// outbox is the sender's state for one app: one pass at a time, a pass
// asked for while one runs runs again after it, and the app's end waits
// for the pass in flight.
type outbox struct {
	mu      sync.Mutex
	running bool
	again   bool
	closed  bool
	wg      sync.WaitGroup
	pass    sync.Mutex // one FlushOutbox at a time, background or not
}

// outboxOf returns app's sender state.
func outboxOf(app core.App) *outbox {
	return app.Store().GetOrSet("sangkien.outbox", func() any { return &outbox{} }).(*outbox)
}

// kickOutbox runs a FlushOutbox pass in the background unless one is
// running (then that one runs once more when it ends).
func kickOutbox(app core.App) {
	ob := outboxOf(app)
	ob.mu.Lock()
	if ob.closed {
		ob.mu.Unlock()
		return
	}
	if ob.running {
		ob.again = true
		ob.mu.Unlock()
		return
	}
	ob.running = true
	ob.wg.Add(1)
	ob.mu.Unlock()
	go func() {
		defer ob.wg.Done()
		for {
			if _, err := FlushOutbox(app, clock.Of(app).Now()); err != nil {
				app.Logger().Error("mail outbox pass failed", "error", err)
			}
			ob.mu.Lock()
			if !ob.again || ob.closed {
				ob.running = false
				ob.mu.Unlock()
				return
			}
			ob.again = false
			ob.mu.Unlock()
		}
	}()
}

// outboxStopWait is how long the app's end waits for the pass in flight.
// A mail cut off by the end stays pending and goes after the restart.
const outboxStopWait = 10 * time.Second

// stopOutbox is bound to the app's end: no new pass starts, and the one in
// flight gets outboxStopWait to finish.
func stopOutbox(e *core.TerminateEvent) error {
	ob := outboxOf(e.App)
	ob.mu.Lock()
	ob.closed = true
	ob.mu.Unlock()
	done := make(chan struct{})
	go func() {
		ob.wg.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(outboxStopWait):
		e.App.Logger().Warn("mail outbox still sending at shutdown; what is left goes after the restart")
	}
	return e.Next()
}

// queueNotice records an event for the sender (kind, the record it is
// about, a note such as the reason of a return) and wakes the sender. It
// never fails the act that called it: a problem is logged. Nothing is
// queued while SMTP is off.
func queueNotice(app core.App, kind, record, note string) {
	if !mailOn(app) {
		return
	}
	col, err := app.FindCachedCollectionByNameOrId("mail_outbox")
	if err != nil {
		app.Logger().Error("mail outbox missing", "error", err)
		return
	}
	row := core.NewRecord(col)
	row.Set("kind", kind)
	row.Set("state", "new")
	row.Set("record", record)
	row.Set("note", note)
	if err := app.Save(row); err != nil {
		app.Logger().Error("mail notice not queued", "kind", kind, "record", record, "error", err)
		return
	}
	kickOutbox(app)
}

// notice is one mail an event turns into.
type notice struct {
	user    *core.Record
	subject string
	body    string
}

// FlushOutbox is one pass of the sender as of now: it gives up on what
// has waited longer than outboxGiveUp (marked failed), drops rows kept long
// enough, and, while SMTP is on, turns the queued events into mails and
// sends the mails that are due. It returns how many mails went out. The
// cron and each act start it in the background; tests call it directly.
func FlushOutbox(app core.App, now time.Time) (int, error) {
	ob := outboxOf(app)
	ob.pass.Lock()
	defer ob.pass.Unlock()
	stale, err := types.ParseDateTime(now.Add(-outboxGiveUp))
	if err != nil {
		return 0, err
	}
	_, err = app.DB().Update("mail_outbox", dbx.Params{"state": "failed"}, dbx.And(
		dbx.In("state", "new", "pending"), dbx.NewExp("created < {:stale}", dbx.Params{"stale": stale.String()}),
	)).Execute()
	if err != nil {
		return 0, err
	}
	kept, err := types.ParseDateTime(now.Add(-outboxKeep))
	if err != nil {
		return 0, err
	}
	_, err = app.DB().Delete("mail_outbox", dbx.And(
		dbx.In("state", "sent", "failed"), dbx.NewExp("updated < {:kept}", dbx.Params{"kept": kept.String()}),
	)).Execute()
	if err != nil {
		return 0, err
	}
	if !mailOn(app) {
		return 0, nil
	}
	if err := expandEvents(app); err != nil {
		return 0, err
	}
	return sendDue(app, now)
}

// expandEvents turns each event row into one pending row per person, in one
// transaction per event.
func expandEvents(app core.App) error {
	for {
		events, err := app.FindRecordsByFilter("mail_outbox", "state = 'new'", "created", outboxBatch, 0)
		if err != nil || len(events) == 0 {
			return err
		}
		for _, ev := range events {
			notices, err := composeNotices(app, ev)
			if err != nil {
				// the record is gone or unreadable: nobody to tell.
				app.Logger().Warn("mail notice dropped", "kind", ev.GetString("kind"), "record", ev.GetString("record"), "error", err)
				notices = nil
			}
			err = app.RunInTransaction(func(tx core.App) error {
				for _, n := range notices {
					row := core.NewRecord(ev.Collection())
					row.Set("kind", ev.GetString("kind"))
					row.Set("state", "pending")
					row.Set("record", ev.GetString("record"))
					row.Set("user", n.user.Id)
					row.Set("email", n.user.Email())
					row.Set("name", n.user.GetString("name"))
					row.Set("subject", n.subject)
					row.Set("body", n.body)
					if err := tx.Save(row); err != nil {
						return err
					}
				}
				return tx.Delete(ev)
			})
			if err != nil {
				return err
			}
		}
	}
}

// sendDue sends the pending mails whose time has come, oldest first. A
// mail whose person has since turned mails off or left is dropped. At the
// first mail the server does not take, the pass stops (the others wait
// for the next one), the failure is logged and the mail retried later.
func sendDue(app core.App, now time.Time) (int, error) {
	at, err := types.ParseDateTime(now)
	if err != nil {
		return 0, err
	}
	sent := 0
	for {
		rows, err := app.FindRecordsByFilter("mail_outbox",
			"state = 'pending' && (next_try = '' || next_try <= {:now})", "created", outboxBatch, 0,
			dbx.Params{"now": at.String()})
		if err != nil || len(rows) == 0 {
			return sent, err
		}
		for _, r := range rows {
			out, err := sendOne(app, r, now)
			if err != nil {
				return sent, err
			}
			switch out {
			case mailRefused:
				return sent, nil
			case mailSent:
				sent++
			}
		}
	}
}

// The outcomes of sendOne.
const (
	mailSent    = iota
	mailDropped // the person no longer gets notices
	mailRefused // the server did not take it
)

// sendOne sends one pending row. When the server does not take it, the row
// waits for its next try, or is marked failed once outboxGiveUp has passed.
func sendOne(app core.App, r *core.Record, now time.Time) (int, error) {
	user, uerr := app.FindRecordById("users", r.GetString("user"))
	if uerr != nil || !wantsMail(user) {
		return mailDropped, app.Delete(r)
	}
	msg := &mailer.Message{
		From:    mail.Address{Name: app.Settings().Meta.SenderName, Address: app.Settings().Meta.SenderAddress},
		To:      []mail.Address{{Name: user.GetString("name"), Address: user.Email()}},
		Subject: r.GetString("subject"),
		Text:    r.GetString("body"),
	}
	msg.HTML = textToHTML(msg.Text)
	if serr := sendWithTimeout(app, msg); serr != nil {
		n := r.GetInt("attempts") + 1
		app.Logger().Error("notice mail failed", "kind", r.GetString("kind"), "user", user.Id, "attempt", n, "error", serr)
		r.Set("attempts", n)
		r.Set("error", truncate(serr.Error(), 2000))
		r.Set("next_try", now.Add(outboxBackoff(n)))
		if now.Sub(r.GetDateTime("created").Time()) >= outboxGiveUp {
			r.Set("state", "failed")
		}
		return mailRefused, app.Save(r)
	}
	r.Set("state", "sent")
	r.Set("sent_at", now)
	r.Set("error", "")
	return mailSent, app.Save(r)
}

// errSendTimeout is the error of an SMTP exchange that took too long.
var errSendTimeout = errors.New("mail server did not answer in time")

// sendWithTimeout sends msg through app's mail client, giving up after
// outboxSendTimeout (the exchange may still finish in the background).
func sendWithTimeout(app core.App, msg *mailer.Message) error {
	done := make(chan error, 1)
	go func() { done <- app.NewMailClient().Send(msg) }()
	select {
	case err := <-done:
		return err
	case <-time.After(outboxSendTimeout):
		return errSendTimeout
	}
}

// wantsMail reports whether the account u gets notices: active, with an
// address, and not turned off by its owner.
func wantsMail(u *core.Record) bool {
	return u != nil && u.GetBool("active") && !u.GetBool("mail_off") && u.Email() != ""
}

// truncate cuts s to at most n bytes.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}

// mailLink is the address of a page of the site: the site address from
// the settings, then path.
func mailLink(app core.App, path string) string {
	base := app.Settings().Meta.AppURL
	for len(base) > 0 && base[len(base)-1] == '/' {
		base = base[:len(base)-1]
	}
	return base + path
}

// signed ends a notice with the system's signature and where to turn
// notices off.
func signed(app core.App, body string) string {
	return body + "\n\n" + i18n.T("mail.signature", "url", app.Settings().Meta.AppURL) +
		"\n\n" + i18n.T("mail.notice.opt_out", "link", mailLink(app, "/tai-khoan/mat-khau.html"))
}
