package hooks

// SetSearchLimits sets the bounds of a broad search for a test and returns
// the function that puts them back.
func SetSearchLimits(rank, count int) func() {
	oldRank, oldCount := rankLimit, countCap
	rankLimit, countCap = rank, count
	return func() { rankLimit, countCap = oldRank, oldCount }
}

// SetSearchWindow sets how many of a broad query's newest matches are
// read, for a test, and returns the function that puts it back.
func SetSearchWindow(n int) func() {
	old := broadWindow
	broadWindow = n
	return func() { broadWindow = old }
}
