package handlers

import (
	"html/template"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models/documents"
)

// documentLink is another document named beside the one shown: one it
// answers (Earlier) or one that answers it.
type documentLink struct {
	Relation string // documents.Corrects, Replaces or Reviews
	Earlier  bool
	Number   string
	Date     string
	URL      string
}

// documentPage shows an issued document as it was issued (its stored page,
// in the GB/T 9704 layout of views/static/document.css), with the way back,
// its DOCX, and the documents among related that it answers or that answer
// it, each linked by url. Every page of an issued document uses it.
func (s *Server) documentPage(c *fiber.Ctx, d *documents.Document, related []documents.Document, back, docx string, url func(id uint) string) error {
	return s.documentPageWith(c, d, related, back, docx, url, fiber.Map{})
}

// documentPageWith is documentPage with more for the page in data: the
// document's 签收 (receipts.go).
func (s *Server) documentPageWith(c *fiber.Ctx, d *documents.Document, related []documents.Document, back, docx string, url func(id uint) string, data fiber.Map) error {
	var links []documentLink
	for _, r := range related {
		switch {
		case d.ID != 0 && r.RefID == d.ID:
			links = append(links, documentLink{Relation: r.Relation, Number: r.Number, Date: documents.ChineseDate(r.Date()), URL: url(r.ID)})
		case d.RefID != 0 && r.ID == d.RefID:
			links = append(links, documentLink{Relation: d.Relation, Earlier: true, Number: r.Number, Date: documents.ChineseDate(r.Date()), URL: url(r.ID)})
		}
	}
	data["Document"], data["Body"] = d, template.HTML(d.HTML) // rendered and escaped by models/documents at issue
	data["Links"], data["Back"], data["DOCX"] = links, back, docx
	return s.page(c, "document", "document.title", data)
}

// sendIssued sends an issued document's DOCX as it was issued, named by its number.
func sendIssued(c *fiber.Ctx, d *documents.Document) error {
	return sendFile(c, d.Number+".docx", d.DOCX)
}
