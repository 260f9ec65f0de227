package docs

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"text/template"
	tparse "text/template/parse"

	"sangkien/internal/wordml"
)

// A ward's template runs on the server each time its document is printed,
// and Check tries it on sample data with one item per list and every
// number 0. A loop on a number (text/template ranges over an int:
// {{range .Year}}) or a template that calls itself does nothing on that
// sample and millions of times on real data; a value built by a function
// and never printed ({{$a := printf "%1000000d" 1}}, then $a ten times in
// one printf, four times over) filled gigabytes at the upload check.
// Every run is therefore bounded, in steps and in memory:
//   - at most MaxSteps loop iterations and template calls;
//   - at most MaxBody bytes of document body, checked at every write;
//   - every function (ours and text/template's print, printf, println,
//     html, js, urlquery) refuses arguments whose text passes MaxValue
//     together (a list counts its length times the other texts: join's
//     separator is repeated) and a result past MaxValue, so no value a
//     template holds passes MaxValue and no call builds more than a few
//     times it;
//   - printf takes no width or precision (%1000000d, %.9f, %*d): the one
//     way a few bytes ask for a large value;
//   - the arguments all functions of one run are given add up to at most
//     MaxWork, which bounds the time a run spends on values it never prints;
//   - call (a function value in the data) is refused: the data holds none.
//
// A run that passes a bound stops with ErrTemplate (a stored template is
// then named as broken, 500 template_invalid) instead of taking the server
// down: a download holds at most the body, a few values and the zip.
const (
	// MaxSteps is the most loop iterations and template calls of one run;
	// the decision of a 200-initiative round takes 207 (TestLargeRoundPrints),
	// the minutes of 800 initiatives by 15 members about 13,000. A run that
	// hits it stops in well under a second (1,000,000 took 8 s, and minutes
	// under the race detector) having allocated about 16 MB, all garbage.
	MaxSteps = 25_000
	// MaxBody is the largest document body one run may write: the decision
	// of a 200-initiative round writes 0.5 MB, so about 800 initiatives fit
	// (a ward has tens a year).
	MaxBody = 2 << 20
	// MaxValue is the largest value a template function takes in (its
	// texts together) or gives back: the longest text of a form (20,000
	// characters, each line break 40 bytes of XML) gives about 0.8 MB.
	MaxValue = 1 << 20
	// MaxWork is the most text the functions of one run take in, all calls
	// together (measured as size does): about what the run may write.
	MaxWork = 4 * MaxBody
)

// stepFunc is the name of the function counted at every loop iteration
// and template call.
const stepFunc = "sangkienStep"

// the bounds' failures (wrapped in ErrTemplate).
var (
	errSteps = fmt.Errorf("the template runs more than %d loop iterations and template calls", MaxSteps)
	errBody  = fmt.Errorf("the template writes more than %d MiB", MaxBody>>20)
	errValue = fmt.Errorf("a value of the template would be more than %d MiB", MaxValue>>20)
	errWork  = fmt.Errorf("the template's functions take in more than %d MiB", MaxWork>>20)
	errWidth = errors.New("printf takes no width or precision (such as %5d or %.2f)")
	errCall  = errors.New("call is not available in a document template")
)

// bounded is one run's bounds: the steps counted, the text the functions
// took in, and the body written.
type bounded struct {
	steps int
	work  int
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
	t.Funcs(b.funcs())
	if err := countSteps(t); err != nil {
		return nil, err
	}
	if err := t.Execute(b, data); err != nil {
		for _, bound := range []error{errSteps, errBody, errValue, errWork, errWidth, errCall} {
			if errors.Is(err, bound) || strings.Contains(err.Error(), bound.Error()) {
				return nil, fmt.Errorf("%w: %v", ErrTemplate, bound)
			}
		}
		return nil, fmt.Errorf("%w: %v", ErrTemplate, err)
	}
	return b.body.Bytes(), nil
}

// funcs are the functions of one run: the step counter, and every function
// a template may call (wordml.Funcs and text/template's own that build text)
// bounded by b.
func (b *bounded) funcs() template.FuncMap {
	fm := template.FuncMap{}
	for name, fn := range wordml.Funcs() {
		fm[name] = b.wrap(fn)
	}
	for name, fn := range map[string]any{
		"print":    fmt.Sprint,
		"println":  fmt.Sprintln,
		"printf":   printf,
		"html":     template.HTMLEscaper,
		"js":       template.JSEscaper,
		"urlquery": template.URLQueryEscaper,
	} {
		fm[name] = b.wrap(fn)
	}
	fm["call"] = func(...any) (string, error) { return "", errCall }
	fm[stepFunc] = b.step
	return fm
}

// printf is text/template's printf without widths and precisions.
func printf(format string, args ...any) (string, error) {
	if err := checkFormat(format); err != nil {
		return "", err
	}
	return fmt.Sprintf(format, args...), nil
}

