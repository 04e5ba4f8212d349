package handlers

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/reports"
	"github.com/gongkai/gongkai/views"
)

// annualReport is GET /reports/annual: the annual report draft of a
// department or of the whole bureau, printable on A4; the office edits each
// section's text on the same page.
func (s *Server) annualReport(c *fiber.Ctx) error {
	v, _ := viewer(c)
	p, err := s.annualQuery(c, v)
	if err != nil {
		return err
	}
	data, err := s.reportChoices(c, v)
	if err != nil {
		return err
	}
	data["Params"], data["CanEdit"], data["MaxText"] = p, v.IsOffice(), reports.MaxSectionText
	r, err := reports.Annual(c.UserContext(), s.store, v, p)
	if err := withReport(c, data, r, err); err != nil {
		return err
	}
	return s.page(c, "reports_annual", "report.annual.title", data)
}

// saveAnnualReport is POST /reports/annual: the office's texts of the
// sections (fields text_<section>), audit-logged; sections not sent stay
// as they are.
func (s *Server) saveAnnualReport(c *fiber.Ctx) error {
	v, _ := viewer(c)
	year, _ := strconv.Atoi(c.FormValue("year"))
	dept := formUint(c, "department")
	back := fmt.Sprintf("/reports/annual?year=%d&department=%d", year, dept)
	e := reports.AnnualEdit{Year: year, DepartmentID: dept, Texts: map[string]string{}}
	form := c.Request().PostArgs()
	for _, key := range reports.SectionKeys() {
		if form.Has("text_" + key) {
			e.Texts[key] = c.FormValue("text_" + key)
		}
	}
	n, err := reports.SaveAnnual(c.UserContext(), s.store, v, e, s.opt.Now())
	var verr *models.ValidationError
	if errors.As(err, &verr) {
		return s.flashBack(c, verr.Message, back)
	}
	if err != nil {
		return err
	}
	return s.flashBack(c, views.T(lang(c), "report.saved", n), back)
}

// annualDOCX is GET /reports/annual.docx: the draft as a Word document.
func (s *Server) annualDOCX(c *fiber.Ctx) error {
	v, _ := viewer(c)
	p, err := s.annualQuery(c, v)
	if err != nil {
		return err
	}
	r, err := reports.Annual(c.UserContext(), s.store, v, p)
	if err != nil {
		return s.userMistake(c, err)
	}
	return sendDocument(c, r.FileName(), r.WriteDOCX)
}
