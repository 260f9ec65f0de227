package hooks_test

import (
	"net/http"
	"slices"
	"testing"
	"time"

	"sangkien/internal/apitest"
	"sangkien/internal/clock"
	"sangkien/internal/testkit"
)

// draftWith returns a setup saving a complete draft of StaffA with fields
// changed as given (a func of the ward, for ids).
func draftWith(fields func(w *testkit.Ward) map[string]any) func(testing.TB, *testkit.Ward) string {
	return func(t testing.TB, w *testkit.Ward) string {
		return w.Initiative(t, w.StaffA, "draft", fields(w)).Id
	}
}

// authors builds an authors list of (name, share) pairs.
func authors(pairs ...any) []map[string]any {
	out := []map[string]any{}
	for i := 0; i+1 < len(pairs); i += 2 {
		a := map[string]any{"position": "Chuyên viên", "workplace": "UBND phường"}
		if pairs[i] != nil {
			a["name"] = pairs[i]
		}
		if pairs[i+1] != nil {
			a["share"] = pairs[i+1]
		}
		out = append(out, a)
	}
	return out
}

func TestSubmitForm(t *testing.T) {
	t.Parallel()
	runCases(t, []actionCase{
		{
			name: "missing parts are named", caller: byStaffA, url: action("submit"),
			setup: draftWith(func(w *testkit.Ward) map[string]any {
				return map[string]any{"summary": "", "solution": " ", "benefits": "", "field": "", "first_applied": ""}
			}),
			status: 400,
			content: []string{
				code("incomplete"),
				`"summary":{"code":"incomplete"`, `"solution":{"code":"incomplete"`, `"benefits":{"code":"incomplete"`,
				`"field":{"code":"incomplete"`, `"first_applied":{"code":"incomplete"`,
				"Chưa nhập tóm tắt sáng kiến.",
			},
			absent: []string{`"title":`, `"authors":`},
			check: func(t testing.TB, w *testkit.Ward, id string) {
				r := expectStatus(t, w.App, id, "draft")
				if r.GetString("code") != "" {
					t.Errorf("a refused submission got code %q", r.GetString("code"))
				}
			},
		},
		{
			name: "no authors", caller: byStaffA, url: action("submit"),
			setup:  draftWith(func(*testkit.Ward) map[string]any { return map[string]any{"authors": []any{}} }),
			status: 400, content: []string{`"authors":{"code":"incomplete"`},
		},
		{
			name: "an author without a name", caller: byStaffA, url: action("submit"),
			setup: draftWith(func(*testkit.Ward) map[string]any {
				return map[string]any{"authors": authors("Nguyễn Văn An", 50, " ", 50)}
			}),
			status: 400, content: []string{`"authors":{"code":"incomplete"`, "Tác giả thứ 2 chưa có họ và tên."},
		},
		{
			name: "an author without a share", caller: byStaffA, url: action("submit"),
			setup: draftWith(func(*testkit.Ward) map[string]any {
				return map[string]any{"authors": authors("Nguyễn Văn An", 100, "Trần Thị Bình", nil)}
			}),
			status: 400, content: []string{`"authors":{"code":"incomplete"`, "Tác giả thứ 2"},
		},
		{
			name: "shares summing to 90", caller: byStaffA, url: action("submit"),
			setup: draftWith(func(*testkit.Ward) map[string]any {
				return map[string]any{"authors": authors("Nguyễn Văn An", 60, "Trần Thị Bình", 30)}
			}),
			status: 400, content: []string{code("shares_not_100"), `"message":"Tổng tỷ lệ đóng góp của các tác giả phải bằng 100% (hiện là 90%)."`},
			absent: []string{code("incomplete"), "{sum}"},
		},
		{
			name: "shares summing to 110", caller: byStaffA, url: action("submit"),
			setup: draftWith(func(*testkit.Ward) map[string]any {
				return map[string]any{"authors": authors("Nguyễn Văn An", 60, "Trần Thị Bình", 50)}
			}),
			status: 400, content: []string{`"authors":{"code":"shares_not_100"`},
		},
		{
			name: "missing part and bad shares: incomplete, both named", caller: byStaffA, url: action("submit"),
			setup: draftWith(func(*testkit.Ward) map[string]any {
				return map[string]any{"summary": "", "authors": authors("Nguyễn Văn An", 60, "Trần Thị Bình", 30)}
			}),
			status: 400, content: []string{`"message":"Đơn yêu cầu`, `"summary":{"code":"incomplete"`, `"authors":{"code":"shares_not_100"`},
		},
		{
			name: "decimal shares summing to 100", caller: byStaffA, url: action("submit"),
			setup: draftWith(func(*testkit.Ward) map[string]any {
				return map[string]any{"authors": authors("A", 33.3, "B", 33.3, "C", 33.4)}
			}),
			status: 200, content: []string{`"status":"submitted"`},
		},
		{
			name: "shares written as text", caller: byStaffA, url: action("submit"),
			setup: draftWith(func(*testkit.Ward) map[string]any {
				return map[string]any{"authors": authors("A", "50", "B", "50")}
			}),
			status: 200, content: []string{`"status":"submitted"`},
		},
		{
			name: "first applied tomorrow", caller: byStaffA, url: action("submit"),
			setup: draftWith(func(*testkit.Ward) map[string]any {
				return map[string]any{"first_applied": clock.Now().AddDate(0, 0, 1)}
			}),
			status: 400, content: []string{`"first_applied":{"code":"date_in_future"`},
		},
		{
			name: "first applied today", caller: byStaffA, url: action("submit"),
			setup: draftWith(func(*testkit.Ward) map[string]any {
				// midnight UTC of the ward's today, as a date picker sends it.
				y, m, d := clock.Now().Date()
				return map[string]any{"first_applied": time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
			}),
			status: 200, content: []string{`"status":"submitted"`},
		},
	})
}

// crud is the CRUD URL of an initiative (id empty: the collection).
func crud(id string) string {
	if id == "" {
		return "/api/collections/initiatives/records"
	}
	return "/api/collections/initiatives/records/" + id
}

func TestAuthorUsers(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		authors func(w *testkit.Ward) string
		status  int
		content string
		want    func(w *testkit.Ward) []string // nil: nothing saved
	}{
		{"a draft may be incomplete", func(*testkit.Ward) string { return "" }, 200, `"status":"draft"`,
			func(*testkit.Ward) []string { return []string{} }},
		{"authors by name only", func(*testkit.Ward) string {
			return `,"authors":[{"name":"Người ngoài phường","share":100}]`
		}, 200, `"author_users":[]`, func(*testkit.Ward) []string { return []string{} }},
		{"the owner and a co-author with accounts", func(w *testkit.Ward) string {
			return `,"authors":[{"name":"An","share":50,"user":"` + w.StaffA.Id + `"},{"name":"Bình","share":50,"user":"` + w.StaffA2.Id + `"}]`
		}, 200, `"status":"draft"`, func(w *testkit.Ward) []string { return []string{w.StaffA.Id, w.StaffA2.Id} }},
		{"the same account twice", func(w *testkit.Ward) string {
			return `,"authors":[{"name":"Bình","share":50,"user":"` + w.StaffA2.Id + `"},{"name":"Bình","share":50,"user":"` + w.StaffA2.Id + `"}]`
		}, 200, `"status":"draft"`, func(w *testkit.Ward) []string { return []string{w.StaffA2.Id} }},
		{"an account that does not exist", func(*testkit.Ward) string {
			return `,"authors":[{"name":"Ma","share":100,"user":"nosuchuser12345"}]`
		}, 400, `"authors":{"code":"unknown_author_user"`, nil},
		{"an account id that is not text", func(*testkit.Ward) string {
			return `,"authors":[{"name":"Ma","share":100,"user":42}]`
		}, 400, code("unknown_author_user"), nil},
		{"authors that are not a list", func(*testkit.Ward) string {
			return `,"authors":{"name":"Ma"}`
		}, 400, `"authors":{"code":"invalid_authors"`, nil},
		{"author_users sent by the client", func(w *testkit.Ward) string {
			return `,"author_users":["` + w.StaffB.Id + `"]`
		}, 400, code("read_only_field"), nil},
	}
	var acs []actionCase
	for _, c := range cases {
		acs = append(acs, actionCase{
			name: c.name, caller: byStaffA, url: crud,
			bodyOf: func(w *testkit.Ward) string {
				return `{"round":"` + w.Round.Id + `","title":"Bản nháp"` + c.authors(w) + `}`
			},
			status: c.status, content: []string{c.content},
			check: func(t testing.TB, w *testkit.Ward, _ string) {
				rows, err := w.App.FindAllRecords("initiatives")
				if err != nil {
					t.Fatal(err)
				}
				if c.want == nil {
					if len(rows) != 0 {
						t.Errorf("%d initiatives saved, want none", len(rows))
					}
					return
				}
				if len(rows) != 1 {
					t.Fatalf("%d initiatives saved, want 1", len(rows))
				}
				got, want := rows[0].GetStringSlice("author_users"), c.want(w)
				slices.Sort(got)
				slices.Sort(want)
				if !slices.Equal(got, want) {
					t.Errorf("author_users = %v, want %v", got, want)
				}
			},
		})
	}
	runCases(t, acs)
}

