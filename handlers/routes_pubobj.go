package handlers

import "github.com/gongkai/gongkai/models"

// pubobjRoutes are the office's answers to objections (异议) raised against
// a published document (发布协调制度 art. 12): the table decides who
// answers, the Store which objection and whether it is still open.
func (s *Server) pubobjRoutes(app *router) {
	post(app, "/publications/:id/objections/:oid/answer", models.ActReviewPublication, s.pubPost("objection_answer", s.answerPubObjection))
}
