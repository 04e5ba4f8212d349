package handlers

import "github.com/gongkai/gongkai/models"

// receiptsRoutes are the 签收 of the documents issued to a department (a
// case's notice, a 复核决定书): its head signs on the document's page; and
// the office's 催办 on a publication's review or coordination.
func (s *Server) receiptsRoutes(app *router) {
	post(app, "/cases/:id/documents/:doc/sign", models.ActSignDocument, s.signCaseDocument)
	post(app, "/publications/:id/remind", models.ActReviewPublication, s.remindPublication)
}
