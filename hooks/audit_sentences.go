package hooks

import (
	"database/sql"
	"errors"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/search"
	"github.com/pocketbase/pocketbase/tools/types"
	"github.com/spf13/cast"

	"sangkien/internal/clock"
	"sangkien/internal/deadline"
	"sangkien/internal/i18n"
	"sangkien/internal/nd30"
	"sangkien/internal/vocab"
)

// The audit log read as sentences (GET /api/reform/audit): who did what to
// which record ("Lương Hoàng Long tiếp nhận SK-2026-007 «Rà soát, đề
// xuất…»"), when in the ward's time (dd/mm/yyyy HH:mm), each changed field
// by its label in the catalog (audit.field.<collection>.<field>) with its
// values as people write them: dates, "2/3", "Có"/"Không", names and codes
// instead of ids, the labels of statuses and roles. The entries' full
// before/after stay in the REST API (/api/collections/audit_log/records).

// auditPerPage is how many entries a page of the route holds unless the
// request asks fewer (perPage); auditMaxPerPage is the most it gives.
const (
	auditPerPage    = 20
	auditMaxPerPage = 50
)

// auditMaxPage is the last page the route reads: past it the offset would
// no longer fit SQLite's integer, and no log is that long.
const auditMaxPage = 1 << 40

// auditLine is one entry as the audit page shows it.
type auditLine struct {
	ID       string        `json:"id"`
	When     string        `json:"when"`
	Actor    string        `json:"actor"`
	Action   string        `json:"action"`
	Sentence string        `json:"sentence"`
	Changes  []auditChange `json:"changes"`
	Reason   string        `json:"reason"`
}

// auditChange is one field of an entry: its label, the value before and
// after (empty when the entry has none: a creation, a deletion).
type auditChange struct {
	Field  string `json:"field"`
	Before string `json:"before"`
	After  string `json:"after"`
}

// auditSkip are the keys of a snapshot that say nothing to a person.
var auditSkip = []string{"id", "collectionId", "collectionName", "created", "updated", "expand"}

