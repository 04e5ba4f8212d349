package handlers

import (
	"errors"
	"fmt"
	"math/big"
	"net/url"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/assessment"
	"github.com/gongkai/gongkai/scoring"
)

func deptURL(plan, dept uint) string { return fmt.Sprintf("/assessment/%d/departments/%d", plan, dept) }

// assessmentDepartment is GET /assessment/:id/departments/:dept: one
// department's assessment, for its head and the bureau-wide roles.
func (s *Server) assessmentDepartment(c *fiber.Ctx) error {
	ctx := c.UserContext()
	v, _ := viewer(c)
	plan, dept, err := planAndDept(c)
	if err != nil {
		return err
	}
	dv, err := s.assess.Department(ctx, v, plan, dept)
	if err != nil {
		return err
	}
	d, err := s.store.Department(ctx, v, dept)
	if err != nil {
		return err
	}
	today := scoring.DateOf(s.opt.Now())
	data := fiber.Map{"View": dv, "Dept": d, "Dates": dv.Plan.Dates(), "Today": today,
		"IsHead": v.CanActForDepartment(dept), "IsOffice": v.CanRunAssessment(),
		"ObjectionsOpen": dv.Plan.Status.Open() && today <= dv.Plan.Dates().ObjectionDue,
		"Indicators":     assessment.Indicators(dv.Auto), "Deductions": deductionChoices(dv)}
	return s.page(c, "assessment_department", "asmt.department", data)
}

// deductionChoice is a deduction the head may still object to.
type deductionChoice struct {
	Key  string // indicator/position
	Code string
	Pts  string
	Text scoring.Deduction
}

func deductionChoices(dv *assessment.DepartmentView) []deductionChoice {
	if dv.Auto == nil || dv.Auto.Unrated {
		return nil
	}
	var out []deductionChoice
	for _, ind := range dv.Auto.Indicators {
		for i, d := range ind.Deductions {
			if dv.ObjectionAt(ind.Code, i) == nil {
				out = append(out, deductionChoice{Key: ind.Code + "/" + strconv.Itoa(i), Code: ind.Code, Pts: scoring.Round2(d.Points), Text: d})
			}
		}
	}
	return out
}

