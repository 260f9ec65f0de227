package hooks_test

import (
	"fmt"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/testkit"
)

// BenchmarkSaveWith1000Subscriptions is a staff member's draft autosave
// through the API while 1,000 realtime subscriptions on initiatives are
// held (20 signed-in connections of 50, each subscription with its own
// filter), beside the same save with none, measured in the same run. The
// README's realtime figure comes from it:
//
//	go test -run XXX -bench SaveWith1000Subscriptions -benchtime 100x ./hooks/
func BenchmarkSaveWith1000Subscriptions(b *testing.B) {
	for _, held := range []int{0, 1000} {
		b.Run(fmt.Sprintf("subscriptions=%d", held), func(b *testing.B) {
			w := testkit.NewWard(b)
			defer w.App.Cleanup()
			srv := testkit.Serve(b, w.App)
			draft := w.Initiative(b, w.StaffA, "draft", nil)
			tok := testkit.Token(b, w.StaffA)
			rtHold(b, srv.URL, []*core.Record{w.StaffB, w.HeadA, w.HeadB, w.Chairman}, held/50, 50, 5)
			for i := 0; b.Loop(); i++ {
				rtSaveDraft(b, srv.URL, tok, draft.Id, i)
			}
		})
	}
}
