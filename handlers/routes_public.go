package handlers

import "github.com/gongkai/gongkai/models"

// publicRoutes are the public site's (issue 25): no session, no cookie, no
// form; every page and download is kept by a browser or a proxy for a
// minute and built once in memory. /public/documents/:id, a posted 通报,
// is the campaigns'.
func (s *Server) publicRoutes(app *router) {
	get(app, "/public", models.ActPublic, s.publicOr404(s.publicResults))
	get(app, "/public/years/:year", models.ActPublic, s.publicOr404(s.publicYear))
	get(app, "/public/units/:id", models.ActPublic, s.publicOr404(s.publicUnit))
	get(app, "/public/bulletins", models.ActPublic, s.publicOr404(s.publicBulletins))
	get(app, "/public/reports/:id", models.ActPublic, s.publicOr404(s.publicReport))
	get(app, "/public/data", models.ActPublic, s.publicOr404(s.publicData))
	get(app, "/public/data/:file", models.ActPublic, s.publicOr404(s.publicDataFile))
	get(app, "/public/feed.atom", models.ActPublic, s.publicOr404(s.publicFeed))
}