// auditPage answers GET /api/reform/audit: the audit log's entries that the
// caller may list (the collection's own list rule applies), newest first,
// filtered by actor, action, collection, record, from and to (days,
// yyyy-mm-dd or dd/mm/yyyy, in the ward's zone), one page (page; perPage,
// 20 unless asked fewer, at most 50; after, the previous page's "next").
// It reads only that page and one entry past it, and counts nothing:
// "more": true says a next page holds entries, "next" where it starts
// (both absent when none does), totalItems is the entries up to this page's last (the total when
// more is false; 0 on a page past the end). Secretariat, chairman and
// superusers only (403).
func auditPage(e *core.RequestEvent) error {
	if !e.HasSuperuserAuth() && !hasAnyRole(e.Auth, vocab.RoleSecretariat, vocab.RoleChairman) {
		return forbidden()
	}
	col, err := e.App.FindCachedCollectionByNameOrId("audit_log")
	if err != nil {
		return err
	}
	info, err := e.RequestInfo()
	if err != nil {
		return err
	}
	q := e.Request.URL.Query()
	// an initiative is asked for by its code, as people know it.
	recordName := ""
	if rec := strings.TrimSpace(q.Get("record")); rec != "" {
		if ini, err := e.App.FindFirstRecordByData("initiatives", "code", strings.ToUpper(rec)); err == nil {
			q.Set("record", ini.Id)
		}
		if ini, err := e.App.FindRecordById("initiatives", q.Get("record")); err == nil {
			recordName = ini.GetString("code")
		}
	}
	query := e.App.RecordQuery(col)
	if !e.HasSuperuserAuth() {
		if col.ListRule == nil {
			return forbidden()
		}
		resolver := core.NewRecordFieldResolver(e.App, col, info, true)
		expr, err := search.FilterData(*col.ListRule).BuildExpr(resolver)
		if err != nil {
			return err
		}
		query.AndWhere(expr)
		if err := resolver.UpdateQuery(query); err != nil {
			return err
		}
	}
	for _, k := range []string{"actor", "action", "collection", "record"} {
		if v := strings.TrimSpace(q.Get(k)); v != "" {
			query.AndWhere(dbx.HashExp{"audit_log." + k: v})
		}
	}
	if day, ok := parseDay(q.Get("from")); ok {
		query.AndWhere(dbx.NewExp("[[audit_log.created]] >= {:from}", dbx.Params{"from": dbDate(day)}))
	}
	if day, ok := parseDay(q.Get("to")); ok {
		query.AndWhere(dbx.NewExp("[[audit_log.created]] < {:to}", dbx.Params{"to": dbDate(day.AddDate(0, 0, 1))}))
	}
	page, _ := strconv.Atoi(q.Get("page"))
	page = min(max(page, 1), auditMaxPage)
	perPage, _ := strconv.Atoi(q.Get("perPage"))
	if perPage < 1 {
		perPage = auditPerPage
	}
	perPage = min(perPage, auditMaxPerPage)
	offset := (page - 1) * perPage
	// after (the previous page's "next", as the page asks its next one)
	// reads the page from that place on in the index, where an offset
	// reads and checks every entry before the page under the rule (12 µs
	// each on a city's log: page 100 in 12-21 ms of CPU). It is a place in
	// time, not an entry: what is read from it is still what the rule and
	// the filters keep. One that does not parse is none (the page by its
	// number).
	if at, id, ok := parseAuditCursor(q.Get("after")); ok && page > 1 {
		// ties in time go by rowid, read here from the entry the cursor
		// names at its time; a cursor naming none (forged, or its entry
		// gone) starts past every entry of its time.
		row := int64(-1)
		if err := e.App.DB().NewQuery("SELECT rowid FROM audit_log WHERE id = {:id} AND created = {:at}").
			Bind(dbx.Params{"id": id, "at": at}).Row(&row); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		query.AndWhere(dbx.NewExp("[[audit_log.created]] <= {:at} AND ([[audit_log.created]] < {:at} OR [[audit_log.rowid]] < {:row})",
			dbx.Params{"at": at, "row": row}))
		offset = 0
	}
	var entries []*core.Record
	// no DISTINCT (PocketBase sets it on a query with joins): the rule
	// joins only to-one rows (the account, the entry's initiative and its
	// round). Ties in time go by rowid, which idx_audit_log_created holds:
	// SQLite reads the page from the index, stopping one entry past it,
	// where with DISTINCT or "id DESC" it sorted the whole log (1.8-3.3 s
	// on a city's 200,001 entries).
	err = query.Distinct(false).OrderBy("audit_log.created DESC", "audit_log.rowid DESC").
		Limit(int64(perPage + 1)).Offset(int64(offset)).All(&entries)
	if err != nil {
		return err
	}
	more := len(entries) > perPage
	entries = entries[:min(len(entries), perPage)]
	n := newNamer(e.App)
	n.prefetch(entries)
	items := make([]auditLine, len(entries))
	for i, entry := range entries {
		items[i] = n.line(entry)
	}
	upTo := 0 // a page past the end: its entries' count is not known
	if len(items) > 0 {
		upTo = (page-1)*perPage + len(items)
	}
	answer := map[string]any{
		"page": page, "perPage": perPage, "totalItems": upTo, "items": items, "record": recordName,
	}
	if more {
		answer["more"] = true
		// the cursor names the last entry shown by its time and id, not its
		// rowid: rowids count every entry, and the gap between two pages'
		// cursors would tell how many the rule hides from the caller.
		last := entries[len(entries)-1]
		answer["next"] = last.GetDateTime("created").String() + auditCursorSep + last.Id
	}
	return e.JSON(http.StatusOK, answer)
}

