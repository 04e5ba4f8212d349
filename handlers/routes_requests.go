package handlers

import "github.com/gongkai/gongkai/models"

// requestsRoutes are the pages of a request worked in the app: its
// registration, its page with the forms of its steps, its letters, and
// the office's templates of those letters.
func (s *Server) requestsRoutes(app *router) {
	get(app, "/requests/new", models.ActWorkRequests, s.requestNew)
	post(app, "/requests/new", models.ActWorkRequests, s.registerRequest)
	get(app, "/requests/letters", models.ActEditLetters, s.requestLetters)
	post(app, "/requests/letters/:kind", models.ActEditLetters, s.saveRequestLetter)
	get(app, "/requests/:id", models.ActSignedIn, s.requestWork)
	get(app, "/requests/:id/letters/:doc", models.ActSignedIn, s.requestLetter)
	get(app, "/requests/:id/letters/:doc/docx", models.ActSignedIn, s.requestLetterDOCX)
	post(app, "/requests/:id/correction", models.ActWorkRequests, s.requestCorrection)
	post(app, "/requests/:id/corrected", models.ActWorkRequests, s.requestCorrected)
	post(app, "/requests/:id/abandon", models.ActWorkRequests, s.requestAbandon)
	post(app, "/requests/:id/consult", models.ActWorkRequests, s.requestConsult)
	post(app, "/requests/:id/reply", models.ActWorkRequests, s.requestReply)
	post(app, "/requests/:id/extension", models.ActWorkRequests, s.requestExtension)
	post(app, "/requests/:id/extension/decide", models.ActApproveExtension, s.requestExtensionDecide)
	post(app, "/requests/:id/transfer", models.ActWorkRequests, s.requestTransfer)
	post(app, "/requests/:id/transfer/answer", models.ActWorkRequests, s.requestTransferAnswer)
	post(app, "/requests/:id/answer", models.ActWorkRequests, s.requestAnswer)
	post(app, "/requests/:id/letter", models.ActWorkRequests, s.requestCorrectLetter)
}
