package hooks_test

import (
	"archive/zip"
	"bytes"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/filesystem"

	"sangkien/internal/apitest"
	"sangkien/internal/testkit"
)

// docCase is one document download: who asks for which URL, and the
// status they must get.
type docCase struct {
	name   string
	url    func(w *scoringWard) string
	as     func(w *scoringWard) *core.Record
	setup  func(t testing.TB, w *scoringWard)
	status int
	file   string // the start of the RFC 5987 file name of a 200; {year} is the round's, {code} the initiative's
}

// roundYear is the year of the ward's round as its URLs and file names
// write it (the round a fresh install seeds: deadline.OpenYear's).
func (w *scoringWard) roundYear() string { return strconv.Itoa(w.Round.GetInt("year")) }

// roundURL is the URL of the round's document doc.
func (w *scoringWard) roundURL(doc string) string {
	return "/api/reform/rounds/" + w.roundYear() + "/documents/" + doc
}

// fileName is name with {year} the round's year and {code} the
// initiative's code: the documents are named by the round they are about.
func (w *scoringWard) fileName(name string) string {
	return strings.NewReplacer("{year}", w.roundYear(), "{code}", w.Ini.GetString("code")).Replace(name)
}

// runDocCases runs the cases on wards whose initiative has a co-author
// (StaffA2) and a draft and a submitted sheet: the cases without a setup
// of their own one after another on one such ward served once (downloads
// only read: oneApp.run checks each left the ward as it was), the others
// each on a fresh one.
func runDocCases(t *testing.T, cases []docCase) {
	t.Helper()
	prepare := func(t testing.TB, w *scoringWard) {
		testkit.Update(t, w.App, w.Ini, map[string]any{"author_users": []string{w.StaffA.Id, w.StaffA2.Id}})
		w.Sheet(t, w.Ini, w.Chair, "submitted", testkit.Points(25, 15, 25, 15), true)
		w.Sheet(t, w.Ini, w.Members[0], "draft", testkit.Points(20, 15, 20, 15), true)
	}
	request := func(c docCase, w *scoringWard) wardRequest {
		var as *core.Record
		if c.as != nil {
			as = c.as(w)
		}
		return wardRequest{method: http.MethodGet, url: c.url(w), as: as}
	}
	var wc []wardCase
	var shared *scoringWard
	var served *oneApp
	for _, c := range cases {
		after := func(t testing.TB, w *scoringWard, res *http.Response) { checkDocAnswer(t, w, c, res) }
		if c.setup == nil {
			if shared == nil {
				shared = newScoringWard(t)
				prepare(t, shared)
				served = onOneApp(t, shared.App)
			}
			s := wardScenario(t, shared, wardCase{name: c.name, status: c.status, content: docContent[c.status], after: after},
				request(c, shared))
			served.run(t, s)
			continue
		}
		wc = append(wc, wardCase{
			name: c.name,
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				prepare(t, w)
				c.setup(t, w)
				return request(c, w)
			},
			status:  c.status,
			content: docContent[c.status],
			after:   after,
		})
	}
	runWardCases(t, wc)
}

// checkDocAnswer checks the file a 200 of c sends: its name and type.
func checkDocAnswer(t testing.TB, w *scoringWard, c docCase, res *http.Response) {
	if c.status != http.StatusOK {
		return
	}
	file := w.fileName(c.file)
	cd := res.Header.Get("Content-Disposition")
	if !strings.Contains(cd, "filename*=UTF-8''"+file) {
		t.Errorf("%s: Content-Disposition %q, want a name starting %q", c.name, cd, file)
	}
	ct := res.Header.Get("Content-Type")
	if want := "wordprocessingml.document"; strings.HasSuffix(file, ".zip") || strings.HasPrefix(file, "Ho-so") {
		want = "application/zip"
		if ct != want {
			t.Errorf("%s: Content-Type %q", c.name, ct)
		}
	} else if !strings.Contains(ct, want) {
		t.Errorf("%s: Content-Type %q", c.name, ct)
	}
}

