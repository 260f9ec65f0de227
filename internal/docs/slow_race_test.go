//go:build race

package docs

// slow stretches the time bounds of the tests under the race detector,
// which makes the template engine several times slower: a bound that
// holds the runaway templates to a second without it allows five with it.
const slow = 5
