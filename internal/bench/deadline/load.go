package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"strings"
	"sync"
	"time"

	"sangkien/internal/bench/benchkit"
)

// config is one deadline-day run against a served ward.
type config struct {
	base        string   // http://127.0.0.1:port
	password    string   // every account's
	staff       []string // e-mails of the staff who write and submit
	heads       []string // e-mails of the unit heads who endorse
	secretariat string   // e-mail of the officer who watches
	ramp        time.Duration
	headPoll    time.Duration // a unit head reopens their page this often
	officePoll  time.Duration // the secretariat reopens the overview this often
	pdfSize     int
	limit       time.Duration // the whole run ends by then, finished or not
	catchUp     time.Duration // how long realtime may lag behind the last endorsement
}

// outcome is what a run did.
type outcome struct {
	rec                 *recorder
	elapsed             time.Duration
	submitted, endorsed []string // initiative ids
	watch               *watcher
	finished            bool // every staff member's draft submitted and endorsed within the limit
	overviewRows        int  // rows of the overview's last load
}

// action names, as the report prints them.
const (
	actSignIn      = "staff: sign in"
	actCreate      = "staff: create draft"
	actAttach      = "staff: attach PDF"
	actSubmit      = "staff: submit"
	actHeadSignIn  = "unit head: sign in"
	actHeadList    = "unit head: unit page list"
	actHeadQuota   = "unit head: quota"
	actEndorse     = "unit head: endorse"
	actOfficeIn    = "secretariat: sign in"
	actRounds      = "overview: rounds + todo"
	actOrg         = "overview: organization"
	actOverview    = "overview: GET …/overview (counts, waiting rows, missing sheets)"
	actQuota       = "overview: quota"
	actLaunch      = "overview: launch"
	actWholePage   = "overview: the page's data, all requests"
	actFinalReport = "overview: after the run"
)

// account is a signed-in person.
type account struct {
	token string
	rec   struct {
		ID, Name, Position, Unit string
	}
}

// run is the deadline day: the staff start one after another over
// cfg.ramp, each signing in, writing a draft, attaching a PDF and
// submitting it; every unit head reopens their unit's page every
// cfg.headPoll and endorses what waits; the secretariat reopens the
// overview every cfg.officePoll and holds a realtime channel. It ends
// when every draft is submitted and endorsed and realtime has announced
// each, endorsed, or at cfg.limit.
func run(cfg config) (*outcome, error) {
	ctx, cancel := context.WithTimeout(context.Background(), cfg.limit)
	defer cancel()
	client := &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{
		MaxIdleConns: 512, MaxIdleConnsPerHost: 512,
	}}
	defer client.CloseIdleConnections()
	rec := newRecorder()
	out := &outcome{rec: rec}
	pdf := fakePDF(cfg.pdfSize)

	office, err := signIn(ctx, client, cfg.base, cfg.secretariat, cfg.password, rec, actOfficeIn)
	if err != nil {
		return nil, err
	}
	round, field, err := openRound(ctx, client, cfg.base, office.token)
	if err != nil {
		return nil, err
	}
	out.watch, err = watch(ctx, cfg.base, office.token, rec)
	if err != nil {
		return nil, fmt.Errorf("realtime: %w", err)
	}
	t0 := time.Now()

	var mu sync.Mutex
	var staffWG sync.WaitGroup
	for i, email := range cfg.staff {
		staffWG.Add(1)
		go func() {
			defer staffWG.Done()
			at := t0.Add(cfg.ramp * time.Duration(i) / time.Duration(max(1, len(cfg.staff))))
			select {
			case <-time.After(time.Until(at)):
			case <-ctx.Done():
				return
			}
			if id := writeAndSubmit(ctx, client, cfg, email, round.ID, field, pdf, rec, i); id != "" {
				mu.Lock()
				out.submitted = append(out.submitted, id)
				mu.Unlock()
			}
		}()
	}
	staffDone := make(chan struct{})
	go func() { staffWG.Wait(); close(staffDone) }()

	var headsWG sync.WaitGroup
	for _, email := range cfg.heads {
		headsWG.Add(1)
		go func() {
			defer headsWG.Done()
			ids := endorseArrivals(ctx, client, cfg, email, round, rec, staffDone)
			mu.Lock()
			out.endorsed = append(out.endorsed, ids...)
			mu.Unlock()
		}()
	}
	headsDone := make(chan struct{})
	go func() { headsWG.Wait(); close(headsDone) }()

	// the secretariat reopens the overview until the heads are done
	for stop := false; !stop; {
		if n, err := overview(ctx, client, cfg.base, office.token, round, rec, actWholePage); err == nil {
			out.overviewRows = n
		} else if ctx.Err() == nil {
			rec.fail(actWholePage, err)
		}
		select {
		case <-headsDone:
			stop = true
		case <-ctx.Done():
			stop = true
		case <-time.After(cfg.officePoll):
		}
	}
	// realtime catches up with the last endorsements
	for wait := time.Now().Add(cfg.catchUp); time.Now().Before(wait) && ctx.Err() == nil; time.Sleep(50 * time.Millisecond) {
		if out.watch.announced(out.submitted) == len(out.submitted) && out.watch.saw("endorsed", out.endorsed) == len(out.endorsed) {
			break
		}
	}
	out.elapsed = time.Since(t0)
	out.finished = ctx.Err() == nil && len(out.submitted) == len(cfg.staff) && len(out.endorsed) == len(cfg.staff)
	if ctx.Err() == nil {
		if n, err := overview(ctx, client, cfg.base, office.token, round, rec, actFinalReport); err == nil {
			out.overviewRows = n
		}
	}
	return out, nil
}

