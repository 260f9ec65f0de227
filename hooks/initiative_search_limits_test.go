package hooks

// SetSearchLimits sets the bounds of a broad search for a test and returns
// the function that puts them back.
func SetSearchLimits(rank, count int) func() {
	oldRank, oldCount := rankLimit, countCap
	rankLimit, countCap = rank, count
	return func() { rankLimit, countCap = oldRank, oldCount }
}
