package hooks

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/docs"
	"sangkien/internal/vocab"
)

// level is who may reach a route's handler at all, checked before it runs.
// A handler still checks what depends on the record it acts on (the
// initiative's unit, the sheet's member).
type level int

const (
	// undeclared is a route with no protection written down: Register
	// refuses it.
	undeclared level = iota
	// public: anyone, signed in or not.
	public
	// signedIn: a ward account or a superuser; nobody signed in gets 401.
	signedIn
	// wardAccount: a ward account only; nobody signed in gets 401, a
	// superuser 403 (documents are signed by ward officers, not by the IT
	// admin).
	wardAccount
)

// String names the level as the route table says it.
func (l level) String() string {
	switch l {
	case public:
		return "public"
	case signedIn:
		return "signed in"
	case wardAccount:
		return "ward account"
	}
	return "undeclared"
}

// reformRoute is one /api/reform route and its protection: a level and, when
// given, the roles a ward account must hold one of (403 otherwise; a
// superuser passes a signedIn route whatever its roles).
type reformRoute struct {
	method, path string
	level        level
	roles        []string
	handler      func(*core.RequestEvent) error
}

// Protection describes who may call the route: "public", "signed in",
// "ward account", followed by the roles when there are some.
func (r reformRoute) Protection() string {
	if len(r.roles) == 0 {
		return r.level.String()
	}
	return r.level.String() + ": " + strings.Join(r.roles, " or ")
}

// role lists are the roles of the table, named once.
var (
	officers    = []string{vocab.RoleSecretariat, vocab.RoleChairman}
	secretariat = []string{vocab.RoleSecretariat}
)