// docContent is what the body of an answer holds, by status: a 200 is a
// zip package (a .docx is one), an error says its code.
var docContent = map[int][]string{
	http.StatusOK:           {"PK\x03\x04"},
	http.StatusUnauthorized: {`"code":"unauthorized"`},
	http.StatusForbidden:    {`"code":"forbidden"`},
	http.StatusNotFound:     {`"status":404`},
}

// who returns a function naming one account of the ward.
func who(pick func(w *scoringWard) *core.Record) func(w *scoringWard) *core.Record { return pick }

var (
	asStaffA  = who(func(w *scoringWard) *core.Record { return w.StaffA })
	asStaffA2 = who(func(w *scoringWard) *core.Record { return w.StaffA2 })
	asStaffB  = who(func(w *scoringWard) *core.Record { return w.StaffB })
	asHeadA   = who(func(w *scoringWard) *core.Record { return w.HeadA })
	asHeadB   = who(func(w *scoringWard) *core.Record { return w.HeadB })
	asSecr    = who(func(w *scoringWard) *core.Record { return w.Secretariat })
	asChairm  = who(func(w *scoringWard) *core.Record { return w.Chairman })
	asChair   = who(func(w *scoringWard) *core.Record { return w.Chair })
	asMember  = who(func(w *scoringWard) *core.Record { return w.Members[0] })
	asMember2 = who(func(w *scoringWard) *core.Record { return w.Members[1] })
	asSuper   = who(func(w *scoringWard) *core.Record { return w.Superuser })
)

// TestRoundDocumentRoutes checks who may download the round's decision,
// minutes, city dossier and the council's establishment decision: the
// secretariat and the chairman, nobody else.
func TestRoundDocumentRoutes(t *testing.T) {
	t.Parallel()
	round := func(doc string) func(w *scoringWard) string {
		return func(w *scoringWard) string { return w.roundURL(doc) }
	}
	est := func(w *scoringWard) string { return "/api/reform/councils/" + w.Council.Id + "/establishment.docx" }
	var cases []docCase
	for _, d := range []struct {
		url  func(*scoringWard) string
		file string
	}{
		{round("decision.docx"), "Du-thao-Quyet-dinh-cong-nhan-sang-kien-{year}.docx"},
		{round("minutes.docx"), "Bien-ban-hop-Hoi-dong-{year}.docx"},
		{round("city-dossier.zip"), "Ho-so-de-nghi-cap-thanh-pho-{year}.zip"},
		{est, "Quyet-dinh-thanh-lap-Hoi-dong-{year}.docx"},
	} {
		name := d.file
		cases = append(cases,
			docCase{name: name + " - guest should fail", url: d.url, status: http.StatusUnauthorized},
			docCase{name: name + " - secretariat", url: d.url, as: asSecr, status: http.StatusOK, file: d.file},
			docCase{name: name + " - chairman", url: d.url, as: asChairm, status: http.StatusOK, file: d.file},
			docCase{name: name + " - staff should fail", url: d.url, as: asStaffA, status: http.StatusForbidden},
			docCase{name: name + " - unit head should fail", url: d.url, as: asHeadA, status: http.StatusForbidden},
			docCase{name: name + " - council chair should fail", url: d.url, as: asChair, status: http.StatusForbidden},
			docCase{name: name + " - superuser should fail", url: d.url, as: asSuper, status: http.StatusForbidden},
		)
	}
	cases = append(cases,
		docCase{name: "decision.docx - unknown year should fail", url: func(*scoringWard) string { return "/api/reform/rounds/1999/documents/decision.docx" },
			as: asSecr, status: http.StatusNotFound},
		docCase{name: "establishment.docx - unknown council should fail", url: func(*scoringWard) string { return "/api/reform/councils/nosuchcouncil1/establishment.docx" },
			as: asSecr, status: http.StatusNotFound},
		docCase{name: "decision.docx - recorded is final", url: round("decision.docx"), as: asChairm, status: http.StatusOK,
			file: "Quyet-dinh-cong-nhan-sang-kien-{year}.docx",
			setup: func(t testing.TB, w *scoringWard) {
				testkit.Save(t, w.App, "decisions", map[string]any{"round": w.Round.Id, "kind": "recognition", "number": "12/QĐ-UBND", "signer": "Chu Thanh Lương"})
			}},
	)
	runDocCases(t, cases)
}

