package handlers

import (
	"bytes"
	"html/template"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models/documents"
	"github.com/gongkai/gongkai/views"
)

// publicDocument is GET /public/documents/:id: a document the office
// posted on the public site (a campaign phase's 通报, a monitoring run's),
// as it was issued, for anyone. It reads no session and sets no cookie; a
// document not posted is a 404.
func (s *Server) publicDocument(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	d, err := documents.PostedDocument(c.UserContext(), s.store.DB, id)
	if err != nil {
		return err
	}
	l := views.ParseLang(c.Query("lang"))
	data := publicData(l, c.Path(), "site.bulletins")
	data["Title"], data["Document"] = d.Title, d
	data["Body"] = template.HTML(d.HTML) // rendered and escaped by models/documents at issue
	var buf bytes.Buffer
	if err := s.views.Render(&buf, "campaign_public", data, "layouts/public"); err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, publicMaxAge)
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	return c.Send(buf.Bytes())
}