// reformRoutes is every route under /api/reform, each declared once with
// who may call it.
func reformRoutes() []reformRoute {
	return []reformRoute{
		// before sign-in: what the pages need, and the published list.
		{"GET", "/info", public, nil, publicInfo},
		{"GET", "/public/recognized", public, nil, publicRecognizedRoute},
		{"GET", "/public/search", public, nil, publicSearchRoute},

		// the audit log as sentences, through its own list rule.
		{"GET", "/audit", signedIn, officers, auditPage},

		// one person's work across rounds, each part through its list rule.
		{"GET", "/me/todo", wardAccount, nil, myTodo},

		// search and near-duplicates: answers go through the caller's list
		// rule, so nobody learns of a row they cannot read.
		{"GET", "/search", signedIn, nil, searchRoute},
		{"GET", "/initiatives/{id}/similar", signedIn, nil, similarRoute},
		{"POST", "/initiatives/{id}/similar", signedIn, nil, recomputeSimilarRoute},
		// what a resubmission changed since it was sent back, through the view rule.
		{"GET", "/initiatives/{id}/changes", signedIn, nil, initiativeChanges},

		// the initiative's way through the year; each transition says who
		// may take it for this initiative (its owner, its unit's head, the
		// secretariat).
		{"POST", "/initiatives/{id}/submit", signedIn, nil, transitionHandler(submitAction)},
		{"POST", "/initiatives/{id}/endorse", signedIn, nil, transitionHandler(endorseAction)},
		{"POST", "/initiatives/{id}/send-back", signedIn, nil, transitionHandler(sendBackAction)},
		{"POST", "/initiatives/{id}/withdraw", signedIn, nil, transitionHandler(withdrawAction)},
		{"POST", "/initiatives/{id}/accept", signedIn, nil, transitionHandler(acceptAction)},
		{"POST", "/initiatives/{id}/return", signedIn, nil, transitionHandler(returnAction)},
		{"POST", "/initiatives/{id}/assign", wardAccount, secretariat, assignInitiative},
		{"POST", "/initiatives/{id}/nominate", wardAccount, officers, nominateInitiative},
		// the level that recognised its effect (emulation); a co-author
		// linked without agreeing removes the link to their account.
		{"POST", "/initiatives/{id}/scope", wardAccount, secretariat, setInitiativeScope},
		{"POST", "/initiatives/{id}/unlink-me", wardAccount, nil, unlinkMe},
		// the council's members barred as authors, seen when it is set up.
		{"GET", "/councils/{id}/conflicts", wardAccount, officers, councilConflictsRoute},
		// a seat holder's queue: its counts and the next to score, under
		// the initiatives' list rule (403 for anyone not seated on it).
		{"GET", "/councils/{id}/queue", wardAccount, nil, councilQueueRoute},

		// the round.
		{"POST", "/rounds/{year}/review", signedIn, secretariat, roundStatusHandler("review", vocab.RoundOpen, vocab.RoundReview, readyForReview)},
		{"POST", "/rounds/{year}/close", signedIn, secretariat, roundStatusHandler("close", vocab.RoundDecided, vocab.RoundClosed, nil)},
		{"POST", "/rounds/{year}/reopen", signedIn, secretariat, roundStatusHandler("reopen", vocab.RoundReview, vocab.RoundOpen, noSheetSubmitted)},
		{"POST", "/rounds/{year}/next", signedIn, secretariat, openNextRound},
		{"DELETE", "/rounds/{year}", signedIn, secretariat, removeRound},
		// the movement's launch: the mail previewed, then sent once.
		{"GET", "/rounds/{year}/launch", signedIn, secretariat, launchPreview},
		{"POST", "/rounds/{year}/launch", signedIn, secretariat, launchRound},
		// the officers see every unit, a unit head their own.
		{"GET", "/rounds/{year}/quota", signedIn, nil, roundQuota},
		// the secretariat's overview page: counts, what waits, who is short of sheets.
		{"GET", "/rounds/{year}/overview", wardAccount, secretariat, roundOverviewRoute},
		// the council page's progress: each seat's and each initiative's sheets.
		{"GET", "/rounds/{year}/progress", wardAccount, secretariat, roundProgressRoute},
		// the chairman's page: the round's initiatives but drafts by status and
		// late, as the officers' list rule shows them (both are overseers).
		{"GET", "/rounds/{year}/counts", wardAccount, officers, roundCountsRoute},

		// scoring and its outcome; a sheet's actions are its member's.
		{"POST", "/scores/{id}/submit", wardAccount, nil, submitSheet},
		{"POST", "/scores/{id}/reopen", wardAccount, nil, reopenSheet},
		{"GET", "/rounds/{year}/results", wardAccount, officers, roundResultsRoute},
		{"GET", "/rounds/{year}/decision-preview", wardAccount, officers, decisionPreviewRoute},
		{"POST", "/rounds/{year}/decide", wardAccount, officers, decideRound},

		// the emulation office (thi đua): who has a recognised initiative,
		// at which level, by which decision; a person over the years (their
		// own, or anyone's for the officers).
		{"GET", "/rounds/{year}/recognized-people", wardAccount, officers, recognizedPeopleRoute},
		{"GET", "/people/{userId}/initiatives", wardAccount, nil, personInitiativesRoute},

		// the documents the ward prints and signs. The officers get every
		// report, a unit head their unit's; a member gets their own sheets,
		// an author their form.
		{"GET", "/rounds/{year}/export.xlsx", signedIn, nil, exportReport},
		{"GET", "/rounds/{year}/documents/decision.docx", wardAccount, officers, roundDocument(docs.DecisionDocx)},
		{"GET", "/rounds/{year}/documents/minutes.docx", wardAccount, officers, roundDocument(docs.MinutesDocx)},
		{"GET", "/rounds/{year}/documents/sheets.docx", wardAccount, nil, memberSheets},
		{"GET", "/rounds/{year}/documents/city-dossier.zip", wardAccount, officers, cityDossier},
		{"GET", "/initiatives/{id}/application.docx", wardAccount, nil, applicationDocument},
		{"GET", "/scores/{id}/sheet.docx", wardAccount, nil, sheetDocument},
		{"GET", "/councils/{id}/establishment.docx", wardAccount, officers, establishmentDocument},

		// sign-in throttling: the accounts wrong passwords are tried on,
		// and clearing one (guard_sign_in.go).
		{"GET", "/sign-in-locks", wardAccount, secretariat, signInLocksRoute},
		{"POST", "/sign-in-locks/clear", wardAccount, secretariat, clearSignInLockRoute},
	}
}

// bindReformRoutes adds every route of reformRoutes under /api/reform,
// each behind its protection. A route without one is an error.
func bindReformRoutes(se *core.ServeEvent) error {
	g := se.Router.Group("/api/reform")
	for _, r := range reformRoutes() {
		if r.level == undeclared {
			return fmt.Errorf("route %s /api/reform%s declares no protection", r.method, r.path)
		}
		g.Route(r.method, r.path, protect(r))
	}
	return nil
}

// protect runs r's handler only for a caller r's protection lets through.
func protect(r reformRoute) func(*core.RequestEvent) error {
	return func(e *core.RequestEvent) error {
		if r.level == public {
			return r.handler(e)
		}
		if e.Auth == nil {
			return fail(http.StatusUnauthorized, "auth", "unauthorized")
		}
		ward := isWardAccount(e.Auth)
		switch {
		case !ward && (r.level == wardAccount || !e.Auth.IsSuperuser()):
			return forbidden()
		case ward && len(r.roles) > 0 && !hasAnyRole(e.Auth, r.roles...):
			return forbidden()
		}
		return r.handler(e)
	}
}

// Route is a route of the table as a test or a document lists it.
type Route struct {
	Method, Path, Protection string
	// Roles are the roles one of which a ward account must hold (none:
	// any ward account).
	Roles []string
}

// Routes lists every /api/reform route with its protection, in the table's
// order.
func Routes() []Route {
	var out []Route
	for _, r := range reformRoutes() {
		out = append(out, Route{r.method, "/api/reform" + r.path, r.Protection(), r.roles})
	}
	return out
}