// checkFormat refuses a format with a width or a precision in a verb.
func checkFormat(f string) error {
	for i := 0; i < len(f); i++ {
		if f[i] != '%' {
			continue
		}
		i++
		for i < len(f) && strings.IndexByte("+-# 0", f[i]) >= 0 {
			i++
		}
		if i < len(f) && f[i] == '[' {
			if j := strings.IndexByte(f[i:], ']'); j >= 0 {
				i += j + 1
			}
		}
		if i < len(f) && (f[i] == '*' || f[i] == '.' || '0' <= f[i] && f[i] <= '9') {
			return errWidth
		}
	}
	return nil
}

// errorType is the type of the error a bounded function also returns.
var errorType = reflect.TypeFor[error]()

// wrap returns fn (a template function: one result, or a result and an
// error) bounded by b: its arguments are measured before it runs and its
// result after, and either past its bound is an error.
func (b *bounded) wrap(fn any) any {
	v := reflect.ValueOf(fn)
	ft := v.Type()
	ins := make([]reflect.Type, ft.NumIn())
	for i := range ins {
		ins[i] = ft.In(i)
	}
	out := ft.Out(0)
	wrapped := reflect.FuncOf(ins, []reflect.Type{out, errorType}, ft.IsVariadic())
	return reflect.MakeFunc(wrapped, func(args []reflect.Value) []reflect.Value {
		failed := func(err error) []reflect.Value {
			return []reflect.Value{reflect.Zero(out), reflect.ValueOf(&err).Elem()}
		}
		if err := b.admit(args, ft.IsVariadic()); err != nil {
			return failed(err)
		}
		var res []reflect.Value
		if ft.IsVariadic() {
			res = v.CallSlice(args)
		} else {
			res = v.Call(args)
		}
		if len(res) == 2 && !res[1].IsNil() {
			return res
		}
		if size(res[0], MaxValue+1, 0) > MaxValue {
			return failed(errValue)
		}
		return []reflect.Value{res[0], reflect.Zero(errorType)}
	}).Interface()
}

// admit measures a call's arguments: their text together, and the longest
// list among them times the rest of their text (a list's items may each
// be given the other arguments: join's separator), may not pass MaxValue,
// and counts toward the run's MaxWork.
func (b *bounded) admit(args []reflect.Value, variadic bool) error {
	if variadic && len(args) > 0 {
		last := args[len(args)-1]
		flat := append([]reflect.Value(nil), args[:len(args)-1]...)
		for i := 0; i < last.Len(); i++ {
			flat = append(flat, last.Index(i))
		}
		args = flat
	}
	total, longest := 0, 0
	for _, a := range args {
		n := size(a, MaxValue+1, 0)
		total += n
		b.work += n
		if a = deref(a); a.IsValid() && (a.Kind() == reflect.Slice || a.Kind() == reflect.Array) && a.Len() > longest {
			longest = a.Len()
		}
		if total > MaxValue {
			return errValue
		}
	}
	if b.work > MaxWork {
		return errWork
	}
	if longest > 1 && longest*total > MaxValue+total {
		return errValue
	}
	return nil
}

// deref follows interfaces and pointers to the value they hold.
func deref(v reflect.Value) reflect.Value {
	for v.IsValid() && (v.Kind() == reflect.Interface || v.Kind() == reflect.Pointer) {
		if v.IsNil() {
			return reflect.Value{}
		}
		v = v.Elem()
	}
	return v
}

// size is about how many bytes v makes once written into a document: a
// text's length, with the XML a line break, a tab (40 bytes) or a
// character to escape (6) turns into; 8 for anything else, summed over
// lists, maps and structs. It stops counting past limit, and at depth 8.
func size(v reflect.Value, limit, depth int) int {
	v = deref(v)
	if !v.IsValid() {
		return 0
	}
	switch v.Kind() {
	case reflect.String:
		s := v.String()
		if len(s) > limit {
			return len(s)
		}
		n := len(s)
		for i := 0; i < len(s); i++ {
			switch s[i] {
			case '\n', '\t':
				n += 40
			case '&', '<', '>', '"', '\'':
				n += 6
			}
		}
		return n
	case reflect.Slice, reflect.Array, reflect.Map, reflect.Struct:
		if depth >= 8 {
			return 8
		}
		n := 8
		each := func(e reflect.Value) bool {
			n += size(e, limit-n, depth+1)
			return n <= limit
		}
		switch v.Kind() {
		case reflect.Struct:
			for i := 0; i < v.NumField() && each(v.Field(i)); i++ {
			}
		case reflect.Map:
			for it := v.MapRange(); it.Next() && each(it.Key()) && each(it.Value()); {
			}
		default:
			for i := 0; i < v.Len() && each(v.Index(i)); i++ {
			}
		}
		return n
	}
	return 8
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
