package hooks

import "github.com/pocketbase/pocketbase/core"

// SetSearchLimits sets the bounds of app's broad searches (rankLimit and
// countCap of searchBounds), for a test.
func SetSearchLimits(app core.App, rank, count int) {
	b := searchBoundsOf(app)
	b.rankLimit, b.countCap = rank, count
	app.Store().Set(searchBoundsKey, b)
}

// SetSearchWindow sets how many of a broad query's newest matches app
// reads, for a test.
func SetSearchWindow(app core.App, n int) {
	b := searchBoundsOf(app)
	b.broadWindow = n
	app.Store().Set(searchBoundsKey, b)
}
