package handlers

import (
	"errors"
	"slices"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accountability"
	"github.com/gongkai/gongkai/models/columns"
	"github.com/gongkai/gongkai/models/imports"
	"github.com/gongkai/gongkai/models/ingest"
	"github.com/gongkai/gongkai/models/overview"
	"github.com/gongkai/gongkai/models/reports"
	"github.com/gongkai/gongkai/scoring"
)

// home is each role's to-do list (issue 12): a department head sees their
// department's standing and what it must do; the leading group what waits
// for its approval; the office what went wrong and who has not filed; the
// discipline office its proposals, cases and appeals; an auditor the audit
// chain and the day's changes.
func (s *Server) home(c *fiber.Ctx) error {
	ctx := c.UserContext()
	v, _ := viewer(c)
	data := fiber.Map{}
	if err := s.assessmentHome(c, v, data); err != nil {
		return err
	}
	if err := s.publicationsHome(c, v, data); err != nil {
		return err
	}
	if err := s.requestsHome(c, v, data); err != nil {
		return err
	}
	if err := s.campaignHome(c, v, data); err != nil {
		return err
	}
	if id, limited := v.OwnDepartment(); limited {
		if err := s.headHome(c, v, id, data); err != nil {
			return err
		}
		return s.page(c, "home", "home.title", data)
	}
	names, err := s.store.DepartmentNames(ctx)
	if err != nil {
		return err
	}
	counts, err := s.store.Counts(ctx)
	if err != nil {
		return err
	}
	data["Counts"], data["DeptNames"] = counts, names
	switch {
	case v.IsOffice():
		err = s.officeHome(c, v, data)
	case v.CanDecideAssessment():
		err = s.leaderHome(c, data)
	case v.CanHandleCases():
		err = s.disciplineHome(c, v, data)
	case v.Can(models.ActReadAudit):
		err = s.auditorHome(c, v, data)
	}
	if err != nil {
		return err
	}
	return s.page(c, "home", "home.title", data)
}

// headHome: the department's total, grade (provisional or approved) and
// rank, every point lost, and what is overdue or falls due within
// overview.HeadHorizon working days.
func (s *Server) headHome(c *fiber.Ctx, v models.Viewer, id uint, data fiber.Map) error {
	ctx := c.UserContext()
	d, err := s.store.Department(ctx, v, id)
	if err != nil {
		return err
	}
	_, _, score, err := s.yearScore(c, v, id)
	if err != nil {
		return err
	}
	due, err := reports.AnnualDueOf(ctx, s.store, v, id, s.opt.Now())
	if err != nil {
		return err
	}
	lead, err := reports.New(s.store).LeadsAnItem(ctx, v, id)
	if err != nil {
		return err
	}
	data["Own"], data["Score"], data["AnnualDue"], data["Lead"] = d, score, due, lead
	// The cases of the department and what they ask of it, by when: on
	// the home whatever the horizon, and on the agenda within it.
	today := scoring.DateOf(s.opt.Now())
	cases, err := s.cases.OwedBy(ctx, v, id, today)
	if err != nil {
		return err
	}
	data["Cases"] = cases
	sch, err := s.store.CurrentScheme(ctx)
	if err != nil || sch == nil {
		return err
	}
	extra, err := s.assess.DeadlinesOf(ctx, v, id)
	if err != nil {
		return err
	}
	extra = append(extra, accountability.DeadlinesOf(cases)...)
	agenda, err := overview.New(s.store).AgendaOf(ctx, v, id, lead, today, sch, overview.HeadHorizon, extra)
	if err != nil {
		return err
	}
	data["Agenda"], data["Horizon"] = agenda, overview.HeadHorizon
	return nil
}

