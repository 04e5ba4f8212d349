package assessment

import (
	"context"
	"fmt"
	"slices"

	"github.com/gongkai/gongkai/i18n"
	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/scoring"
	"gorm.io/gorm"
)

// DepartmentView is everything of one department in one assessment: what
// its head and the office see on its assessment page.
type DepartmentView struct {
	Plan        *Plan
	Member      *Member
	Self        *SelfInspection
	Attachments map[string][]Attachment // by owner kind and id: "self/3", "objection/7", "finding/2" (no content)
	Auto        *scoring.DepartmentResult
	Adjusted    *scoring.DepartmentResult
	Objections  []Objection
	Adjustments []Adjustment
	Findings    []Finding
	Grade       *Grade // nil until the viewer may see it
}

// ObjectionAt returns the objection to a deduction, if any.
func (d *DepartmentView) ObjectionAt(indicator string, pos int) *Objection {
	for i := range d.Objections {
		if d.Objections[i].Indicator == indicator && d.Objections[i].Position == pos {
			return &d.Objections[i]
		}
	}
	return nil
}

// ObjectionText is the deduction an objection is to, from the plan's run,
// for a page to word in its reader's language; nil when the run no longer
// holds that deduction as it was when the objection was filed, and the
// page shows the objection's own (Chinese) record of it.
func (d *DepartmentView) ObjectionText(o Objection) *scoring.Text {
	if d.Auto == nil {
		return nil
	}
	ded, ok := deductionAt([]scoring.DepartmentResult{*d.Auto}, o.Indicator, o.Position)
	if !ok {
		return nil
	}
	t := ded.Message()
	if i18n.Word(i18n.Chinese, t) != o.Deduction {
		return nil
	}
	return &t
}

// Files returns the attachments of one owner.
func (d *DepartmentView) Files(owner string, id uint) []Attachment {
	return d.Attachments[fmt.Sprintf("%s/%d", owner, id)]
}

// Department reads one department's assessment, if the viewer may see it.
func (s *Store) Department(ctx context.Context, v models.Viewer, plan, dept uint) (*DepartmentView, error) {
	p, m, err := s.forDepartment(ctx, v, plan, dept)
	if err != nil {
		return nil, err
	}
	db := s.m.DB.WithContext(ctx)
	out := &DepartmentView{Plan: p, Member: m, Attachments: map[string][]Attachment{}}
	var si SelfInspection
	if db.Where("plan_id = ? AND department_id = ?", plan, dept).Limit(1).Find(&si).RowsAffected > 0 {
		out.Self = &si
	}
	var files []Attachment
	if err := db.Omit("data").Where("plan_id = ? AND department_id = ?", plan, dept).Order("id").Find(&files).Error; err != nil {
		return nil, fmt.Errorf("list attachments: %w", err)
	}
	for _, f := range files {
		k := fmt.Sprintf("%s/%d", f.Owner, f.OwnerID)
		out.Attachments[k] = append(out.Attachments[k], f)
	}
	if err := db.Where("plan_id = ? AND department_id = ?", plan, dept).Order("id").Find(&out.Objections).Error; err != nil {
		return nil, fmt.Errorf("list objections: %w", err)
	}
	if err := db.Where("plan_id = ? AND department_id = ?", plan, dept).Order("id").Find(&out.Adjustments).Error; err != nil {
		return nil, fmt.Errorf("list adjustments: %w", err)
	}
	if err := db.Where("plan_id = ? AND department_id = ?", plan, dept).Order("id").Find(&out.Findings).Error; err != nil {
		return nil, fmt.Errorf("list findings: %w", err)
	}
	if err := numberFindings(db, plan, out.Findings); err != nil {
		return nil, err
	}
	auto, err := s.autoResults(ctx, p, dept)
	if err != nil {
		return nil, err
	}
	if len(auto) == 1 {
		ch, err := s.changes(ctx, plan, dept)
		if err != nil {
			return nil, err
		}
		adj := Adjusted(auto, ch)
		out.Auto, out.Adjusted = &auto[0], &adj[0]
	}
	grades, err := s.Grades(ctx, v, plan)
	if err != nil {
		return nil, err
	}
	for i := range grades {
		if grades[i].DepartmentID == dept {
			out.Grade = &grades[i]
		}
	}
	return out, nil
}

// DepartmentStatus is one line of the office's plan page: where a
// department stands.
type DepartmentStatus struct {
	Member
	Name               string
	SelfFiledAt        *scoring.Date
	SelfLate           bool // filed after the due date
	SelfMissing        bool // not filed and past due
	ObjectionsOpen     int
	ObjectionsAnswered int
	FindingsOpen       int
	Overdue            int
	Grade              *Grade
}

