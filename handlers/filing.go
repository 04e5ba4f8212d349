package handlers

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/reports"
	"github.com/gongkai/gongkai/scoring"
	"github.com/gongkai/gongkai/views"
)

// A department's head files what the department owes in the app (issue
// 12): the quarterly report (Annex 2 of seed 000) and the annual report.
// The form opens with the figures the records give, as the report pages
// compute them; the head types what the records cannot give and signs.
// The first filing's date is the submission date the scores read (D1, D3);
// a filed report is corrected only as a new version with a reason.

// filingRow is a line of the filing form: a record's figure to read, or a
// field to type (Field set).
type filingRow struct {
	Label, Note, Unit string
	Level             int
	Header            bool
	Value             string // the records' figure
	Field             string // the form field of a line the head types
	Name              string // what the line is filed under
	Amount            bool   // 万元, up to four decimals
}

// filingForm is a report as typed by the head.
type filingForm struct {
	Filed                       bool              // already filed: a correction needs a reason
	Lines                       []filingRow       // the lines typed, for Validate
	Values                      map[string]string // by field, as typed
	Head, Filler, Phone, Reason string
}

// Validate checks that every typed figure is a number the line accepts, and
// the signature and reason as the Store will (models.FilingInput.Problems).
func (f filingForm) Validate() FieldErrors {
	errs := FieldErrors{}
	for _, l := range f.Lines {
		raw := strings.TrimSpace(f.Values[l.Field])
		if raw == "" {
			errs.Add(l.Field, "filing.required")
			continue
		}
		errs.Figure(l.Field, reports.AnnualFigureSpec{Amount: l.Amount}, raw)
	}
	in := reports.FilingInput{Signature: reports.FilingSignature{Head: f.Head, Filler: f.Filler, Phone: f.Phone}, Reason: f.Reason}
	for _, p := range in.Problems(f.Filed) {
		errs.Add(p.Field, p.Key, p.Args...)
	}
	return errs
}

// entered is what the form files: each typed line's figure by its name.
func (f filingForm) entered() map[string]float64 {
	out := make(map[string]float64, len(f.Lines))
	for _, l := range f.Lines {
		n, _ := reports.ParseAnnualFigure(reports.AnnualFigureSpec{Amount: l.Amount}, f.Values[l.Field])
		out[l.Name] = n
	}
	return out
}

// readFilingForm reads the typed form over the lines it offers.
func readFilingForm(c *fiber.Ctx, rows []filingRow, filed bool) filingForm {
	v := func(k string) string { return strings.TrimSpace(c.FormValue(k)) }
	f := filingForm{Filed: filed, Values: map[string]string{}, Head: v("head"), Filler: v("filler"), Phone: v("phone"), Reason: v("reason")}
	for _, r := range rows {
		if r.Field != "" {
			f.Lines = append(f.Lines, r)
			f.Values[r.Field] = v(r.Field)
		}
	}
	return f
}

// filingPage is what the filing page of one report shows.
type filingPage struct {
	Kind          string
	Title, Period string
	Year, Quarter int
	Rows          []filingRow
	Due           scoring.Date // zero without an approved scheme
	Submitted     string       // the submission date the scores read, "" when not filed
	Late          bool
	Versions      []reports.ReportFiling
	Action        string // where the form posts
	ReportURL     string // the report page of the same period
}

// ownDepartment is the head's department; filing is the head's.
func ownDepartment(v models.Viewer) (uint, error) {
	id, limited := v.OwnDepartment()
	if !limited || !v.CanActForDepartment(id) {
		return 0, models.ErrForbidden
	}
	return id, nil
}