// writeAndSubmit is one staff member's deadline: sign in, write a
// draft, attach the PDF, submit. It returns the initiative's id once
// submitted, "" when a step failed (recorded).
func writeAndSubmit(ctx context.Context, client *http.Client, cfg config, email, round, field string, pdf []byte, rec *recorder, n int) string {
	me, err := signIn(ctx, client, cfg.base, email, cfg.password, rec, actSignIn)
	if err != nil {
		return ""
	}
	var draft struct{ ID string }
	body := map[string]any{
		"round": round, "field": field,
		"title":    fmt.Sprintf("%s %s (%d)", pick(n, 0, topics), pick(n, 1, places), n+1),
		"summary":  sentence(n, 2),
		"solution": sentence(n, 3),
		"benefits": sentence(n, 4),
		// noon in Hà Nội, as the form sends a date
		"first_applied": "2026-01-15 05:00:00.000Z",
		"authors":       []map[string]any{{"name": me.rec.Name, "position": me.rec.Position, "workplace": "UBND phường", "share": 100, "user": me.rec.ID}},
	}
	if timed(rec, actCreate, func() error {
		return benchkit.Call(ctx, client, "POST", cfg.base+"/api/collections/initiatives/records", me.token, body, &draft)
	}) != nil {
		return ""
	}
	if timed(rec, actAttach, func() error {
		return upload(ctx, client, cfg.base+"/api/collections/initiatives/records/"+draft.ID, me.token, "attachments+", "thuyet-minh.pdf", pdf)
	}) != nil {
		return ""
	}
	if timed(rec, actSubmit, func() error {
		return benchkit.Call(ctx, client, "POST", cfg.base+"/api/reform/initiatives/"+draft.ID+"/submit", me.token, nil, nil)
	}) != nil {
		return ""
	}
	return draft.ID
}

// endorseArrivals is a unit head's day: reopen the unit's page (its list
// and the quota, as pb_public/js/pages/unit.js asks them) and endorse
// every initiative waiting, until the staff are done and nothing waits.
// It returns the ids endorsed.
func endorseArrivals(ctx context.Context, client *http.Client, cfg config, email string, round roundInfo, rec *recorder, staffDone <-chan struct{}) []string {
	me, err := signIn(ctx, client, cfg.base, email, cfg.password, rec, actHeadSignIn)
	if err != nil {
		return nil
	}
	list := "/api/collections/initiatives/records?" + url.Values{
		"filter": {fmt.Sprintf("unit = %q && round = %q && status != \"draft\"", me.rec.Unit, round.ID)},
		"sort":   {"submitted_at"},
	}.Encode()
	var done []string
	for ctx.Err() == nil {
		last := false
		select {
		case <-staffDone:
			last = true
		default:
		}
		var items []struct{ ID, Status string }
		if timed(rec, actHeadList, func() error { return fullList(ctx, client, cfg.base+list, me.token, &items) }) != nil {
			return done
		}
		timed(rec, actHeadQuota, func() error {
			return benchkit.Call(ctx, client, "GET", cfg.base+"/api/reform/rounds/"+round.Year+"/quota", me.token, nil, nil)
		})
		waiting := 0
		for _, it := range items {
			if it.Status != "submitted" {
				continue
			}
			waiting++
			if timed(rec, actEndorse, func() error {
				return benchkit.Call(ctx, client, "POST", cfg.base+"/api/reform/initiatives/"+it.ID+"/endorse", me.token, nil, nil)
			}) == nil {
				done = append(done, it.ID)
			}
		}
		if last && waiting == 0 {
			return done
		}
		select {
		case <-ctx.Done():
		case <-time.After(cfg.headPoll):
		}
	}
	return done
}

