package report

import (
	"fmt"
	"sync"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/xuri/excelize/v2"

	"sangkien/internal/clock"
	"sangkien/internal/i18n"
	"sangkien/internal/results"
)

// batchSize is how many initiatives are read from SQLite at a time.
const batchSize = 500

// organization is the ward's record used in every header and signature.
type organization struct {
	Ward     string `db:"ward_name"`
	City     string `db:"city_name"`
	Chairman string `db:"chairman_name"`
}

// unit is one of the ward's units.
type unit struct {
	ID     string `db:"id"`
	Name   string `db:"name"`
	Code   string `db:"code"`
	Quota  int    `db:"quota"`
	Active bool   `db:"active"`
}

// builder makes the sheets of one workbook.
type builder struct {
	app   core.App
	round *core.Record
	year  int
	opts  Options
	f     *excelize.File
	mu    sync.Mutex // held while the workbook itself (f) is changed
	turns *turns     // the order in which sheets written at once end; nil when one sheet
	st    *styles
	stats Stats // of the finished sheets, under mu

	org    organization
	units  []unit          // in the ward's order
	unitBy map[string]unit // by id
	fields map[string]string

	outcome chan outcomeOrErr // the scoring results, read in the background

	// kept holds, when a workbook has the consolidated list before the
	// decision and city lists, the rows those lists need, so that they are
	// not read twice; nil otherwise.
	kept map[string]initiative

	// draftDecision: the annex was written before the recognition decision
	// was recorded (see recognizedList).
	draftDecision bool
}

// outcomeOrErr is what the background read of the results gives.
type outcomeOrErr struct {
	o   *outcome
	err error
}

// outcome is the round's scoring results (internal/results), ranked.
type outcome struct {
	round  *results.Round
	ranked []results.Result
	byID   map[string]*results.Result // into ranked
}

// newBuilder reads what every sheet needs (organization, units, fields)
// and starts an empty workbook.
func newBuilder(app core.App, round *core.Record, opts Options) (*builder, error) {
	b := &builder{app: app, round: round, year: round.GetInt("year"), opts: opts,
		unitBy: map[string]unit{}, fields: map[string]string{}}
	db := app.DB()
	err := db.NewQuery("SELECT ward_name, city_name, chairman_name FROM organization ORDER BY created LIMIT 1").One(&b.org)
	if err != nil {
		// a ward without its record still gets a document, with blanks.
		b.org = organization{}
	}
	// the seed creates units in the ward's customary order.
	if err := db.NewQuery("SELECT id, name, code, quota, active FROM units ORDER BY created, rowid").All(&b.units); err != nil {
		return nil, fmt.Errorf("report: units: %w", err)
	}
	for _, u := range b.units {
		b.unitBy[u.ID] = u
	}
	var fields []struct {
		ID   string `db:"id"`
		Name string `db:"name"`
	}
	if err := db.NewQuery("SELECT id, name FROM fields").All(&fields); err != nil {
		return nil, fmt.Errorf("report: fields: %w", err)
	}
	for _, f := range fields {
		b.fields[f.ID] = f.Name
	}

	b.f = excelize.NewFile()
	if err := b.f.SetDefaultFont(Font); err != nil {
		return nil, err
	}
	if b.st, err = newStyles(b.f); err != nil {
		return nil, err
	}
	// when and by whom the file was made is kept in its properties, not
	// printed on a document that is signed (Nghị định 30).
	made := opts.Now.UTC().Format(time.RFC3339)
	_ = b.f.SetDocProps(&excelize.DocProperties{
		Creator:        i18n.T("report.creator"),
		LastModifiedBy: opts.Preparer,
		Created:        made,
		Modified:       made,
		Description:    i18n.T("report.made_at", "time", clock.FormatDateTime(opts.Now), "name", opts.Preparer),
		Title:          i18n.T("report.initiatives.title", "year", fmt.Sprint(b.year)),
		Language:       "vi-VN",
	})
	return b, nil
}

// sheetWriters write the sheet of each kind of report; first says it is
// the workbook's first.
var sheetWriters = map[Kind]func(b *builder, first bool) error{
	Initiatives: (*builder).initiativesSheet,
	Scores:      (*builder).scoresSheet,
	Quota:       (*builder).quotaSheet,
	Decision:    (*builder).decisionSheet,
	City:        (*builder).citySheet,
	People:      (*builder).peopleSheet,
}

// sheet adds the sheet of report k; first says it is the workbook's first.
func (b *builder) sheet(k Kind, first bool) error {
	if write, ok := sheetWriters[k]; ok {
		return write(b, first)
	}
	return fmt.Errorf("no sheet for %q", k)
}

// loadResults starts reading the round's scoring results in the
// background, so that SQLite reads them while the first sheet is written.
func (b *builder) loadResults() {
	b.outcome = make(chan outcomeOrErr, 1)
	go func() {
		r, err := results.Load(b.app, b.round)
		if err != nil {
			b.outcome <- outcomeOrErr{err: err}
			return
		}
		o := &outcome{round: r, ranked: r.ComputeShown()}
		o.byID = make(map[string]*results.Result, len(o.ranked))
		for i := range o.ranked {
			o.byID[o.ranked[i].ID] = &o.ranked[i]
		}
		b.outcome <- outcomeOrErr{o: o}
	}()
}

// results waits for the round's scoring results.
func (b *builder) results() (*outcome, error) {
	if b.outcome == nil {
		b.loadResults()
	}
	res := <-b.outcome
	b.outcome <- res // keep it for the next sheet
	return res.o, res.err
}

// unitName is the name of unit id ("" when unknown).
func (b *builder) unitName(id string) string {
	return b.unitBy[id].Name
}

// scope returns the where-clause that keeps the filtered unit's rows, if any.
func (b *builder) scope() dbx.Expression {
	if b.opts.Unit == "" {
		return nil
	}
	return dbx.HashExp{"unit": b.opts.Unit}
}

// drain waits for a background read still running, so that nothing uses
// the app after Build has returned.
func (b *builder) drain() {
	if b.outcome != nil {
		res := <-b.outcome
		b.outcome <- res
	}
}

// tiers are the round's tiers with their names (results.RoundTiers).
func (b *builder) tiers() []results.TierRule {
	return results.RoundTiers(b.round.GetString("tiers"))
}
