package handlers

import (
	"strconv"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/publications"
)

// publicationsRoutes are a publication worked in the app (issue 24): the
// table decides who takes each step, the Store which document and whether
// its state allows it; a document the viewer may not read is a 404.
func (s *Server) publicationsRoutes(app *router) {
	get(app, "/publications", models.ActSignedIn, s.publicationList)
	post(app, "/publications", models.ActWorkPublication, s.registerPublication)
	post(app, "/publications/secrecy-office", models.ActReviewPublication, s.markSecrecyOffice)
	get(app, "/publications/:id", models.ActSignedIn, s.publicationPage)
	post(app, "/publications/:id/attribute", models.ActReviewPublication, s.pubPost("attribute", s.reviewAttribute))
	post(app, "/publications/:id/redetermine", models.ActWorkPublication, s.pubPost("redetermine", s.redetermine))
	post(app, "/publications/:id/signer", models.ActReviewPublication, s.pubPost("signer", s.signerDecision))
	post(app, "/publications/:id/defer", models.ActSuperviseLeader, s.pubPost("defer", s.deferPublication))
	post(app, "/publications/:id/defer/settle", models.ActWorkPublication, s.pubPost("settle_defer", s.settleDeferral))
	for n := 1; n <= publications.Steps; n++ {
		post(app, "/publications/:id/review/"+strconv.Itoa(n), publications.StepAction(n), s.pubPost("step", s.signStep(n)))
	}
	post(app, "/publications/:id/consult", models.ActWorkPublication, s.pubPost("consult", s.consult))
	post(app, "/publications/:id/publish", models.ActWorkPublication, s.pubPost("publish", s.publish))
	post(app, "/publications/:id/change", models.ActWorkPublication, s.pubPost("change", s.changePublication))
	post(app, "/publications/:id/withdraw", models.ActWorkPublication, s.pubPost("withdraw", s.withdraw))
	post(app, "/publications/:id/objection", models.ActWorkPublication, s.pubPost("objection", s.object))
	post(app, "/publications/:id/consultations/:cid/answer", models.ActWorkPublication, s.pubPost("answer", s.answer))
	post(app, "/publications/:id/consultations/:cid/settle", models.ActReviewPublication, s.pubPost("settle", s.settle))
}
