package docs

import (
	"bytes"
	"errors"
	"fmt"
	"text/template"
	tparse "text/template/parse"
)

// A ward's template runs on the server each time its document is printed,
// and Check tries it on sample data with one item per list and every
// number 0. A loop on a number (text/template ranges over an int:
// {{range .Year}}) or a template that calls itself does nothing on that
// sample and millions of times on real data: one such upload took the
// server from 33 to 118 MB for a single print, and three nested loops
// would run out of memory or never end. Every run is therefore bounded:
// at most MaxSteps loop iterations and template calls, and at most
// MaxBody bytes of document body. A run that passes either stops with
// ErrTemplate (a stored template is then named as broken, 500
// template_invalid), instead of taking the server down.
const (
	// MaxSteps is the most loop iterations and template calls of one run;
	// the decision of a 200-initiative round takes 207 (TestLargeRoundPrints),
	// so a 10,000-initiative round about 10 % of it. A run that hits it
	// stops in well under a second (1,000,000 took 8 s, and minutes under
	// the race detector).
	MaxSteps = 100_000
	// MaxBody is the largest document body one run may write: the decision
	// of a 200-initiative round writes 0.5 MB, so a 10,000-initiative round
	// about 80 % of it (a ward has tens a year). A bounded run that writes
	// all of it took the live server from 111 to 151 MB peak, for 8 s.
	MaxBody = 32 << 20
)

// stepFunc is the name of the function counted at every loop iteration
// and template call.
const stepFunc = "sangkienStep"

// errSteps and errBody are the bounds' failures (wrapped in ErrTemplate).
var (
	errSteps = fmt.Errorf("the template runs more than %d loop iterations and template calls", MaxSteps)
	errBody  = fmt.Errorf("the template writes more than %d MiB", MaxBody>>20)
)

// bounded is one run's bounds: the steps counted and the body written.
type bounded struct {
	steps int
	body  bytes.Buffer
}

// Write appends p to the body, or fails once the body would pass MaxBody
// (text/template then stops the run with that error).
func (b *bounded) Write(p []byte) (int, error) {
	if b.body.Len()+len(p) > MaxBody {
		return 0, errBody
	}
	return b.body.Write(p)
}

// step counts one loop iteration or template call and fails past MaxSteps.
func (b *bounded) step() (string, error) {
	b.steps++
	if b.steps > MaxSteps {
		return "", errSteps
	}
	return "", nil
}

// run executes t with data within the bounds and returns the body.
func run(t *template.Template, data any) ([]byte, error) {
	b := &bounded{}
	t.Funcs(template.FuncMap{stepFunc: b.step})
	if err := countSteps(t); err != nil {
		return nil, err
	}
	if err := t.Execute(b, data); err != nil {
		for _, bound := range []error{errSteps, errBody} {
			if errors.Is(err, bound) {
				return nil, fmt.Errorf("%w: %v", ErrTemplate, bound)
			}
		}
		return nil, fmt.Errorf("%w: %v", ErrTemplate, err)
	}
	return b.body.Bytes(), nil
}

// countSteps puts a call of stepFunc at the start of every template of t
// (so that every template call counts) and of every loop's body (so that
// every iteration counts). t must be freshly parsed: its trees change.
func countSteps(t *template.Template) error {
	helper, err := template.New(stepFunc).Funcs(template.FuncMap{stepFunc: func() string { return "" }}).
		Parse("{{" + stepFunc + "}}")
	if err != nil {
		return err
	}
	tick := helper.Tree.Root.Nodes[0]
	for _, tmpl := range t.Templates() {
		if tmpl.Tree == nil || tmpl.Tree.Root == nil {
			continue
		}
		prepend(tmpl.Tree.Root, tick)
		addTicks(tmpl.Tree.Root, tick)
	}
	return nil
}

// addTicks walks list and puts tick at the start of every loop body in it.
func addTicks(list *tparse.ListNode, tick tparse.Node) {
	if list == nil {
		return
	}
	for _, n := range list.Nodes {
		switch n := n.(type) {
		case *tparse.RangeNode:
			prepend(n.List, tick)
			addTicks(n.List, tick)
			addTicks(n.ElseList, tick)
		case *tparse.IfNode:
			addTicks(n.List, tick)
			addTicks(n.ElseList, tick)
		case *tparse.WithNode:
			addTicks(n.List, tick)
			addTicks(n.ElseList, tick)
		case *tparse.ListNode:
			addTicks(n, tick)
		}
	}
}

// prepend puts node first in list.
func prepend(list *tparse.ListNode, node tparse.Node) {
	if list == nil {
		return
	}
	list.Nodes = append([]tparse.Node{node}, list.Nodes...)
}
