package hooks

import (
	"sync"

	"github.com/pocketbase/pocketbase/core"
)

// resultsCacheKey is where an app keeps its results answers (app.Store()).
const resultsCacheKey = "sangkien.results"

// resultsCacheRounds bounds how many rounds' answers are kept at once.
const resultsCacheRounds = 4

// resultsCache keeps, by round, the results route's last answer (the JSON
// body, sealed as it is shown) with the count of results_version it was
// computed at. That count grows in the same transaction as every change to
// what the answer is made of (migration 1766000200_results_version), and
// it is read before the answer is computed: an answer kept for the count
// the database holds is never older than the database. Only the answer is
// kept: who may read it is checked on each request before the cache.
type resultsCache struct {
	mu     sync.Mutex
	rounds map[string]cachedResults
}

// cachedResults is one round's kept answer.
type cachedResults struct {
	version int64
	body    []byte
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

// answer is round's answer kept for the database's count, or the one
// compute makes, then kept (unless a newer one was kept meanwhile).
func (c *resultsCache) answer(app core.App, roundID string, compute func() ([]byte, error)) ([]byte, error) {
	version, err := resultsVersion(app)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	kept, ok := c.rounds[roundID]
	c.mu.Unlock()
	if ok && kept.version == version {
		return kept.body, nil
	}
	body, err := compute()
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if cur, ok := c.rounds[roundID]; !ok || cur.version <= version {
		if !ok && len(c.rounds) >= resultsCacheRounds {
			clear(c.rounds)
		}
		c.rounds[roundID] = cachedResults{version: version, body: body}
	}
	return body, nil
}