// quarterlyFiling builds the filing page of a quarter's report.
func (s *Server) quarterlyFiling(c *fiber.Ctx) (*filingPage, *models.Department, error) {
	ctx := c.UserContext()
	v, _ := viewer(c)
	dept, err := ownDepartment(v)
	if err != nil {
		return nil, nil, err
	}
	q, err := s.quarterlyQuery(c, v)
	if err != nil {
		return nil, nil, err
	}
	if c.Method() == fiber.MethodPost {
		q.Year, _ = strconv.Atoi(c.FormValue("year"))
		q.Quarter, _ = strconv.Atoi(c.FormValue("quarter"))
	}
	q.DepartmentID = dept
	if err := reports.New(s.store).CheckFiling(ctx, v, reports.FilingQuarterly, dept, q.Year, q.Quarter, scoring.DateOf(s.opt.Now())); err != nil {
		return nil, nil, err
	}
	r, err := reports.Quarterly(ctx, s.store, v, q)
	if err != nil {
		return nil, nil, err
	}
	p := &filingPage{Kind: reports.FilingQuarterly, Title: r.Title(), Period: r.PeriodLabel(), Year: q.Year, Quarter: q.Quarter,
		Action: "/reports/quarterly/file", ReportURL: fmt.Sprintf("/reports/quarterly?year=%d&quarter=%d&department=%d", q.Year, q.Quarter, dept)}
	for i, row := range r.Rows {
		fr := filingRow{Label: row.Label, Note: row.Note, Unit: row.Unit, Level: row.Level, Header: row.Header, Value: row.Figure.String()}
		if row.Entered() {
			fr.Field, fr.Name, fr.Amount, fr.Value = "fig_"+strconv.Itoa(i), row.Name, row.Amount(), figureText(row.Figure)
		}
		p.Rows = append(p.Rows, fr)
	}
	sch, err := s.store.CurrentScheme(ctx)
	if err != nil {
		return nil, nil, err
	}
	if sch != nil {
		p.Due = sch.Params.QuarterlyDue(q.Year, q.Quarter)
	}
	d, err := s.fillFilingStatus(c, v, p, dept)
	return p, d, err
}

// annualFiling builds the filing page of a year's annual report: the
// records' figures as the national format counts them, and the figures
// only the business systems know (table 二, fees) to type.
func (s *Server) annualFiling(c *fiber.Ctx) (*filingPage, *models.Department, error) {
	ctx := c.UserContext()
	v, _ := viewer(c)
	dept, err := ownDepartment(v)
	if err != nil {
		return nil, nil, err
	}
	q, err := s.annualQuery(c, v)
	if err != nil {
		return nil, nil, err
	}
	if c.Method() == fiber.MethodPost {
		q.Year, _ = strconv.Atoi(c.FormValue("year"))
	}
	q.DepartmentID = dept
	if err := reports.New(s.store).CheckFiling(ctx, v, reports.FilingAnnual, dept, q.Year, 0, scoring.DateOf(s.opt.Now())); err != nil {
		return nil, nil, err
	}
	r, err := reports.Annual(ctx, s.store, v, q)
	if err != nil {
		return nil, nil, err
	}
	own, err := reports.New(s.store).AnnualFiguresOf(ctx, q.Year, []uint{dept})
	if err != nil {
		return nil, nil, err
	}
	p := &filingPage{Kind: reports.FilingAnnual, Title: r.Title(), Year: q.Year,
		Action: "/reports/annual/file", ReportURL: fmt.Sprintf("/reports/annual?year=%d&department=%d", q.Year, dept)}
	for _, ph := range r.Placeholders {
		p.Rows = append(p.Rows, filingRow{Label: ph.Name, Value: ph.Value, Level: 1})
	}
	for _, f := range reports.AnnualFigureSpecs {
		fr := filingRow{Label: f.Name, Field: "fig_" + f.Key, Name: f.Key, Amount: f.Amount, Level: 1}
		if f.Amount {
			fr.Unit = "万元"
		}
		if n, ok := own[f.Key]; ok {
			fr.Value = reports.FormatAnnualFigure(f, n)
		}
		p.Rows = append(p.Rows, fr)
	}
	sch, err := s.store.CurrentScheme(ctx)
	if err != nil {
		return nil, nil, err
	}
	if sch != nil {
		p.Due = sch.Params.AnnualDue(q.Year)
	}
	d, err := s.fillFilingStatus(c, v, p, dept)
	return p, d, err
}

// figureText is a filed figure as the form shows it to type again: every
// decimal kept.
func figureText(f reports.Figure) string {
	if !f.Known {
		return ""
	}
	return strconv.FormatFloat(f.Value, 'f', -1, 64)
}

