package handlers

import (
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/filesystem"
	"github.com/gofiber/fiber/v2/middleware/helmet"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/views"
)

// routes lists every URL in one place.
func (s *Server) routes(fa *fiber.App) {
	app := &router{App: fa}
	s.routing = app
	app.Use(s.limitBody, s.deadline)
	app.Use(helmet.New(helmet.Config{
		ContentSecurityPolicy:     "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'",
		CrossOriginEmbedderPolicy: "unsafe-none",
	}))
	app.Use("/static", filesystem.New(filesystem.Config{Root: http.FS(views.Static()), MaxAge: int((24 * time.Hour).Seconds())}))
	get(app, "/healthz", models.ActPublic, s.health)
	// The public site: no session, no cookie, no form (issues 9 and 25).
	s.publicRoutes(app)
	s.campaignPublicRoutes(app)

	// Records pushed by a source's API token: no session, so no CSRF.
	post(app, "/api/v1/import/:kind", models.ActPublic, s.apiImport, takesFiles)

	// Nothing past this point may be kept by a browser or a proxy: pages
	// and exports behind a session, the sign-in page and its token.
	app.Use(noStore)
	app.Use(s.loadViewer, s.largeBodyNeedsSignIn, s.checkCSRF)
	get(app, "/lang", models.ActPublic, s.setLang)
	get(app, "/login", models.ActPublic, s.loginForm)
	post(app, "/login", models.ActPublic, s.login)

	app.Use(s.requireSignIn, s.logDownloads)
	post(app, "/logout", models.ActSignedIn, s.logout)
	get(app, "/account", models.ActSignedIn, s.account)
	post(app, "/account/password", models.ActSignedIn, s.changeOwnPassword)
	get(app, "/", models.ActSignedIn, s.home)
	get(app, "/departments", models.ActSignedIn, s.departments)
	get(app, "/departments/:id", models.ActSignedIn, s.department)
	post(app, "/departments/:id/liaison", models.ActEditLiaison, s.updateLiaison)
	get(app, "/departments/:id/liaison", models.ActSignedIn, s.liaisonSheet)
	get(app, "/departments/:id/liaison.docx", models.ActEditLiaison, s.liaisonDOCX)
	get(app, "/groups", models.ActSignedIn, s.groups)
	get(app, "/groups/:id", models.ActSignedIn, s.group)
	get(app, "/catalog", models.ActSignedIn, s.catalog)
	get(app, "/scores", models.ActSignedIn, s.scores)
	get(app, "/overview", models.ActSignedIn, s.overview)
	get(app, "/overview/chart/:id.json", models.ActReadBureau, s.overviewChart)
	get(app, "/records/:kind/:id", models.ActSignedIn, s.record)
	s.requestsRoutes(app)
	get(app, "/flags", models.ActSignedIn, s.flags)
	post(app, "/flags/:id", models.ActDecideFlag, s.decideFlag)
	get(app, "/schemes", models.ActSignedIn, s.schemes)
	get(app, "/calendar", models.ActSignedIn, s.calendar)
	get(app, "/schemes/:version", models.ActSignedIn, s.scheme)
	// Accountability (issue 10): the table decides who takes each step,
	// the Store which case is read by whom and which step its state allows;
	// a case the viewer may not read is a 404.
	get(app, "/cases", models.ActSignedIn, s.caseList)
	post(app, "/cases", models.ActHandleCases, s.openCase)
	post(app, "/cases/proposals/accept", models.ActHandleCases, s.acceptProposal)
	post(app, "/cases/proposals/dismiss", models.ActHandleCases, s.dismissProposal)
	get(app, "/cases/:id", models.ActSignedIn, s.caseFile)
	post(app, "/cases/:id/persons", models.ActHandleCases, s.addCasePerson)
	post(app, "/cases/:id/act", models.ActHandleCases, s.setCaseAct)
	post(app, "/cases/:id/persons/:pid/override", models.ActHandleCases, s.overrideShare)
	post(app, "/cases/:id/persons/:pid/statement", models.ActHandleCases, s.recordStatement)
	post(app, "/cases/:id/notes", models.ActHandleCases, s.addCaseNote)
	post(app, "/cases/:id/evidence", models.ActHandleCases, s.linkEvidence)
	post(app, "/cases/:id/attachments", models.ActHandleCases, s.attachCaseFile, takesFiles)
	get(app, "/cases/:id/attachments/:aid", models.ActSignedIn, s.caseAttachment)
	post(app, "/cases/:id/hear", models.ActHandleCases, s.hearCase)
	post(app, "/cases/:id/decide", models.ActHandleCases, s.decideCase)
	post(app, "/cases/:id/notify", models.ActHandleCases, s.notifyCase)
	get(app, "/cases/:id/notice", models.ActSignedIn, s.caseNotice)
	get(app, "/cases/:id/notice.docx", models.ActSignedIn, s.caseNoticeDOCX)
	get(app, "/cases/:id/documents/:doc", models.ActSignedIn, s.caseDocument)
	get(app, "/cases/:id/documents/:doc/docx", models.ActSignedIn, s.caseDocumentDOCX)
	post(app, "/cases/:id/appeal", models.ActAppealCase, s.appealCase, takesFiles)
	post(app, "/cases/:id/outcome", models.ActHandleCases, s.reviewCase)
	post(app, "/cases/:id/sanctions/:sid/complete", models.ActHandleCases, s.completeSanction)
	post(app, "/cases/:id/sanctions/:sid/report", models.ActAnswerCase, s.reportSanctionDone, takesFiles)

	get(app, "/users", models.ActAdminister, s.users)
	post(app, "/users", models.ActAdminister, s.createUser)
	post(app, "/users/:id/password", models.ActAdminister, s.resetPassword)
	post(app, "/users/:id/:action", models.ActAdminister, s.changeAccount)
	post(app, "/scores/compute", models.ActAdminister, s.computeScores, compute)
	post(app, "/calendar", models.ActAdminister, s.uploadCalendar, takesFiles)
	post(app, "/schemes/:version", models.ActAdminister, s.saveScheme)
	post(app, "/schemes/:version/copy", models.ActAdminister, s.copyScheme)
	post(app, "/schemes/:version/approve", models.ActApproveScheme, s.approveScheme)
	get(app, "/audit", models.ActReadAudit, s.audit)
	get(app, "/imports", models.ActReadImports, s.imports)
	post(app, "/imports", models.ActAdminister, s.startImport, takesFiles)
	get(app, "/imports/jobs/:id", models.ActAdminister, s.importJobPage)
	get(app, "/imports/jobs/:id/errors", models.ActAdminister, s.importErrors)
	post(app, "/imports/jobs/:id/cancel", models.ActAdminister, s.cancelImport)
	get(app, "/imports/templates/:kind", models.ActSignedIn, s.importTemplate)
	// Reports (issue 5) and the lists' XLSX exports: every role may ask; the
	// Store and models/reports refuse what the viewer may not read.
	get(app, "/reports/quarterly", models.ActSignedIn, s.quarterlyReport)
	get(app, "/reports/quarterly.xlsx", models.ActSignedIn, s.quarterlyXLSX)
	// A head files the department's reports (issue 12).
	get(app, "/reports/quarterly/file", models.ActFileForDepartment, s.quarterlyFilingPage)
	post(app, "/reports/quarterly/file", models.ActFileForDepartment, s.fileQuarterly)
	get(app, "/reports/annual/file", models.ActFileForDepartment, s.annualFilingPage)
	post(app, "/reports/annual/file", models.ActFileForDepartment, s.fileAnnual)
	get(app, "/reports/annual", models.ActSignedIn, s.annualReport)
	post(app, "/reports/annual", models.ActAdminister, s.saveAnnualReport)
	get(app, "/reports/annual.docx", models.ActSignedIn, s.annualDOCX)
	get(app, "/reports/annual.xlsx", models.ActSignedIn, s.annualXLSX)
	post(app, "/reports/annual/final", models.ActAdminister, s.finalAnnualReport)
	post(app, "/reports/annual/figures", models.ActFileAnnualFigures, s.saveAnnualFigures)
	get(app, "/reports/annual/requests", models.ActSignedIn, s.annualRequests)
	post(app, "/reports/annual/requests/:id", models.ActAdminister, s.categoriseRequest)
	get(app, "/channels", models.ActAdminister, s.channels)
	post(app, "/channels", models.ActAdminister, s.addChannel)
	post(app, "/channels/:id/delete", models.ActAdminister, s.deleteChannel)
	get(app, "/export/departments.xlsx", models.ActSignedIn, s.exportDepartments)
	get(app, "/export/catalog.xlsx", models.ActSignedIn, s.exportCatalog)
	get(app, "/export/users.xlsx", models.ActAdminister, s.exportUsers)
	get(app, "/export/audit.xlsx", models.ActReadAudit, s.exportAudit)
	get(app, "/export/imports.xlsx", models.ActReadImports, s.exportImports)
	get(app, "/export/deductions.xlsx", models.ActSignedIn, s.exportDeductions)
	get(app, "/export/scores.xlsx", models.ActSignedIn, s.exportScores)
	get(app, "/sources", models.ActAdminister, s.sources)
	post(app, "/sources", models.ActAdminister, s.createSource)
	post(app, "/sources/:id/pull", models.ActAdminister, s.pullSource)
	post(app, "/sources/:id/tokens", models.ActAdminister, s.issueToken)
	post(app, "/tokens/:id/revoke", models.ActAdminister, s.revokeToken)
	s.assessmentRoutes(app)
	s.ledgerRoutes(app)
	s.guideRoutes(app)
	s.columnsRoutes(app)
	s.notifyRoutes(app)
	s.publicationsRoutes(app)
	s.pubobjRoutes(app)
	s.receiptsRoutes(app)
	s.campaignRoutes(app)
	s.monitorRoutes(app)

	get(app, "/api/v1/departments", models.ActSignedIn, s.apiDepartments)
	get(app, "/api/v1/departments/:id", models.ActSignedIn, s.apiDepartment)
	get(app, "/api/v1/scores", models.ActAdminister, s.apiScores)
	get(app, "/api/v1/standings", models.ActSignedIn, s.apiStandings)
}