// overview loads the secretariat's overview page's data as
// pb_public/js/pages/office-overview.js asks it: the rounds and the
// person's to-do (round.js), the organization (ward-names.js), the
// round's overview (counts, the rows waiting with their near-duplicate,
// the members short of sheets), then at once the quota and the launch
// card. It returns the initiatives the overview counts.
func overview(ctx context.Context, client *http.Client, base, token string, round roundInfo, rec *recorder, whole string) (int, error) {
	var ov struct{ Total int }
	err := timed(rec, whole, func() error {
		err := timed(rec, actRounds, func() error {
			return parallel(
				func() error {
					return fullList(ctx, client, base+"/api/collections/rounds/records?sort=-year", token, nil)
				},
				func() error { return benchkit.Call(ctx, client, "GET", base+"/api/reform/me/todo", token, nil, nil) },
			)
		})
		if err != nil {
			return err
		}
		if err := timed(rec, actOrg, func() error {
			return benchkit.Call(ctx, client, "GET", base+"/api/collections/organization/records?page=1&perPage=1&skipTotal=1", token, nil, nil)
		}); err != nil {
			return err
		}
		if err := timed(rec, actOverview, func() error {
			return benchkit.Call(ctx, client, "GET", base+"/api/reform/rounds/"+round.Year+"/overview", token, nil, &ov)
		}); err != nil {
			return err
		}
		return parallel(
			func() error {
				return timed(rec, actQuota, func() error {
					return benchkit.Call(ctx, client, "GET", base+"/api/reform/rounds/"+round.Year+"/quota", token, nil, nil)
				})
			},
			func() error {
				return timed(rec, actLaunch, func() error {
					return benchkit.Call(ctx, client, "GET", base+"/api/reform/rounds/"+round.Year+"/launch", token, nil, nil)
				})
			},
		)
	})
	return ov.Total, err
}

// roundInfo is the round the staff submit to.
type roundInfo struct{ ID, Year string }

// openRound finds, as the pages do, the open round (the latest open one)
// and the first field of the directive.
func openRound(ctx context.Context, client *http.Client, base, token string) (roundInfo, string, error) {
	var rounds []struct {
		ID, Status string
		Year       int
	}
	if err := fullList(ctx, client, base+"/api/collections/rounds/records?sort=-year", token, &rounds); err != nil {
		return roundInfo{}, "", err
	}
	var fields []struct{ ID string }
	if err := fullList(ctx, client, base+"/api/collections/fields/records?sort=sort", token, &fields); err != nil {
		return roundInfo{}, "", err
	}
	for _, r := range rounds {
		if r.Status == "open" && len(fields) > 0 {
			return roundInfo{r.ID, fmt.Sprint(r.Year)}, fields[0].ID, nil
		}
	}
	return roundInfo{}, "", errors.New("no open round, or no field")
}

// signIn signs email in with a browser's own device id, as the sign-in
// page does (pb_public/js/pb.js).
func signIn(ctx context.Context, client *http.Client, base, email, password string, rec *recorder, action string) (*account, error) {
	device := make([]byte, 16)
	rand.Read(device)
	var a struct {
		Token  string
		Record struct{ ID, Name, Position, Unit string }
	}
	err := timed(rec, action, func() error {
		return benchkit.CallWith(ctx, client, "POST", base+"/api/collections/users/auth-with-password", "",
			map[string]string{"X-Sangkien-Device": hex.EncodeToString(device)},
			map[string]any{"identity": email, "password": password}, &a)
	})
	if err != nil {
		return nil, err
	}
	me := &account{token: a.Token}
	me.rec.ID, me.rec.Name, me.rec.Position, me.rec.Unit = a.Record.ID, a.Record.Name, a.Record.Position, a.Record.Unit
	return me, nil
}

// timed runs f as one request (or one group of requests) of action:
// its time when it succeeds, its error when not.
func timed(rec *recorder, action string, f func() error) error {
	t0 := time.Now()
	err := f()
	if err != nil {
		rec.fail(action, err)
		return err
	}
	rec.add(action, time.Since(t0))
	return nil
}