// Statuses lists where each assessed department stands, for the bureau-wide roles.
func (s *Store) Statuses(ctx context.Context, v models.Viewer, plan uint, today scoring.Date) ([]DepartmentStatus, error) {
	if !v.CanReadAssessments() {
		return nil, models.ErrNotFound
	}
	p, err := s.Plan(ctx, v, plan)
	if err != nil {
		return nil, err
	}
	members, err := s.Members(ctx, v, plan)
	if err != nil {
		return nil, err
	}
	names, err := s.m.DepartmentNames(ctx)
	if err != nil {
		return nil, err
	}
	db := s.m.DB.WithContext(ctx)
	var selfs []SelfInspection
	if err := db.Select("department_id", "filed_at").Where("plan_id = ?", plan).Find(&selfs).Error; err != nil {
		return nil, fmt.Errorf("list self-inspections: %w", err)
	}
	var objs []Objection
	if err := db.Select("department_id", "status").Where("plan_id = ?", plan).Find(&objs).Error; err != nil {
		return nil, fmt.Errorf("list objections: %w", err)
	}
	var finds []Finding
	if err := db.Where("plan_id = ?", plan).Find(&finds).Error; err != nil {
		return nil, fmt.Errorf("list findings: %w", err)
	}
	grades, err := s.Grades(ctx, v, plan)
	if err != nil {
		return nil, err
	}
	out := make([]DepartmentStatus, len(members))
	idx := make(map[uint]*DepartmentStatus, len(members))
	for i, m := range members {
		out[i] = DepartmentStatus{Member: m, Name: names[m.DepartmentID]}
		idx[m.DepartmentID] = &out[i]
	}
	for _, si := range selfs {
		if d := idx[si.DepartmentID]; d != nil {
			f := scoring.DateOf(si.FiledAt)
			d.SelfFiledAt, d.SelfLate = &f, f > scoring.DateOf(p.SelfDue)
		}
	}
	for _, d := range out {
		if d.SelfFiledAt == nil && p.Dates().SelfClosed(today) {
			idx[d.DepartmentID].SelfMissing = true
		}
	}
	for _, o := range objs {
		if d := idx[o.DepartmentID]; d != nil {
			if o.Status == ObjectionOpen {
				d.ObjectionsOpen++
			} else {
				d.ObjectionsAnswered++
			}
		}
	}
	for _, f := range finds {
		if d := idx[f.DepartmentID]; d != nil && (f.Status == FindingOpen || f.Status == FindingReported) {
			d.FindingsOpen++
			if f.Overdue(today) {
				d.Overdue++
			}
		}
	}
	for i := range grades {
		if d := idx[grades[i].DepartmentID]; d != nil {
			d.Grade = &grades[i]
		}
	}
	return out, nil
}

// OpenRectifications lists the rectifications not yet closed across the
// plan (open or reported), due first, for the bureau-wide roles.
func (s *Store) OpenRectifications(ctx context.Context, v models.Viewer, plan uint) ([]Finding, error) {
	if !v.CanReadAssessments() {
		return nil, models.ErrNotFound
	}
	var out []Finding
	err := s.m.DB.WithContext(ctx).Where("plan_id = ? AND status IN ?", plan, []string{FindingOpen, FindingReported}).Order("due, id").Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("list rectifications: %w", err)
	}
	if err := numberFindings(s.m.DB.WithContext(ctx), plan, out); err != nil {
		return nil, err
	}
	return out, nil
}

// numberFindings sets each finding's No (models.FindingNumbers).
func numberFindings(db *gorm.DB, plan uint, fs []Finding) error {
	no, err := FindingNumbers(db, plan)
	if err != nil {
		return err
	}
	for i := range fs {
		fs[i].No = no[fs[i].ID]
	}
	return nil
}

// Waiting lists the assessments that wait for the leading group: plans
// submitted, grades proposed, re-openings requested.
func (s *Store) Waiting(ctx context.Context, v models.Viewer) ([]Plan, error) {
	if !v.CanDecideAssessment() {
		return nil, nil
	}
	var out []Plan
	err := s.m.DB.WithContext(ctx).Omit("catalog").Where("status IN ?", []Status{Submitted, Proposed, ReopenRequested}).Order("updated_at, id").Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("list waiting plans: %w", err)
	}
	return out, nil
}

// HeadItem is an assessment as the head of one of its departments sees it
// on their home page.
type HeadItem struct {
	Plan   Plan
	Member Member
	Grade  *Grade
}

// ForHead lists the assessments under way of the viewer's department, newest first.
func (s *Store) ForHead(ctx context.Context, v models.Viewer) ([]HeadItem, error) {
	dept, limited := v.OwnDepartment()
	if !limited {
		return nil, nil
	}
	plans, err := s.Plans(ctx, v)
	if err != nil {
		return nil, err
	}
	out := make([]HeadItem, 0, len(plans))
	for _, p := range plans {
		m, err := s.member(ctx, p.ID, dept)
		if err != nil {
			return nil, err
		}
		item := HeadItem{Plan: p, Member: *m}
		grades, err := s.Grades(ctx, v, p.ID)
		if err != nil {
			return nil, err
		}
		if len(grades) == 1 {
			item.Grade = &grades[0]
		}
		out = append(out, item)
	}
	return out, nil
}

// Indicators lists the codes of the indicators of a result, for the
// adjustment form.
func Indicators(r *scoring.DepartmentResult) []string {
	if r == nil {
		return nil
	}
	out := make([]string, 0, len(r.Indicators))
	for _, ind := range r.Indicators {
		out = append(out, ind.Code)
	}
	return slices.Clip(out)
}

// ObjectionPlace is the plan and department of an objection, for the page
// its form is on; one whose department the viewer may not see is not found.
func (s *Store) ObjectionPlace(ctx context.Context, v models.Viewer, id uint) (plan, dept uint, err error) {
	var o Objection
	if err := s.m.DB.WithContext(ctx).First(&o, id).Error; err != nil {
		return 0, 0, models.NotFound(err, "read objection")
	}
	if _, _, err := s.forDepartment(ctx, v, o.PlanID, o.DepartmentID); err != nil {
		return 0, 0, err
	}
	return o.PlanID, o.DepartmentID, nil
}

// FindingPlace is the plan and department of a finding, for the page its
// form is on; one whose department the viewer may not see is not found.
func (s *Store) FindingPlace(ctx context.Context, v models.Viewer, id uint) (plan, dept uint, err error) {
	_, f, err := s.finding(ctx, v, id)
	if err != nil {
		return 0, 0, err
	}
	return f.PlanID, f.DepartmentID, nil
}
