package hooks

import (
	"net/http"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/clock"
	"sangkien/internal/deadline"
	"sangkien/internal/quota"
	"sangkien/internal/readers"
	"sangkien/internal/vocab"
)

// todoItem is one initiative waiting for the person asking.
type todoItem struct {
	ID     string `json:"id"`
	Code   string `json:"code"`
	Title  string `json:"title"`
	Status string `json:"status"`
	Year   int    `json:"year"`
	Unit   string `json:"unit_name"`
	Late   bool   `json:"late"`
	// Reason is a returned initiative's return reason.
	Reason string `json:"return_reason,omitempty"`
	// Deadline is its unit's submission deadline in its round (PocketBase's
	// date text), DaysLeft the ward's days until it (deadline.DaysLeft).
	Deadline string `json:"deadline,omitempty"`
	DaysLeft int    `json:"days_left"`
	// Sheet is the council member's own sheet on it: "" none yet, "draft".
	Sheet string `json:"sheet,omitempty"`
}

// todoRound is a round and how much waits for the person in it, per role.
type todoRound struct {
	Year    int            `json:"year"`
	Status  string         `json:"status"`
	Pending map[string]int `json:"pending"`
}

// unitTodo is a unit head's part for one round.
type unitTodo struct {
	Year     int         `json:"year"`
	Status   string      `json:"status"`
	Deadline string      `json:"deadline"`
	Extended bool        `json:"extended"`
	DaysLeft int         `json:"days_left"`
	Waiting  []todoItem  `json:"waiting"`
	Quota    *quota.Unit `json:"quota,omitempty"`
}

// shortUnit is a unit short of its quota near its deadline.
type shortUnit struct {
	Name     string `json:"name"`
	Code     string `json:"code"`
	Counted  int    `json:"counted"`
	Required int    `json:"required"`
	Deadline string `json:"deadline"`
	Extended bool   `json:"extended"`
	DaysLeft int    `json:"days_left"`
}

// owingMember is a council member who still owes sheets.
type owingMember struct {
	Name    string `json:"name"`
	Missing int    `json:"missing"`
}

// officeTodo is the secretariat's part for one round.
type officeTodo struct {
	Year       int           `json:"year"`
	Status     string        `json:"status"`
	ToAccept   []todoItem    `json:"to_accept"`
	ShortUnits []shortUnit   `json:"short_units"`
	Owing      []owingMember `json:"owing"`
	// DecisionDue: the round is in review, the recognition decision is
	// the next step, due by DecisionDeadline.
	DecisionDue      bool   `json:"decision_due"`
	DecisionDeadline string `json:"decision_deadline"`
	DecisionDaysLeft int    `json:"decision_days_left"`
}

// chairTodo is a round whose decision the chairman reads and records.
type chairTodo struct {
	Year             int    `json:"year"`
	DecisionDeadline string `json:"decision_deadline"`
	DaysLeft         int    `json:"days_left"`
	Accepted         int    `json:"accepted"`
}

// todoAnswer is the answer of GET /api/reform/me/todo. A part is a list
// (maybe empty) for a role the person holds, null for one they do not.
type todoAnswer struct {
	Rounds      []todoRound    `json:"rounds"`
	Counts      map[string]int `json:"counts"`
	Staff       *[]todoItem    `json:"staff"`
	UnitHead    *[]unitTodo    `json:"unit_head"`
	Secretariat *[]officeTodo  `json:"secretariat"`
	Council     *[]todoItem    `json:"council"`
	Chairman    *[]chairTodo   `json:"chairman"`
}

// todoReader builds one person's to-do list: the rounds, the time, and
// the initiatives the collection's list rule lets them see.
type todoReader struct {
	e      *core.RequestEvent
	app    core.App
	me     *core.Record
	now    time.Time
	info   *core.RequestInfo
	units  map[string]*core.Record
	rounds map[string]*core.Record
	ans    *todoAnswer
	byYear map[int]*todoRound
}

