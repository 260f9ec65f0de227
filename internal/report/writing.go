package report

import (
	"fmt"
	"sync"

	"sangkien/internal/i18n"
)

// writeSheets writes the sheets of reports sheets, in that order in the
// workbook. The first is written alone (the consolidated list keeps the
// rows that the decision and city lists need); the others are then
// written at the same time, each in its own goroutine, as they wait for
// the scoring results and then write rows that need nothing from each
// other. The sheets are added to the workbook first, in order, so that
// they keep their places; each changes the workbook itself only under
// b.mu, and ends in its turn (see finish), so that the workbook's defined
// names come in sheet order.
func (b *builder) writeSheets(sheets []Kind) error {
	if len(sheets) == 1 {
		if err := b.sheet(sheets[0], true); err != nil {
			return fmt.Errorf("report: %s: %w", sheets[0], err)
		}
		return nil
	}
	names := make([][]string, len(sheets))
	var all []string
	for i, k := range sheets {
		names[i] = b.sheetNames(k)
		for _, n := range names[i] {
			if err := b.addSheet(len(all) == 0, n); err != nil {
				return err
			}
			all = append(all, n)
		}
	}
	b.turns = newTurns(all)
	// passAll says that every sheet of report i has ended (or will not).
	passAll := func(i int) {
		for _, n := range names[i] {
			b.turns.pass(n)
		}
	}
	errs := make([]error, len(sheets))
	errs[0] = b.sheet(sheets[0], true)
	passAll(0)
	if errs[0] == nil {
		var wg sync.WaitGroup
		for i := 1; i < len(sheets); i++ {
			wg.Go(func() {
				// a sheet that failed before its end lets the next ones end.
				defer passAll(i)
				errs[i] = b.sheet(sheets[i], false)
			})
		}
		wg.Wait()
	} else {
		for i := 1; i < len(sheets); i++ {
			passAll(i)
		}
	}
	for i, err := range errs {
		if err != nil {
			return fmt.Errorf("report: %s: %w", sheets[i], err)
		}
	}
	return nil
}

// sheetNames are the names of the sheets of report k, in order: one,
// but for the scores table, followed by the members' sheets.
func (b *builder) sheetNames(k Kind) []string {
	names := []string{i18n.T("report." + string(k) + ".sheet")}
	if k == Scores {
		for i := range memberSheets(b.votingMembers()) {
			names = append(names, memberSheetName(i))
		}
	}
	return names
}

// turns make sheets written at the same time end in their order.
type turns struct {
	at   map[string]int  // sheet name → its place
	done []chan struct{} // closed when the sheet at that place has ended
	once []sync.Once
}

// newTurns returns the turns of the sheets names, in that order.
func newTurns(names []string) *turns {
	t := &turns{at: map[string]int{}, done: make([]chan struct{}, len(names)), once: make([]sync.Once, len(names))}
	for i, n := range names {
		t.at[n] = i
		t.done[i] = make(chan struct{})
	}
	return t
}

// wait waits until the sheets before sheet name have ended; at once
// when there are no turns.
func (t *turns) wait(name string) {
	if t == nil {
		return
	}
	if i := t.at[name]; i > 0 {
		<-t.done[i-1]
	}
}

// pass says that sheet name has ended (or will not); it may be said twice.
func (t *turns) pass(name string) {
	if t == nil {
		return
	}
	i := t.at[name]
	t.once[i].Do(func() { close(t.done[i]) })
}
