package report

import (
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/tools/types"

	"sangkien/internal/nd30"
	"sangkien/internal/vocab"
)

// Who signs each report comes from the data, never from typed names
// (docs/domain.md, Documents): the person exporting (the preparer), unit heads from
// users (role unit_head, their position), the council's chair and
// secretary from council_members, the decision's signer from decisions,
// the chairman from organization.

// person is a ward account as a signature shows it.
type person struct {
	Name     string `db:"name"`
	Position string `db:"position"`
}

// unitHead is the head of unit id: the first account of the unit with
// the role unit_head (zero when there is none).
func (b *builder) unitHead(id string) person {
	var p person
	_ = b.app.DB().NewQuery(`SELECT name, position FROM users
		WHERE unit = {:unit} AND EXISTS (SELECT 1 FROM json_each(users.roles) WHERE value = 'unit_head')
		ORDER BY created, id LIMIT 1`).Bind(dbx.Params{"unit": id}).One(&p)
	return p
}

// secretariatUnit is the unit of the secretariat (Phòng Văn hóa – Xã
// hội): the unit most secretariat accounts belong to, the first in the
// ward's order on a tie ("" when there is no secretariat account).
func (b *builder) secretariatUnit() string {
	var row struct {
		Unit string `db:"unit"`
	}
	_ = b.app.DB().NewQuery(`SELECT u.unit AS unit FROM users u JOIN units n ON n.id = u.unit
		WHERE EXISTS (SELECT 1 FROM json_each(u.roles) WHERE value = 'secretariat')
		GROUP BY u.unit ORDER BY COUNT(*) DESC, MIN(n.created), MIN(n.rowid) LIMIT 1`).One(&row)
	return row.Unit
}

// listDocument is the issuing body and signatures of a list made by the
// secretariat or by a unit (the consolidated list, the quota report):
// for the whole ward, the ward's header, the preparer and the head of
// the secretariat's unit ("TRƯỞNG PHÒNG VĂN HÓA – XÃ HỘI"); for one unit
// (Options.Unit), the unit's own header and its head. The preparer's
// block is left out when the preparer is that head.
func (b *builder) listDocument(title, lines []string) document {
	doc := document{title: title, lines: lines, dated: b.opts.Now}
	unitID, own := b.secretariatUnit(), false
	doc.issuer = nd30.Ward(b.org.Ward)
	if b.opts.Unit != "" {
		unitID, own = b.opts.Unit, true
		doc.issuer = nd30.WardUnit(b.org.Ward, b.unitName(unitID))
	}
	head := b.unitHead(unitID)
	sig := nd30.UnitHead(head.Position, b.unitName(unitID), head.Name, own)
	doc.right = &sig
	if b.opts.Preparer == "" || !nd30.SameName(b.opts.Preparer, head.Name) {
		maker := nd30.Maker(b.opts.Preparer)
		doc.left = &maker
	}
	return doc
}

// decisionRecord is a round's decision of one kind, as recorded.
type decisionRecord struct {
	Number   string
	SignedOn time.Time // zero when not recorded
	Signer   string
}

// decision reads the round's latest decision of kind (recognition,
// city_nomination); zero when there is none.
func (b *builder) decision(kind string) decisionRecord {
	var d struct {
		Number   string `db:"number"`
		SignedOn string `db:"signed_on"`
		Signer   string `db:"signer"`
	}
	_ = b.app.DB().NewQuery(`SELECT number, signed_on, signer FROM decisions
		WHERE round = {:round} AND kind = {:kind} ORDER BY created DESC LIMIT 1`).
		Bind(dbx.Params{"round": b.round.Id, "kind": kind}).One(&d)
	out := decisionRecord{Number: d.Number, Signer: d.Signer}
	if dt, err := types.ParseDateTime(d.SignedOn); err == nil && !dt.IsZero() {
		out.SignedOn = dt.Time()
	}
	return out
}

// council is the round's council as its documents show it: its name and
// its chair's and secretary's names (the first council's, when a round
// has several).
type council struct {
	Name, Chair, Secretary string
	Single                 bool // the round has exactly one council
}

// roundCouncil reads the round's council.
func (b *builder) roundCouncil() council {
	var rows []struct {
		ID   string `db:"id"`
		Name string `db:"name"`
	}
	_ = b.app.DB().NewQuery(`SELECT id, name FROM councils WHERE round = {:round} ORDER BY created, id`).
		Bind(dbx.Params{"round": b.round.Id}).All(&rows)
	if len(rows) == 0 {
		return council{}
	}
	c := council{Name: rows[0].Name, Single: len(rows) == 1}
	var seats []struct {
		Name     string `db:"name"`
		Position string `db:"position"`
	}
	_ = b.app.DB().NewQuery(`SELECT u.name AS name, m.position AS position FROM council_members m
		JOIN users u ON u.id = m.user WHERE m.council = {:council} AND m.position IN ('chair', 'secretary')
		ORDER BY m.created, m.id`).Bind(dbx.Params{"council": rows[0].ID}).All(&seats)
	for _, s := range seats {
		switch {
		case s.Position == vocab.PositionChair && c.Chair == "":
			c.Chair = s.Name
		case s.Position == vocab.PositionSecretary && c.Secretary == "":
			c.Secretary = s.Name
		}
	}
	return c
}

// votingMembers counts the distinct voting members of the round's
// councils, as the scores table lists them.
func (b *builder) votingMembers() int {
	var n int
	_ = b.app.DB().NewQuery(`SELECT COUNT(DISTINCT m.user) FROM council_members m
		JOIN councils c ON c.id = m.council JOIN users u ON u.id = m.user
		WHERE c.round = {:round} AND m.votes = TRUE`).Bind(dbx.Params{"round": b.round.Id}).Row(&n)
	return n
}
