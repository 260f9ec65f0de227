package main

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"sangkien/internal/bench/benchkit"
)

// roleRow names the role changes' row of the table.
const roleRow = "role changes by the IT officer, one PATCH each (program only)"

// roleChanges times, one request at a time on the server at api (…/api/),
// the account changes that rewrite reader lists: the role chairman given
// to a staff member and taken back, then the unit head moved to another
// unit and back. Each PATCH is answered after its transaction commits, so
// its time is the time the writer is held for it, plus the request.
func roleChanges(api string, c *city) (string, error) {
	client := &http.Client{Timeout: 5 * time.Minute}
	staff, head := c.StaffID[0], c.TokenUser["unit_head"]
	steps := []struct {
		name, user string
		body       map[string]any
	}{
		{"chairman given", staff, map[string]any{"roles": []string{"staff", "chairman"}}},
		{"taken back", staff, map[string]any{"roles": []string{"staff"}}},
		{"unit head moved to another unit", head, map[string]any{"unit": c.OtherUnit}},
		{"moved back", head, map[string]any{"unit": c.Unit}},
	}
	var out []string
	for _, s := range steps {
		t0 := time.Now()
		if err := call(client, "PATCH", api+"collections/users/records/"+s.user, c.Admin, s.body, nil); err != nil {
			return "", fmt.Errorf("%s: %w", s.name, err)
		}
		out = append(out, fmt.Sprintf("%s %s", s.name, benchkit.Ms(time.Since(t0))))
	}
	return strings.Join(out, ", "), nil
}
