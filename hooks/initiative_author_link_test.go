package hooks_test

import (
	"net/http"
	"slices"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/testkit"
)

// linked is an authors list of the owner StaffA (50%) and the account
// other (50%), linked by user id.
func linked(w *testkit.Ward, other *core.Record) string {
	return `"authors":[{"name":"Nguyễn Văn An","share":50,"user":"` + w.StaffA.Id + `"},` +
		`{"name":"` + other.GetString("name") + `","share":50,"user":"` + other.Id + `"}]`
}

// TestCoAuthorsWhoMayNotBeLinked: an author does not link, as a co-author,
// a member of the round's council (they would be barred from scoring it),
// the chairman or a secretariat officer (they run the round): 400
// author_not_allowed with the reason, nothing saved. The person may still be
// named without a linked account; plain staff, a council-role account with
// no seat in the round, and links made before stay linkable.
func TestCoAuthorsWhoMayNotBeLinked(t *testing.T) {
	t.Parallel()
	type barred struct {
		name, reason string
		pick         func(w *testkit.Ward) *core.Record
	}
	var cases []actionCase
	for _, b := range []barred{
		{"the council's chair", "thành viên Hội đồng đánh giá", func(w *testkit.Ward) *core.Record { return w.Chair }},
		{"a council member", "thành viên Hội đồng đánh giá", func(w *testkit.Ward) *core.Record { return w.Members[1] }},
		{"the chairman", "Chủ tịch UBND phường", byChairman},
		{"a secretariat officer", "thuộc Thường trực (Phòng Văn hóa – Xã hội)", bySecretariat},
	} {
		nothingLinked := func(t testing.TB, w *testkit.Ward, id string) {
			rows, err := w.App.FindAllRecords("initiatives")
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				if slices.Contains(r.GetStringSlice("author_users"), b.pick(w).Id) {
					t.Errorf("%s linked to %s", b.name, r.Id)
				}
			}
		}
		cases = append(cases,
			actionCase{
				name: "creating with " + b.name + " linked should fail", caller: byStaffA, url: crud,
				bodyOf: func(w *testkit.Ward) string {
					return `{"round":"` + w.Round.Id + `","title":"Bản nháp",` + linked(w, b.pick(w)) + `}`
				},
				status: 400, content: []string{`"authors":{"code":"author_not_allowed"`, b.reason, "tác giả thứ 2"},
				check: func(t testing.TB, w *testkit.Ward, id string) {
					if n, _ := w.App.CountRecords("initiatives"); n != 0 {
						t.Errorf("%d initiatives saved", n)
					}
				},
			},
			actionCase{
				name: "linking " + b.name + " to a draft should fail", method: http.MethodPatch, caller: byStaffA, url: crud,
				setup:  initiativeIn(byStaffA, "draft", nil),
				bodyOf: func(w *testkit.Ward) string { return `{` + linked(w, b.pick(w)) + `}` },
				status: 400, content: []string{`"authors":{"code":"author_not_allowed"`, b.reason},
				check: nothingLinked,
			},
			actionCase{
				name: "naming " + b.name + " without linking the account", method: http.MethodPatch, caller: byStaffA, url: crud,
				setup: initiativeIn(byStaffA, "draft", nil),
				bodyOf: func(w *testkit.Ward) string {
					return `{"authors":[{"name":"Nguyễn Văn An","share":50,"user":"` + w.StaffA.Id + `"},` +
						`{"name":"` + b.pick(w).GetString("name") + `","share":50}]}`
				},
				status: 200, content: []string{`"author_users":["`},
				check: nothingLinked,
			},
			actionCase{
				name: "a link to " + b.name + " made before stays on an edit", method: http.MethodPatch, caller: byStaffA, url: crud,
				setup: func(t testing.TB, w *testkit.Ward) string {
					other := b.pick(w)
					return w.Initiative(t, w.StaffA, "draft", map[string]any{
						"authors": []map[string]any{
							{"name": "Nguyễn Văn An", "share": 50, "user": w.StaffA.Id},
							{"name": other.GetString("name"), "share": 50, "user": other.Id},
						},
						"author_users": []string{w.StaffA.Id, other.Id},
					}).Id
				},
				body:   `{"title":"Tên mới"}`,
				status: 200, content: []string{`"title":"Tên mới"`},
			},
		)
	}
	cases = append(cases,
		actionCase{
			name: "linking a staff member of the unit", method: http.MethodPatch, caller: byStaffA, url: crud,
			setup:  initiativeIn(byStaffA, "draft", nil),
			bodyOf: func(w *testkit.Ward) string { return `{` + linked(w, w.StaffA2) + `}` },
			status: 200, content: []string{`"author_users":["`},
			check: func(t testing.TB, w *testkit.Ward, id string) {
				if !slices.Contains(mustFind(t, w.App, "initiatives", id).GetStringSlice("author_users"), w.StaffA2.Id) {
					t.Error("co-author not linked")
				}
			},
		},
		actionCase{
			name: "linking a council-role account with no seat in the round", method: http.MethodPatch, caller: byStaffA, url: crud,
			setup: initiativeIn(byStaffA, "draft", nil),
			bodyOf: func(w *testkit.Ward) string {
				return `{` + linked(w, w.User(t, "hd.khac@phuong.test", "Tạ Văn Quang", w.UnitB, "staff", "council")) + `}`
			},
			status: 200, content: []string{`"author_users":["`},
		},
		actionCase{
			name: "a secretariat officer links themselves on their own initiative", caller: bySecretariat, url: crud,
			bodyOf: func(w *testkit.Ward) string {
				return `{"round":"` + w.Round.Id + `","title":"Bản nháp","authors":[{"name":"Đỗ Thị Giang","share":100,"user":"` + w.Secretariat.Id + `"}]}`
			},
			status: 200, content: []string{`"author_users":["`},
		},
	)
	runCases(t, cases)
}
