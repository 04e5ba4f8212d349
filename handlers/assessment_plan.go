// Long file: the plan's pages with the one plan form they share, and the
// registration of every assessment route (assessmentRoutes).

package handlers

import (
	"errors"
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/assessment"
	"github.com/gongkai/gongkai/models/documents"
	"github.com/gongkai/gongkai/models/scoreruns"
	"github.com/gongkai/gongkai/scoring"
	"github.com/gongkai/gongkai/views"
)

// assessments is GET /assessment: the assessments the viewer may see, and
// for the office the form of a new plan.
func (s *Server) assessments(c *fiber.Ctx) error {
	ctx := c.UserContext()
	v, _ := viewer(c)
	plans, err := s.assess.Plans(ctx, v)
	if err != nil {
		return err
	}
	data := fiber.Map{"Plans": plans, "CanCreate": v.CanRunAssessment()}
	if id, limited := v.OwnDepartment(); limited {
		data["OwnDept"] = id
	}
	return s.page(c, "assessments", "asmt.title", data)
}

// newPlanPage is the office's form for a new plan. It is a page of its own:
// it lists every department (3,000 in a province) for a focused plan, which
// the list of plans, read by everyone, should not carry.
func (s *Server) newPlanPage(c *fiber.Ctx) error {
	return s.showNewPlan(c, fiber.Map{})
}

// showNewPlan shows the form of a new plan; data carries it as typed when
// it was rejected, with its errors.
func (s *Server) showNewPlan(c *fiber.Ctx, data fiber.Map) error {
	v, _ := viewer(c)
	data["NewPlan"] = true
	if err := s.planFormData(c, v, data, nil); err != nil {
		return err
	}
	return s.page(c, "assessments", "asmt.new", data)
}

// planFormData fills the plan form: departments, schemes and defaults (or
// the plan being edited); partials/plan_form shows the rejected form
// instead when there is one.
func (s *Server) planFormData(c *fiber.Ctx, v models.Viewer, data fiber.Map, p *assessment.Plan) error {
	ctx := c.UserContext()
	depts, err := s.store.Departments(ctx, v)
	if err != nil {
		return err
	}
	schemes, err := s.store.Schemes(ctx)
	if err != nil {
		return err
	}
	today := scoring.DateOf(s.opt.Now())
	year, err := s.assess.NewPlanYear(ctx, today)
	if err != nil {
		return err
	}
	form := planForm{Year: strconv.Itoa(year), Scope: "full", AsOf: scoring.DefaultAsOf(year, today).String(), Notice: today.String(),
		SelfDue: (today + 10).String(), ObjectionDue: (today + 14).String(), Review: assessment.EarliestReview(today).String()}
	if p != nil {
		d := p.Dates()
		members, err := s.assess.Members(ctx, v, p.ID)
		if err != nil {
			return err
		}
		form = planForm{Year: strconv.Itoa(p.Year), Scope: "full", AsOf: d.AsOf.String(), Notice: d.Notice.String(), SelfDue: d.SelfDue.String(),
			ObjectionDue: d.ObjectionDue.String(), Review: d.Review.String(), Team: p.Team, Scheme: p.SchemeVersion}
		if !p.FullScope {
			form.Scope = "focus"
		}
		for _, m := range members {
			form.Departments = append(form.Departments, strconv.FormatUint(uint64(m.DepartmentID), 10))
		}
	}
	data["PlanForm"], data["AllDepts"], data["Schemes"] = form, depts, schemes
	return nil
}

// planForm is a plan as typed: year, scheme, the five dates of art. 8, the
// team, and the scope with the departments of a focused one.
type planForm struct {
	Year, Scheme, AsOf, Notice, SelfDue, ObjectionDue, Review, Team, Scope string
	Departments                                                            []string
}

// planFields are the plan form's fields, as the Store names them too.
var planFields = []string{"year", "scheme", "as_of", "notice", "self_due", "objection_due", "review", "team", "departments"}

// maxPlanDepartments bounds a focused plan's list (a province has 3,000).
const maxPlanDepartments = 10000

func readPlanForm(c *fiber.Ctx) planForm {
	v := func(k string) string { return strings.TrimSpace(c.FormValue(k)) }
	return planForm{Year: v("year"), Scheme: v("scheme"), AsOf: v("as_of"), Notice: v("notice"), SelfDue: v("self_due"),
		ObjectionDue: v("objection_due"), Review: v("review"), Team: v("team"), Scope: v("scope"), Departments: formValues(c, "departments")}
}