// uploads reads the form's files, refusing too many or too large before
// reading them.
func uploads(c *fiber.Ctx) ([]models.Upload, error) {
	form, err := c.MultipartForm()
	if err != nil {
		return nil, nil // a form without files
	}
	var out []models.Upload
	for _, fh := range form.File["files"] {
		if fh.Size == 0 && fh.Filename == "" {
			continue
		}
		if len(out) == assessment.MaxAttachments {
			return nil, &models.ValidationError{Field: "file", Message: fmt.Sprintf("每次最多上传%d个附件", assessment.MaxAttachments)}
		}
		u, err := readUpload(fh)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, nil
}

// fileSelfInspection is POST /assessment/:id/departments/:dept/self.
func (s *Server) fileSelfInspection(c *fiber.Ctx) error {
	v, _ := viewer(c)
	plan, dept, err := planAndDept(c)
	if err != nil {
		return err
	}
	files, err := uploads(c)
	if err == nil {
		err = s.assess.FileSelfInspection(c.UserContext(), v, plan, dept, c.FormValue("text"), files, s.opt.Now())
	}
	return s.assessmentResult(c, err, deptURL(plan, dept)+"#self", "asmt.self_filed")
}

// fileObjection is POST /assessment/:id/departments/:dept/objections.
func (s *Server) fileObjection(c *fiber.Ctx) error {
	v, _ := viewer(c)
	plan, dept, err := planAndDept(c)
	if err != nil {
		return err
	}
	code, pos, ok := strings.Cut(c.FormValue("deduction"), "/")
	n, perr := strconv.Atoi(pos)
	if !ok || perr != nil {
		return s.assessmentResult(c, &models.ValidationError{Field: "deduction", Message: "请选择要提出异议的扣分项"}, deptURL(plan, dept)+"#objections", "")
	}
	files, err := uploads(c)
	if err == nil {
		_, err = s.assess.Object(c.UserContext(), v, plan, dept, code, n, c.FormValue("reason"), files, s.opt.Now())
	}
	return s.assessmentResult(c, err, deptURL(plan, dept)+"#objections", "asmt.objected")
}

// answerObjection is POST /assessment/objections/:id/answer: the office
// accepts or rejects, with the reason.
func (s *Server) answerObjection(c *fiber.Ctx) error {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	back := backPath(c)
	err = s.assess.Answer(c.UserContext(), v, id, c.FormValue("decision") == "accept", c.FormValue("answer"), s.opt.Now())
	return s.assessmentResult(c, err, back, "asmt.answered")
}

// adjustIndicator is POST /assessment/:id/departments/:dept/adjustments.
func (s *Server) adjustIndicator(c *fiber.Ctx) error {
	v, _ := viewer(c)
	plan, dept, err := planAndDept(c)
	if err != nil {
		return err
	}
	pts, ok := new(big.Rat).SetString(strings.TrimSpace(c.FormValue("points")))
	if !ok || len(c.FormValue("points")) > 16 {
		return s.assessmentResult(c, &models.ValidationError{Field: "points", Message: "调整分值应为数字，例如 1.5 或 -2"}, deptURL(plan, dept)+"#adjust", "")
	}
	err = s.assess.Adjust(c.UserContext(), v, plan, dept, c.FormValue("indicator"), pts, c.FormValue("reason"), s.opt.Now())
	return s.assessmentResult(c, err, deptURL(plan, dept)+"#adjust", "asmt.adjusted_ok")
}

// addFinding is POST /assessment/:id/departments/:dept/findings.
func (s *Server) addFinding(c *fiber.Ctx) error {
	v, _ := viewer(c)
	plan, dept, err := planAndDept(c)
	if err != nil {
		return err
	}
	var due scoring.Date
	if d := c.FormValue("due"); d != "" {
		if due, err = scoring.ParseDate(d); err != nil {
			return s.assessmentResult(c, &models.ValidationError{Field: "due", Message: err.Error()}, deptURL(plan, dept)+"#findings", "")
		}
	}
	_, err = s.assess.AddFinding(c.UserContext(), v, plan, dept, c.FormValue("text"), due, s.opt.Now())
	return s.assessmentResult(c, err, deptURL(plan, dept)+"#findings", "asmt.finding_added")
}

// reportRectification is POST /assessment/findings/:id/report: the head
// reports a rectification done, with evidence.
func (s *Server) reportRectification(c *fiber.Ctx) error {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	back := backPath(c)
	files, err := uploads(c)
	if err == nil {
		err = s.assess.ReportRectification(c.UserContext(), v, id, c.FormValue("report"), files, s.opt.Now())
	}
	return s.assessmentResult(c, err, back, "asmt.reported")
}

// closeFinding is POST /assessment/findings/:id/close: the office verifies.
func (s *Server) closeFinding(c *fiber.Ctx) error {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	back := backPath(c)
	err = s.assess.CloseFinding(c.UserContext(), v, id, c.FormValue("note"), s.opt.Now())
	return s.assessmentResult(c, err, back, "asmt.closed")
}

// commend is POST /assessment/:id/departments/:dept/commend: a unit, or a
// named person of it.
func (s *Server) commend(c *fiber.Ctx) error {
	v, _ := viewer(c)
	plan, dept, err := planAndDept(c)
	if err != nil {
		return err
	}
	err = s.assess.Commend(c.UserContext(), v, plan, dept, c.FormValue("person"), c.FormValue("reason"), s.opt.Now())
	return s.assessmentResult(c, err, deptURL(plan, dept)+"#commend", "asmt.commended")
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
// for and, while that year's assessment is under way, its standing and the
// score run it keeps, not whatever the office computed last.
func (s *Server) yearScore(c *fiber.Ctx, v models.Viewer, id uint) (year int, standing *assessment.YearStanding, score *departmentScore, err error) {
	if year, err = s.yearOf(c); err != nil {
		return 0, nil, nil, err
	}
	if standing, err = s.assess.Standing(c.UserContext(), v, year, id); err != nil {
		return 0, nil, nil, err
	}
	score, err = s.assessedScore(c, v, standing, id, year)
	return year, standing, score, err
}

// assessedScore is the department's score of the year, from the run
// standingRun names.
func (s *Server) assessedScore(c *fiber.Ctx, v models.Viewer, st *assessment.YearStanding, deptID uint, year int) (*departmentScore, error) {
	run, err := s.standingRun(c, st, year)
	if errors.Is(err, models.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return s.scoreIn(c, v, run, deptID)
}

// standingRun is the run a department's scores are read from: the
// assessment's own run while one is under way for it (st), otherwise the
// newest run of the year (models.ErrNotFound when there is none).
func (s *Server) standingRun(c *fiber.Ctx, st *assessment.YearStanding, year int) (*models.ScoreRun, error) {
	if st != nil {
		return s.assess.Run(c.UserContext(), st.Plan)
	}
	return s.store.LatestRun(c.UserContext(), year)
}

// departmentRun is standingRun for a department whose standing is not read
// yet.
func (s *Server) departmentRun(c *fiber.Ctx, v models.Viewer, year int, deptID uint) (*models.ScoreRun, error) {
	st, err := s.assess.Standing(c.UserContext(), v, year, deptID)
	if err != nil {
		return nil, err
	}
	return s.standingRun(c, st, year)
}

// rankingRun is the run a viewer's ranking of a year is read from: a
// department head sees the run their department is assessed on, so that a
// recomputation never changes what they were graded by; the others see the
// newest run.
func (s *Server) rankingRun(c *fiber.Ctx, v models.Viewer, year int) (*models.ScoreRun, error) {
	if id, limited := v.OwnDepartment(); limited {
		return s.departmentRun(c, v, year, id)
	}
	return s.store.LatestRun(c.UserContext(), year)
}