// TestInitiativeDocumentRoutes checks who may download an application
// form and score sheets.
func TestInitiativeDocumentRoutes(t *testing.T) {
	t.Parallel()
	app := func(w *scoringWard) string { return "/api/reform/initiatives/" + w.Ini.Id + "/application.docx" }
	asDraft := func(t testing.TB, w *scoringWard) { testkit.Update(t, w.App, w.Ini, map[string]any{"status": "draft"}) }
	sheetOf := func(member func(*scoringWard) *core.Record) func(w *scoringWard) string {
		return func(w *scoringWard) string {
			s, err := w.App.FindFirstRecordByFilter("scores", "member = {:m}", map[string]any{"m": member(w).Id})
			if err != nil {
				panic(err)
			}
			return "/api/reform/scores/" + s.Id + "/sheet.docx"
		}
	}
	submitted, draft := sheetOf(asChair), sheetOf(asMember)
	sheets := func(member func(*scoringWard) *core.Record) func(w *scoringWard) string {
		return func(w *scoringWard) string {
			u := w.roundURL("sheets.docx")
			if member != nil {
				u += "?member=" + member(w).Id
			}
			return u
		}
	}
	form := "Don-yeu-cau-cong-nhan-{code}.docx"
	runDocCases(t, []docCase{
		{name: "application - owner", url: app, as: asStaffA, status: http.StatusOK, file: form},
		{name: "application - co-author", url: app, as: asStaffA2, status: http.StatusOK, file: form},
		{name: "application - owner of a draft", url: app, as: asStaffA, setup: asDraft, status: http.StatusOK, file: form},
		{name: "application - unit head", url: app, as: asHeadA, status: http.StatusOK, file: form},
		{name: "application - unit head of a draft should fail", url: app, as: asHeadA, setup: asDraft, status: http.StatusNotFound},
		{name: "application - another unit's head should fail", url: app, as: asHeadB, status: http.StatusNotFound},
		{name: "application - secretariat", url: app, as: asSecr, status: http.StatusOK, file: form},
		{name: "application - secretariat on a draft should fail", url: app, as: asSecr, setup: asDraft, status: http.StatusNotFound},
		{name: "application - chairman", url: app, as: asChairm, status: http.StatusOK, file: form},
		{name: "application - other staff should fail", url: app, as: asStaffB, status: http.StatusNotFound},
		{name: "application - council member should fail", url: app, as: asMember, status: http.StatusNotFound},
		{name: "application - guest should fail", url: app, status: http.StatusUnauthorized},
		{name: "application - superuser should fail", url: app, as: asSuper, status: http.StatusForbidden},
		{name: "application - unknown should fail", url: func(*scoringWard) string { return "/api/reform/initiatives/nosuchinitiat/application.docx" }, as: asSecr, status: http.StatusNotFound},

		{name: "sheet - own submitted", url: submitted, as: asChair, status: http.StatusOK, file: "Phieu-danh-gia-{code}.docx"},
		{name: "sheet - own draft", url: draft, as: asMember, status: http.StatusOK, file: "Phieu-danh-gia-{code}.docx"},
		{name: "sheet - another member's should fail", url: submitted, as: asMember2, status: http.StatusNotFound},
		{name: "sheet - secretariat, submitted", url: submitted, as: asSecr, status: http.StatusOK, file: "Phieu-danh-gia-{code}.docx"},
		{name: "sheet - chairman, submitted", url: submitted, as: asChairm, status: http.StatusOK, file: "Phieu-danh-gia-{code}.docx"},
		{name: "sheet - secretariat, draft should fail", url: draft, as: asSecr, status: http.StatusNotFound},
		{name: "sheet - the initiative's author should fail", url: submitted, as: asStaffA, status: http.StatusNotFound},
		{name: "sheet - unit head should fail", url: submitted, as: asHeadA, status: http.StatusNotFound},
		{name: "sheet - guest should fail", url: submitted, status: http.StatusUnauthorized},
		{name: "sheet - superuser should fail", url: submitted, as: asSuper, status: http.StatusForbidden},

		{name: "sheets - a member's own", url: sheets(nil), as: asMember, status: http.StatusOK, file: "Phieu-danh-gia-{year}-"},
		{name: "sheets - a member's own by id", url: sheets(asMember), as: asMember, status: http.StatusOK, file: "Phieu-danh-gia-{year}-"},
		{name: "sheets - another member's should fail", url: sheets(asChair), as: asMember, status: http.StatusForbidden},
		{name: "sheets - secretariat, any member", url: sheets(asChair), as: asSecr, status: http.StatusOK, file: "Phieu-danh-gia-{year}-"},
		{name: "sheets - chairman, any member", url: sheets(asMember), as: asChairm, status: http.StatusOK, file: "Phieu-danh-gia-{year}-"},
		{name: "sheets - staff should fail", url: sheets(nil), as: asStaffB, status: http.StatusForbidden},
		{name: "sheets - guest should fail", url: sheets(nil), status: http.StatusUnauthorized},
		{name: "sheets - unit head, a member should fail", url: sheets(asChair), as: asHeadA, status: http.StatusForbidden},
		{name: "sheets - unknown member should fail", url: func(w *scoringWard) string {
			return w.roundURL("sheets.docx?member=nosuchmember12")
		}, as: asSecr, status: http.StatusNotFound},
	})
}

