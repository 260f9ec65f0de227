package vocab_test

import (
	"testing"

	"sangkien/internal/testkit"
)

// TestMain runs the tests, then removes the migrated folder their fresh
// apps copy.
func TestMain(m *testing.M) { testkit.Main(m) }
