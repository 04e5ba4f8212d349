package handlers

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/reports"
	"github.com/gongkai/gongkai/views"
)

// annualReport is GET /reports/annual: the annual report of a department
// (with the units under it) or of the whole bureau in the national format,
// printable on A4; the office edits each section's text, marks the report
// final, and the office or the department's head files the figures the
// records cannot give, on the same page.
func (s *Server) annualReport(c *fiber.Ctx) error {
	return s.annualReportPage(c, fiber.Map{})
}

// annualReportPage shows the annual report page; form may carry a rejected
// form as typed, with its errors: the figures ("figures"), the sections'
// texts ("texts") or the final mark ("final").
func (s *Server) annualReportPage(c *fiber.Ctx, form fiber.Map) error {
	v, _ := viewer(c)
	p, err := s.annualQuery(c, v)
	if err != nil {
		return err
	}
	data, err := s.reportChoices(c, v)
	if err != nil {
		return err
	}
	data["Params"], data["CanEdit"], data["MaxText"], data["DraftMark"] = p, v.IsOffice(), reports.MaxSectionText, reports.DraftMark
	data["Form"], data["Errors"], data["Rejected"] = form["Form"], form["Errors"], form["Rejected"]
	typed, _ := form["Form"].(annualFiguresForm)
	r, err := reports.Annual(c.UserContext(), s.store, v, p)
	if err := withReport(c, data, r, err); err != nil {
		return err
	}
	if r != nil && p.DepartmentID != 0 && v.CanFileAnnualFigures(p.DepartmentID) {
		own, err := reports.New(s.store).AnnualFiguresOf(c.UserContext(), p.Year, []uint{p.DepartmentID})
		if err != nil {
			return err
		}
		fields := make([]figureField, len(reports.AnnualFigureSpecs))
		for i, f := range reports.AnnualFigureSpecs {
			fields[i] = figureField{AnnualFigureSpec: f, Field: "figure_" + f.Key}
			if n, ok := own[f.Key]; ok {
				fields[i].Value = reports.FormatAnnualFigure(f, n)
			}
			if typed != nil {
				fields[i].Value = typed[f.Key]
			}
		}
		data["Figures"] = fields
	}
	return s.page(c, "reports_annual", "report.annual.title", data)
}

// figureField is a filed figure in the page's form.
type figureField struct {
	reports.AnnualFigureSpec
	Field, Value string
}

// annualFiguresForm is the figures of the annual report the records cannot
// give, as typed, by key.
type annualFiguresForm map[string]string

// Validate checks that each figure typed is a number its line accepts; a
// blank one stays unfiled.
func (f annualFiguresForm) Validate() FieldErrors {
	errs := FieldErrors{}
	for _, spec := range reports.AnnualFigureSpecs {
		raw := strings.TrimSpace(f[spec.Key])
		if raw == "" {
			continue
		}
		errs.Figure("figure_"+spec.Key, spec, raw)
	}
	return errs
}

// annualBack is the annual report page of the form's year and unit.
func annualBack(c *fiber.Ctx) (year int, dept uint, back string) {
	year, _ = strconv.Atoi(c.FormValue("year"))
	dept = formUint(c, "department")
	return year, dept, fmt.Sprintf("/reports/annual?year=%d&department=%d", year, dept)
}

// annualRejected shows the page of the form's report again, with the
// rejected form in data.
func (s *Server) annualRejected(c *fiber.Ctx, year int, dept uint, data fiber.Map) error {
	c.Request().URI().SetQueryString(fmt.Sprintf("year=%d&department=%d", year, dept))
	return s.annualReportPage(c, data)
}

// annualTextsForm is the office's texts of the report's sections as typed,
// by section key; a section not sent stays as it is.
type annualTextsForm map[string]string

// Validate bounds each text.
func (f annualTextsForm) Validate() FieldErrors {
	errs := FieldErrors{}
	for key, text := range f {
		errs.Text("text_"+key, text, reports.MaxSectionText, false)
	}
	return errs
}

// saveAnnualReport is POST /reports/annual: the office's texts of the
// sections (fields text_<section>), audit-logged; sections not sent stay
// as they are.
func (s *Server) saveAnnualReport(c *fiber.Ctx) error {
	v, _ := viewer(c)
	year, dept, back := annualBack(c)
	f := annualTextsForm{}
	args := c.Request().PostArgs()
	for _, key := range reports.SectionKeys() {
		if args.Has("text_" + key) {
			f[key] = c.FormValue("text_" + key)
		}
	}
	data := fiber.Map{"Rejected": "texts"}
	if !validate(c, f, data) {
		return s.annualRejected(c, year, dept, data)
	}
	n, err := reports.SaveAnnual(c.UserContext(), s.store, v, reports.AnnualEdit{Year: year, DepartmentID: dept, Texts: f}, s.opt.Now())
	if refused(c, err, f, data) {
		return s.annualRejected(c, year, dept, data)
	}
	if err != nil {
		return err
	}
	return s.flashBack(c, views.T(lang(c), "report.saved", n), back)
}

