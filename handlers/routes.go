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
func (s *Server) routes(app *fiber.App) {
	app.Use(helmet.New(helmet.Config{
		ContentSecurityPolicy:     "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'",
		CrossOriginEmbedderPolicy: "unsafe-none",
	}))
	app.Use("/static", filesystem.New(filesystem.Config{Root: http.FS(views.Static()), MaxAge: int((24 * time.Hour).Seconds())}))
	app.Get("/healthz", s.health)
	// Published results: no session, no cookie, no form (issue 9).
	app.Get("/public", s.publicResults)

	// Records pushed by a source's API token: no session, so no CSRF.
	app.Post("/api/v1/import/:kind", s.apiImport)

	// Nothing past this point may be kept by a browser or a proxy: pages
	// and exports behind a session, the sign-in page and its token.
	app.Use(noStore)
	app.Use(s.loadViewer, s.checkCSRF)
	app.Get("/lang", s.setLang)
	app.Get("/login", s.loginForm)
	app.Post("/login", s.login)

	app.Use(s.requireSignIn, s.logDownloads)
	// bureauWide pages show every department's figures: not for a head.
	bureauWide := requireRole(models.RoleOffice, models.RoleLeader, models.RoleAuditor, models.RoleDiscipline)
	app.Post("/logout", s.logout)
	app.Get("/account", s.account)
	app.Post("/account/password", s.changeOwnPassword)
	app.Get("/", s.home)
	app.Get("/departments", s.departments)
	app.Get("/departments/:id", s.department)
	app.Post("/departments/:id/liaison", s.updateLiaison)
	app.Get("/departments/:id/liaison", s.liaisonSheet)
	app.Get("/groups", s.groups)
	app.Get("/groups/:id", s.group)
	app.Get("/catalog", s.catalog)
	app.Get("/scores", s.scores)
	app.Get("/overview", s.overview)
	app.Get("/overview/chart/:id.json", bureauWide, s.overviewChart)
	app.Get("/records/:kind/:id", s.record)
	app.Get("/flags", s.flags)
	app.Post("/flags/:id", requireRole(models.RoleOffice, models.RoleDiscipline), s.decideFlag)
	app.Get("/schemes", s.schemes)
	app.Get("/calendar", s.calendar)
	app.Get("/schemes/:version", s.scheme)
	// Accountability (issue 10): the Store decides who reads which case
	// and refuses a change by anyone but the discipline office (and a
	// head's appeal); a case the viewer may not read is a 404.
	app.Get("/cases", s.caseList)
	app.Post("/cases", s.openCase)
	app.Post("/cases/proposals/accept", s.acceptProposal)
	app.Post("/cases/proposals/dismiss", s.dismissProposal)
	app.Get("/cases/:id", s.caseFile)
	app.Post("/cases/:id/persons", s.addCasePerson)
	app.Post("/cases/:id/act", s.setCaseAct)
	app.Post("/cases/:id/persons/:pid/override", s.overrideShare)
	app.Post("/cases/:id/persons/:pid/statement", s.recordStatement)
	app.Post("/cases/:id/notes", s.addCaseNote)
	app.Post("/cases/:id/evidence", s.linkEvidence)
	app.Post("/cases/:id/attachments", s.attachCaseFile)
	app.Get("/cases/:id/attachments/:aid", s.caseAttachment)
	app.Post("/cases/:id/hear", s.hearCase)
	app.Post("/cases/:id/decide", s.decideCase)
	app.Post("/cases/:id/notify", s.notifyCase)
	app.Get("/cases/:id/notice", s.caseNotice)
	app.Get("/cases/:id/notice.docx", s.caseNoticeDOCX)
	app.Post("/cases/:id/appeal", s.appealCase)
	app.Post("/cases/:id/outcome", s.reviewCase)
	app.Post("/cases/:id/sanctions/:sid/complete", s.completeSanction)

	office := requireRole(models.RoleOffice)
	app.Get("/users", office, s.users)
	app.Post("/users", office, s.createUser)
	app.Post("/users/:id/password", office, s.resetPassword)
	app.Post("/users/:id/:action", office, s.changeAccount)
	app.Post("/scores/compute", office, s.computeScores)
	app.Post("/calendar", office, s.uploadCalendar)
	app.Post("/schemes/:version", office, s.saveScheme)
	app.Post("/schemes/:version/copy", office, s.copyScheme)
	app.Post("/schemes/:version/approve", requireRole(models.RoleLeader), s.approveScheme)
	app.Get("/audit", requireRole(models.RoleOffice, models.RoleAuditor), s.audit)
	app.Get("/imports", requireRole(models.RoleOffice, models.RoleLeader, models.RoleAuditor, models.RoleHead), s.imports)
	app.Post("/imports", office, s.startImport)
	app.Get("/imports/jobs/:id", office, s.importJobPage)
	app.Get("/imports/jobs/:id/errors", office, s.importErrors)
	app.Get("/imports/templates/:kind", s.importTemplate)
	// Reports (issue 5) and the lists' XLSX exports: every role may ask; the
	// Store and models/reports refuse what the viewer may not read.
	app.Get("/reports/quarterly", s.quarterlyReport)
	app.Get("/reports/quarterly.xlsx", s.quarterlyXLSX)
	// A head files the department's reports (issue 12).
	head := requireRole(models.RoleHead)
	app.Get("/reports/quarterly/file", head, s.quarterlyFilingPage)
	app.Post("/reports/quarterly/file", head, s.fileQuarterly)
	app.Get("/reports/annual/file", head, s.annualFilingPage)
	app.Post("/reports/annual/file", head, s.fileAnnual)
	app.Get("/reports/annual", s.annualReport)
	app.Post("/reports/annual", office, s.saveAnnualReport)
	app.Get("/reports/annual.docx", s.annualDOCX)
	app.Get("/reports/annual.xlsx", s.annualXLSX)
	app.Post("/reports/annual/final", office, s.finalAnnualReport)
	app.Post("/reports/annual/figures", s.saveAnnualFigures)
	app.Get("/reports/annual/requests", s.annualRequests)
	app.Post("/reports/annual/requests/:id", office, s.categoriseRequest)
	app.Get("/channels", office, s.channels)
	app.Post("/channels", office, s.addChannel)
	app.Post("/channels/:id/delete", office, s.deleteChannel)
	app.Get("/export/departments.xlsx", s.exportDepartments)
	app.Get("/export/catalog.xlsx", s.exportCatalog)
	app.Get("/export/users.xlsx", office, s.exportUsers)
	app.Get("/export/audit.xlsx", requireRole(models.RoleOffice, models.RoleAuditor), s.exportAudit)
	app.Get("/export/imports.xlsx", requireRole(models.RoleOffice, models.RoleLeader, models.RoleAuditor, models.RoleHead), s.exportImports)
	app.Get("/export/deductions.xlsx", s.exportDeductions)
	app.Get("/export/scores.xlsx", s.exportScores)
	app.Get("/sources", office, s.sources)
	app.Post("/sources", office, s.createSource)
	app.Post("/sources/:id/pull", office, s.pullSource)
	app.Post("/sources/:id/tokens", office, s.issueToken)
	app.Post("/tokens/:id/revoke", office, s.revokeToken)
	s.assessmentRoutes(app)

	api := app.Group("/api/v1")
	api.Get("/departments", s.apiDepartments)
	api.Get("/departments/:id", s.apiDepartment)
	api.Get("/scores", office, s.apiScores)
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

func (s *Server) health(c *fiber.Ctx) error {
	if err := s.store.Ping(c.UserContext()); err != nil {
		return c.Status(fiber.StatusServiceUnavailable).SendString("database unavailable")
	}
	return c.SendString("ok")
}

// setLang switches the interface language and goes back where the user was.
func (s *Server) setLang(c *fiber.Ctx) error {
	c.Cookie(&fiber.Cookie{Name: "lang", Value: string(views.ParseLang(c.Query("to"))), Path: "/", MaxAge: 365 * 24 * 3600, HTTPOnly: true, SameSite: "Lax"})
	return c.Redirect(backPath(c), fiber.StatusSeeOther)
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
