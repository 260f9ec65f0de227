package hooks

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/report"
	"sangkien/internal/vocab"
)

// xlsxType is the content type of an .xlsx workbook.
const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// exportReport answers GET /api/reform/rounds/{year}/export.xlsx?report=…
// with the Excel report asked for (initiatives, scores, quota, decision,
// city or all). The secretariat and the chairman get every report; a unit
// head gets initiatives and quota, holding their own unit's rows only.
// The workbook is written straight to the response.
func exportReport(e *core.RequestEvent) error {
	raw := e.Request.URL.Query().Get("report")
	kind, ok := report.ParseKind(raw)
	if !ok {
		return badRequest("report", "unknown_report", "report", raw)
	}
	opts, allowed := exportScope(e.Auth, kind)
	if !allowed {
		return fail(http.StatusForbidden, "report", "forbidden")
	}
	yearText := e.Request.PathValue("year")
	round, err := roundByYear(e.App, yearText)
	if err != nil {
		// this route names the year it did not find.
		return fail(http.StatusNotFound, "year", "round_not_found", "year", yearText)
	}
	if kind == report.Scores || kind == report.Decision || kind == report.City || kind == report.All {
		if err := requireOwnSheetsIn(e, round); err != nil {
			return err
		}
	}
	year := round.GetInt("year")
	opts.Preparer = e.Auth.GetString("name")

	wb, err := report.Build(e.App, round, kind, opts)
	if err != nil {
		e.App.Logger().Error("export: build failed", "report", kind, "year", year, "error", err)
		return fail(http.StatusInternalServerError, "report", "internal")
	}
	defer wb.Close()

	suffix := ""
	if opts.Unit != "" {
		if u, err := e.App.FindRecordById("units", opts.Unit); err == nil {
			suffix = u.GetString("code")
		}
	}
	h := e.Response.Header()
	h.Set("Content-Type", xlsxType)
	h.Set("Content-Disposition", attachment(report.FileName(kind, year, suffix)))
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	e.Response.WriteHeader(http.StatusOK)
	if _, err := wb.WriteTo(e.Response); err != nil {
		// the status is sent; all that is left is to say so in the log.
		e.App.Logger().Warn("export: writing the workbook failed", "report", kind, "year", year, "error", err)
	}
	return nil
}

// exportScope says whether auth may have report kind, and narrows it to
// their unit when they are a unit head (and neither secretariat nor chairman).
func exportScope(auth *core.Record, kind report.Kind) (report.Options, bool) {
	if hasAnyRole(auth, vocab.RoleSecretariat, vocab.RoleChairman) {
		return report.Options{}, true
	}
	unit := auth.GetString("unit")
	if HasRole(auth, vocab.RoleUnitHead) && unit != "" && (kind == report.Initiatives || kind == report.Quota) {
		return report.Options{Unit: unit}, true
	}
	return report.Options{}, false
}

// attachment is a Content-Disposition value for a download named name:
// a plain ASCII filename for old clients and its RFC 5987 form.
func attachment(name string) string {
	ascii := strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' {
			return '_'
		}
		return r
	}, name)
	return `attachment; filename="` + ascii + `"; filename*=UTF-8''` + extValue(name)
}

// extValue percent-encodes s as an RFC 5987 ext-value: every byte that is
// not an attr-char is written %XX.
func extValue(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("!#$&+-.^_`|~", c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}