// TestCityDossierStreams checks the dossier's zip as a script gets it:
// the nominated initiative's attachment inside, and a clean JSON error,
// not a broken zip, when an attachment has gone from the file storage.
func TestCityDossierStreams(t *testing.T) {
	t.Parallel()
	w := newScoringWard(t)
	pdf, err := filesystem.NewFileFromBytes([]byte("%PDF-1.4\n%bang chung\n"), "bang-chung.pdf")
	if err != nil {
		t.Fatal(err)
	}
	w.Ini.Set("attachments", []any{pdf})
	w.Ini.Set("status", "recognized")
	w.Ini.Set("nominated", true)
	if err := w.App.Save(w.Ini); err != nil {
		t.Fatal(err)
	}
	srv := testkit.Serve(t, w.App)
	get := func() (apitest.Reply, []byte) {
		res := apitest.Send(t, srv, http.MethodGet, w.roundURL("city-dossier.zip"), apitest.As(w.Secretariat))
		return res, res.Body
	}
	res, body := get()
	if res.Status != http.StatusOK {
		t.Fatalf("dossier: %d %s", res.Status, body)
	}
	zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		t.Fatalf("the dossier is not a zip: %v", err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	list := strings.Join(names, "\n")
	for _, want := range []string{"01-To-trinh-de-nghi-cap-thanh-pho-{year}.docx", "Quyet-dinh-cong-nhan-sang-kien-{year}.docx",
		"03-Sang-kien/01-{code}/Don-yeu-cau-cong-nhan-{code}.docx", "03-Sang-kien/01-{code}/Tai-lieu-kem-theo/bang_chung"} {
		if want = w.fileName(want); !strings.Contains(list, want) {
			t.Errorf("dossier lacks %s:\n%s", want, list)
		}
	}

	fsys, err := w.App.NewFilesystem()
	if err != nil {
		t.Fatal(err)
	}
	stored := w.Ini.GetStringSlice("attachments")[0]
	if err := fsys.Delete(w.Ini.BaseFilesPath() + "/" + stored); err != nil {
		t.Fatal(err)
	}
	fsys.Close()
	res, body = get()
	if res.Status != http.StatusInternalServerError || !strings.Contains(string(body), `"code":"attachment_missing"`) ||
		!strings.Contains(string(body), w.Ini.GetString("code")) ||
		strings.Contains(res.Header.Get("Content-Type"), "zip") {
		t.Errorf("missing attachment: %d %s %s", res.Status, res.Header.Get("Content-Type"), body)
	}
}
