// Package hooks holds the ward's process rules on top of PocketBase: record
// hooks, the /api/reform routes, scheduled jobs and the static pages. The
// wiring is all in Register, grouped by domain, the routes in one table
// with who may call each (http_routes.go); handlers live in files named
// for what they do.
package hooks

import (
	"io/fs"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"

	"sangkien/internal/i18n"
	"sangkien/internal/readers"
)

// Register wires every hook, route and job of the program into app.
// public is the pb_public tree: the staff pages and the string catalog.
func Register(app core.App, public fs.FS) error {
	site, err := NewSite(public)
	if err != nil {
		return err
	}
	return site.Register(app)
}

// Site is the pb_public tree ready to serve: the string catalog loaded and
// each staff page put in its frame (framePages). It is read once and may
// serve any number of apps.
type Site struct {
	pages fs.FS
}

// NewSite loads the string catalog of public and frames its pages; a page
// that does not frame stops it with the page's name.
func NewSite(public fs.FS) (*Site, error) {
	if err := i18n.Load(public); err != nil {
		return nil, err
	}
	pages, err := framePages(public)
	if err != nil {
		return nil, err
	}
	return &Site{pages: pages}, nil
}

// Register wires every hook, route and job of the program into app, which
// serves the site's pages.
func (s *Site) Register(app core.App) error {
	site := s.pages

	// what the operator set in the environment (site address, off-machine
	// backups, the ward's names), applied at every start before the rest.
	app.OnServe().Bind(&hook.Handler[*core.ServeEvent]{Func: applyEnvironment, Priority: -200})

	// the write-ahead logs copied into the databases outside any request.
	app.OnServe().BindFunc(startCheckpoints)

	// first start: superuser and ward account, printed once.
	app.OnServe().Bind(&hook.Handler[*core.ServeEvent]{Func: firstRun, Priority: -100})

	// the initiatives' rule names the accounts that hold the role
	// secretariat or chairman as they stand at the start, should roles have
	// changed where no hook ran (SQL, a data folder from elsewhere); the
	// account hooks keep it from then on. It is saved only when it differs.
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		if err := readers.SetRule(se.App); err != nil {
			return err
		}
		return se.Next()
	})

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
	onWriteRequest(app, checkRoundRules, "rounds")
	app.OnRecordCreateRequest("units").BindFunc(setUnitQuotaDefault)
	app.OnRecordCreate("organization").BindFunc(refuseSecondOrganization)
	onWriteRequest(app, refuseAuditLogWrite, "audit_log")
	app.OnRecordDeleteRequest("audit_log").BindFunc(refuseAuditLogWrite)

	// the audit trail of every change made through the CRUD API.
	app.OnRecordCreateRequest(auditedCollections...).BindFunc(auditCreate)
	app.OnRecordUpdateRequest(auditedCollections...).BindFunc(auditUpdate)
	app.OnRecordDeleteRequest(auditedCollections...).BindFunc(auditDelete)

	// every /api/reform route, each with who may call it: the table in
	// http_routes.go.
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		if err := bindReformRoutes(se); err != nil {
			return err
		}
		return se.Next()
	})

	// the yearly process: deadlines, the form, codes and reminders.
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.BindFunc(guardLockedEdit)
		return se.Next()
	})
	app.OnRecordUpdateRequest("initiatives").BindFunc(guardReturnedEditDeadline)
	onWriteRequest(app, linkAuthorUsers, "initiatives")
	app.OnRecordUpdateRequest("rounds").BindFunc(guardDecidedRound)
	app.OnRecordUpdateRequest("rounds").BindFunc(guardBallotChange)
	app.Cron().MustAdd("reform_reminders", reminderCron, runReminders(app))

	// the council: one chair, a complete council from review on, assignment.
	app.OnRecordCreate("council_members").BindFunc(checkOneChair)
	app.OnRecordUpdate("council_members").BindFunc(checkOneChair)
	onWriteRequest(app, guardSeatWrite, "council_members")
	app.OnRecordDeleteRequest("council_members").BindFunc(guardSeatDelete)
	app.OnRecordCreateRequest("councils").BindFunc(guardCouncilCreate)
	app.OnRecordDeleteRequest("councils").BindFunc(guardCouncilDelete)
	app.OnRecordAfterCreateSuccess("councils").BindFunc(autoAssignOnCouncilCreate)
	app.OnRecordUpdate("initiatives").BindFunc(autoAssignOnAccept)

	// scoring: sheets through the CRUD API.
	app.OnRecordCreateRequest("scores").BindFunc(checkSheetCreate)
	app.OnRecordUpdateRequest("scores").BindFunc(checkSheetUpdate)
	app.OnRecordDeleteRequest("scores").BindFunc(checkSheetDelete)
	app.OnRecordEnrich("scores").BindFunc(hideSecretVote) // secret ballot: score_ballot.go

	// mail to whoever must act next, sent after the act through the
	// outbox (retried while the mail server is down); the movement's
	// launch mail goes the same way. Each person may turn these mails off
	// (users.mail_off).
	app.OnRecordAfterUpdateSuccess("initiatives").BindFunc(noticeInitiative)
	app.OnRecordAfterUpdateSuccess("rounds").BindFunc(noticeRound)
	app.Cron().MustAdd("mail_outbox", outboxCron, func() { kickOutbox(app) })
	app.OnTerminate().BindFunc(stopOutbox)

	// HTTP-level protections: client filters and sorts, protected files,
	// sign-in limits, body limits, headers, CORS and compression.
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.BindFunc(guardClientFilter)
		se.Router.Bind(limitJSONBody(), refuseEarlyUpload(), securityHeaders(), compress())
		se.Router.Unbind(apis.DefaultCorsMiddlewareId)
		se.Router.Bind(cors(se.App))
		return se.Next()
	})
	// a list or view that names its fields is written with those alone.
	app.OnRecordsListRequest().BindFunc(askedFieldsInList)
	app.OnRecordViewRequest().BindFunc(askedFieldsInView)
	// realtime: signed in, capped, filters checked, events sent outside the save.
	realtime := newRealtimeLimits()
	app.OnRealtimeConnectRequest().BindFunc(realtime.connect)
	app.OnRealtimeSubscribeRequest().BindFunc(realtime.guardRealtimeSubscribe)
	newRealtimeDispatch(app)
	app.OnFileDownloadRequest().BindFunc(privateFileCache) // every protected file (templates too)
	app.OnRecordAuthWithPasswordRequest().BindFunc(limitSignIn)
	// what the collections' rules cannot say: numbers that are not numbers, people
	// acting on their own work, accounts and roles the secretariat may not
	// touch, co-authors that may not be linked.
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.BindFunc(refuseBadNumbers)
		se.Router.BindFunc(refuseBadVote)
		se.Router.BindFunc(guardAccounts)
		return se.Next()
	})
	onWriteRequest(app, checkShares, "initiatives")
	onWriteRequest(app, refuseBarredAuthors, "initiatives")
	// dates that tell what has happened are not in the future.
	onWriteRequest(app, refuseFutureDates, "initiatives", "councils", "decisions")
	// documents: the Word files the ward signs, and the ward's own templates.
	onWriteRequest(app, checkDocumentTemplate, "document_templates")

	// accounts the secretariat deactivates (someone who left): no sign-in,
	// no session, no realtime stream.
	app.OnRecordCreate("users").BindFunc(activateNewAccount)
	app.OnRecordAuthWithPasswordRequest("users").BindFunc(refuseInactiveSignIn)
	// the city's sign-in (OIDC): existing ward accounts only.
	app.OnRecordAuthWithOAuth2Request("users").BindFunc(refuseOIDCSignUp)
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.BindFunc(refuseInactiveSession)
		return se.Next()
	})
	app.OnRecordAfterUpdateSuccess("users").BindFunc(closeRealtimeOfInactive)
	app.OnRealtimeMessageSend().BindFunc(refuseRealtimeToInactive)

	// search and near-duplicates: the folded index kept in step with every
	// save (a draft's text queued in the save's transaction and written
	// after it, with others); answers go through the list rule.
	app.OnRecordCreateExecute("initiatives").BindFunc(indexOnCreate)
	app.OnRecordUpdateExecute("initiatives").BindFunc(indexOnUpdate)
	app.OnRecordDeleteExecute("initiatives").BindFunc(indexOnDelete)
	app.OnServe().BindFunc(startIndexDrain)

	// who may read each initiative: its reader list, the list and view
	// rule, kept in the transaction of every change it depends on.
	registerReaders(app)

	// the staff pages, each in the frame they share (framePages), bound
	// last so that API routes win. The initiative form is one page at two
	// addresses: sua.html is moi.html (the page reads the id from the query).
	app.OnServe().Bind(&hook.Handler[*core.ServeEvent]{
		Func: func(se *core.ServeEvent) error {
			se.Router.GET("/sang-kien/sua.html", samePage(site, "sang-kien/moi.html"))
			se.Router.GET("/{path...}", apis.Static(site, false))
			return se.Next()
		},
		Priority: 999,
	})
	return nil
}

// onWriteRequest binds fn to the create and the update requests of the
// collections, after the hooks already bound to each.
func onWriteRequest(app core.App, fn func(*core.RecordRequestEvent) error, collections ...string) {
	app.OnRecordCreateRequest(collections...).BindFunc(fn)
	app.OnRecordUpdateRequest(collections...).BindFunc(fn)
}
