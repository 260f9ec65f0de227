package emulation

import "testing"

// record is a round's number fields.
type record map[string]float64

// GetFloat returns field f.
func (r record) GetFloat(f string) float64 { return r[f] }

// TestUnit checks a unit's points from the round's.
func TestUnit(t *testing.T) {
	p := Of(record(Defaults.Values()))
	if p != Defaults {
		t.Fatalf("Of(Values) = %+v", p)
	}
	cases := []struct {
		met        string
		rec, nomin int
		want       float64
	}{
		{QuotaMet, 0, 0, 10}, {QuotaMet, 2, 1, 30}, {QuotaNotMet, 0, 0, -10}, {QuotaNotMet, 1, 0, -5},
		// an extension still running: not scored as missing the quota.
		{QuotaUnderExtension, 0, 0, 0}, {QuotaUnderExtension, 1, 0, 5},
	}
	for _, c := range cases {
		if got := p.Unit(c.met, c.rec, c.nomin); got != c.want {
			t.Errorf("Unit(%q, %d, %d) = %v, want %v", c.met, c.rec, c.nomin, got, c.want)
		}
	}
	custom := Points{QuotaMet: 4, PerRecognized: 1.5, PerNominated: 3, QuotaMissed: 0}
	if got := custom.Unit(QuotaMet, 2, 1); got != 10 {
		t.Errorf("custom points: %v", got)
	}
}