// logDownloads writes every file the app hands out (exports, reports,
// attachments: whatever answers 200 as an attachment) to the audit log:
// who took what, from where.
func (s *Server) logDownloads(c *fiber.Ctx) error {
	if err := c.Next(); err != nil {
		return err
	}
	if c.Response().StatusCode() != fiber.StatusOK || !strings.HasPrefix(string(c.Response().Header.Peek(fiber.HeaderContentDisposition)), "attachment") {
		return nil
	}
	v, _ := viewer(c)
	uri := c.OriginalURL()
	if len(uri) > 512 {
		uri = uri[:512]
	}
	return s.store.Audited(c.UserContext(), v, func(tx *models.Tx) error {
		return tx.Record("export", "download", truncateRunes(c.Path(), 64), nil, map[string]string{"url": uri, "ip": clientAddr(c)})
	})
}

func truncateRunes(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}

// noStore forbids caching the response; a handler may still say more.
func noStore(c *fiber.Ctx) error {
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Next()
}

// setLang switches the interface language and goes back where the user was.
func (s *Server) setLang(c *fiber.Ctx) error {
	c.Cookie(&fiber.Cookie{Name: "lang", Value: string(views.ParseLang(c.Query("to"))), Path: "/", MaxAge: 365 * 24 * 3600, HTTPOnly: true, SameSite: "Lax"})
	return c.Redirect(backPath(c), fiber.StatusSeeOther)
}