// parallel runs fs at once and returns the first error.
func parallel(fs ...func() error) error {
	errs := make([]error, len(fs))
	var wg sync.WaitGroup
	for i, f := range fs {
		wg.Add(1)
		go func() { defer wg.Done(); errs[i] = f() }()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// fullList reads every page of a list as the JS SDK's getFullList does
// (500 a page, no total), decoding the items into out (a pointer to a
// slice) when not nil.
func fullList(ctx context.Context, client *http.Client, list, token string, out any) error {
	var all []json.RawMessage
	for page := 1; ; page++ {
		var p struct{ Items []json.RawMessage }
		sep := "?"
		if strings.Contains(list, "?") {
			sep = "&"
		}
		if err := benchkit.Call(ctx, client, "GET", fmt.Sprintf("%s%spage=%d&perPage=500&skipTotal=1", list, sep, page), token, nil, &p); err != nil {
			return err
		}
		all = append(all, p.Items...)
		if len(p.Items) < 500 {
			break
		}
	}
	if out == nil {
		return nil
	}
	raw, _ := json.Marshal(all)
	return json.Unmarshal(raw, out)
}

// upload sends file as the multipart field name, as the form's file
// input does (pb_public/js/initiative/files.js).
func upload(ctx context.Context, client *http.Client, u, token, name, filename string, file []byte) error {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", fmt.Sprintf(`form-data; name=%q; filename=%q`, name, filename))
	h.Set("Content-Type", "application/pdf")
	part, err := mw.CreatePart(h)
	if err != nil {
		return err
	}
	part.Write(file)
	mw.Close()
	req, err := http.NewRequestWithContext(ctx, "PATCH", u, &b)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return benchkit.Send(client, req, token, nil)
}

// topics, places and phrases make each draft's text its own, as a ward's
// initiatives are: drafts sharing one text would each find every other as
// a near-duplicate, which no real deadline day does.
var (
	topics = []string{"Số hóa hồ sơ", "Rút gọn quy trình", "Ứng dụng mã QR cho", "Bảng theo dõi chung của", "Lịch hẹn trực tuyến tại",
		"Sổ tay hướng dẫn", "Kiểm tra chéo kết quả của", "Tin nhắn nhắc hạn cho", "Mẫu biểu thống nhất của", "Phân loại văn bản đến của"}
	places = []string{"bộ phận một cửa", "trạm y tế", "tổ dân phố", "phòng văn hóa", "văn phòng ủy ban", "trung tâm dịch vụ công",
		"phòng quản lý đô thị", "tổ công tác trật tự", "hội người cao tuổi", "điểm thu thuế"}
	phrases = []string{
		"người dân chờ trung bình bốn mươi lăm phút", "cán bộ nhập lại dữ liệu hai lần", "hồ sơ thất lạc giữa các bộ phận",
		"phiếu hẹn được gửi qua tin nhắn", "kết quả tra cứu ngay trên điện thoại", "mỗi tuần tổng hợp số liệu một lần",
		"giảm giấy tờ in ấn khoảng một nửa", "lịch trực được công khai trên bảng tin", "biểu mẫu điền sẵn thông tin cũ",
		"sai sót được phát hiện trước khi ký", "tổ trưởng nắm được việc tồn đọng", "chi phí văn phòng phẩm giảm rõ rệt",
		"thời gian xử lý rút xuống một ngày", "người cao tuổi được hướng dẫn tận nơi", "dữ liệu được sao lưu hằng đêm",
		"mỗi hồ sơ có mã theo dõi riêng", "cuộc họp giao ban ngắn hơn", "khiếu nại về thái độ phục vụ giảm",
		"nhân viên mới học việc nhanh hơn", "báo cáo tháng lập tự động",
	}
)

// pick is the k-th choice of draft n from list.
func pick(n, k int, list []string) string {
	return list[(n*7+k*13+n/len(list))%len(list)]
}

// sentence is three phrases of draft n's own.
func sentence(n, k int) string {
	var out []string
	for j := range 3 {
		out = append(out, phrases[(n*11+k*5+j*7+n*n)%len(phrases)])
	}
	return strings.ToUpper(out[0][:1]) + out[0][1:] + ", " + out[1] + " và " + out[2] + "."
}

// fakePDF is a one-page PDF of about size bytes (a page and a stream of
// filler), which the server's type check reads as application/pdf.
func fakePDF(size int) []byte {
	head := "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
		"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R>>endobj\n"
	tail := "\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
	n := max(0, size-len(head)-len(tail)-40)
	return []byte(fmt.Sprintf("%s4 0 obj<</Length %d>>stream\n%s%s", head, n, strings.Repeat("%", n), tail))
}