// officeHome: imports that failed in the last 30 days, reports not filed by
// their date, objections waiting for an answer, what the departments still
// owe in the current assessment, sources whose last pull failed, the bureau's own annual report, and decisions that ask for a
// re-opening.
func (s *Server) officeHome(c *fiber.Ctx, v models.Viewer, data fiber.Map) error {
	ctx := c.UserContext()
	now := s.opt.Now()
	var err error
	runs, err := overview.New(s.store).FailedImports(ctx, v, now.Add(-30*24*time.Hour))
	if err != nil {
		return err
	}
	failed := make([]failedImport, len(runs))
	for i, r := range runs {
		failed[i] = failedImport{ImportRun: r, KindTitle: ingest.Kind(r.Kind).Title(lang(c))}
	}
	data["FailedImports"] = failed
	if data["FailedSources"], err = overview.New(s.store).FailedSources(ctx, v); err != nil {
		return err
	}
	if data["Objections"], err = s.assess.OpenObjections(ctx, v); err != nil {
		return err
	}
	// The current assessment: who has not signed, filed or answered.
	data["Today"] = scoring.DateOf(now)
	if data["Outstanding"], err = s.assess.Outstanding(ctx, v, scoring.DateOf(now)); err != nil {
		return err
	}
	sch, err := s.store.CurrentScheme(ctx)
	if err != nil {
		return err
	}
	if sch != nil {
		late, err := overview.New(s.store).NotFiled(ctx, v, scoring.DateOf(now), sch)
		if err != nil {
			return err
		}
		names, _ := data["DeptNames"].(map[uint]string)
		data["NotFiled"], data["Limit"] = byDepartment(late, names), deadlineRows
	}
	// The office owes the bureau's own report.
	if data["AnnualDue"], err = reports.AnnualDueOf(ctx, s.store, v, 0, now); err != nil {
		return err
	}
	// Decisions that move frozen grades: the office must ask for a
	// re-opening (issue 9's assessment), so it is told on its home page.
	effects, err := s.cases.Effects(ctx, v)
	if err != nil && !errors.Is(err, models.ErrNotFound) {
		return err
	}
	data["Reopen"] = slices.DeleteFunc(effects, func(e accountability.Effect) bool { return !e.Reopen })
	if v.Can(models.ActManageColumns) {
		if data["LapsedColumns"], err = columns.New(s.store).Lapsed(ctx, v, scoring.DateOf(now)); err != nil {
			return err
		}
	}
	return nil
}

// failedImport is an import that failed, with its kind's name.
type failedImport struct {
	imports.ImportRun
	KindTitle string
}

// leaderHome: besides the assessments waiting (assessmentHome), the scheme
// drafts waiting for approval.
func (s *Server) leaderHome(c *fiber.Ctx, data fiber.Map) error {
	schemes, err := s.store.Schemes(c.UserContext())
	if err != nil {
		return err
	}
	data["Drafts"] = slices.DeleteFunc(schemes, func(sv models.SchemeVersion) bool { return sv.Status != models.SchemeDraft })
	return nil
}

// caseCount is how many cases are in a state.
type caseCount struct {
	Status accountability.Status
	N      int
}

// disciplineHome: proposals waiting, cases by state, appeals to decide and
// appeal windows still open.
func (s *Server) disciplineHome(c *fiber.Ctx, v models.Viewer, data fiber.Map) error {
	ctx := c.UserContext()
	cases, err := s.cases.Cases(ctx, v, accountability.Filter{})
	if err != nil {
		return err
	}
	if data["Proposals"], err = s.cases.Proposals(ctx, v); err != nil {
		return err
	}
	n := map[accountability.Status]int{}
	var appealed, window []accountability.Case
	today := scoring.DateOf(s.opt.Now())
	for _, k := range cases {
		n[k.Status]++
		switch {
		case k.Status == accountability.Appealed:
			appealed = append(appealed, k)
		case k.Status == accountability.Notified && k.AppealDeadline() >= today:
			window = append(window, k)
		}
	}
	var counts []caseCount
	for _, st := range accountability.Statuses {
		if n[st] > 0 {
			counts = append(counts, caseCount{st, n[st]})
		}
	}
	data["Cases"], data["CaseCounts"], data["Appealed"], data["AppealWindow"] = cases, counts, appealed, window
	return nil
}
