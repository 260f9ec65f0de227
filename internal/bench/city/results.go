package main

import (
	"fmt"
	"log"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/bench/benchkit"
	"sangkien/internal/searchindex"
)

// growScoring adds to the demo ward in dir, in the round under review, n
// accepted initiatives assigned to its first council, that council grown
// to seats voting seats, and one submitted sheet per seat and
// initiative (copied from a demo sheet): the ward the results and quota
// routes answer for at the end of scoring. Through PocketBase's record
// API with no hooks, in batches of one transaction each.
func growScoring(dir string, n, seats int) error {
	app, round, err := openReview(dir)
	if err != nil {
		return err
	}
	defer app.ResetBootstrapState()
	councils, err := app.FindRecordsByFilter("councils", "round = {:r}", "created", 0, 0, map[string]any{"r": round.Id})
	if err != nil || len(councils) == 0 {
		return fmt.Errorf("the review round's council: %v", err)
	}
	council := councils[0]
	sheet, err := app.FindFirstRecordByFilter("scores", "status = 'submitted'")
	if err != nil {
		return err
	}
	source, err := app.FindFirstRecordByFilter("initiatives", "round = {:r} && status = 'accepted'", map[string]any{"r": round.Id})
	if err != nil {
		return err
	}
	units, err := app.FindAllRecords("units")
	if err != nil {
		return err
	}
	seated, err := app.FindRecordsByFilter("council_members", "council = {:c} && votes = true", "", 0, 0, map[string]any{"c": council.Id})
	if err != nil {
		return err
	}
	hash, err := benchkit.DemoHash(app)
	if err != nil {
		return err
	}
	userCol, _ := app.FindCollectionByNameOrId("users")
	seatCol, _ := app.FindCollectionByNameOrId("council_members")
	var voters []string
	for _, s := range seated {
		voters = append(voters, s.GetString("user"))
	}
	var authors []*core.Record
	err = app.RunInTransaction(func(tx core.App) error {
		for k := len(voters); k < seats; k++ {
			u, err := benchkit.NewAccount(tx, userCol, hash, fmt.Sprintf("hoidong%02d@hoankiem.test", k), fmt.Sprintf("Thành viên Hội đồng %02d", k), units[k%len(units)].Id, "staff", "council")
			if err != nil {
				return err
			}
			seat := core.NewRecord(seatCol)
			seat.Set("council", council.Id)
			seat.Set("user", u.Id)
			seat.Set("position", "member")
			seat.Set("votes", true)
			if err := tx.SaveNoValidate(seat); err != nil {
				return err
			}
			voters = append(voters, u.Id)
		}
		var err error
		authors, err = benchkit.NewStaff(tx, userCol, hash, 200, idsOf(units), func(k int) (string, string) {
			return fmt.Sprintf("tacgia%03d@hoankiem.test", k), fmt.Sprintf("Tác giả %03d", k)
		})
		return err
	})
	if err != nil {
		return fmt.Errorf("grow the council and the authors: %w", err)
	}
	scoreCol, _ := app.FindCollectionByNameOrId("scores")
	const batch = 250
	for start := 0; start < n; start += batch {
		err := app.RunInTransaction(func(tx core.App) error {
			for i := start; i < min(start+batch, n); i++ {
				r := source.Fresh()
				r.Id = core.GenerateDefaultRandomId()
				r.MarkAsNew()
				owner := authors[i%len(authors)]
				r.Set("owner", owner.Id)
				r.Set("author_users", []string{owner.Id})
				r.Set("authors", []map[string]any{{"name": owner.GetString("name"), "position": "Chuyên viên", "workplace": "UBND phường", "share": 100, "user": owner.Id}})
				r.Set("unit", owner.GetString("unit"))
				r.Set("council", council.Id)
				r.Set("status", "accepted")
				r.Set("title", fmt.Sprintf("%s (%d)", source.GetString("title"), i+1))
				r.Set("code", fmt.Sprintf("SK-%d-%05d", round.GetInt("year"), 1000+i))
				if err := tx.SaveNoValidate(r); err != nil {
					return err
				}
				if err := searchindex.Put(tx, r); err != nil {
					return err
				}
				for _, member := range voters {
					c := core.NewRecord(scoreCol)
					c.Load(sheet.FieldsData())
					c.Id = core.GenerateDefaultRandomId()
					c.Set("initiative", r.Id)
					c.Set("member", member)
					if err := tx.SaveNoValidate(c); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("grow the scored initiatives: %w", err)
		}
	}
	return nil
}

// scoringBench grows (once) the ward of growScoring, serves a copy with
// the program and measures, one request at a time for -dur each, as the
// secretariat: the results route, the quota route and the overview
// page's data of the round under review, the secretariat's to-do the page
// asks first, and the council page's progress, by its route and by the
// lists the page read before it.
func scoringBench() {
	t0 := time.Now()
	master, err := ward.Master("scoring", fmt.Sprintf("%d×%d", *scored, *seats), func(dir string) error {
		if err := growScoring(dir, *scored, *seats); err != nil {
			return err
		}
		log.Printf("grew the review round to %d initiatives × %d sheets in %s", *scored, *seats, time.Since(t0).Round(time.Second))
		return nil
	})
	if err != nil {
		log.Fatal(err)
	}
	if *profile != "" {
		if err := profileScoring(master, *profile); err != nil {
			log.Fatal(err)
		}
		return
	}
	app, round, err := openReview(master)
	if err != nil {
		log.Fatal(err)
	}
	officer, err := app.FindAuthRecordByEmail("users", "longlh@hoankiem.test")
	if err != nil {
		log.Fatal(err)
	}
	token, _ := officer.NewAuthToken()
	var initiatives, sheets int
	app.DB().NewQuery("SELECT count(*) FROM initiatives WHERE round = {:r}").Bind(map[string]any{"r": round.Id}).Row(&initiatives)
	app.DB().NewQuery("SELECT count(*) FROM scores").Row(&sheets)
	toggle, err := sheetToggler(app, round.Id, officer.Id, token)
	if err != nil {
		log.Fatal(err)
	}
	app.ResetBootstrapState()

	s := &server{key: "program", bin: *ward.Program, dir: filepath.Join(*ward.Dir, "scoring-run")}
	if err := benchkit.Copy(master, s.dir); err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(s.dir)
	if err := s.start(); err != nil {
		log.Fatal(err)
	}
	defer s.stop()
	api := s.Base + "/api/"
	year := round.GetString("year")
	results := func(cl *http.Client) error {
		return call(cl, "GET", api+"reform/rounds/"+year+"/results", token, nil, nil)
	}
	measures := []struct {
		name string
		do   func(cl *http.Client) error
		// after, when set, changes the data before each request, untimed.
		after func(cl *http.Client, i int) error
	}{
		{"results (GET /api/reform/rounds/{year}/results)", results, nil},
		{"results, each the first after a sheet is reopened or submitted", results, func(cl *http.Client, i int) error {
			return toggle(cl, api, i)
		}},
		{"quota (GET /api/reform/rounds/{year}/quota)", func(cl *http.Client) error {
			return call(cl, "GET", api+"reform/rounds/"+year+"/quota", token, nil, nil)
		}, nil},
		{"overview (GET /api/reform/rounds/{year}/overview)", func(cl *http.Client) error {
			return call(cl, "GET", api+"reform/rounds/"+year+"/overview", token, nil, nil)
		}, nil},
		{"to-do (GET /api/reform/me/todo)", func(cl *http.Client) error {
			return call(cl, "GET", api+"reform/me/todo", token, nil, nil)
		}, nil},
		{"overview: the page's data, all requests", func(cl *http.Client) error {
			return overviewPage(cl, api, token, year)
		}, nil},
		{"progress (GET /api/reform/rounds/{year}/progress)", func(cl *http.Client) error {
			return call(cl, "GET", api+"reform/rounds/"+year+"/progress", token, nil, nil)
		}, nil},
		{"progress as the council page asked it before the route, all requests", func(cl *http.Client) error {
			return progressListsPage(cl, api, token, round.Id)
		}, nil},
	}
	fmt.Printf("\nbench-city -scoring %s — the review round: %d initiatives, %d sheets in the ward, %d voting seats; one request at a time, %s each\nuptime: %s\n\n| measure | program |\n|---|---|\n",
		time.Now().UTC().Format("2006-01-02 15:04 UTC"), initiatives, sheets, *seats, *dur, benchkit.Uptime())
	for _, m := range measures {
		if *only != "" && !strings.Contains(m.name, *only) {
			continue
		}
		// the server's CPU a request besides the times: under other load it
		// hardly moves (for the measure after each change it counts the
		// change's requests too).
		res := withCPU(s.Cmd.Process.Pid, func() result {
			if m.after != nil {
				return afterEach(*dur, m.after, m.do)
			}
			return load(1, *dur, func(cl *http.Client, _, _ int) error { return m.do(cl) })
		})
		fmt.Printf("| %s | %s |\n", m.name, res)
		if res.firstFailure != "" {
			defer log.Printf("%s: first failure: %s", m.name, res.firstFailure)
		}
	}
}

// overviewPage is every request of the overview page
// (pb_public/js/pages/office-overview.js) for a round under review, in the
// page's order: rounds and to-do, organization, the overview, then quota
// and the launch card.
func overviewPage(cl *http.Client, api, token, year string) error {
	for _, u := range []string{"collections/rounds/records?sort=-year&page=1&perPage=500&skipTotal=1", "reform/me/todo",
		"collections/organization/records?page=1&perPage=1&skipTotal=1"} {
		if err := call(cl, "GET", api+u, token, nil, nil); err != nil {
			return err
		}
	}
	for _, route := range []string{"overview", "quota"} {
		if err := call(cl, "GET", api+"reform/rounds/"+year+"/"+route, token, nil, nil); err != nil {
			return err
		}
	}
	return call(cl, "GET", api+"reform/rounds/"+year+"/launch", token, nil, nil)
}

// progressListsPage is the requests the council page's progress
// (pb_public/js/office-progress.js) made before GET …/progress, in its
// order, each list as the JS SDK's getFullList reads it: the round's
// councils, their seats with their accounts, the initiatives given to
// them by code, then the submitted sheets of 25 initiatives a request.
func progressListsPage(cl *http.Client, api, token, roundID string) error {
	councils, err := fullList(cl, api, token, "councils", url.Values{"filter": {fmt.Sprintf("round = %q", roundID)}})
	if err != nil || len(councils) == 0 {
		return err
	}
	which := make([]string, len(councils))
	for i, c := range councils {
		which[i] = fmt.Sprintf("council = %q", c)
	}
	if _, err := fullList(cl, api, token, "council_members", url.Values{"filter": {strings.Join(which, " || ")}, "expand": {"user"}}); err != nil {
		return err
	}
	initiatives, err := fullList(cl, api, token, "initiatives", url.Values{"filter": {fmt.Sprintf("round = %q && council != \"\"", roundID)},
		"sort": {"code"}, "fields": {"id,code,title,council,owner,author_users"}})
	if err != nil {
		return err
	}
	for i := 0; i < len(initiatives); i += 25 {
		part := initiatives[i:min(i+25, len(initiatives))]
		which := make([]string, len(part))
		for j, id := range part {
			which[j] = fmt.Sprintf("initiative = %q", id)
		}
		if _, err := fullList(cl, api, token, "scores", url.Values{"filter": {"status = \"submitted\" && (" + strings.Join(which, " || ") + ")"},
			"fields": {"id,initiative,member,status"}}); err != nil {
			return err
		}
	}
	return nil
}

// fullList reads collection's records with query as the JS SDK's
// getFullList does (pages of fullPage, no total) and returns their ids.
func fullList(cl *http.Client, api, token, collection string, query url.Values) ([]string, error) {
	var ids []string
	for page := 1; ; page++ {
		query.Set("page", strconv.Itoa(page))
		query.Set("perPage", strconv.Itoa(fullPage))
		query.Set("skipTotal", "1")
		var got struct{ Items []struct{ ID string } }
		if err := call(cl, "GET", api+"collections/"+collection+"/records?"+query.Encode(), token, nil, &got); err != nil {
			return ids, err
		}
		for _, it := range got.Items {
			ids = append(ids, it.ID)
		}
		if len(got.Items) < fullPage {
			return ids, nil
		}
	}
}

// sheetToggler returns the change made before each "first request after a
// change": the i-th reopens, as the secretariat (officer, token), one of
// forty submitted sheets of other members in the round, the next submits
// it again as its member, and so on through the forty.
func sheetToggler(app core.App, roundID, officer, token string) (func(cl *http.Client, api string, i int) error, error) {
	var sheets []struct {
		ID     string `db:"id"`
		Member string `db:"member"`
	}
	err := app.DB().NewQuery(`SELECT s.id, s.member FROM scores s JOIN initiatives i ON i.id = s.initiative
		WHERE i.round = {:r} AND s.status = 'submitted' AND s.member != {:o} ORDER BY s.rowid LIMIT 40`).
		Bind(map[string]any{"r": roundID, "o": officer}).All(&sheets)
	if err != nil || len(sheets) == 0 {
		return nil, fmt.Errorf("sheets to reopen: %d, %v", len(sheets), err)
	}
	tokens := map[string]string{}
	for _, s := range sheets {
		if tokens[s.Member] != "" {
			continue
		}
		u, err := app.FindRecordById("users", s.Member)
		if err != nil {
			return nil, err
		}
		if tokens[s.Member], err = u.NewAuthToken(); err != nil {
			return nil, err
		}
	}
	return func(cl *http.Client, api string, i int) error {
		s := sheets[i/2%len(sheets)]
		if i%2 == 0 {
			return call(cl, "POST", api+"reform/scores/"+s.ID+"/reopen", token, map[string]any{"reason": "Chấm lại"}, nil)
		}
		return call(cl, "POST", api+"reform/scores/"+s.ID+"/submit", tokens[s.Member], map[string]any{"approve": true}, nil)
	}, nil
}

// afterEach measures do, one request at a time for dur, each after
// change(i), which is not timed (the rate counts it); a failed change
// fails the request that follows it.
func afterEach(dur time.Duration, change func(cl *http.Client, i int) error, do func(cl *http.Client) error) result {
	cl := &http.Client{Timeout: 30 * time.Second}
	defer cl.CloseIdleConnections()
	var res result
	var times []time.Duration
	start := time.Now()
	for i := 0; time.Since(start) < dur; i++ {
		err := change(cl, i)
		if err == nil {
			t0 := time.Now()
			err = do(cl)
			times = append(times, time.Since(t0))
		}
		if err != nil {
			res.failed++
			if res.firstFailure == "" {
				res.firstFailure = err.Error()
			}
			continue
		}
		res.ok++
	}
	return summary(res, times, time.Since(start))
}

// openReview bootstraps a bare app on the ward in dir (benchkit.OpenApp)
// and finds its round under review; the caller resets the app.
func openReview(dir string) (*pocketbase.PocketBase, *core.Record, error) {
	app, err := benchkit.OpenApp(dir)
	if err != nil {
		return nil, nil, err
	}
	round, err := app.FindFirstRecordByFilter("rounds", "status = 'review'")
	if err != nil {
		app.ResetBootstrapState()
		return nil, nil, fmt.Errorf("the round under review: %w", err)
	}
	return app, round, nil
}