// FullScope tells a plan of every department (全面考核) from a focused one.
func (f planForm) FullScope() bool { return f.Scope != "focus" }

// Members are the departments ticked, by id as the form sends them.
func (f planForm) Members() map[string]bool {
	in := make(map[string]bool, len(f.Departments))
	for _, id := range f.Departments {
		in[id] = true
	}
	return in
}

// dates pairs each date field with its value.
func (f planForm) dates() []struct{ field, value string } {
	return []struct{ field, value string }{{"as_of", f.AsOf}, {"notice", f.Notice}, {"self_due", f.SelfDue}, {"objection_due", f.ObjectionDue}, {"review", f.Review}}
}

// Validate checks each field's form; the Store checks how the dates go
// together and whether the year already has a plan.
func (f planForm) Validate() FieldErrors {
	errs := FieldErrors{}
	if y, err := strconv.Atoi(f.Year); err != nil || !scoring.ValidYear(y) {
		errs.Add("year", "form.bad_whole", scoring.MinYear, scoring.MaxYear)
	}
	for _, d := range f.dates() {
		errs.Date(d.field, d.value, true)
	}
	errs.Text("team", f.Team, 2000, false)
	if len(f.Departments) > maxPlanDepartments {
		errs.Add("departments", "form.too_many", maxPlanDepartments)
	}
	for _, id := range f.Departments {
		errs.Choice("departments", id)
	}
	if !f.FullScope() && len(f.Departments) == 0 {
		errs.Add("departments", "form.focus_depts")
	}
	return errs
}

// input is the valid form as the Store takes it.
func (f planForm) input() assessment.PlanInput {
	year, _ := strconv.Atoi(f.Year)
	in := assessment.PlanInput{Year: year, FullScope: f.FullScope(), SchemeVersion: f.Scheme, Team: f.Team}
	for i, to := range []*scoring.Date{&in.Dates.AsOf, &in.Dates.Notice, &in.Dates.SelfDue, &in.Dates.ObjectionDue, &in.Dates.Review} {
		*to = formDate(f.dates()[i].value)
	}
	for _, id := range f.Departments {
		in.Departments = append(in.Departments, typedID(id))
	}
	return in
}

// createPlan is POST /assessment: the office drafts a plan.
func (s *Server) createPlan(c *fiber.Ctx) error {
	v, _ := viewer(c)
	f := readPlanForm(c)
	data := fiber.Map{"Rejected": "plan"}
	if !validate(c, f, data) {
		return s.showNewPlan(c, data)
	}
	p, err := s.assess.CreatePlan(c.UserContext(), v, f.input(), s.opt.Now())
	if refused(c, err, f, data, planFields...) {
		return s.showNewPlan(c, data)
	}
	if err != nil {
		return err
	}
	return s.flashBack(c, views.T(lang(c), "asmt.created"), planURL(p.ID))
}

// updatePlan is POST /assessment/:id: the office changes its draft.
func (s *Server) updatePlan(c *fiber.Ctx) error {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	f := readPlanForm(c)
	data := fiber.Map{"Rejected": "plan"}
	if !validate(c, f, data) {
		return s.showPlan(c, data)
	}
	err = s.assess.UpdatePlan(c.UserContext(), v, id, f.input(), s.opt.Now())
	if refused(c, err, f, data, planFields...) {
		return s.showPlan(c, data)
	}
	if err != nil {
		return err
	}
	return s.flashBack(c, views.T(lang(c), "asmt.saved"), planURL(id))
}

// stepForm is the reason given with a step of a plan, as typed; the Store
// knows which steps need one.
type stepForm struct {
	Reason string
}

// Validate bounds the reason.
func (f stepForm) Validate() FieldErrors {
	errs := FieldErrors{}
	errs.Text("reason", f.Reason, 2000, false)
	return errs
}

