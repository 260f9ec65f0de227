package hooks

import (
	"sync"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// resultsCacheKey is where an app keeps its results answers (app.Store()).
const resultsCacheKey = "sangkien.results"

// resultsCacheRounds bounds how many rounds' answers are kept at once.
const resultsCacheRounds = 4

// resultsCache keeps, by round, the results route's last answer (the JSON
// body, sealed as it is shown) and what it was computed from, with the
// count of results_version it was computed at. That count grows in the
// same transaction as every change to what the answer is made of
// (migration 1766000200_results_version), and it is read before the answer
// is computed: an answer kept for the count the database holds is never
// older than the database. When every change since the kept count is a
// sheet's (migration 1766000600_results_changes names their initiatives),
// the answer is computed again from the kept one with those initiatives'
// sheets read again; otherwise from the whole round. Who may read it is
// checked on each request before the cache.
type resultsCache struct {
	mu     sync.Mutex
	rounds map[string]cachedResults
	// refreshes counts the answers computed from a kept one.
	refreshes int
}

// cachedResults is one round's kept answer and what it was made from.
type cachedResults struct {
	version int64
	body    []byte
	state   *resultsState
}

// resultsCacheOf is app's results cache.
func resultsCacheOf(app core.App) *resultsCache {
	return app.Store().GetOrSet(resultsCacheKey, func() any {
		return &resultsCache{rounds: map[string]cachedResults{}}
	}).(*resultsCache)
}

// resultsVersion is the count of changes to what results are made of.
func resultsVersion(app core.App) (int64, error) {
	var n int64
	err := app.DB().NewQuery("SELECT n FROM results_version WHERE id = 1").Row(&n)
	return n, err
}

// sheetChanges names the initiatives whose sheets changed between the
// counts from (excluded) and to (included) of results_version; ok is false
// when one of those changes is not a sheet's, or is no longer named.
func sheetChanges(app core.App, from, to int64) (ids []string, ok bool, err error) {
	var rows []struct {
		Version    int64  `db:"version"`
		Initiative string `db:"initiative"`
		Previous   string `db:"previous"`
	}
	err = app.DB().NewQuery("SELECT version, initiative, previous FROM results_changes WHERE version > {:from} AND version <= {:to}").
		Bind(dbx.Params{"from": from, "to": to}).All(&rows)
	if err != nil || int64(len(rows)) != to-from {
		return nil, false, err
	}
	for _, r := range rows {
		ids = append(ids, r.Initiative)
		if r.Previous != r.Initiative {
			ids = append(ids, r.Previous)
		}
	}
	return ids, true, nil
}

// answer is round's answer kept for the database's count, or the one
// computed for it (from the kept one when only sheets changed), then kept
// (unless a newer one was kept meanwhile).
func (c *resultsCache) answer(app core.App, round *core.Record) ([]byte, error) {
	version, err := resultsVersion(app)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	kept, ok := c.rounds[round.Id]
	c.mu.Unlock()
	if ok && kept.version == version {
		return kept.body, nil
	}
	var state *resultsState
	refreshed := false
	if ok && kept.version < version {
		ids, onlySheets, err := sheetChanges(app, kept.version, version)
		if err != nil {
			return nil, err
		}
		if onlySheets {
			// the sheets read now are at least as new as the count.
			if state, err = kept.state.refresh(app, ids); err != nil {
				return nil, err
			}
			refreshed = true
		}
	}
	if state == nil {
		if state, err = loadResultsState(app, round); err != nil {
			return nil, err
		}
	}
	body, err := state.body(round)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if cur, ok := c.rounds[round.Id]; !ok || cur.version <= version {
		if !ok && len(c.rounds) >= resultsCacheRounds {
			clear(c.rounds)
		}
		c.rounds[round.Id] = cachedResults{version: version, body: body, state: state}
	}
	if refreshed {
		c.refreshes++
	}
	return body, nil
}
