package handlers

import (
	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models/reports"
)

// quarterlyReport is GET /reports/quarterly: the Annex 2 form of a
// department or of the whole bureau for a quarter, printable on A4, with a
// small form to choose another.
func (s *Server) quarterlyReport(c *fiber.Ctx) error {
	v, _ := viewer(c)
	p, err := s.quarterlyQuery(c, v)
	if err != nil {
		return err
	}
	data, err := s.reportChoices(c, v)
	if err != nil {
		return err
	}
	data["Params"], data["Quarters"] = p, []int{1, 2, 3, 4}
	r, err := reports.Quarterly(c.UserContext(), s.store, v, p)
	if err := withReport(c, data, r, err); err != nil {
		return err
	}
	return s.page(c, "reports_quarterly", "report.quarterly.title", data)
}

// quarterlyXLSX is GET /reports/quarterly.xlsx: the same form as a
// spreadsheet laid out like Annex 2.
func (s *Server) quarterlyXLSX(c *fiber.Ctx) error {
	v, _ := viewer(c)
	p, err := s.quarterlyQuery(c, v)
	if err != nil {
		return err
	}
	r, err := reports.Quarterly(c.UserContext(), s.store, v, p)
	if err != nil {
		return s.userMistake(c, err)
	}
	return sendDocument(c, r.FileName(), r.WriteXLSX)
}