// myTodo answers GET /api/reform/me/todo: what waits for the signed-in ward
// account, across every round not closed, one part per role held: staff
// — their own drafts and returned initiatives with the reason and the
// unit's deadline; unit head — submissions of their unit waiting for the
// endorsement, the unit's deadline and quota; secretariat — initiatives to
// accept, units short of their quota within a week of their deadline,
// members owing sheets, the decision due; council — the sheets left to
// score; chairman — rounds in review whose decision is to be recorded.
// rounds[].pending counts, per role, what the person can still act on in
// each round (the pages open the round with work in it); counts are the
// menu's numbers. Initiatives pass the collection's list rule for the
// caller, so nothing shows that the person could not list. A superuser is refused
// 403 by the route table (ward accounts only).
func myTodo(e *core.RequestEvent) error {
	info, err := e.RequestInfo()
	if err != nil {
		return err
	}
	r := &todoReader{e: e, app: e.App, me: e.Auth, now: clock.Of(e.App).Now(), info: info,
		units: map[string]*core.Record{}, rounds: map[string]*core.Record{},
		ans: &todoAnswer{Rounds: []todoRound{}, Counts: map[string]int{}}, byYear: map[int]*todoRound{}}
	rounds, err := e.App.FindRecordsByFilter("rounds", "status != 'closed'", "year", 0, 0)
	if err != nil {
		return err
	}
	all, err := e.App.FindRecordsByFilter("rounds", "id != ''", "year", 0, 0)
	if err != nil {
		return err
	}
	for _, x := range all {
		r.rounds[x.Id] = x
		r.ans.Rounds = append(r.ans.Rounds, todoRound{Year: x.GetInt("year"), Status: x.GetString("status"), Pending: map[string]int{}})
	}
	for i := range r.ans.Rounds {
		r.byYear[r.ans.Rounds[i].Year] = &r.ans.Rounds[i]
	}
	steps := []struct {
		role string
		fn   func([]*core.Record) error
	}{
		{"staff", r.staff}, {"unit_head", r.unitHead}, {"secretariat", r.secretariat},
		{"council", r.council}, {"chairman", r.chairman},
	}
	for _, s := range steps {
		if !HasRole(r.me, s.role) {
			continue
		}
		if err := s.fn(rounds); err != nil {
			return err
		}
	}
	return e.JSON(http.StatusOK, r.ans)
}

// pending adds n to what waits for role in the round of year.
func (r *todoReader) pending(year int, role string, n int) {
	if tr := r.byYear[year]; tr != nil && n > 0 {
		tr.Pending[role] += n
	}
	r.ans.Counts[role] += n
}

// running keeps the rounds open or in review, those with work to do.
func running(rounds []*core.Record) []*core.Record {
	out := rounds[:0:0]
	for _, round := range rounds {
		if s := round.GetString("status"); s == vocab.RoundOpen || s == vocab.RoundReview {
			out = append(out, round)
		}
	}
	return out
}

// initiatives finds the initiatives filter (with params) matches, in sort
// order, keeping those the caller's list rule lets them see: the rule is
// one more condition of the same query (none passes a rule of superusers
// only, every one an empty rule), as CanAccessRecord would judge each.
func (r *todoReader) initiatives(filter, sort string, params dbx.Params) ([]*core.Record, error) {
	q, err := initiativesUnderRule(r.app, r.info, filter, sort, params)
	if err != nil || q == nil {
		return nil, err
	}
	recs := []*core.Record{}
	return recs, q.All(&recs)
}

// unitName returns the name of unit id ("" when unknown).
func (r *todoReader) unitName(id string) string {
	u, ok := r.units[id]
	if !ok {
		u, _ = r.app.FindRecordById("units", id)
		r.units[id] = u
	}
	if u == nil {
		return ""
	}
	return u.GetString("name")
}

