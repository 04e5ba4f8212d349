package handlers

import (
	"html/template"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models/documents"
	"github.com/gongkai/gongkai/scoring"
)

// issued is a stored document with its page as issued, for a template.
type issued struct {
	documents.Document
	Page template.HTML
}

// issuedPages wraps stored documents for a template: their HTML was
// rendered and escaped by models/documents at issue.
func issuedPages(ds []documents.Document) []issued {
	out := make([]issued, len(ds))
	for i, d := range ds {
		out[i] = issued{Document: d, Page: template.HTML(d.HTML)} //nolint:gosec // rendered and escaped at issue
	}
	return out
}

// resultsNotice is GET /assessment/:id/results: the results notices
// (考核结果通报) issued for the plan, the first and each 更正, as issued;
// and, until the grades approved are published, the notice as it would be
// issued today, marked 草稿.
func (s *Server) resultsNotice(c *fiber.Ctx) error {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	r, err := s.assess.Results(ctx, v, id)
	if err != nil {
		return err
	}
	notices, err := s.assess.Notices(ctx, v, id)
	if err != nil {
		return err
	}
	data := fiber.Map{"R": r, "Notices": issuedPages(notices)}
	if r.Plan.PublishedAt == nil {
		page, _, err := r.Draft(scoring.DateOf(s.opt.Now()))
		if err != nil {
			return err
		}
		data["Draft"] = template.HTML(page) //nolint:gosec // rendered and escaped by models/documents
	}
	return s.page(c, "assessment_results", "asmt.results", data)
}

// resultsDOCX is GET /assessment/:id/results.docx: the notice not yet
// issued, marked 草稿.
func (s *Server) resultsDOCX(c *fiber.Ctx) error {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	r, err := s.assess.Results(c.UserContext(), v, id)
	if err != nil {
		return err
	}
	_, docx, err := r.Draft(scoring.DateOf(s.opt.Now()))
	if err != nil {
		return err
	}
	return sendFile(c, "草稿-"+r.Title()+".docx", docx)
}

// resultsNoticeDOCX is GET /assessment/:id/notices/:doc: an issued results
// notice or 更正 as the DOCX stored at issue.
func (s *Server) resultsNoticeDOCX(c *fiber.Ctx) error {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	d, err := s.assess.ResultsNotice(c.UserContext(), v, id, paramUint(c, "doc"))
	if err != nil {
		return err
	}
	return sendFile(c, d.Number+".docx", d.DOCX)
}