// herePath is the page being rendered (path and query), so that the language
// switch returns to it; a page rendered by a POST has no address to return
// to, and the switch falls back to the Referer.
func herePath(c *fiber.Ctx) string {
	if c.Method() != fiber.MethodGet {
		return ""
	}
	return c.OriginalURL()
}

// backPath is ?back= or the Referer's path, but only a path on this site, so
// that /lang is no open redirect.
func backPath(c *fiber.Ctx) string {
	if b := c.Query("back"); isLocalPath(b) {
		return b
	}
	if u, err := url.Parse(c.Get(fiber.HeaderReferer)); err == nil && isLocalPath(u.RequestURI()) {
		return u.RequestURI()
	}
	return "/"
}

// isLocalPath accepts a path of this site only: it starts with one slash,
// holds no backslash, whitespace or control character (browsers drop tabs
// and newlines, so "/\t/evil.example" would become "//evil.example", and
// read a backslash as a slash), and parses with neither scheme nor host.
func isLocalPath(p string) bool {
	if len(p) > 2048 || !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") {
		return false
	}
	for _, r := range p {
		if r < 0x21 || r == 0x7f || r == '\\' || unicode.IsSpace(r) || unicode.IsControl(r) || r == utf8.RuneError {
			return false
		}
	}
	u, err := url.Parse(p)
	return err == nil && u.Scheme == "" && u.Host == "" && u.User == nil && u.Opaque == "" && strings.HasPrefix(u.Path, "/") && !strings.HasPrefix(u.Path, "//")
}
