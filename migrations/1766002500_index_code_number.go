package migrations

import (
	m "github.com/pocketbase/pocketbase/migrations"
)

// This migration indexes the given codes of each round by their length
// and text (drafts, with no code, are not in it, so a draft's insert
// writes nothing here). A submission's next code (SK-YYYY-NNN, at least
// three digits) is then the first entry of its round in the index, the
// greatest code of the greatest length: `SEARCH initiatives USING COVERING
// INDEX idx_initiatives_round_code_number (round=?)`, where it read every
// code of the round for a MAX (15,803 in the city's round, about a third of
// a millisecond of the submit's 5 ms of CPU in the profile of 64
// submitting staff, bench-city -pprof).

func init() {
	m.Register(indexInitiativesWhere("idx_initiatives_round_code_number", "round, length(code), code", "code != ''"))
}