// finalAnnualReport is POST /reports/annual/final: the office marks the
// report final (final=1) or withdraws the mark; a report that does not
// balance, or has requests not yet categorised, is refused with the reason.
func (s *Server) finalAnnualReport(c *fiber.Ctx) error {
	v, _ := viewer(c)
	year, dept, back := annualBack(c)
	final := c.FormValue("final") == "1"
	err := reports.MarkFinal(c.UserContext(), s.store, v, reports.AnnualQuery{Year: year, DepartmentID: dept}, final, s.opt.Now())
	if data := (fiber.Map{"Rejected": "final"}); refused(c, err, noInput{}, data) {
		return s.annualRejected(c, year, dept, data)
	}
	if err != nil {
		return err
	}
	key := "report.final.done"
	if !final {
		key = "report.final.withdrawn"
	}
	return s.flashBack(c, views.T(lang(c), key), back)
}

// saveAnnualFigures is POST /reports/annual/figures: a department's figures
// of a year that the records cannot give, filed by the office or the
// department's head, audit-logged.
func (s *Server) saveAnnualFigures(c *fiber.Ctx) error {
	v, _ := viewer(c)
	year, dept, back := annualBack(c)
	typed := annualFiguresForm{}
	for _, f := range reports.AnnualFigureSpecs {
		typed[f.Key] = strings.TrimSpace(c.FormValue("figure_" + f.Key))
	}
	data := fiber.Map{"Rejected": "figures"}
	if !validate(c, typed, data) {
		return s.annualRejected(c, year, dept, data)
	}
	err := reports.New(s.store).SaveAnnualFigures(c.UserContext(), v, dept, year, typed)
	if refused(c, err, typed, data) {
		return s.annualRejected(c, year, dept, data)
	}
	if err != nil {
		return err
	}
	return s.flashBack(c, views.T(lang(c), "report.figures.saved"), back)
}

// annualDOCX is GET /reports/annual.docx: the report as a Word document,
// as issued once final, marked 草稿 before.
func (s *Server) annualDOCX(c *fiber.Ctx) error {
	r, err := s.annualFor(c)
	if err != nil {
		return err
	}
	issued, err := reports.IssuedDOCX(c.UserContext(), s.store, r)
	if err != nil {
		return err
	}
	if issued != nil {
		return sendFile(c, r.Issued.Document.Number+".docx", issued)
	}
	return sendDocument(c, r.FileName(), r.WriteDOCX)
}

// annualXLSX is GET /reports/annual.xlsx: the report's tables as a workbook.
func (s *Server) annualXLSX(c *fiber.Ctx) error {
	r, err := s.annualFor(c)
	if err != nil {
		return err
	}
	return sendDocument(c, r.XLSXFileName(), r.WriteXLSX)
}

// annualFor computes the report the query names, or answers the mistake.
func (s *Server) annualFor(c *fiber.Ctx) (*reports.AnnualReport, error) {
	v, _ := viewer(c)
	p, err := s.annualQuery(c, v)
	if err != nil {
		return nil, err
	}
	r, err := reports.Annual(c.UserContext(), s.store, v, p)
	if err != nil {
		return nil, s.userMistake(c, err)
	}
	return r, nil
}

// annualRequests is GET /reports/annual/requests: the requests of a
// report's year that lack their national categories (an old-vocabulary
// answer, no applicant type), for the office to work through; others see
// the list.
func (s *Server) annualRequests(c *fiber.Ctx) error {
	return s.annualRequestsPage(c, fiber.Map{})
}

// annualRequestsPage is the list; data carries a refused categorisation
// (named "cat-<request id>") as chosen.
func (s *Server) annualRequestsPage(c *fiber.Ctx, data fiber.Map) error {
	v, _ := viewer(c)
	p, err := s.annualQuery(c, v)
	if err != nil {
		return err
	}
	data["Params"], data["CanEdit"], data["Applicants"], data["Results"] = p, v.IsOffice(), reports.ApplicantTypes, reports.ResultCategories()
	r, err := reports.Annual(c.UserContext(), s.store, v, p)
	if err := withReport(c, data, r, err); err != nil {
		return err
	}
	return s.page(c, "reports_annual_requests", "report.uncategorised.title", data)
}

// categoryForm is the national categories chosen for a request.
type categoryForm struct {
	Applicant, Result string
}

// Validate finds nothing wrong: the Store knows which the request lacks.
func (categoryForm) Validate() FieldErrors { return nil }

// categoriseRequest is POST /reports/annual/requests/:id: the office's
// applicant type and result of a request, audit-logged.
func (s *Server) categoriseRequest(c *fiber.Ctx) error {
	v, _ := viewer(c)
	id, err := strconv.ParseUint(c.Params("id"), 10, 32)
	if err != nil {
		return models.ErrNotFound
	}
	year, dept, _ := annualBack(c)
	back := fmt.Sprintf("/reports/annual/requests?year=%d&department=%d", year, dept)
	f := categoryForm{Applicant: c.FormValue("applicant"), Result: c.FormValue("result")}
	err = reports.New(s.store).Categorise(c.UserContext(), v, uint(id), f.Applicant, f.Result, s.opt.Now())
	if data := (fiber.Map{"Rejected": fmt.Sprintf("cat-%d", id)}); refused(c, err, f, data, "applicant", "result") {
		c.Request().URI().SetQueryString(fmt.Sprintf("year=%d&department=%d", year, dept))
		return s.annualRequestsPage(c, data)
	}
	if err != nil {
		return err
	}
	return s.flashBack(c, views.T(lang(c), "report.categorised"), back)
}
