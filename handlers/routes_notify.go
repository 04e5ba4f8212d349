package handlers

import "github.com/gongkai/gongkai/models"

// notifyRoutes are the inbox's pages (issue 26): every account reads its
// own notifications and sets how it takes them by e-mail; the office sends
// 催办 to the units of an assessment that have not signed and reads the
// e-mails that failed.
func (s *Server) notifyRoutes(app *router) {
	get(app, "/inbox", models.ActSignedIn, s.inbox)
	post(app, "/inbox/read", models.ActSignedIn, s.readAll)
	post(app, "/inbox/settings", models.ActSignedIn, s.saveMailSettings)
	get(app, "/inbox/mail", models.ActAdminister, s.mailTroubles)
	post(app, "/inbox/:id/read", models.ActSignedIn, s.readNotification)
	post(app, "/assessment/:id/remind", models.ActRunAssessment, s.remindUnits)
}