// fillFilingStatus adds the submission date and the versions filed.
func (s *Server) fillFilingStatus(c *fiber.Ctx, v models.Viewer, p *filingPage, dept uint) (*models.Department, error) {
	ctx := c.UserContext()
	sub, err := reports.New(s.store).Submitted(ctx, v, p.Kind, dept, p.Year, p.Quarter)
	if err != nil {
		return nil, err
	}
	if sub != nil {
		p.Submitted = sub.Format("2006-01-02")
		p.Late = !p.Due.IsZero() && scoring.DateOf(*sub) > p.Due
	}
	if p.Versions, err = reports.New(s.store).Filings(ctx, v, p.Kind, dept, p.Year, p.Quarter); err != nil {
		return nil, err
	}
	return s.store.Department(ctx, v, dept)
}

// showFiling renders a filing page: with the form as typed and its errors
// when data carries them, otherwise prefilled from the records, the last
// filing's signature or the liaison form.
func (s *Server) showFiling(c *fiber.Ctx, p *filingPage, d *models.Department, data fiber.Map) error {
	if data == nil {
		f := filingForm{Values: map[string]string{}, Head: d.Head, Filler: d.Liaison, Phone: d.Phone}
		if n := len(p.Versions); n > 0 {
			sig := p.Versions[n-1].Sign()
			f.Head, f.Filler, f.Phone = sig.Head, sig.Filler, sig.Phone
		}
		for _, r := range p.Rows {
			if r.Field != "" {
				f.Values[r.Field] = r.Value
			}
		}
		data = fiber.Map{"Form": f}
	}
	data["Filing"], data["Dept"] = p, d
	return s.page(c, "report_filing", "filing.title."+p.Kind, data)
}

// fileReport is POST of a filing page: validated as typed, re-shown with
// the errors beside their fields, or filed and audit-logged.
func (s *Server) fileReport(c *fiber.Ctx, build func(*fiber.Ctx) (*filingPage, *models.Department, error)) error {
	v, _ := viewer(c)
	p, d, err := build(c)
	if err != nil {
		return s.userMistake(c, err)
	}
	f := readFilingForm(c, p.Rows, p.Submitted != "")
	if data := (fiber.Map{}); !validate(c, f, data) {
		return s.showFiling(c, p, d, data)
	}
	var snapshot []reports.FilingLine
	for _, r := range p.Rows {
		switch {
		case r.Field != "":
			snapshot = append(snapshot, reports.FilingLine{Label: r.Label, Value: f.Values[r.Field]})
		case !r.Header:
			snapshot = append(snapshot, reports.FilingLine{Label: r.Label, Value: r.Value})
		}
	}
	in := reports.FilingInput{Kind: p.Kind, DepartmentID: d.ID, Year: p.Year, Quarter: p.Quarter, Entered: f.entered(), Snapshot: snapshot,
		Signature: reports.FilingSignature{Head: f.Head, Filler: f.Filler, Phone: f.Phone}, Reason: f.Reason}
	filed, err := reports.FileReport(c.UserContext(), s.store, v, in, s.opt.Now())
	if data := (fiber.Map{}); refused(c, err, f, data, "reason", "head", "filler", "phone") {
		return s.showFiling(c, p, d, data)
	}
	if err != nil {
		return err
	}
	msg := views.T(lang(c), "filing.filed")
	if filed.Version > 1 {
		msg = views.T(lang(c), "filing.corrected", filed.Version)
	}
	back := fmt.Sprintf("%s?year=%d", p.Action, p.Year)
	if p.Kind == reports.FilingQuarterly {
		back += "&quarter=" + strconv.Itoa(p.Quarter)
	}
	return s.flashBack(c, msg, back)
}

func (s *Server) quarterlyFilingPage(c *fiber.Ctx) error {
	p, d, err := s.quarterlyFiling(c)
	if err != nil {
		return s.userMistake(c, err)
	}
	return s.showFiling(c, p, d, nil)
}

func (s *Server) fileQuarterly(c *fiber.Ctx) error { return s.fileReport(c, s.quarterlyFiling) }

func (s *Server) annualFilingPage(c *fiber.Ctx) error {
	p, d, err := s.annualFiling(c)
	if err != nil {
		return s.userMistake(c, err)
	}
	return s.showFiling(c, p, d, nil)
}

func (s *Server) fileAnnual(c *fiber.Ctx) error { return s.fileReport(c, s.annualFiling) }