// auditCursorSep parts a cursor of the audit route: the last entry's
// time, then its id.
const auditCursorSep = "~"

// parseAuditCursor reads a cursor of the audit route ("next"): its time
// and entry id, ok when the time parses and an id follows it.
func parseAuditCursor(s string) (at, id string, ok bool) {
	at, id, found := strings.Cut(s, auditCursorSep)
	if !found || id == "" {
		return "", "", false
	}
	t, err := types.ParseDateTime(at)
	if err != nil || t.IsZero() {
		return "", "", false
	}
	return t.String(), id, true
}

// dbDate is t as PocketBase stores dates (UTC), for comparing with them.
func dbDate(t time.Time) string {
	d, _ := types.ParseDateTime(t)
	return d.String()
}

// namer turns ids into names, reading each record once per request.
type namer struct {
	app   core.App
	cache map[string]*core.Record // collection/id → record (nil: not found)
}

// newNamer returns an empty namer on app.
func newNamer(app core.App) *namer {
	return &namer{app: app, cache: map[string]*core.Record{}}
}

// find returns the record id of collection, or nil.
func (n *namer) find(collection, id string) *core.Record {
	if id == "" {
		return nil
	}
	key := collection + "/" + id
	if r, ok := n.cache[key]; ok {
		return r
	}
	r, err := n.app.FindRecordById(collection, id)
	if err != nil {
		r = nil
	}
	n.cache[key] = r
	return r
}

// prefetch reads, one query per collection, the records entries name
// first: their actors, their records and the initiatives of sheets' entries
// (a page of 20 read them in 20 to 40 queries, half the route's time).
func (n *namer) prefetch(entries []*core.Record) {
	ids := map[string][]string{} // collection → ids not yet read
	add := func(collection, id string) {
		if _, ok := n.cache[collection+"/"+id]; id != "" && collection != "" && !ok {
			n.cache[collection+"/"+id] = nil // not found unless read below
			ids[collection] = append(ids[collection], id)
		}
	}
	for _, entry := range entries {
		add("users", entry.GetString("actor"))
		add(entry.GetString("collection"), entry.GetString("record"))
		add("initiatives", entry.GetString("initiative"))
	}
	for collection, list := range ids {
		found, err := n.app.FindRecordsByIds(collection, list)
		if err != nil {
			for _, id := range list { // a collection gone: each read alone
				delete(n.cache, collection+"/"+id)
			}
			continue
		}
		for _, r := range found {
			n.cache[collection+"/"+r.Id] = r
		}
	}
}

// line renders one audit entry.
func (n *namer) line(entry *core.Record) auditLine {
	actor := entry.GetString("actor_name")
	if u := n.find("users", entry.GetString("actor")); u != nil && u.GetString("name") != "" {
		actor = u.GetString("name")
	}
	switch {
	case actor == "system" || actor == "":
		actor = i18n.T("audit.system")
	case strings.HasPrefix(actor, "superuser "):
		actor = i18n.T("audit.superuser")
	}
	before, after := map[string]any{}, map[string]any{}
	_ = entry.UnmarshalJSONField("before", &before)
	_ = entry.UnmarshalJSONField("after", &after)
	collection := entry.GetString("collection")
	action := entry.GetString("action")
	object := n.object(collection, entry.GetString("record"), before, after)
	key := "audit.sentence." + action
	if !i18n.Has(key) {
		key = "audit.sentence.other"
	}
	return auditLine{
		ID:       entry.Id,
		When:     clock.FormatDateTime(entry.GetDateTime("created").Time()),
		Actor:    actor,
		Action:   actionLabel(action),
		Sentence: i18n.T(key, "actor", actor, "object", object, "action", actionLabel(action)),
		Changes:  n.changes(collection, before, after),
		Reason:   entry.GetString("reason"),
	}
}

