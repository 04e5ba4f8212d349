package handlers

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accountability"
	"github.com/gongkai/gongkai/models/documents"
	"github.com/gongkai/gongkai/models/monitoring"
	"github.com/gongkai/gongkai/scoring"
	"github.com/gongkai/gongkai/views"
)

func (s *Server) monitoring() *monitoring.Store {
	return monitoring.New(s.store, accountability.Decisions(s.store))
}

// monitorForm is a monitoring run as asked: the year and the cut-off.
type monitorForm struct{ Year, AsOf string }

// Validate needs a year and a date.
func (f monitorForm) Validate() FieldErrors {
	errs := FieldErrors{}
	if y, err := strconv.Atoi(f.Year); err != nil || !scoring.ValidYear(y) {
		errs.Add("year", "score.badyear", scoring.MinYear, scoring.MaxYear)
	}
	if _, err := scoring.ParseDate(f.AsOf); err != nil {
		errs.Add("as_of", "score.badasof")
	}
	return errs
}

// monitorList is GET /monitoring: the runs, newest first, and for the
// office the form that computes one (by default at the end of the last
// quarter ended).
func (s *Server) monitorList(c *fiber.Ctx) error { return s.monitorListPage(c, fiber.Map{}) }

func (s *Server) monitorListPage(c *fiber.Ctx, data fiber.Map) error {
	v, _ := viewer(c)
	runs, err := s.monitoring().Runs(c.UserContext(), v, 0)
	if err != nil {
		return err
	}
	if _, typed := data["Form"]; !typed {
		today := scoring.DateOf(s.opt.Now())
		cut, ok := monitoring.LastQuarterEnd(today)
		if !ok {
			cut = today
		}
		data["Form"] = monitorForm{Year: strconv.Itoa(cut.Year()), AsOf: cut.String()}
	}
	data["Runs"] = runs
	return s.page(c, "monitor", "monitor.title", data)
}

// monitorCompute is POST /monitoring: a run computed (the office).
func (s *Server) monitorCompute(c *fiber.Ctx) error {
	v, _ := viewer(c)
	f := monitorForm{Year: strings.TrimSpace(c.FormValue("year")), AsOf: strings.TrimSpace(c.FormValue("as_of"))}
	data := fiber.Map{}
	if !validate(c, f, data) {
		return s.monitorListPage(c, data)
	}
	year, _ := strconv.Atoi(f.Year)
	run, err := s.monitoring().Compute(c.UserContext(), v, monitoring.Request{Year: year, AsOf: formDate(f.AsOf)}, s.opt.Now())
	if refused(c, err, f, data, "year", "as_of") {
		return s.monitorListPage(c, data)
	}
	if err != nil {
		return err
	}
	return s.flashBack(c, views.T(lang(c), "monitor.computed", run.Label), monitorURL(run.ID))
}

func monitorURL(id uint) string { return "/monitoring/" + strconv.FormatUint(uint64(id), 10) }

// monitorLine is a unit's line as the run's page shows it: its deductions
// and the slots set aside, or, when they are not shown (Linked), a link to
// the page that shows them.
type monitorLine struct {
	monitoring.Line
	Missing, NotDue []string
	Linked          bool
}

// monitorInline is the most units whose deductions a run's page shows
// inline; with more, each unit's are a click away.
const monitorInline = 200

// monitorRun is GET /monitoring/:id: the run's units by kind with their
// figures, what is missing and late, their rank among their kind, the
// slots set aside as not yet due, a chart of the totals, and its 通报.
func (s *Server) monitorRun(c *fiber.Ctx) error { return s.monitorRunPage(c, fiber.Map{}) }

func (s *Server) monitorRunPage(c *fiber.Ctx, data fiber.Map) error {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	ms := s.monitoring()
	run, err := ms.Get(c.UserContext(), v, id)
	if err != nil {
		return err
	}
	lines, err := ms.Lines(c.UserContext(), v, id, false)
	if err != nil {
		return err
	}
	// Each unit's deductions inline while they are few; at a province's
	// scale, those of the unit asked for (?unit=) only.
	unit := uint(c.QueryInt("unit"))
	l := lang(c)
	shown := make([]monitorLine, len(lines))
	for i, line := range lines {
		shown[i] = monitorLine{Line: line, Linked: len(lines) > monitorInline}
		if len(lines) > monitorInline && line.DepartmentID != unit {
			continue
		}
		full, err := ms.Line(c.UserContext(), v, id, line.DepartmentID)
		if err != nil {
			return err
		}
		res, err := full.Result()
		if err != nil {
			return err
		}
		for _, ind := range res.Indicators {
			for _, ded := range ind.Deductions {
				shown[i].Missing = append(shown[i].Missing, ind.Code+" "+views.Word(l, ded.Message()))
			}
		}
		for _, t := range res.NotDueTexts() {
			shown[i].NotDue = append(shown[i].NotDue, views.Word(l, t))
		}
		shown[i].Linked = false
	}
	bulletins, err := ms.Bulletins(c.UserContext(), v, id)
	if err != nil {
		return err
	}
	posted, err := ms.Posted(c.UserContext(), run.BulletinID)
	if err != nil {
		return err
	}
	data["Run"], data["Lines"], data["Bulletins"], data["Posted"] = run, shown, bulletins, posted
	data["Cut"] = documents.ChineseDate(run.Cut())
	data["Chart"], data["Charts"] = monitorChart(l, lines), true
	data["Unit"] = c.Query("unit")
	return s.page(c, "monitor_run", "monitor.run.title", data)
}

