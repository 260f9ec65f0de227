package hooks

import (
	"encoding/json"
	"net/http"
	"reflect"
	"slices"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// formFields are the parts of the application form an author edits, in the
// form's order: what a resubmission may have changed.
var formFields = []string{"title", "field", "authors", "summary", "current_state", "solution", "novelty",
	"first_applied", "conditions", "benefits", "benefit_value", "applied_feedback", "replicability",
	"confidential", "trial_participants", "attachments"}

// formChange is one part of the form as it was when the initiative was
// sent back and as it is now.
type formChange struct {
	Field  string `json:"field"`
	Before any    `json:"before"`
	After  any    `json:"after"`
}

// changesAnswer is the answer of GET /api/reform/initiatives/{id}/changes.
type changesAnswer struct {
	// ReturnedAt is when the initiative was last sent back or returned
	// ("" when it never was), Reason why, Action which ("send-back",
	// "return").
	ReturnedAt string       `json:"returned_at"`
	Action     string       `json:"action"`
	Reason     string       `json:"reason"`
	Changes    []formChange `json:"changes"`
}

// initiativeChanges answers GET /api/reform/initiatives/{id}/changes: what
// the author changed in the form since the initiative was last sent back
// (by its unit head) or returned (by the secretariat), from the audit log:
// each part changed, as it was then and as it is now; nothing when it was
// never sent back. Whoever may view the initiative may read it (404 for
// anyone else, as for the record): it holds only parts of the form they
// can read anyway.
func initiativeChanges(e *core.RequestEvent) error {
	ini, err := viewableInitiative(e)
	if err != nil {
		return err
	}
	ans := changesAnswer{Changes: []formChange{}}
	entries, err := e.App.FindRecordsByFilter("audit_log",
		"collection = 'initiatives' && record = {:id} && (action = 'return' || action = 'send-back' || action = 'update')",
		"created", 0, 0, dbx.Params{"id": ini.Id})
	if err != nil {
		return err
	}
	last := -1
	for i, x := range entries {
		if a := x.GetString("action"); a == "return" || a == "send-back" {
			last = i
		}
	}
	if last < 0 {
		return e.JSON(http.StatusOK, ans)
	}
	ret := entries[last]
	ans.ReturnedAt = ret.GetDateTime("created").String()
	ans.Action = ret.GetString("action")
	ans.Reason = ret.GetString("reason")
	first := map[string]any{}
	for _, x := range entries[last+1:] {
		var before map[string]any
		if err := json.Unmarshal([]byte(x.GetString("before")), &before); err != nil {
			continue
		}
		for k, v := range before {
			if _, seen := first[k]; !seen && slices.Contains(formFields, k) {
				first[k] = v
			}
		}
	}
	now := Snapshot(ini)
	for _, f := range formFields {
		old, ok := first[f]
		if !ok || reflect.DeepEqual(normalJSON(old), normalJSON(now[f])) {
			continue
		}
		ans.Changes = append(ans.Changes, formChange{Field: f, Before: old, After: normalJSON(now[f])})
	}
	return e.JSON(http.StatusOK, ans)
}

// normalJSON gives v as JSON decodes it (numbers float64, lists []any),
// so a stored value and a record's value compare alike.
func normalJSON(v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		return v
	}
	var out any
	if json.Unmarshal(b, &out) != nil {
		return v
	}
	return out
}
