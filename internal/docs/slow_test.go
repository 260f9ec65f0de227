//go:build !race

package docs

// slow stretches the time bounds of the tests (see slow_race_test.go).
const slow = 1
