package handlers

import (
	"bytes"
	"errors"
	"io"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/records"
	"github.com/gongkai/gongkai/models/reports"
	"github.com/gongkai/gongkai/scoring"
)

// The choices of a report page are read from the query. Missing ones
// default to the current quarter (its report is due within it, seed 000
// §7(4)), to the year before for an annual report (due in January, seed 004
// art. 29), and to the viewer's own department (a head) or the whole
// bureau (department=0). A year or quarter that is not a number reads as 0,
// which the reports refuse with a Chinese sentence.

// quarterlyQuery reads ?year=, ?quarter= and ?department=.
// Without them it opens on the quarter of the latest record, not on an
// empty quarter that has just begun.
func (s *Server) quarterlyQuery(c *fiber.Ctx, v models.Viewer) (reports.QuarterlyQuery, error) {
	at := s.opt.Now()
	if c.Query("year") == "" && c.Query("quarter") == "" {
		latest, ok, err := records.New(s.store).LatestRecord(c.UserContext(), at)
		if err != nil {
			return reports.QuarterlyQuery{}, err
		}
		if ok {
			at = latest
		}
	}
	dept, err := departmentParam(c, v)
	return reports.QuarterlyQuery{Year: queryInt(c, "year", at.Year()), Quarter: queryInt(c, "quarter", scoring.DateOf(at).Quarter()), DepartmentID: dept}, err
}

// annualQuery reads ?year= and ?department=. Without a year it opens on
// last year's report, or on the year of the latest record if that is
// earlier.
func (s *Server) annualQuery(c *fiber.Ctx, v models.Viewer) (reports.AnnualQuery, error) {
	year := s.opt.Now().Year() - 1
	if c.Query("year") == "" {
		latest, ok, err := records.New(s.store).LatestRecord(c.UserContext(), s.opt.Now())
		if err != nil {
			return reports.AnnualQuery{}, err
		}
		if ok && latest.Year() < year {
			year = latest.Year()
		}
	}
	dept, err := departmentParam(c, v)
	return reports.AnnualQuery{Year: queryInt(c, "year", year), DepartmentID: dept}, err
}

// departmentParam reads ?department=, by default the viewer's own (a head)
// or the whole bureau, 0. One that is not a number is a 404, like one the
// viewer may not see.
func departmentParam(c *fiber.Ctx, v models.Viewer) (uint, error) {
	own, _ := v.OwnDepartment()
	raw := c.Query("department")
	if raw == "" {
		return own, nil
	}
	id, err := strconv.ParseUint(raw, 10, 32)
	if err != nil {
		return 0, models.ErrNotFound
	}
	return uint(id), nil
}

// queryInt reads an integer query parameter: def when absent, 0 when not a
// number.
func queryInt(c *fiber.Ctx, key string, def int) int {
	raw := c.Query(key)
	if raw == "" {
		return def
	}
	n, err := strconv.Atoi(raw)
	if err != nil {
		return 0
	}
	return n
}

// reportChoices is what a report page's form offers: the departments the
// viewer may choose, and whether the whole bureau is one of the choices.
func (s *Server) reportChoices(c *fiber.Ctx, v models.Viewer) (fiber.Map, error) {
	depts, err := s.store.Departments(c.UserContext(), v)
	if err != nil {
		return nil, err
	}
	return fiber.Map{"Departments": depts, "CanBureau": v.CanReadReport(0) == nil}, nil
}

// userMistake shows a validation error (a year or quarter out of range) as
// a 400 page with its sentence in the reader's language; any other error
// goes on to the error handler.
func (s *Server) userMistake(c *fiber.Ctx, err error) error {
	var verr *models.ValidationError
	if !errors.As(err, &verr) {
		return err
	}
	return s.notice(c, fiber.StatusBadRequest, verr.Text(lang(c)))
}

// notice answers with status and a page that says msg.
func (s *Server) notice(c *fiber.Ctx, status int, msg string) error {
	c.Status(status)
	return s.page(c, "error", "error.title", fiber.Map{"Message": msg})
}

// withReport puts a computed report into the page data, or the user's
// mistake (a year or quarter out of range, a department they may not see)
// with status 400; other errors are the server's.
func withReport(c *fiber.Ctx, data fiber.Map, report any, err error) error {
	var verr *models.ValidationError
	switch {
	case errors.As(err, &verr):
		c.Status(fiber.StatusBadRequest)
		data["Error"] = verr.Text(lang(c))
	case err != nil:
		return err
	default:
		data["Report"] = report
	}
	return nil
}

// sendDocument downloads a report as written by write.
func sendDocument(c *fiber.Ctx, name string, write func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return err
	}
	return sendFile(c, name, buf.Bytes())
}
