package hooks

import "github.com/pocketbase/pocketbase/core"

// FreshResults is the results route's answer on round computed from the
// whole round, kept nowhere, written in one piece (not from each item's
// kept JSON); exported for the tests of package hooks_test.
func FreshResults(app core.App, round *core.Record) ([]byte, error) {
	s, err := loadResultsState(app, round)
	if err != nil {
		return nil, err
	}
	out := s.answer(round)
	out.sealBallots()
	return marshalJSON(out)
}

// ResultsRefreshes is how many of app's results answers were computed from
// a kept one with some initiatives' sheets read again.
func ResultsRefreshes(app core.App) int {
	c := resultsCacheOf(app)
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.refreshes
}