// actionLabel names an audit action in the catalog (office.audit_act.*).
func actionLabel(action string) string {
	if k := "office.audit_act." + action; i18n.Has(k) {
		return i18n.T(k)
	}
	return i18n.T("audit.action_other")
}

// object names the record id of collection, from the database or, once
// deleted, from the entry's values.
func (n *namer) object(collection, id string, before, after map[string]any) string {
	r := n.find(collection, id)
	get := func(field string) string {
		if r != nil {
			return r.GetString(field)
		}
		if v, ok := after[field]; ok && v != nil {
			return toString(v)
		}
		return toString(before[field])
	}
	switch collection {
	case "initiatives":
		return n.initiativeName(get("code"), get("title"))
	case "rounds":
		return i18n.T("audit.object.rounds", "year", get("year"))
	case "users":
		return i18n.T("audit.object.users", "name", get("name"))
	case "units":
		return i18n.T("audit.object.units", "name", get("name"))
	case "fields":
		return i18n.T("audit.object.fields", "code", get("code"), "name", get("name"))
	case "criteria":
		return i18n.T("audit.object.criteria", "name", get("name"), "year", n.roundYear(get("round")))
	case "extensions":
		return i18n.T("audit.object.extensions", "unit", n.name("units", get("unit")), "year", n.roundYear(get("round")))
	case "councils":
		return i18n.T("audit.object.councils", "name", get("name"))
	case "council_members":
		return i18n.T("audit.object.council_members", "user", n.name("users", get("user")),
			"council", n.name("councils", get("council")))
	case "scores":
		return i18n.T("audit.object.scores", "member", n.name("users", get("member")),
			"initiative", n.initiative(get("initiative")))
	case "decisions":
		return i18n.T("audit.object.decisions", "kind", n.selectLabel("decisions", "kind", get("kind")), "number", get("number"))
	case "organization":
		return i18n.T("audit.object.organization")
	case "document_templates":
		return i18n.T("audit.object.document_templates", "key", n.selectLabel("document_templates", "key", get("key")))
	}
	return i18n.T("audit.object.other")
}

// initiativeName is "SK-2026-007 «title…»", or "bản nháp «title…»"
// before it has a code.
func (n *namer) initiativeName(code, title string) string {
	title = shorten(title, 60)
	if code == "" {
		return i18n.T("audit.object.draft", "title", title)
	}
	return i18n.T("audit.object.initiatives", "code", code, "title", title)
}

// initiative names the initiative id.
func (n *namer) initiative(id string) string {
	r := n.find("initiatives", id)
	if r == nil {
		return i18n.T("audit.object.gone")
	}
	return n.initiativeName(r.GetString("code"), r.GetString("title"))
}

// roundYear is the year of the round id.
func (n *namer) roundYear(id string) string {
	if r := n.find("rounds", id); r != nil {
		return r.GetString("year")
	}
	return "…"
}

// name is the name of the record id of collection (a council, a unit, a
// person), or a word saying it is gone.
func (n *namer) name(collection, id string) string {
	r := n.find(collection, id)
	if r == nil {
		return i18n.T("audit.object.gone")
	}
	switch collection {
	case "initiatives":
		return n.initiativeName(r.GetString("code"), r.GetString("title"))
	case "rounds":
		return i18n.T("audit.object.rounds", "year", r.GetString("year"))
	case "fields":
		return r.GetString("code") + ") " + r.GetString("name")
	case "decisions":
		return i18n.T("audit.object.decisions", "kind", n.selectLabel("decisions", "kind", r.GetString("kind")), "number", r.GetString("number"))
	}
	if s := r.GetString("name"); s != "" {
		return s
	}
	return i18n.T("audit.object.other")
}

// shorten cuts s to at most max letters at a word, with "…".
func shorten(s string, max int) string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)[:max]
	cut := string(r)
	if i := strings.LastIndex(cut, " "); i > max/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,.;:") + "…"
}