// item describes initiative x for the list; with withDeadline, its unit's
// deadline in its round.
func (r *todoReader) item(x *core.Record, withDeadline bool) (todoItem, error) {
	round := r.rounds[x.GetString("round")]
	it := todoItem{ID: x.Id, Code: x.GetString("code"), Title: x.GetString("title"), Status: x.GetString("status"),
		Unit: r.unitName(x.GetString("unit")), Late: x.GetBool("late"), DaysLeft: -1}
	if x.GetString("status") == "returned" {
		it.Reason = x.GetString("return_reason")
	}
	if round == nil {
		return it, nil
	}
	it.Year = round.GetInt("year")
	if withDeadline {
		d, _, err := deadline.Unit(r.app, round, x.GetString("unit"))
		if err != nil {
			return it, err
		}
		it.Deadline = dateText(d)
		it.DaysLeft = deadline.DaysLeft(r.now, d)
	}
	return it, nil
}

// dateText writes t as PocketBase writes dates (UTC), "" for zero.
func dateText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02 15:04:05.000Z")
}

// staff: my own drafts and returned initiatives (co-authors do not edit);
// pending while the round is open and the unit's deadline ahead.
func (r *todoReader) staff(_ []*core.Record) error {
	recs, err := r.initiatives("owner = {:me} && (status = 'draft' || status = 'returned')", "-updated", dbx.Params{"me": r.me.Id})
	if err != nil {
		return err
	}
	staff := []todoItem{}
	r.ans.Staff = &staff
	for _, x := range recs {
		round := r.rounds[x.GetString("round")]
		if round == nil || round.GetString("status") == "closed" {
			continue
		}
		it, err := r.item(x, true)
		if err != nil {
			return err
		}
		staff = append(staff, it)
		if round.GetString("status") == "open" && it.DaysLeft >= 0 {
			r.pending(it.Year, "staff", 1)
		}
	}
	return nil
}

// unitHead: per round open or in review, the unit's submissions waiting
// for the endorsement (late ones too: they are still taken), the unit's
// deadline and, while open, its quota.
func (r *todoReader) unitHead(rounds []*core.Record) error {
	unit := r.me.GetString("unit")
	if unit == "" {
		return nil
	}
	parts := []unitTodo{}
	defer func() { r.ans.UnitHead = &parts }()
	for _, round := range running(rounds) {
		status := round.GetString("status")
		recs, err := r.initiatives("round = {:r} && unit = {:u} && status = 'submitted'", "submitted_at", dbx.Params{"r": round.Id, "u": unit})
		if err != nil {
			return err
		}
		if status == "review" && len(recs) == 0 {
			continue
		}
		d, extended, err := deadline.Unit(r.app, round, unit)
		if err != nil {
			return err
		}
		ut := unitTodo{Year: round.GetInt("year"), Status: status, Deadline: dateText(d), Extended: extended,
			DaysLeft: deadline.DaysLeft(r.now, d), Waiting: []todoItem{}}
		for _, x := range recs {
			it, err := r.item(x, true)
			if err != nil {
				return err
			}
			ut.Waiting = append(ut.Waiting, it)
		}
		if status == "open" {
			q, err := quota.Compute(r.app, round, unit)
			if err != nil {
				return err
			}
			if len(q) == 1 {
				ut.Quota = &q[0]
			}
		}
		r.pending(ut.Year, "unit_head", len(ut.Waiting))
		parts = append(parts, ut)
	}
	return nil
}

