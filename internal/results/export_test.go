package results

// SplitFrom lets the tests of package results_test read small rounds'
// sheets in two halves.
var SplitFrom = &splitFrom

// SpanSlack lets them choose how sheets are read: 0 through the round's
// initiatives, a large number by rowid.
var SpanSlack = &spanSlack
