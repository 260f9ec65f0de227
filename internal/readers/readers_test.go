package readers

import (
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/vocab"
)

// account is an unsaved account of id holding roles.
func account(id string, roles ...string) *core.Record {
	users := core.NewAuthCollection("users")
	users.Fields.Add(&core.SelectField{Name: "roles", MaxSelect: 5, Values: vocab.Roles.Words})
	r := core.NewRecord(users)
	r.Id = id
	r.Set("roles", roles)
	return r
}

// Admits reads from the rule alone what it opens: the reader list under
// every Rule, past draft too for an overseer it names or, under the rule
// naming the roles, one holding secretariat or chairman; nothing under a
// rule of another shape (one Rule's text with more to it), none, or for
// no account.
func TestAdmitsReadsTheRuleAlone(t *testing.T) {
	chairman, staff := "chairman0000001", "staff0000000001"
	named := Rule([]string{"aaaaaaaaaaaaaaa", chairman})
	many := make([]string, MaxNamed+1)
	for i := range many {
		many[i] = strings.Repeat("x", 15)
	}
	roles := Rule(many)
	other := named + ` && status != "draft"`
	for _, c := range []struct {
		name              string
		rule              *string
		who               *core.Record
		listed, pastDraft bool
	}{
		{"named overseer", &named, account(chairman, vocab.RoleChairman), true, true},
		{"account not named", &named, account(staff, vocab.RoleChairman), true, false},
		{"roles rule, chairman", &roles, account(staff, vocab.RoleStaff, vocab.RoleChairman), true, true},
		{"roles rule, secretariat", &roles, account(staff, vocab.RoleSecretariat), true, true},
		{"roles rule, council", &roles, account(chairman, vocab.RoleCouncil), true, false},
		{"another rule", &other, account(chairman, vocab.RoleChairman), false, false},
		{"no rule", nil, account(chairman, vocab.RoleChairman), false, false},
		{"no account", &named, nil, false, false},
	} {
		if listed, pastDraft := Admits(c.rule, c.who); listed != c.listed || pastDraft != c.pastDraft {
			t.Errorf("%s: listed %v past draft %v, want %v %v", c.name, listed, pastDraft, c.listed, c.pastDraft)
		}
	}
}