// planStep is POST /assessment/:id/step: submit, approve, return, propose,
// approve or return grades, ask for or decide a re-opening, publish. A
// refused step shows the plan again with the reason as typed.
func (s *Server) planStep(c *fiber.Ctx) error {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	a := assessment.Action(c.FormValue("action"))
	f := stepForm{Reason: strings.TrimSpace(c.FormValue("reason"))}
	data := fiber.Map{"Rejected": "step-" + string(a)}
	if !validate(c, f, data) {
		return s.showPlan(c, data)
	}
	err = s.assess.Take(c.UserContext(), v, id, a, f.Reason, s.opt.Now())
	if refused(c, err, f, data, "reason") {
		return s.showPlan(c, data)
	}
	if err != nil {
		return err
	}
	if a == assessment.Publish || a == assessment.ApproveReopen {
		s.public.reset()
	}
	return s.flashBack(c, views.T(lang(c), "asmt.done"), planURL(id))
}

func planURL(id uint) string { return fmt.Sprintf("/assessment/%d", id) }

// timelineStep is one line of a plan's timeline.
type timelineStep struct {
	Key  string
	Date string
	Done bool
}

// planPage is GET /assessment/:id: the plan in readable form, its timeline,
// where each department stands, open rectifications and the grades, with
// the steps the viewer may take. Heads go to their department's page.
func (s *Server) planPage(c *fiber.Ctx) error {
	return s.showPlan(c, fiber.Map{})
}

// showPlan is the plan's page; data carries a rejected form (the plan,
// "plan", or a step, "step-<action>") as typed, with its errors.
func (s *Server) showPlan(c *fiber.Ctx, data fiber.Map) error {
	ctx := c.UserContext()
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if dept, limited := v.OwnDepartment(); limited {
		if _, err := s.assess.Plan(ctx, v, id); err != nil {
			return err
		}
		return c.Redirect(fmt.Sprintf("/assessment/%d/departments/%d", id, dept), fiber.StatusSeeOther)
	}
	p, err := s.assess.Plan(ctx, v, id)
	if err != nil {
		return err
	}
	today := scoring.DateOf(s.opt.Now())
	statuses, err := s.assess.Statuses(ctx, v, id, today)
	if err != nil {
		return err
	}
	events, err := s.assess.Events(ctx, v, id)
	if err != nil {
		return err
	}
	open, err := s.assess.OpenRectifications(ctx, v, id)
	if err != nil {
		return err
	}
	names, err := s.store.DepartmentNames(ctx)
	if err != nil {
		return err
	}
	items, err := p.CatalogSnapshot()
	if err != nil {
		return err
	}
	run, err := scoreruns.New(s.store).ScoreRun(ctx, p.RunID)
	if err != nil {
		return err
	}
	if !p.FullScope { // a focused plan (重点考核) lists the units it covers
		if data["Members"], err = s.assess.Members(ctx, v, id); err != nil {
			return err
		}
	}
	data["Plan"], data["Dates"], data["Statuses"], data["Events"], data["Open"], data["Names"] = p, p.Dates(), statuses, events, open, names
	data["RunName"] = runName(lang(c), run)
	data["Today"], data["Steps"], data["Timeline"], data["CatalogItems"] = today, assessment.AvailableTo(v, p.Status), timeline(p, today), len(items)
	if data["Waits"], err = s.assess.ProposeWaits(ctx, v, p, today); err != nil {
		return err
	}
	if err := s.planReminders(c, v, id, data); err != nil {
		return err
	}
	for _, e := range events { // what an early proposal went ahead of, as recorded
		if e.Action == string(assessment.Propose) {
			data["EarlyEvent"] = e.Note
		}
	}
	if v.CanRunAssessment() && p.Status.Editable() {
		if err := s.planFormData(c, v, data, p); err != nil {
			return err
		}
	}
	return s.page(c, "assessment_plan", "asmt.plan", data)
}

// timeline lists the steps of art. 8 with their dates, done or to come.
func timeline(p *assessment.Plan, today scoring.Date) []timelineStep {
	d := p.Dates()
	at := func(t *time.Time) (string, bool) {
		if t == nil {
			return "", false
		}
		return scoring.DateOf(*t).String(), true
	}
	approved, ok1 := at(p.ApprovedAt)
	graded, ok2 := at(p.GradesApprovedAt)
	published, ok3 := at(p.PublishedAt)
	return []timelineStep{
		{"asmt.tl.plan", scoring.DateOf(p.CreatedAt).String(), true},
		{"asmt.tl.approved", approved, ok1},
		{"asmt.tl.notice", d.Notice.String(), p.Status.Started() && today >= d.Notice},
		{"asmt.tl.self", d.SelfDue.String(), p.Status.Started() && d.SelfClosed(today)},
		{"asmt.tl.objection", d.ObjectionDue.String(), p.Status.Started() && d.ObjectionsClosed(today)},
		{"asmt.tl.review", d.Review.String(), p.Status.Started() && d.Reviewed(today)},
		{"asmt.tl.grades", graded, ok2},
		{"asmt.tl.published", published, ok3},
	}
}

