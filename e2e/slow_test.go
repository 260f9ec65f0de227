//go:build !race

package e2e_test

// slow stretches the harness's waits (4 under the race detector).
const slow = 1
