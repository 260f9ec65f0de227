package hooks

import (
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/emulation"
)

// setEmulationDefaults gives a new round the default emulation points
// (emulation.Defaults) when it is created with none of them set: a round
// saved with every point at 0 is one whose maker did not choose them. A
// round created with any point set keeps what it was given.
func setEmulationDefaults(e *core.RecordEvent) error {
	if emulation.Of(e.Record) == (emulation.Points{}) {
		for name, v := range emulation.Defaults.Values() {
			e.Record.Set(name, v)
		}
	}
	return e.Next()
}