// noticePage is GET /assessment/:id/notice/:dept: the printable notice
// (考核通知) of one department.
func (s *Server) noticePage(c *fiber.Ctx) error {
	return s.showNotice(c, fiber.Map{})
}

// showNotice is the notice; data carries a refused signature.
func (s *Server) showNotice(c *fiber.Ctx, data fiber.Map) error {
	v, _ := viewer(c)
	plan, dept, err := planAndDept(c)
	if err != nil {
		return err
	}
	dv, err := s.assess.Department(c.UserContext(), v, plan, dept)
	if err != nil {
		return err
	}
	if !dv.Plan.Status.Started() {
		return models.ErrNotFound
	}
	d, err := s.store.Department(c.UserContext(), v, dept)
	if err != nil {
		return err
	}
	data["View"], data["Dept"], data["Dates"], data["CanSign"] = dv, d, dv.Plan.Dates(), v.CanActForDepartment(dept)
	if at := dv.Member.NoticeReadAt; at != nil { // the receipt (签收), on the page and in its print
		data["SignedAt"] = documents.Stamp(*at)
	}
	switch doc, err := s.assess.Notice(c.UserContext(), v, plan); {
	case err == nil: // the notice as issued, in the GB/T 9704 layout
		data["Issued"], data["IssuedBody"] = doc, template.HTML(doc.HTML) // rendered and escaped by models/documents at issue
	case !errors.Is(err, models.ErrNotFound):
		return err
	}
	return s.page(c, "assessment_notice", "asmt.notice", data)
}

// noticeDOCX is GET /assessment/:id/notice.docx: the plan's notice as issued.
func (s *Server) noticeDOCX(c *fiber.Ctx) error {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	doc, err := s.assess.Notice(c.UserContext(), v, id)
	if err != nil {
		return err
	}
	return sendIssued(c, doc)
}

// signNotice is POST /assessment/:id/notice/:dept: the head signs for the notice.
func (s *Server) signNotice(c *fiber.Ctx) error {
	v, _ := viewer(c)
	plan, dept, err := planAndDept(c)
	if err != nil {
		return err
	}
	err = s.assess.SignNotice(c.UserContext(), v, plan, dept, s.opt.Now())
	if data := (fiber.Map{}); refused(c, err, noInput{}, data) {
		return s.showNotice(c, data)
	}
	if err != nil {
		return err
	}
	return s.flashBack(c, views.T(lang(c), "asmt.signed"), fmt.Sprintf("/assessment/%d/notice/%d", plan, dept))
}

// remind is POST /assessment/:id/departments/:dept/remind: the office's
// 催办 to a unit that has not signed its notice, from the plan page.
func (s *Server) remind(c *fiber.Ctx) error {
	v, _ := viewer(c)
	plan, dept, err := planAndDept(c)
	if err != nil {
		return err
	}
	err = s.assess.Remind(c.UserContext(), v, plan, []uint{dept}, c.FormValue("note"), s.opt.Now())
	if data := (fiber.Map{"Rejected": fmt.Sprintf("remind-%d", dept)}); refused(c, err, noInput{}, data) {
		return s.showPlan(c, data)
	}
	if err != nil {
		return err
	}
	return s.flashBack(c, views.T(lang(c), "asmt.reminded"), fmt.Sprintf("/assessment/%d#statuses", plan))
}

// planAndDept reads :id and :dept.
func planAndDept(c *fiber.Ctx) (uint, uint, error) {
	plan, err := pathID(c)
	if err != nil {
		return 0, 0, err
	}
	dept, err := c.ParamsInt("dept")
	if err != nil || dept <= 0 {
		return 0, 0, models.ErrNotFound
	}
	return plan, uint(dept), nil
}