// monitorChart is a bar of each rated unit's total, by kind and rank, with
// its numbers; with more units than a chart holds, the best and the worst
// totals of all kinds (showRows).
func monitorChart(l views.Lang, lines []monitoring.Line) chartView {
	var rated []monitoring.Line
	for _, line := range lines {
		if line.Rated() {
			rated = append(rated, line)
		}
	}
	shown := rated
	if len(rated) > chartRows {
		shown = slices.Clone(rated)
		slices.SortStableFunc(shown, func(a, b monitoring.Line) int { return cmp.Compare(b.Total, a.Total) })
		shown = showRows(shown)
	}
	labels := make([]string, len(shown))
	data := make([]opts.BarData, len(shown))
	table := &dataTable{Head: []string{views.T(l, "monitor.kind"), views.T(l, "monitor.rank"), views.T(l, "dept.name"), views.T(l, "score.total")}}
	for i, line := range shown {
		// Reversed so the first unit is on top of the horizontal bars.
		j := len(shown) - 1 - i
		labels[j], data[j] = line.Name, opts.BarData{Value: line.Total}
		table.Rows = append(table.Rows, []string{kindLabel(l, line.Kind), strconv.Itoa(line.Rank), line.Name, fmt.Sprintf("%.2f", line.Total)})
	}
	bar := totalsBar(l, views.T(l, "monitor.chart"), labels, data)
	return chartView{ID: "monitoring", Title: views.T(l, "monitor.chart"), Option: optionJSON(bar), Height: 40 + rowHeight*len(shown), Table: table,
		Note: partial(l, len(rated), len(shown))}
}

// kindLabel names a unit's kind (类别) in the reader's language.
func kindLabel(l views.Lang, kind string) string {
	if kind == "" {
		return views.T(l, "monitor.kind.none")
	}
	return kind // a name of the data, as the departments' pages show it
}

// monitorIssue is POST /monitoring/:id/bulletin: the run's 通报 issued,
// dated today (the office); a second is refused.
func (s *Server) monitorIssue(c *fiber.Ctx) error {
	return s.monitorStep(c, "bulletin", noInput{}, func(v models.Viewer, id uint) (string, error) {
		d, err := s.monitoring().IssueBulletin(c.UserContext(), v, id, scoring.DateOf(s.opt.Now()))
		if err != nil {
			return "", err
		}
		return views.T(lang(c), "monitor.issued", d.Number), nil
	})
}

// monitorCorrectForm is why a 通报 is corrected.
type monitorCorrectForm struct{ Reason string }

// Validate needs a reason, within bounds.
func (f monitorCorrectForm) Validate() FieldErrors {
	errs := FieldErrors{}
	errs.Text("reason", f.Reason, 500, true)
	return errs
}

// monitorCorrect is POST /monitoring/:id/correct: a correcting 通报.
func (s *Server) monitorCorrect(c *fiber.Ctx) error {
	f := monitorCorrectForm{Reason: strings.TrimSpace(c.FormValue("reason"))}
	return s.monitorStep(c, "correct", f, func(v models.Viewer, id uint) (string, error) {
		d, err := s.monitoring().CorrectBulletin(c.UserContext(), v, id, scoring.DateOf(s.opt.Now()), f.Reason)
		if err != nil {
			return "", err
		}
		return views.T(lang(c), "monitor.issued", d.Number), nil
	})
}

// monitorPost is POST /monitoring/:id/post: the 通报 in force on /public.
func (s *Server) monitorPost(c *fiber.Ctx) error {
	return s.monitorStep(c, "post", noInput{}, func(v models.Viewer, id uint) (string, error) {
		if err := s.monitoring().PostBulletin(c.UserContext(), v, id, s.opt.Now()); err != nil {
			return "", err
		}
		return views.T(lang(c), "monitor.posted"), nil
	})
}

// monitorStep runs one of the run page's forms: the form checked, the
// Store's step, its refusal shown beside the form, else back to the run.
func (s *Server) monitorStep(c *fiber.Ctx, form string, f validator, step func(v models.Viewer, id uint) (string, error)) error {
	return s.pageStep(c, form, f, s.monitorRunPage, monitorURL, func(v models.Viewer, id uint) (string, error) {
		msg, err := step(v, id)
		if err == nil {
			s.public.reset()
		}
		return msg, err
	}, "reason")
}

// monitorBulletin is GET /monitoring/:id/bulletins/:doc: a 通报 as issued.
func (s *Server) monitorBulletin(c *fiber.Ctx) error {
	d, all, err := s.monitorDoc(c)
	if err != nil {
		return err
	}
	url := func(doc uint) string {
		return monitorURL(d.SubjectID) + "/bulletins/" + strconv.FormatUint(uint64(doc), 10)
	}
	return s.documentPage(c, d, all, monitorURL(d.SubjectID), url(d.ID)+"/docx", url)
}

// monitorBulletinDOCX is GET /monitoring/:id/bulletins/:doc/docx.
func (s *Server) monitorBulletinDOCX(c *fiber.Ctx) error {
	d, _, err := s.monitorDoc(c)
	if err != nil {
		return err
	}
	return sendIssued(c, d)
}

func (s *Server) monitorDoc(c *fiber.Ctx) (*documents.Document, []documents.Document, error) {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return nil, nil, err
	}
	doc, err := c.ParamsInt("doc")
	if err != nil || doc <= 0 {
		return nil, nil, models.ErrNotFound
	}
	ms := s.monitoring()
	d, err := ms.Bulletin(c.UserContext(), v, id, uint(doc))
	if err != nil {
		return nil, nil, err
	}
	all, err := ms.Bulletins(c.UserContext(), v, id)
	return d, all, err
}