// changes lists the fields of an entry, labelled, with their values
// formatted; a creation or deletion leaves out the empty fields.
func (n *namer) changes(collection string, before, after map[string]any) []auditChange {
	keys := make([]string, 0, len(before)+len(after))
	for k := range after {
		keys = append(keys, k)
	}
	for k := range before {
		if _, ok := after[k]; !ok {
			keys = append(keys, k)
		}
	}
	col, _ := n.app.FindCachedCollectionByNameOrId(collection)
	order := func(k string) int {
		if col != nil {
			for i, f := range col.Fields {
				if f.GetName() == k {
					return i
				}
			}
		}
		return 1000
	}
	slices.SortFunc(keys, func(a, b string) int {
		if d := order(a) - order(b); d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	out := []auditChange{}
	for _, k := range keys {
		if slices.Contains(auditSkip, k) {
			continue
		}
		b, hasB := before[k]
		a, hasA := after[k]
		if hasB != hasA && isEmpty(b) && isEmpty(a) {
			continue // a field left empty at creation or deletion
		}
		c := auditChange{Field: auditFieldLabel(collection, k)}
		if hasB {
			c.Before = n.value(col, collection, k, b)
		}
		if hasA {
			c.After = n.value(col, collection, k, a)
		}
		out = append(out, c)
	}
	return out
}

// auditFieldLabel is the catalog's label of a field of collection.
func auditFieldLabel(collection, field string) string {
	if k := "audit.field." + collection + "." + field; i18n.Has(k) {
		return i18n.T(k)
	}
	return i18n.T("audit.field_other")
}

// isEmpty reports whether a snapshot value holds nothing.
func isEmpty(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == ""
	case []any:
		return len(x) == 0
	case map[string]any:
		return len(x) == 0
	case bool:
		return false
	case float64:
		return false
	}
	return false
}

// value formats one value of field of collection as people read it.
func (n *namer) value(col *core.Collection, collection, field string, v any) string {
	if isEmpty(v) {
		return i18n.T("audit.empty")
	}
	// what audit_credentials notes and the decide action adds.
	switch field {
	case "password", "email":
		if toString(v) == "changed" {
			return i18n.T("audit.changed")
		}
	case "decision":
		if collection == "rounds" {
			return n.name("decisions", toString(v))
		}
	}
	var f core.Field
	if col != nil {
		f = col.Fields.GetByName(field)
	}
	switch ft := f.(type) {
	case *core.BoolField:
		return yesNo(toBool(v))
	case *core.NumberField:
		x := toFloat(v)
		if field == "approval_ratio" {
			return fraction(x)
		}
		return nd30.Decimal(x)
	case *core.DateField:
		return showDate(collection, field, toString(v))
	case *core.SelectField:
		var parts []string
		for _, s := range toStrings(v) {
			parts = append(parts, n.selectLabel(collection, field, s))
		}
		return strings.Join(parts, ", ")
	case *core.RelationField:
		target := ""
		if c, err := n.app.FindCachedCollectionByNameOrId(ft.CollectionId); err == nil {
			target = c.Name
		}
		var parts []string
		for _, id := range toStrings(v) {
			parts = append(parts, n.name(target, id))
		}
		return strings.Join(parts, "; ")
	case *core.FileField:
		return i18n.T("audit.files", "count", strconv.Itoa(len(toStrings(v))))
	case *core.JSONField:
		return n.jsonValue(collection, field, v)
	}
	switch x := v.(type) {
	case bool:
		return yesNo(x)
	case float64:
		return nd30.Decimal(x)
	case string:
		return shorten(x, 300)
	}
	return n.jsonValue(collection, field, v)
}

// jsonValue formats the JSON fields: authors with their shares, the
// people of a trial, a sheet's points by criterion name.
func (n *namer) jsonValue(collection, field string, v any) string {
	switch x := v.(type) {
	case []any:
		var parts []string
		for _, item := range x {
			m, ok := item.(map[string]any)
			if !ok {
				parts = append(parts, toString(item))
				continue
			}
			name := toString(m["name"])
			if share, ok := m["share"]; ok && !isEmpty(share) {
				name += " (" + nd30.Decimal(toFloat(share)) + "%)"
			}
			parts = append(parts, name)
		}
		return strings.Join(parts, "; ")
	case map[string]any:
		// a sheet's points: criterion code → points.
		codes := make([]string, 0, len(x))
		for k := range x {
			codes = append(codes, k)
		}
		slices.Sort(codes)
		var parts []string
		for _, c := range codes {
			parts = append(parts, n.criterionName(c)+": "+nd30.Decimal(toFloat(x[c])))
		}
		return strings.Join(parts, "; ")
	}
	return toString(v)
}

// criterionName is the name of a rubric criterion code (the latest round's
// name for it; the code itself is internal).
func (n *namer) criterionName(code string) string {
	key := "criteria/code:" + code
	r, ok := n.cache[key]
	if !ok {
		r, _ = n.app.FindFirstRecordByFilter("criteria", "code = {:c}", dbx.Params{"c": code})
		n.cache[key] = r
	}
	if r != nil {
		return r.GetString("name")
	}
	return i18n.T("audit.criterion_other")
}

// selectLabels are the catalog prefixes of the select fields' values.
var selectLabels = func() map[string]string {
	m := map[string]string{
		"council_members.position": "council.position_",
		"scores.status":            "council.sheet_",
		"units.kind":               "audit.value.units.kind.",
		"decisions.kind":           "audit.value.decisions.kind.",
		"document_templates.key":   "audit.value.document_templates.key.",
	}
	for _, l := range vocab.All {
		if _, set := m[l.Collection+"."+l.Field]; !set && l.Catalog != "" {
			m[l.Collection+"."+l.Field] = l.Catalog
		}
	}
	return m
}()

// selectLabel is the catalog's label of value of a select field.
func (n *namer) selectLabel(collection, field, value string) string {
	if p, ok := selectLabels[collection+"."+field]; ok && i18n.Has(p+value) {
		return i18n.T(p + value)
	}
	return value
}

// showDate formats a stored date: deadlines as the last day, days as
// dd/mm/yyyy, instants as dd/mm/yyyy HH:mm, in the ward's zone.
func showDate(collection, field, s string) string {
	d, err := types.ParseDateTime(s)
	if err != nil || d.IsZero() {
		return s
	}
	t := d.Time()
	switch collection + "." + field {
	case "rounds.submission_deadline", "rounds.decision_deadline", "extensions.until":
		return deadline.Show(t)
	}
	local := t.In(clock.Zone)
	if local.Hour() == 0 && local.Minute() == 0 && local.Second() == 0 {
		return clock.FormatDate(t)
	}
	return clock.FormatDateTime(t)
}

// fraction shows a ratio as the simple fraction it is ("2/3"), else as a
// percentage.
func fraction(x float64) string {
	for den := 1; den <= 12; den++ {
		num := math.Round(x * float64(den))
		if math.Abs(num/float64(den)-x) < 1e-6 {
			return strconv.Itoa(int(num)) + "/" + strconv.Itoa(den)
		}
	}
	return nd30.Decimal(x*100) + "%"
}

// yesNo is "Có" or "Không".
func yesNo(b bool) string {
	if b {
		return i18n.T("audit.yes")
	}
	return i18n.T("audit.no")
}

// toString, toBool, toFloat and toStrings read a snapshot's values.
func toString(v any) string { return cast.ToString(v) }
func toBool(v any) bool     { return cast.ToBool(v) }
func toFloat(v any) float64 { return cast.ToFloat64(v) }
func toStrings(v any) []string {
	if s, ok := v.(string); ok {
		if s == "" {
			return nil
		}
		return []string{s}
	}
	return cast.ToStringSlice(v)
}
