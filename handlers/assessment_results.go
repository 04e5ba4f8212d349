package handlers

import (
	"github.com/gofiber/fiber/v2"
)

// resultsNotice is GET /assessment/:id/results: the printable results
// notice (考核结果通报) once the grades are approved.
func (s *Server) resultsNotice(c *fiber.Ctx) error {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	r, err := s.assess.Results(c.UserContext(), v, id)
	if err != nil {
		return err
	}
	return s.page(c, "assessment_results", "asmt.results", fiber.Map{"R": r})
}

// resultsDOCX is GET /assessment/:id/results.docx.
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
	return sendDocument(c, r.FileName(), r.WriteDOCX)
}