func TestCoAuthorVisibility(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	srv := testkit.Serve(t, w.App)
	owner, co, other := testkit.Token(t, w.StaffA), testkit.Token(t, w.StaffA2), testkit.Token(t, w.StaffB)
	status, body := apitest.Send(t, srv, http.MethodPost, crud(""), apitest.Token(owner), apitest.JSON(`{"round":"`+w.Round.Id+`","title":"Một cửa số"}`)).StatusJSON()
	if status != 200 {
		t.Fatalf("create: %d %v", status, body)
	}
	id := body["id"].(string)
	if s := apitest.Send(t, srv, http.MethodGet, crud(id), apitest.Token(co)).Status; s != 404 {
		t.Fatalf("co-author sees the draft before being listed: %d", s)
	}
	list := `{"authors":[{"name":"An","share":70,"user":"` + w.StaffA.Id + `"},{"name":"Bình","share":30,"user":"` + w.StaffA2.Id + `"}]}`
	if s, b := apitest.Send(t, srv, http.MethodPatch, crud(id), apitest.Token(owner), apitest.JSON(list)).StatusJSON(); s != 200 {
		t.Fatalf("listing the co-author: %d %v", s, b)
	}
	if s := apitest.Send(t, srv, http.MethodGet, crud(id), apitest.Token(co)).Status; s != 200 {
		t.Errorf("listed co-author cannot see it: %d", s)
	}
	if s := apitest.Send(t, srv, http.MethodGet, crud(id), apitest.Token(other)).Status; s != 404 {
		t.Errorf("staff of another unit sees it: %d", s)
	}
	if s, b := apitest.Send(t, srv, http.MethodPatch, crud(id), apitest.Token(owner), apitest.JSON(`{"authors":[{"name":"An","share":100}]}`)).StatusJSON(); s != 200 {
		t.Fatalf("unlisting: %d %v", s, b)
	}
	if s := apitest.Send(t, srv, http.MethodGet, crud(id), apitest.Token(co)).Status; s != 404 {
		t.Errorf("unlisted co-author still sees it: %d", s)
	}
	if s := apitest.Send(t, srv, http.MethodGet, crud(id), apitest.Token(owner)).Status; s != 200 {
		t.Errorf("the owner, no longer listed, cannot see it: %d", s)
	}
	if got := mustFind(t, w.App, "initiatives", id).GetStringSlice("author_users"); len(got) != 0 {
		t.Errorf("author_users = %v, want none", got)
	}
}

