// Long file: one page, the department's view of an assessment, and the form
// actions on it (self-inspection, objection, answer, adjustment), which
// share its re-render; split by form when another action comes.

package handlers

import (
	"fmt"
	"math/big"
	"mime/multipart"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/assessment"
	"github.com/gongkai/gongkai/models/scoreruns"
	"github.com/gongkai/gongkai/models/upload"
	"github.com/gongkai/gongkai/scoring"
	"github.com/gongkai/gongkai/views"
)

func deptURL(plan, dept uint) string { return fmt.Sprintf("/assessment/%d/departments/%d", plan, dept) }

// assessmentDepartment is GET /assessment/:id/departments/:dept: one
// department's assessment, for its head and the bureau-wide roles.
func (s *Server) assessmentDepartment(c *fiber.Ctx) error {
	plan, dept, err := planAndDept(c)
	if err != nil {
		return err
	}
	return s.showAssessmentDepartment(c, plan, dept, fiber.Map{})
}

// showAssessmentDepartment is the department's assessment page; data
// carries a rejected form (named as departmentStep says) as typed, with
// its errors.
func (s *Server) showAssessmentDepartment(c *fiber.Ctx, plan, dept uint, data fiber.Map) error {
	ctx := c.UserContext()
	v, _ := viewer(c)
	dv, err := s.assess.Department(ctx, v, plan, dept)
	if err != nil {
		return err
	}
	d, err := s.store.Department(ctx, v, dept)
	if err != nil {
		return err
	}
	today := scoring.DateOf(s.opt.Now())
	data["View"], data["Dept"], data["Dates"], data["Today"] = dv, d, dv.Plan.Dates(), today
	data["IsHead"], data["IsOffice"] = v.CanActForDepartment(dept), v.CanRunAssessment()
	data["SelfClosed"], data["ObjectionClosed"] = dv.Plan.ClosedFor(assessment.FormSelf, today), dv.Plan.ClosedFor(assessment.FormObjection, today)
	data["ObjectionsOpen"] = data["ObjectionClosed"] == (*assessment.Wait)(nil)
	data["Indicators"], data["Deductions"] = assessment.Indicators(dv.Auto), deductionChoices(dv)
	return s.page(c, "assessment_department", "asmt.department", data)
}

// deductionChoice is a deduction the head may still object to.
type deductionChoice struct {
	Key  string // indicator/position
	Pts  string
	Text scoring.Deduction
}

// deductionGroup is one indicator's deductions the head may still object
// to: an <optgroup> of the objection form.
type deductionGroup struct {
	Indicator scoring.IndicatorResult
	Choices   []deductionChoice
}

