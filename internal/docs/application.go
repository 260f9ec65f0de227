package docs

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/nd30"
)

// Application is the data of the application form (Đơn yêu cầu công
// nhận sáng kiến, Thông tư 18/2013/TT-BKHCN, Phụ lục) of one initiative,
// as its authors entered it.
type Application struct {
	Org                                                    Org
	Head                                                   Head // motto and place-and-date only
	Code, Title, Unit, Field, FirstApplied                 T
	Summary, CurrentState, Solution, Novelty, Conditions   T
	Benefits, AppliedFeedback, BenefitValue, Replicability T
	Confidential                                           T
	Authors                                                []AuthorRow
	Participants                                           []ParticipantRow
	Signers                                                []T
}

// AuthorRow is one author in the form's table.
type AuthorRow struct {
	No                                                     int
	Name, Birth, Workplace, Position, Qualification, Share T
}

// ParticipantRow is one person who took part in the trial application.
type ParticipantRow struct {
	No                    int
	Name, Workplace, Task T
}

// LoadApplication reads the application form of initiative ini.
func LoadApplication(app core.App, ini *core.Record) (*Application, error) {
	o := loadOrg(app)
	lk, err := loadLookups(app)
	if err != nil {
		return nil, err
	}
	year := 0
	if round, err := app.FindRecordById("rounds", ini.GetString("round")); err == nil {
		year = round.GetInt("year")
	}
	a := &Application{Org: o.text(),
		Code: T(ini.GetString("code")), Title: T(ini.GetString("title")),
		Unit: T(lk.units[ini.GetString("unit")]), Field: T(lk.fields[ini.GetString("field")]),
		FirstApplied: T(shortDate(day(ini.GetDateTime("first_applied")))),
		Summary:      T(ini.GetString("summary")), CurrentState: T(ini.GetString("current_state")),
		Solution: T(ini.GetString("solution")), Novelty: T(ini.GetString("novelty")),
		Conditions: T(ini.GetString("conditions")), Benefits: T(ini.GetString("benefits")),
		AppliedFeedback: T(ini.GetString("applied_feedback")), Replicability: T(ini.GetString("replicability")),
		Confidential: T(ini.GetString("confidential")),
	}
	if v := ini.GetFloat("benefit_value"); v > 0 {
		a.BenefitValue = T(nd30.Decimal(v) + " đồng")
	}
	a.Head = Head{MottoCountry: nd30.MottoCountry, MottoSlogan: nd30.MottoSlogan,
		PlaceDate: T(placeDate(o.Ward, day(ini.GetDateTime("submitted_at")), year))}
	for i, au := range decodeAuthors(ini.GetString("authors")) {
		birth := au.BirthDate
		if t, ok := parseAnyDate(birth); ok {
			birth = shortDate(t)
		}
		share := ""
		if au.Share > 0 {
			share = nd30.Decimal(au.Share) + "%"
		}
		a.Authors = append(a.Authors, AuthorRow{No: i + 1, Name: T(au.Name), Birth: T(birth),
			Workplace: T(au.Workplace), Position: T(au.Position), Qualification: T(au.Qualification), Share: T(share)})
		if n := strings.TrimSpace(au.Name); n != "" {
			a.Signers = append(a.Signers, T(n))
		}
	}
	var parts []participant
	_ = json.Unmarshal([]byte(ini.GetString("trial_participants")), &parts)
	for i, p := range parts {
		a.Participants = append(a.Participants, ParticipantRow{No: i + 1, Name: T(p.Name), Workplace: T(p.Workplace), Task: T(p.Task)})
	}
	return a, nil
}

// ApplicationDocx is the application form of ini as a .docx, and its
// file name.
func ApplicationDocx(app core.App, ini *core.Record) ([]byte, string, error) {
	a, err := LoadApplication(app, ini)
	if err != nil {
		return nil, "", err
	}
	out, err := render(app, KeyApplication, "Đơn yêu cầu công nhận sáng kiến "+ini.GetString("title"), a)
	return out, applicationName(ini), err
}

// applicationName is the file name of ini's application form.
func applicationName(ini *core.Record) string {
	code := ini.GetString("code")
	if code == "" {
		code = ini.Id
	}
	return fmt.Sprintf("Don-yeu-cau-cong-nhan-%s.docx", code)
}
