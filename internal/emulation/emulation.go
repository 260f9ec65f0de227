// Package emulation turns a unit's initiative figures into its points of
// the emulation movement (tiêu chí thi đua, docs/domain.md, The year): the round
// holds the points, set by the secretariat; a unit earns the points for
// meeting its quota (or loses those for missing it), plus the points per
// recognised initiative and per initiative nominated to the city.
package emulation

// Field names of the round's emulation points.
const (
	FieldQuotaMet      = "emulation_quota_met"
	FieldPerRecognized = "emulation_per_recognized"
	FieldPerNominated  = "emulation_per_nominated"
	FieldQuotaMissed   = "emulation_quota_missed"
)

// Fields are the round's emulation point fields, in the order shown.
var Fields = []string{FieldQuotaMet, FieldPerRecognized, FieldPerNominated, FieldQuotaMissed}

// Points are a round's emulation points.
type Points struct {
	QuotaMet      float64 // for a unit that met its quota
	PerRecognized float64 // per recognised initiative
	PerNominated  float64 // per initiative nominated to the city
	QuotaMissed   float64 // for a unit that missed it (negative: a deduction)
}

// Defaults are the points a new round starts with: +10 for meeting the
// quota, +5 per recognised initiative, +10 per nominated one, -10 for
// missing the quota.
var Defaults = Points{QuotaMet: 10, PerRecognized: 5, PerNominated: 10, QuotaMissed: -10}

// Values returns the points by field name.
func (p Points) Values() map[string]float64 {
	return map[string]float64{FieldQuotaMet: p.QuotaMet, FieldPerRecognized: p.PerRecognized,
		FieldPerNominated: p.PerNominated, FieldQuotaMissed: p.QuotaMissed}
}

// Getter reads a number field of a record (core.Record's GetFloat).
type Getter interface{ GetFloat(string) float64 }

// Of reads the points of a round record.
func Of(round Getter) Points {
	return Points{QuotaMet: round.GetFloat(FieldQuotaMet), PerRecognized: round.GetFloat(FieldPerRecognized),
		PerNominated: round.GetFloat(FieldPerNominated), QuotaMissed: round.GetFloat(FieldQuotaMissed)}
}

// Quota results of a unit (quota.Unit.Result).
const (
	QuotaMet            = "met"
	QuotaNotMet         = "not_met"
	QuotaUnderExtension = "under_extension" // short of it while its extension runs
)

// Unit is the emulation points of a unit whose quota result is result
// (QuotaMet, QuotaNotMet or QuotaUnderExtension), with recognized
// recognised and nominated nominated initiatives. A unit under extension
// is neither scored as meeting nor as missing its quota: it may still
// send its initiative.
func (p Points) Unit(result string, recognized, nominated int) float64 {
	var base float64
	switch result {
	case QuotaMet:
		base = p.QuotaMet
	case QuotaUnderExtension:
		base = 0
	default:
		base = p.QuotaMissed
	}
	return base + float64(recognized)*p.PerRecognized + float64(nominated)*p.PerNominated
}
