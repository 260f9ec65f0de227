package hooks

import (
	"errors"
	"net/http"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/docs"
	"sangkien/internal/vocab"
)

// Content types of the documents.
const (
	docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	zipType  = "application/zip"
)

// roundDocument answers GET /api/reform/rounds/{year}/documents/… with the
// round document that build writes, for the secretariat and the chairman
// (once their own sheets are in if they hold a voting seat: score_gate.go).
func roundDocument(build func(app core.App, round *core.Record) ([]byte, string, error)) func(*core.RequestEvent) error {
	return func(e *core.RequestEvent) error {
		round, err := roundWithSheets(e, documentRound)
		if err != nil {
			return err
		}
		data, name, err := build(e.App, round)
		return sendDocument(e, docxType, name, data, err)
	}
}

// documentRound finds the round named by {year}, or answers 404.
func documentRound(e *core.RequestEvent) (*core.Record, error) {
	year := e.Request.PathValue("year")
	round, err := roundByYear(e.App, year)
	if err != nil {
		return nil, fail(http.StatusNotFound, "year", "round_not_found", "year", year)
	}
	return round, nil
}

// cityDossier answers GET /api/reform/rounds/{year}/documents/city-dossier.zip:
// the submission, the decision and each nominated initiative's form and
// attachments, for the secretariat and the chairman. The documents are
// made and the attachments found before answering, so that a failure is
// still a clean error; the zip is then streamed.
func cityDossier(e *core.RequestEvent) error {
	round, err := roundWithSheets(e, documentRound)
	if err != nil {
		return err
	}
	d, err := docs.PrepareCityDossier(e.App, round)
	if err != nil {
		return sendDocument(e, zipType, "", nil, err)
	}
	documentHeaders(e, zipType, d.Name())
	e.Response.WriteHeader(http.StatusOK)
	if err := d.Write(e.Response); err != nil {
		// the status is sent; all that is left is to say so in the log.
		e.App.Logger().Warn("document: writing the dossier failed", "year", round.GetInt("year"), "error", err)
	}
	return nil
}

// applicationDocument answers GET /api/reform/initiatives/{id}/application.docx:
// the application form, for its authors (the owner and linked co-authors)
// at any time, and once submitted for its unit's head, the secretariat
// and the chairman. Anyone else gets the 404 of an unknown id.
func applicationDocument(e *core.RequestEvent) error {
	ini, err := recordByID(e.App, "initiatives", e.Request.PathValue("id"))
	if err != nil {
		return err
	}
	submitted := ini.GetString("status") != vocab.Draft
	allowed := isAuthor(ini, e.Auth.Id) ||
		submitted && (isUnitHead(e.Auth, ini) || hasAnyRole(e.Auth, vocab.RoleSecretariat, vocab.RoleChairman))
	if !allowed {
		return notFound()
	}
	data, name, err := docs.ApplicationDocx(e.App, ini)
	return sendDocument(e, docxType, name, data, err)
}

// sheetDocument answers GET /api/reform/scores/{id}/sheet.docx: one score
// sheet, for its member, and once submitted for the secretariat and the
// chairman unless they wrote the initiative (an author never sees the
// sheets of their own). Anyone else gets the 404 of an unknown id.
func sheetDocument(e *core.RequestEvent) error {
	sheet, err := recordByID(e.App, "scores", e.Request.PathValue("id"))
	if err != nil {
		return err
	}
	if sheet.GetString("member") != e.Auth.Id {
		ini, err := recordByID(e.App, "initiatives", sheet.GetString("initiative"))
		if err != nil {
			return err
		}
		if !oversees(e.Auth, sheet, ini) || withholdsSheet(e.App, e.Auth, ini) {
			return notFound()
		}
	}
	data, name, err := docs.SheetDocx(e.App, sheet)
	return sendDocument(e, docxType, name, data, err)
}

// oversees reports whether auth, not the sheet's member, may read it: the
// secretariat or the chairman, the sheet submitted, auth not an author.
func oversees(auth, sheet, ini *core.Record) bool {
	return hasAnyRole(auth, vocab.RoleSecretariat, vocab.RoleChairman) && sheet.GetString("status") == vocab.SheetSubmitted && !isAuthor(ini, auth.Id)
}

// memberSheets answers GET /api/reform/rounds/{year}/documents/sheets.docx?member={userId}:
// a member's sheets of the round, one a page. A council member gets their
// own (member omitted or their id), drafts included; the secretariat and the
// chairman any member's submitted sheets, save those on initiatives they
// wrote.
func memberSheets(e *core.RequestEvent) error {
	id := e.Request.URL.Query().Get("member")
	if id == "" {
		id = e.Auth.Id
	}
	own := id == e.Auth.Id && HasRole(e.Auth, vocab.RoleCouncil)
	if !own && !hasAnyRole(e.Auth, vocab.RoleSecretariat, vocab.RoleChairman) {
		return forbidden()
	}
	round, err := documentRound(e)
	if err != nil {
		return err
	}
	member, err := e.App.FindRecordById("users", id)
	if err != nil {
		return fail(http.StatusNotFound, "member", "member_not_found")
	}
	if id != e.Auth.Id {
		if err := requireOwnSheetsIn(e, round); err != nil {
			return err
		}
	}
	data, name, err := docs.MemberSheetsDocx(e.App, round, member, func(sheet, ini *core.Record) bool {
		return own || oversees(e.Auth, sheet, ini)
	})
	return sendDocument(e, docxType, name, data, err)
}

// establishmentDocument answers GET /api/reform/councils/{id}/establishment.docx:
// the decision establishing the council, for the secretariat and the chairman.
func establishmentDocument(e *core.RequestEvent) error {
	council, err := recordByID(e.App, "councils", e.Request.PathValue("id"))
	if err != nil {
		return err
	}
	data, name, err := docs.EstablishmentDocx(e.App, council)
	return sendDocument(e, docxType, name, data, err)
}

// sendDocument answers with the document data named name, or with the
// error that making it gave: a ward template that does not work is named
// (500 template: template_invalid), so is an attachment gone from the file
// storage (500 attachments: attachment_missing); anything else is a plain
// 500; all logged.
func sendDocument(e *core.RequestEvent, contentType, name string, data []byte, err error) error {
	if err != nil {
		e.App.Logger().Error("document: build failed", "path", e.Request.URL.Path, "error", err)
		var missing *docs.MissingAttachment
		if errors.As(err, &missing) {
			return fail(http.StatusInternalServerError, "attachments", "attachment_missing", "code", missing.Code, "file", missing.File)
		}
		var te *docs.TemplateError
		if errors.As(err, &te) && te.Stored {
			return failKey(http.StatusInternalServerError, "template", "template_invalid", "error.document_template_broken", "key", te.Key)
		}
		return fail(http.StatusInternalServerError, "document", "internal")
	}
	documentHeaders(e, contentType, name)
	return e.Blob(http.StatusOK, contentType, data)
}

// documentHeaders sets the headers of a download named name.
func documentHeaders(e *core.RequestEvent, contentType, name string) {
	h := e.Response.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Disposition", attachment(name))
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
}
