package similar_test

import (
	"strings"
	"testing"

	"sangkien/internal/similar"
	"sangkien/internal/similar/fixture"
)

// percents returns, for text key, the other fixture texts by percentage.
func percents(key string) map[string]int {
	t := fixture.ByKey(key)
	a := similar.Sign(t.Body())
	out := map[string]int{}
	for _, o := range fixture.Texts {
		if o.Key == key {
			continue
		}
		b := similar.Sign(o.Body())
		out[o.Key] = similar.Percent(&a, &b)
	}
	return out
}

func TestPassagesPairTheSameSentences(t *testing.T) {
	ours, theirs := fixture.ByKey(fixture.Reworded), fixture.ByKey(fixture.Original)
	ps := similar.Passages(ours.Body(), theirs.Body(), 3)
	if len(ps) != 3 {
		t.Fatalf("got %d passages, want 3: %q", len(ps), ps)
	}
	for _, p := range ps {
		if !strings.Contains(ours.Body(), p[0]) || !strings.Contains(theirs.Body(), p[1]) {
			t.Errorf("passage %q is not a sentence of each text", p)
		}
	}
	other := fixture.ByKey("other-lich-hen")
	if ps := similar.Passages(ours.Body(), other.Body(), 3); len(ps) != 0 {
		t.Errorf("unrelated texts gave passages %q", ps)
	}
}

func TestBandsMeetOnlyAlikeTexts(t *testing.T) {
	share := func(a, b string) bool {
		sa, sb := similar.Sign(fixture.ByKey(a).Body()), similar.Sign(fixture.ByKey(b).Body())
		keys := map[int64]bool{}
		for _, k := range sa.BandKeys() {
			keys[k] = true
		}
		for _, k := range sb.BandKeys() {
			if keys[k] {
				return true
			}
		}
		return false
	}
	if !share(fixture.Reworded, fixture.Original) || !share(fixture.Resubmission, fixture.Earlier) {
		t.Error("alike texts share no band")
	}
	if share(fixture.Original, "other-chung-thuc") {
		t.Error("unrelated texts share a band")
	}
	var empty similar.Signature = similar.Sign("")
	if len(empty.BandKeys()) != 0 {
		t.Error("an empty text has band keys")
	}
	s := similar.Sign(fixture.ByKey(fixture.Original).Body())
	back, ok := similar.FromBytes(s.Bytes())
	if !ok || back != s {
		t.Error("a signature does not survive storage")
	}
}

func TestRewordedAndCopiedRankFirst(t *testing.T) {
	for _, key := range []string{fixture.Reworded, fixture.Copied} {
		p := percents(key)
		if p[fixture.Original] < similar.Likely {
			t.Errorf("%s vs original = %d%%, want ≥ %d%%", key, p[fixture.Original], similar.Likely)
		}
		for k, v := range p {
			if k != fixture.Original && k != fixture.Reworded && k != fixture.Copied && v >= p[fixture.Original] {
				t.Errorf("%s: %s (%d%%) ranks with the original (%d%%)", key, k, v, p[fixture.Original])
			}
			if strings.HasPrefix(k, "other") && v >= 20 {
				t.Errorf("%s vs unrelated %s = %d%%, want < 20%%", key, k, v)
			}
		}
	}
	p := percents(fixture.Resubmission)
	if p[fixture.Earlier] < similar.Likely {
		t.Errorf("resubmission vs earlier = %d%%, want ≥ %d%%", p[fixture.Earlier], similar.Likely)
	}
}

func TestUnrelatedStayUnder20(t *testing.T) {
	for _, a := range fixture.Texts {
		for _, b := range fixture.Texts {
			if a.Key >= b.Key || !(strings.HasPrefix(a.Key, "other") || strings.HasPrefix(b.Key, "other")) {
				continue
			}
			sa, sb := similar.Sign(a.Body()), similar.Sign(b.Body())
			if p := similar.Percent(&sa, &sb); p >= 20 {
				t.Errorf("%s vs %s = %d%%, want < 20%%", a.Key, b.Key, p)
			}
		}
	}
}