func TestLockedEdit(t *testing.T) {
	t.Parallel()
	body := `{"summary":"Sửa lén sau khi nộp"}`
	var cases []actionCase
	for _, st := range []string{"submitted", "endorsed", "accepted", "recognized", "withdrawn"} {
		cases = append(cases, actionCase{
			name: "owner edits a " + st + " initiative", method: http.MethodPatch, caller: byStaffA, url: crud, body: body,
			setup:  initiativeIn(byStaffA, st, nil),
			status: 400, content: []string{`"status":{"code":"locked"`},
			check: func(t testing.TB, w *testkit.Ward, id string) {
				if mustFind(t, w.App, "initiatives", id).GetString("summary") == "Sửa lén sau khi nộp" {
					t.Error("the edit was saved")
				}
			},
		})
	}
	cases = append(cases,
		actionCase{
			name: "someone else learns nothing", method: http.MethodPatch, caller: byStaffB, url: crud, body: body,
			setup:  initiativeIn(byStaffA, "submitted", nil),
			status: 404, content: []string{`"status":404`}, absent: []string{"locked"},
		},
		actionCase{
			name: "the unit head cannot edit either", method: http.MethodPatch, caller: byHeadA, url: crud, body: body,
			setup:  initiativeIn(byStaffA, "submitted", nil),
			status: 404, content: []string{`"status":404`}, absent: []string{"locked"},
		},
		actionCase{
			name: "owner edits a draft", method: http.MethodPatch, caller: byStaffA, url: crud, body: body,
			setup:  initiativeIn(byStaffA, "draft", nil),
			status: 200, content: []string{`"summary":"Sửa lén sau khi nộp"`},
		},
		actionCase{
			name: "owner edits a returned initiative", method: http.MethodPatch, caller: byStaffA, url: crud, body: body,
			setup:  initiativeIn(byStaffA, "returned", nil),
			status: 200, content: []string{`"summary":"Sửa lén sau khi nộp"`},
		},
	)
	runCases(t, cases)
}
