package handlers

import "github.com/gongkai/gongkai/models"

// monitorRoutes are issue 25's monitoring between year ends (季度监测): the
// runs, computing one, and its 通报 (issued, corrected, posted on /public).
func (s *Server) monitorRoutes(app *router) {
	get(app, "/monitoring", models.ActReadMonitoring, s.monitorList)
	post(app, "/monitoring", models.ActRunMonitoring, s.monitorCompute)
	get(app, "/monitoring/:id", models.ActReadMonitoring, s.monitorRun)
	post(app, "/monitoring/:id/bulletin", models.ActIssueBulletin, s.monitorIssue)
	post(app, "/monitoring/:id/correct", models.ActIssueBulletin, s.monitorCorrect)
	post(app, "/monitoring/:id/post", models.ActIssueBulletin, s.monitorPost)
	get(app, "/monitoring/:id/bulletins/:doc", models.ActReadMonitoring, s.monitorBulletin)
	get(app, "/monitoring/:id/bulletins/:doc/docx", models.ActReadMonitoring, s.monitorBulletinDOCX)
}