func deductionChoices(dv *assessment.DepartmentView) []deductionGroup {
	if dv.Auto == nil || dv.Auto.Unrated {
		return nil
	}
	var out []deductionGroup
	for _, ind := range dv.Auto.Indicators {
		g := deductionGroup{Indicator: ind}
		for i, d := range ind.Deductions {
			if dv.ObjectionAt(ind.Code, i) == nil {
				g.Choices = append(g.Choices, deductionChoice{Key: ind.Code + "/" + strconv.Itoa(i), Pts: scoring.Round2(d.Points), Text: d})
			}
		}
		if len(g.Choices) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// carriesFiles reports whether the request carries a chosen file.
func carriesFiles(c *fiber.Ctx) bool {
	form, err := c.MultipartForm()
	if err != nil {
		return false
	}
	return slices.ContainsFunc(form.File["files"], func(fh *multipart.FileHeader) bool { return fh.Filename != "" || fh.Size > 0 })
}

// uploads reads the form's files, refusing too many or too large before
// reading them.
func uploads(c *fiber.Ctx) ([]upload.Upload, error) {
	form, err := c.MultipartForm()
	if err != nil {
		return nil, nil // a form without files
	}
	var out []upload.Upload
	for _, fh := range form.File["files"] {
		if fh.Size == 0 && fh.Filename == "" {
			continue
		}
		if len(out) == assessment.MaxAttachments {
			return nil, models.Invalid("file", "refuse.assessment.files_per_upload", assessment.MaxAttachments)
		}
		u, err := readUpload(fh)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, nil
}

// keptIDs reads the files a refused form kept (its "kept" fields), at most
// as many as one filing carries.
func keptIDs(c *fiber.Ctx) ([]uint, error) {
	form, err := c.MultipartForm()
	if err != nil {
		return nil, nil // a form without files
	}
	var ids []uint
	for _, v := range form.Value["kept"] {
		id, err := strconv.ParseUint(v, 10, 32)
		if err != nil || len(ids) == assessment.MaxAttachments {
			return nil, models.Invalid("file", "refuse.assessment.kept_gone")
		}
		ids = append(ids, uint(id))
	}
	return ids, nil
}

// departmentStep ends a form of a department's assessment page (named
// form there): rejected, by its Validate or by the Store's rules, it shows
// the page again with the form as typed and the errors beside its fields;
// done, it goes back to the page's section anchor with okKey's message.
// The files of a rejected form cannot be shown again: a browser does not
// let a page choose them, so the page says they must be chosen again,
// unless do kept them (data's "Kept", shown on the form).
func (s *Server) departmentStep(c *fiber.Ctx, plan, dept uint, form, anchor string, f validator, do func(data fiber.Map) error, okKey string, fields ...string) error {
	data := fiber.Map{"Rejected": form, "FilesDropped": carriesFiles(c)}
	if !validate(c, f, data) {
		return s.showAssessmentDepartment(c, plan, dept, data)
	}
	err := do(data)
	if refused(c, err, f, data, fields...) {
		return s.showAssessmentDepartment(c, plan, dept, data)
	}
	if err != nil {
		return err
	}
	return s.flashBack(c, views.T(lang(c), okKey), deptURL(plan, dept)+"#"+anchor)
}

// textForm is a form of one text: a self-inspection, a report of a
// rectification, a verification note.
type textForm struct {
	Text     string
	field    string
	max      int
	optional bool
}

// Validate checks the text's presence and length.
func (f textForm) Validate() FieldErrors {
	errs := FieldErrors{}
	errs.Text(f.field, f.Text, f.max, !f.optional)
	return errs
}

// fileSelfInspection is POST /assessment/:id/departments/:dept/self.
func (s *Server) fileSelfInspection(c *fiber.Ctx) error {
	v, _ := viewer(c)
	plan, dept, err := planAndDept(c)
	if err != nil {
		return err
	}
	f := textForm{Text: strings.TrimSpace(c.FormValue("text")), field: "text", max: assessment.MaxText}
	return s.departmentStep(c, plan, dept, "self", "self", f, func(data fiber.Map) error {
		files, err := uploads(c)
		if err != nil {
			return err
		}
		kept, err := keptIDs(c)
		if err != nil {
			return err
		}
		held, err := s.assess.FileSelfInspection(c.UserContext(), v, plan, dept, f.Text, files, kept, s.opt.Now())
		if len(held) > 0 {
			// What was chosen and is not kept must be chosen again.
			data["Kept"], data["FilesDropped"] = held, len(held) < len(kept)+len(files)
		}
		return err
	}, "asmt.self_filed", "text", "file")
}

// objectionForm is an objection as typed: the deduction objected to
// ("<indicator>/<position>") and the reason.
type objectionForm struct {
	Deduction, Reason string
}

// deduction splits the deduction chosen; ok is false for anything else.
func (f objectionForm) deduction() (code string, n int, ok bool) {
	code, pos, ok := strings.Cut(f.Deduction, "/")
	n, err := strconv.Atoi(pos)
	return code, n, ok && err == nil && n >= 0
}

// Validate needs a deduction and a reason.
func (f objectionForm) Validate() FieldErrors {
	errs := FieldErrors{}
	if _, _, ok := f.deduction(); !ok {
		errs.Add("deduction", "form.choose")
	}
	errs.Text("reason", f.Reason, assessment.MaxText, true)
	return errs
}

// fileObjection is POST /assessment/:id/departments/:dept/objections.
func (s *Server) fileObjection(c *fiber.Ctx) error {
	v, _ := viewer(c)
	plan, dept, err := planAndDept(c)
	if err != nil {
		return err
	}
	f := objectionForm{Deduction: c.FormValue("deduction"), Reason: strings.TrimSpace(c.FormValue("reason"))}
	return s.departmentStep(c, plan, dept, "objection", "objections", f, func(fiber.Map) error {
		files, err := uploads(c)
		if err != nil {
			return err
		}
		code, n, _ := f.deduction()
		_, err = s.assess.Object(c.UserContext(), v, plan, dept, code, n, f.Reason, files, s.opt.Now())
		return err
	}, "asmt.objected", "deduction", "reason", "file")
}

// answerForm is the office's answer to an objection as typed.
type answerForm struct {
	Decision, Answer string
}

// Validate needs accept or reject, and the reason.
func (f answerForm) Validate() FieldErrors {
	errs := FieldErrors{}
	if f.Decision != "accept" && f.Decision != "reject" {
		errs.Add("decision", "form.choose")
	}
	errs.Text("answer", f.Answer, assessment.MaxText, true)
	return errs
}

// answerObjection is POST /assessment/objections/:id/answer: the office
// accepts or rejects, with the reason.
func (s *Server) answerObjection(c *fiber.Ctx) error {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	plan, dept, err := s.assess.ObjectionPlace(c.UserContext(), v, id)
	if err != nil {
		return err
	}
	f := answerForm{Decision: c.FormValue("decision"), Answer: strings.TrimSpace(c.FormValue("answer"))}
	return s.departmentStep(c, plan, dept, fmt.Sprintf("answer-%d", id), "objections", f, func(fiber.Map) error {
		return s.assess.Answer(c.UserContext(), v, id, f.Decision == "accept", f.Answer, s.opt.Now())
	}, "asmt.answered", "answer")
}

// adjustForm is the office's adjustment of an indicator as typed.
type adjustForm struct {
	Indicator, Points, Reason string
}

// points is the adjustment as a number; ok is false when it is none.
func (f adjustForm) points() (*big.Rat, bool) {
	if len(f.Points) > 16 {
		return nil, false
	}
	return new(big.Rat).SetString(f.Points)
}

// Validate needs an indicator, a number and a reason.
func (f adjustForm) Validate() FieldErrors {
	errs := FieldErrors{}
	if f.Indicator == "" {
		errs.Add("indicator", "form.choose")
	}
	if _, ok := f.points(); !ok {
		errs.Add("points", "form.bad_points")
	}
	errs.Text("reason", f.Reason, 2000, true)
	return errs
}

// adjustIndicator is POST /assessment/:id/departments/:dept/adjustments.
func (s *Server) adjustIndicator(c *fiber.Ctx) error {
	v, _ := viewer(c)
	plan, dept, err := planAndDept(c)
	if err != nil {
		return err
	}
	f := adjustForm{Indicator: c.FormValue("indicator"), Points: strings.TrimSpace(c.FormValue("points")), Reason: strings.TrimSpace(c.FormValue("reason"))}
	return s.departmentStep(c, plan, dept, "adjust", "adjust", f, func(fiber.Map) error {
		pts, _ := f.points()
		return s.assess.Adjust(c.UserContext(), v, plan, dept, f.Indicator, pts, f.Reason, s.opt.Now())
	}, "asmt.adjusted_ok", "indicator", "points", "reason")
}

// findingForm is a problem found on site as typed, with the date it is to
// be put right by (none: noted only).
type findingForm struct {
	Text, Due string
}

// Validate needs the problem, and a real date if any.
func (f findingForm) Validate() FieldErrors {
	errs := FieldErrors{}
	errs.Text("text", f.Text, 2000, true)
	errs.Date("due", f.Due, false)
	return errs
}

// addFinding is POST /assessment/:id/departments/:dept/findings.
func (s *Server) addFinding(c *fiber.Ctx) error {
	v, _ := viewer(c)
	plan, dept, err := planAndDept(c)
	if err != nil {
		return err
	}
	f := findingForm{Text: strings.TrimSpace(c.FormValue("text")), Due: strings.TrimSpace(c.FormValue("due"))}
	return s.departmentStep(c, plan, dept, "finding", "findings", f, func(fiber.Map) error {
		_, err := s.assess.AddFinding(c.UserContext(), v, plan, dept, f.Text, formDate(f.Due), s.opt.Now())
		return err
	}, "asmt.finding_added", "text", "due")
}

// reportRectification is POST /assessment/findings/:id/report: the head
// reports a rectification done, with evidence.
func (s *Server) reportRectification(c *fiber.Ctx) error {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	plan, dept, err := s.assess.FindingPlace(c.UserContext(), v, id)
	if err != nil {
		return err
	}
	f := textForm{Text: strings.TrimSpace(c.FormValue("report")), field: "report", max: assessment.MaxText}
	return s.departmentStep(c, plan, dept, fmt.Sprintf("report-%d", id), "findings", f, func(fiber.Map) error {
		files, err := uploads(c)
		if err != nil {
			return err
		}
		return s.assess.ReportRectification(c.UserContext(), v, id, f.Text, files, s.opt.Now())
	}, "asmt.reported", "report", "file")
}

// closeFinding is POST /assessment/findings/:id/close: the office verifies.
func (s *Server) closeFinding(c *fiber.Ctx) error {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	plan, dept, err := s.assess.FindingPlace(c.UserContext(), v, id)
	if err != nil {
		return err
	}
	f := textForm{Text: strings.TrimSpace(c.FormValue("note")), field: "note", max: 2000}
	return s.departmentStep(c, plan, dept, fmt.Sprintf("close-%d", id), "findings", f, func(fiber.Map) error {
		return s.assess.CloseFinding(c.UserContext(), v, id, f.Text, s.opt.Now())
	}, "asmt.closed", "note")
}

// commendForm is a commendation as typed: a person of the unit (none: the
// unit itself) and the reason.
type commendForm struct {
	Person, Reason string
}

// Validate bounds the name and needs a reason.
func (f commendForm) Validate() FieldErrors {
	errs := FieldErrors{}
	errs.Text("person", f.Person, 64, false)
	errs.Text("reason", f.Reason, 2000, true)
	return errs
}

// commend is POST /assessment/:id/departments/:dept/commend: a unit, or a
// named person of it.
func (s *Server) commend(c *fiber.Ctx) error {
	v, _ := viewer(c)
	plan, dept, err := planAndDept(c)
	if err != nil {
		return err
	}
	f := commendForm{Person: strings.TrimSpace(c.FormValue("person")), Reason: strings.TrimSpace(c.FormValue("reason"))}
	return s.departmentStep(c, plan, dept, "commend", "commend", f, func(fiber.Map) error {
		return s.assess.Commend(c.UserContext(), v, plan, dept, f.Person, f.Reason, s.opt.Now())
	}, "asmt.commended", "person", "reason")
}

// attachment is GET /assessment/attachments/:id: the file, to whoever may
// see its department; anyone else gets a 404.
func (s *Server) attachment(c *fiber.Ctx) error {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	a, err := s.assess.Attachment(c.UserContext(), v, id)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentDisposition, "attachment; filename*=UTF-8''"+url.PathEscape(a.Name))
	c.Set(fiber.HeaderContentType, a.MIME)
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	return c.Send(a.Data)
}

// yearScore is a department's year as its pages show it: the year asked
// for, its standing (the one grade, assessment.Store.Standing) and the
// score behind that standing, indicator by indicator.
func (s *Server) yearScore(c *fiber.Ctx, v models.Viewer, id uint) (year int, standing *scoreruns.Standing, score *departmentScore, err error) {
	if year, err = s.yearOf(c); err != nil {
		return 0, nil, nil, err
	}
	if standing, err = s.assess.Standing(c.UserContext(), v, year, id); err != nil || standing == nil {
		return year, nil, nil, err
	}
	score, err = s.standingScore(c, v, standing)
	return year, standing, score, err
}

// standingScore is the score section behind a standing: the run it comes
// from and the result, adjusted by the assessment where it grades the unit.
func (s *Server) standingScore(c *fiber.Ctx, v models.Viewer, st *scoreruns.Standing) (*departmentScore, error) {
	ctx := c.UserContext()
	res, err := s.assess.StandingResult(ctx, v, st)
	if err != nil || res == nil {
		return nil, err
	}
	run, err := scoreruns.New(s.store).ScoreRun(ctx, st.RunID)
	if err != nil {
		return nil, err
	}
	return &departmentScore{Run: run, Result: res, Standing: st, Lang: lang(c)}, nil
}

// departmentRun is the run a department's score is read from: the one its
// standing comes from (models.ErrNotFound when the year has none).
func (s *Server) departmentRun(c *fiber.Ctx, v models.Viewer, year int, deptID uint) (*scoreruns.ScoreRun, error) {
	st, err := s.assess.Standing(c.UserContext(), v, year, deptID)
	if err != nil {
		return nil, err
	}
	if st == nil {
		return nil, models.ErrNotFound
	}
	return scoreruns.New(s.store).ScoreRun(c.UserContext(), st.RunID)
}

// rankingRun is the run a viewer's ranking of a year is read from: a
// department head sees the run their department is assessed on, so that a
// recomputation never changes what they were graded by; the others see the
// newest run.
func (s *Server) rankingRun(c *fiber.Ctx, v models.Viewer, year int) (*scoreruns.ScoreRun, error) {
	if id, limited := v.OwnDepartment(); limited {
		return s.departmentRun(c, v, year, id)
	}
	return scoreruns.New(s.store).LatestRun(c.UserContext(), year)
}
