package handlers

import "github.com/gongkai/gongkai/models"

// campaignRoutes are the campaigns' pages (专项行动, issue 25): the office
// drafts and checks, the leading group approves, the units report; the
// Store decides which campaign, phase and unit each may touch.
func (s *Server) campaignRoutes(app *router) {
	get(app, "/campaigns", models.ActSignedIn, s.campaignList)
	post(app, "/campaigns", models.ActManageCampaigns, s.createCampaign)
	get(app, "/campaigns/:id", models.ActSignedIn, s.campaignPage)
	post(app, "/campaigns/:id", models.ActManageCampaigns, s.updateCampaign)
	post(app, "/campaigns/:id/submit", models.ActManageCampaigns, s.submitCampaign)
	post(app, "/campaigns/:id/approve", models.ActApproveCampaign, s.approveCampaign)
	post(app, "/campaigns/:id/return", models.ActApproveCampaign, s.returnCampaign)
	post(app, "/campaigns/:id/parts/:part/report", models.ActReportCampaign, s.reportCampaignTask, takesFiles)
	get(app, "/campaigns/:id/reports/:report/file", models.ActSignedIn, s.campaignReportFile)
	post(app, "/campaigns/:id/phases/:phase/check", models.ActManageCampaigns, s.checkCampaignPhase)
	post(app, "/campaigns/:id/phases/:phase/bulletin", models.ActManageCampaigns, s.issueCampaignBulletin)
	get(app, "/campaigns/:id/board", models.ActSignedIn, s.campaignBoard)
	get(app, "/campaigns/:id/documents/:doc", models.ActSignedIn, s.campaignDocument)
	get(app, "/campaigns/:id/documents/:doc/docx", models.ActSignedIn, s.campaignDocumentDOCX)
	post(app, "/campaigns/:id/documents/:doc/post", models.ActManageCampaigns, s.postCampaignBulletin)
	post(app, "/campaigns/:id/documents/:doc/correct", models.ActManageCampaigns, s.correctCampaignBulletin)
}

// campaignPublicRoutes are the public site's pages of posted documents:
// no session, no cookie, no form.
func (s *Server) campaignPublicRoutes(app *router) {
	get(app, "/public/documents/:id", models.ActPublic, s.publicOr404(s.publicDocument))
}
