package handlers

import "github.com/gongkai/gongkai/models"

// guideRoutes are issue 24's: a publication's electronic copies and the
// override of the personal data found in them, and the 公开指南 and 公开目录
// (published on /public by publicResults).
func (s *Server) guideRoutes(app *router) {
	post(app, "/publications/:id/files", models.ActPublicationFiles, s.copiesUpload, takesFiles)
	post(app, "/publications/:id/files/override", models.ActOverridePersonalData, s.copiesOverride)
	get(app, "/publications/:id/files/:fid", models.ActSignedIn, s.copiesFile)
	get(app, "/guide", models.ActSignedIn, s.guideShow)
	post(app, "/guide", models.ActMaintainGuide, s.guideSave)
	post(app, "/guide/issue", models.ActMaintainGuide, s.guideIssue)
	post(app, "/guide/catalog", models.ActMaintainGuide, s.guideCatalog)
	get(app, "/guide/documents/:id", models.ActSignedIn, s.guideDocument)
	get(app, "/guide/documents/:id/docx", models.ActSignedIn, s.guideDocumentDOCX)
}
