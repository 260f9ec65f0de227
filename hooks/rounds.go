package hooks

import (
	"net/http"
	"strconv"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// roundByYear finds the round of year, the text of a {year} path value,
// or answers 404 not_found (field year).
func roundByYear(app core.App, year string) (*core.Record, error) {
	y, err := strconv.Atoi(year)
	if err != nil {
		return nil, fail(http.StatusNotFound, "year", "not_found")
	}
	r, err := app.FindFirstRecordByFilter("rounds", "year = {:year}", dbx.Params{"year": y})
	if err != nil {
		return nil, fail(http.StatusNotFound, "year", "not_found")
	}
	return r, nil
}
