package report

import (
	"github.com/pocketbase/dbx"
	"sangkien/internal/vocab"
)

// recognizedList says which initiatives the annex to the recognition
// decision lists, in SQL (where) and in Go (keep). Once the decision is
// recorded (the round is decided or closed, a recognition decision exists,
// or initiatives carry its outcome) it is the recognised ones, fixed by
// it. Before, the annex is a
// draft (draftDecision is set; the sheet says DỰ THẢO) listing those the
// sheets as they stand would recognise, so that the Chairman can read what
// he is to sign.
func (b *builder) recognizedList() (where dbx.Expression, keep func(*initiative) bool, err error) {
	var n int
	err = b.app.DB().NewQuery(`SELECT
		EXISTS (SELECT 1 FROM decisions WHERE round = {:round} AND kind = 'recognition') OR
		EXISTS (SELECT 1 FROM initiatives WHERE round = {:round} AND status IN ('recognized', 'not_recognized'))`).
		Bind(dbx.Params{"round": b.round.Id}).Row(&n)
	if err != nil {
		return nil, nil, err
	}
	if st := b.round.GetString("status"); n > 0 || st == vocab.RoundDecided || st == vocab.RoundClosed {
		return dbx.HashExp{"status": vocab.Recognized}, func(ini *initiative) bool { return ini.Status == vocab.Recognized }, nil
	}
	b.draftDecision = true
	o, err := b.results()
	if err != nil {
		return nil, nil, err
	}
	ids := []any{}
	for _, r := range o.ranked {
		if r.Recognized {
			ids = append(ids, r.ID)
		}
	}
	return dbx.HashExp{"id": ids}, func(ini *initiative) bool {
		r, ok := o.byID[ini.ID]
		return ok && r.Recognized
	}, nil
}