// secretariat: per round open or in review, the initiatives to accept;
// while open, the units short of their quota within a week of their
// deadline; in review, the members owing sheets and the decision due.
func (r *todoReader) secretariat(rounds []*core.Record) error {
	parts := []officeTodo{}
	defer func() { r.ans.Secretariat = &parts }()
	for _, round := range running(rounds) {
		status := round.GetString("status")
		year := round.GetInt("year")
		ot := officeTodo{Year: year, Status: status, ToAccept: []todoItem{}, ShortUnits: []shortUnit{}, Owing: []owingMember{}}
		recs, err := r.initiatives("round = {:r} && status = 'endorsed'", "endorsed_at", dbx.Params{"r": round.Id})
		if err != nil {
			return err
		}
		for _, x := range recs {
			if isAuthor(x, r.me.Id) {
				continue // another officer accepts one's own
			}
			it, err := r.item(x, false)
			if err != nil {
				return err
			}
			ot.ToAccept = append(ot.ToAccept, it)
		}
		if status == "open" {
			units, err := quota.Compute(r.app, round, "")
			if err != nil {
				return err
			}
			for _, u := range units {
				if u.Met || !within(r.now, u.Until) {
					continue
				}
				ot.ShortUnits = append(ot.ShortUnits, shortUnit{Name: u.Name, Code: u.Code, Counted: u.Counted, Required: u.Required,
					Deadline: u.Deadline, Extended: u.Extended, DaysLeft: deadline.DaysLeft(r.now, u.Until)})
			}
		}
		if status == "review" {
			owing, err := missingCounts(r.app, round, r.me.Id)
			if err != nil {
				return err
			}
			for _, m := range owing {
				ot.Owing = append(ot.Owing, owingMember{Name: m.Name, Missing: m.Missing})
			}
			d := round.GetDateTime("decision_deadline").Time()
			ot.DecisionDue = true
			ot.DecisionDeadline = dateText(d)
			ot.DecisionDaysLeft = deadline.DaysLeft(r.now, d)
		}
		n := len(ot.ToAccept) + len(ot.ShortUnits) + len(ot.Owing)
		if ot.DecisionDue {
			n++
		}
		r.pending(year, "secretariat", n)
		parts = append(parts, ot)
	}
	return nil
}

// council: the accepted initiatives of councils where I hold a voting seat,
// in a round in review, not my own, without my submitted sheet (I am not on
// its scored list, which the server keeps with every sheet), each with my
// draft sheet's status if I started one.
func (r *todoReader) council(_ []*core.Record) error {
	items := []todoItem{}
	defer func() { r.ans.Council = &items }()
	seats, err := r.app.FindAllRecords("council_members", dbx.HashExp{"user": r.me.Id, "votes": true})
	if err != nil {
		return err
	}
	var started []struct {
		Initiative string `db:"initiative"`
		Status     string `db:"status"`
	}
	if len(seats) > 0 {
		if err := r.app.DB().NewQuery("SELECT initiative, status FROM scores WHERE member = {:m} AND status != {:submitted}").
			Bind(dbx.Params{"m": r.me.Id, "submitted": vocab.SheetSubmitted}).All(&started); err != nil {
			return err
		}
	}
	sheets := map[string]string{}
	for _, s := range started {
		sheets[s.Initiative] = s.Status
	}
	for _, s := range seats {
		c, err := r.app.FindRecordById("councils", s.GetString("council"))
		if err != nil {
			continue
		}
		round := r.rounds[c.GetString("round")]
		if round == nil || round.GetString("status") != "review" {
			continue
		}
		recs, err := r.initiatives("council = {:c} && status = 'accepted' && "+readers.Scored+" !~ {:me}", "code",
			dbx.Params{"c": c.Id, "me": r.me.Id})
		if err != nil {
			return err
		}
		for _, x := range recs {
			if isAuthor(x, r.me.Id) {
				continue
			}
			it, err := r.item(x, false)
			if err != nil {
				return err
			}
			it.Sheet = sheets[x.Id]
			items = append(items, it)
			r.pending(it.Year, "council", 1)
		}
	}
	return nil
}

// chairman: every round in review waits for its recognition decision.
func (r *todoReader) chairman(rounds []*core.Record) error {
	parts := []chairTodo{}
	defer func() { r.ans.Chairman = &parts }()
	for _, round := range rounds {
		if round.GetString("status") != "review" {
			continue
		}
		n, err := r.app.CountRecords("initiatives", dbx.HashExp{"round": round.Id, "status": "accepted"})
		if err != nil {
			return err
		}
		d := round.GetDateTime("decision_deadline").Time()
		ct := chairTodo{Year: round.GetInt("year"), DecisionDeadline: dateText(d), DaysLeft: deadline.DaysLeft(r.now, d), Accepted: int(n)}
		parts = append(parts, ct)
		r.pending(ct.Year, "chairman", 1)
	}
	return nil
}