// assessmentRoutes lists the year-end assessment's URLs (issue 9). Every
// role may ask; the Store answers only what the viewer may read or do.
func (s *Server) assessmentRoutes(app *router) {
	get(app, "/assessment", models.ActSignedIn, s.assessments)
	post(app, "/assessment", models.ActRunAssessment, s.createPlan, compute)
	get(app, "/assessment/new", models.ActRunAssessment, s.newPlanPage)
	get(app, "/assessment/attachments/:id", models.ActSignedIn, s.attachment)
	post(app, "/assessment/objections/:id/answer", models.ActRunAssessment, s.answerObjection)
	post(app, "/assessment/findings/:id/report", models.ActFileForDepartment, s.reportRectification, takesFiles)
	post(app, "/assessment/findings/:id/close", models.ActRunAssessment, s.closeFinding)
	get(app, "/assessment/:id", models.ActSignedIn, s.planPage)
	post(app, "/assessment/:id", models.ActRunAssessment, s.updatePlan, compute)
	post(app, "/assessment/:id/step", models.ActStepPlan, s.planStep)
	get(app, "/assessment/:id/results", models.ActSignedIn, s.resultsNotice)
	get(app, "/assessment/:id/results.docx", models.ActSignedIn, s.resultsDOCX)
	get(app, "/assessment/:id/notices/:doc", models.ActSignedIn, s.resultsNoticeDOCX)
	get(app, "/assessment/:id/notice/:dept", models.ActSignedIn, s.noticePage)
	get(app, "/assessment/:id/notice.docx", models.ActSignedIn, s.noticeDOCX)
	get(app, "/assessment/:id/notice-draft", models.ActRunAssessment, s.noticeDraft)
	post(app, "/assessment/:id/notice-draft", models.ActRunAssessment, s.saveNoticeDraft)
	post(app, "/assessment/:id/notice/:dept", models.ActFileForDepartment, s.signNotice)
	post(app, "/assessment/:id/departments/:dept/remind", models.ActRunAssessment, s.remind)
	get(app, "/assessment/:id/departments/:dept", models.ActSignedIn, s.assessmentDepartment)
	post(app, "/assessment/:id/departments/:dept/self", models.ActFileForDepartment, s.fileSelfInspection, takesFiles)
	post(app, "/assessment/:id/departments/:dept/objections", models.ActFileForDepartment, s.fileObjection, takesFiles)
	post(app, "/assessment/:id/departments/:dept/adjustments", models.ActRunAssessment, s.adjustIndicator)
	post(app, "/assessment/:id/departments/:dept/findings", models.ActRunAssessment, s.addFinding)
	post(app, "/assessment/:id/departments/:dept/commend", models.ActRunAssessment, s.commend)
}

// assessmentHome adds to a home page what of the assessment concerns the
// viewer: for the leading group, what waits for its approval; for a head,
// their department's notices and grades.
func (s *Server) assessmentHome(c *fiber.Ctx, v models.Viewer, data fiber.Map) error {
	ctx := c.UserContext()
	waiting, err := s.assess.Waiting(ctx, v)
	if err != nil {
		return err
	}
	items, err := s.assess.ForHead(ctx, v)
	if err != nil {
		return err
	}
	// The leading group reads proposed grades as counts by grade here, and
	// in full on the plan page.
	counts := make(map[uint][]gradeCount, len(waiting))
	for _, p := range waiting {
		if p.Status != assessment.Proposed {
			continue
		}
		grades, err := s.assess.Grades(ctx, v, p.ID)
		if err != nil {
			return err
		}
		counts[p.ID] = countGrades(grades)
	}
	data["Waiting"], data["WaitingGrades"], data["HeadItems"] = waiting, counts, items
	return nil
}

// gradeCount is how many departments got a grade.
type gradeCount struct {
	Grade string // empty: not rated
	N     int
}

// countGrades counts grades, best first, those not rated last.
func countGrades(gs []assessment.Grade) []gradeCount {
	n := map[scoring.Grade]int{}
	for _, g := range gs {
		n[scoring.Grade(g.Grade)]++
	}
	var out []gradeCount
	for _, k := range append(scoring.Grades(), "") {
		if n[k] > 0 {
			out = append(out, gradeCount{string(k), n[k]})
		}
	}
	return out
}
