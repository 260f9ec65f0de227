package migrations_test

import (
	"os"
	"strings"
	"testing"
	"time"

	"sangkien/internal/clock"
	"sangkien/internal/deadline"
)

// TestSeedValues checks what a fresh folder is seeded with: the directive's
// eight fields with their descriptions from the directive's own text, the
// six units with quota 1, the open round whose deadline is still ahead with its deadlines at
// 00:00 in Hà Nội's time on 25/9 and 30/9, the default rubric of 100
// points and one organization record.
func TestSeedValues(t *testing.T) {
	t.Parallel()
	app := start(t, t.TempDir())
	defer app.ResetBootstrapState()

	// the directive's text is beside the repository in the workplace, not
	// in a clone; its descriptions are compared where it is.
	directive, err := os.ReadFile("../../shared/seed/000_8cfda7107653a866.txt")
	if err != nil {
		t.Log("descriptions not compared:", err)
	}
	flat := strings.Join(strings.Fields(string(directive)), " ")
	fields, err := app.FindRecordsByFilter("fields", "", "sort", 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, f := range fields {
		codes = append(codes, f.GetString("code"))
		// the directive names every field but the last ("h) Các sáng kiến…").
		named := f.GetString("code") + ") " + f.GetString("name") + ": " + f.GetString("description")
		unnamed := f.GetString("code") + ") " + f.GetString("description")
		if len(f.GetString("description")) < 100 || flat != "" && !strings.Contains(flat, named) && !strings.Contains(flat, unnamed) {
			t.Errorf("field %s is not the directive's: %q", f.GetString("code"), named)
		}
	}
	if got := strings.Join(codes, " "); got != "a b c d đ e g h" {
		t.Errorf("field codes %q", got)
	}

	units, err := app.FindAllRecords("units")
	if err != nil {
		t.Fatal(err)
	}
	if len(units) != 6 {
		t.Errorf("%d units, want 6", len(units))
	}
	for _, u := range units {
		if u.GetInt("quota") != 1 || !u.GetBool("active") {
			t.Errorf("unit %s: quota %d, active %v", u.GetString("code"), u.GetInt("quota"), u.GetBool("active"))
		}
	}

	rounds, err := app.FindAllRecords("rounds")
	if err != nil || len(rounds) != 1 {
		t.Fatalf("rounds %v: %v", rounds, err)
	}
	round := rounds[0]
	hanoi, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		t.Fatal(err)
	}
	year := deadline.OpenYear(clock.Of(app).Now())
	if round.GetInt("year") != year || round.GetString("status") != "open" {
		t.Errorf("round %d %s, want %d open", round.GetInt("year"), round.GetString("status"), year)
	}
	for field, day := range map[string]int{"submission_deadline": 25, "decision_deadline": 30} {
		want := time.Date(year, time.September, day, 0, 0, 0, 0, hanoi)
		if got := round.GetDateTime(field).Time(); !got.Equal(want) {
			t.Errorf("%s %v, want %v", field, got, want)
		}
	}

	criteria, err := app.FindRecordsByFilter("criteria", "round = {:r}", "sort", 0, 0, map[string]any{"r": round.Id})
	if err != nil {
		t.Fatal(err)
	}
	total, names := 0.0, []string{}
	for _, c := range criteria {
		total += c.GetFloat("max_points")
		names = append(names, c.GetString("code"))
	}
	if total != 100 || strings.Join(names, " ") != "novelty applicability effectiveness replicability" {
		t.Errorf("rubric %v of %v points", names, total)
	}

	orgs, err := app.FindAllRecords("organization")
	if err != nil || len(orgs) != 1 || orgs[0].GetString("ward_name") == "" || orgs[0].GetString("chairman_name") == "" {
		t.Errorf("organization %v: %v", orgs, err)
	}
}
