//go:build race

package e2e_test

// slow stretches the harness's waits under the race detector, which makes
// the server (password hashing above all) several times slower.
const slow = 4
