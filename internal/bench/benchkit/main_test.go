package benchkit_test

import (
	"testing"

	"sangkien/internal/testkit"
)

// TestMain runs the tests, then removes the ward's template folder.
func TestMain(m *testing.M) { testkit.Main(m) }
