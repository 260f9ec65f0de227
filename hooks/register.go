// Package hooks holds the ward's process rules on top of PocketBase: record
// hooks, the /api/reform routes, scheduled jobs and the static pages. The
// wiring is all in Register, grouped by domain; handlers live in files
// named for what they do.
package hooks

import (
	"io/fs"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"

	"sangkien/internal/docs"
	"sangkien/internal/i18n"
)

// Register wires every hook, route and job of the program into app.
// public is the pb_public tree: the staff pages and the string catalog.
func Register(app core.App, public fs.FS) error {
	if err := i18n.Load(public); err != nil {
		return err
	}

	// first start: superuser and ward account, printed once.
	app.OnServe().Bind(&hook.Handler[*core.ServeEvent]{Func: firstRun, Priority: -100})

	// every error answered in Vietnamese, PocketBase's own too (codes kept).
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.Bind(translateErrorsMiddleware())
		return se.Next()
	})

	// the CRUD API: server-set fields and defaults.
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.BindFunc(guardServerFields)
		return se.Next()
	})
	app.OnRecordCreate("initiatives", "scores").BindFunc(startAsDraft)
	app.OnRecordCreateRequest("initiatives").BindFunc(setInitiativeOwner)
	app.OnRecordCreateRequest("scores").BindFunc(setScoreMember)
	app.OnRecordCreate("rounds").BindFunc(setRoundDefaults)
	app.OnRecordCreate("rounds").BindFunc(setEmulationDefaults) // thi đua points (doc-excel)
	app.OnRecordCreateRequest("rounds").BindFunc(carryPreviousRound)
	app.OnRecordCreateRequest("rounds").BindFunc(checkRoundRules)
	app.OnRecordUpdateRequest("rounds").BindFunc(checkRoundRules)
	app.OnRecordCreateRequest("units").BindFunc(setUnitQuotaDefault)
	app.OnRecordCreate("organization").BindFunc(refuseSecondOrganization)
	app.OnRecordCreateRequest("audit_log").BindFunc(refuseAuditLogWrite)
	app.OnRecordUpdateRequest("audit_log").BindFunc(refuseAuditLogWrite)
	app.OnRecordDeleteRequest("audit_log").BindFunc(refuseAuditLogWrite)

	// the audit trail of every change made through the CRUD API.
	app.OnRecordCreateRequest(auditedCollections...).BindFunc(auditCreate)
	app.OnRecordUpdateRequest(auditedCollections...).BindFunc(auditUpdate)
	app.OnRecordDeleteRequest(auditedCollections...).BindFunc(auditDelete)

	// the yearly process: initiative actions, deadlines, the form, codes,
	// round status, quota and reminders (DOMAIN.md §1, §7).
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.BindFunc(guardLockedEdit)
		g := se.Router.Group("/api/reform")
		g.Bind(apis.RequireAuth("users", core.CollectionNameSuperusers))
		g.POST("/initiatives/{id}/submit", transitionHandler(submitAction))
		g.POST("/initiatives/{id}/endorse", transitionHandler(endorseAction))
		g.POST("/initiatives/{id}/send-back", transitionHandler(sendBackAction))
		g.POST("/initiatives/{id}/withdraw", transitionHandler(withdrawAction))
		g.POST("/initiatives/{id}/accept", transitionHandler(acceptAction))
		g.POST("/initiatives/{id}/return", transitionHandler(returnAction))
		g.POST("/rounds/{year}/review", roundStatusHandler("review", "open", "review", readyForReview))
		g.POST("/rounds/{year}/close", roundStatusHandler("close", "decided", "closed", nil))
		g.GET("/rounds/{year}/quota", roundQuota)
		return se.Next()
	})
	app.OnRecordCreateRequest("initiatives").BindFunc(linkAuthorUsers)
	app.OnRecordUpdateRequest("initiatives").BindFunc(guardReturnedEditDeadline)
	app.OnRecordUpdateRequest("initiatives").BindFunc(linkAuthorUsers)
	app.OnRecordUpdateRequest("rounds").BindFunc(guardDecidedRound)
	app.OnRecordUpdateRequest("rounds").BindFunc(guardBallotChange)
	app.Cron().MustAdd("reform_reminders", reminderCron, runReminders(app))

	// next year's round in one step: the directive's dates, this year's
	// settings and rubric.
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		g := se.Router.Group("/api/reform")
		g.Bind(apis.RequireAuth("users", core.CollectionNameSuperusers))
		g.POST("/rounds/{year}/next", openNextRound)
		return se.Next()
	})

	// the council: one chair, a complete council from review on, assignment.
	app.OnRecordCreate("council_members").BindFunc(checkOneChair)
	app.OnRecordUpdate("council_members").BindFunc(checkOneChair)
	app.OnRecordCreateRequest("council_members").BindFunc(guardSeatWrite)
	app.OnRecordUpdateRequest("council_members").BindFunc(guardSeatWrite)
	app.OnRecordDeleteRequest("council_members").BindFunc(guardSeatDelete)
	app.OnRecordCreateRequest("councils").BindFunc(guardCouncilCreate)
	app.OnRecordDeleteRequest("councils").BindFunc(guardCouncilDelete)
	app.OnRecordAfterCreateSuccess("councils").BindFunc(autoAssignOnCouncilCreate)
	app.OnRecordUpdate("initiatives").BindFunc(autoAssignOnAccept)
	// conflicts seen when the council is set up: who is barred, and the
	// effect on the vote; a co-author linked without agreeing unlinks.
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		g := se.Router.Group("/api/reform")
		g.Bind(apis.RequireAuth("users"))
		g.GET("/councils/{id}/conflicts", councilConflictsRoute)
		g.POST("/initiatives/{id}/unlink-me", unlinkMe)
		return se.Next()
	})

	// scoring: sheets through the CRUD API, their actions, results, the
	// recognition decision and the city nomination.
	app.OnRecordCreateRequest("scores").BindFunc(checkSheetCreate)
	app.OnRecordUpdateRequest("scores").BindFunc(checkSheetUpdate)
	app.OnRecordDeleteRequest("scores").BindFunc(checkSheetDelete)
	app.OnRecordEnrich("scores").BindFunc(hideSecretVote) // secret ballot: score_ballot.go
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		g := se.Router.Group("/api/reform")
		g.Bind(apis.RequireAuth("users"))
		g.POST("/initiatives/{id}/assign", assignInitiative)
		g.POST("/scores/{id}/submit", submitSheet)
		g.POST("/scores/{id}/reopen", reopenSheet)
		g.GET("/rounds/{year}/results", roundResultsRoute)
		g.POST("/rounds/{year}/decide", decideRound)
		g.POST("/initiatives/{id}/nominate", nominateInitiative)
		return se.Next()
	})

	// the emulation office (thi đua): who has a recognised initiative, at
	// which level, by which decision; one person over the years.
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		g := se.Router.Group("/api/reform")
		g.Bind(apis.RequireAuth("users"))
		g.GET("/rounds/{year}/recognized-people", recognizedPeopleRoute)
		g.GET("/people/{userId}/initiatives", personInitiativesRoute)
		g.POST("/initiatives/{id}/scope", setInitiativeScope)
		return se.Next()
	})

	// reports: the Excel documents the office prints and signs.
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.GET("/api/reform/rounds/{year}/export.xlsx", exportReport)
		return se.Next()
	})

	// HTTP-level protections: client filters and sorts, protected files,
	// sign-in limits, body limits, headers, CORS and compression.
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.BindFunc(guardClientFilter)
		se.Router.Bind(limitJSONBody(), refuseEarlyUpload(), securityHeaders(), compress())
		se.Router.Unbind(apis.DefaultCorsMiddlewareId)
		se.Router.Bind(cors())
		return se.Next()
	})
	app.OnRealtimeSubscribeRequest().BindFunc(guardRealtimeFilter)
	app.OnFileDownloadRequest().BindFunc(privateFileCache) // every protected file (templates too)
	app.OnRecordAuthWithPasswordRequest().BindFunc(limitSignIn)
	// the rules' own gaps (issue 8): numbers that are not numbers, people
	// acting on their own work, accounts and roles the secretariat may not
	// touch, co-authors that may not be linked.
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.BindFunc(refuseBadNumbers)
		se.Router.BindFunc(guardAccounts)
		return se.Next()
	})
	app.OnRecordCreateRequest("initiatives").BindFunc(checkShares)
	app.OnRecordUpdateRequest("initiatives").BindFunc(checkShares)
	app.OnRecordCreateRequest("initiatives").BindFunc(refuseBarredAuthors)
	app.OnRecordUpdateRequest("initiatives").BindFunc(refuseBarredAuthors)
	// the process as the seed reads it (issue 9): dates that tell what has
	// happened are not in the future; the recognised list before it is signed.
	app.OnRecordCreateRequest("initiatives", "councils", "decisions").BindFunc(refuseFutureDates)
	app.OnRecordUpdateRequest("initiatives", "councils", "decisions").BindFunc(refuseFutureDates)
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		g := se.Router.Group("/api/reform")
		g.Bind(apis.RequireAuth("users"))
		g.GET("/rounds/{year}/decision-preview", decisionPreviewRoute)
		return se.Next()
	})

	// documents: the Word files the ward signs, and the ward's own templates.
	app.OnRecordCreateRequest("document_templates").BindFunc(checkDocumentTemplate)
	app.OnRecordUpdateRequest("document_templates").BindFunc(checkDocumentTemplate)
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		g := se.Router.Group("/api/reform")
		g.GET("/rounds/{year}/documents/decision.docx", wardOnly(roundDocument(docs.DecisionDocx)))
		g.GET("/rounds/{year}/documents/minutes.docx", wardOnly(roundDocument(docs.MinutesDocx)))
		g.GET("/rounds/{year}/documents/sheets.docx", wardOnly(memberSheets))
		g.GET("/rounds/{year}/documents/city-dossier.zip", wardOnly(cityDossier))
		g.GET("/initiatives/{id}/application.docx", wardOnly(applicationDocument))
		g.GET("/scores/{id}/sheet.docx", wardOnly(sheetDocument))
		g.GET("/councils/{id}/establishment.docx", wardOnly(establishmentDocument))
		return se.Next()
	})

	// accounts the secretariat deactivates (someone who left): no sign-in,
	// no session.
	app.OnRecordCreate("users").BindFunc(activateNewAccount)
	app.OnRecordAuthWithPasswordRequest("users").BindFunc(refuseInactiveSignIn)
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.BindFunc(refuseInactiveSession)
		return se.Next()
	})

	// the pages: what they must know before sign-in (public, no secrets).
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.GET("/api/reform/info", publicInfo)
		return se.Next()
	})

	// the public page: the recognised initiatives by year, for anyone
	// (no sign-in; only what the decision's annex publishes).
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.GET("/api/reform/public/recognized", publicRecognizedRoute)
		return se.Next()
	})

	// the staff pages, bound last so that API routes win.
	app.OnServe().Bind(&hook.Handler[*core.ServeEvent]{
		Func: func(se *core.ServeEvent) error {
			se.Router.GET("/{path...}", apis.Static(public, false))
			return se.Next()
		},
		Priority: 999,
	})
	return nil
}
