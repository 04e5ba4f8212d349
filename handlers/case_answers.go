package handlers

import (
	"fmt"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accountability"
)

// reportForm is a rectification reported done, as typed.
type reportForm struct {
	Date, Text string
}

// Validate needs the day and what was done.
func (f reportForm) Validate() FieldErrors {
	errs := FieldErrors{}
	errs.Date("date", f.Date, true)
	errs.Text("text", f.Text, models.MaxText, true)
	return errs
}

// reportSanctionDone is POST /cases/:id/sanctions/:sid/report: the
// department's head reports a rectification done, with its files, for the
// discipline office to verify.
func (s *Server) reportSanctionDone(c *fiber.Ctx) error {
	sid := paramUint(c, "sid")
	f := reportForm{Date: strings.TrimSpace(c.FormValue("date")), Text: strings.TrimSpace(c.FormValue("text"))}
	return s.caseStep(c, fmt.Sprintf("report-%d", sid), f, "case.report.saved", func(v models.Viewer, id uint) error {
		files, err := uploads(c)
		if err != nil {
			return err
		}
		r := accountability.ReportForm{Done: formDate(f.Date), Text: f.Text, Files: files}
		return s.cases.ReportDone(c.UserContext(), v, id, sid, r, s.opt.Now())
	}, "date", "text", "file", "done")
}
