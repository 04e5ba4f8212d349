package assessment

import (
	"context"
	"fmt"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/clocks"
	"github.com/gongkai/gongkai/scoring"
)

// Deadline kinds of the assessment on a head's home.
const (
	DeadlineSelfInspection = "self_inspection"
	DeadlineRectification  = "rectification"
)

// DeadlinesOf lists what the assessments under way ask of a department:
// the self-inspection while not filed and the grades not approved, and
// each rectification asked and not yet reported done.
func (s *Store) DeadlinesOf(ctx context.Context, v models.Viewer, dept uint) ([]clocks.Deadline, error) {
	if !v.CanSeeDepartment(dept) {
		return nil, models.ErrNotFound
	}
	items, err := s.ForHead(ctx, v)
	if err != nil {
		return nil, err
	}
	db := s.m.DB.WithContext(ctx)
	var out []clocks.Deadline
	for _, it := range items {
		p := it.Plan
		url := fmt.Sprintf("/assessment/%d/departments/%d", p.ID, dept)
		if p.ApprovedAt != nil && p.GradesApprovedAt == nil {
			var n int64
			if err := db.Model(&SelfInspection{}).Where("plan_id = ? AND department_id = ?", p.ID, dept).Count(&n).Error; err != nil {
				return nil, fmt.Errorf("read self-inspection: %w", err)
			}
			if n == 0 {
				out = append(out, clocks.Deadline{DepartmentID: dept, Kind: DeadlineSelfInspection, Title: fmt.Sprint(p.Year),
					Due: scoring.DateOf(p.SelfDue), URL: url + "#self"})
			}
		}
		var finds []Finding
		if err := db.Where("plan_id = ? AND department_id = ? AND status = ? AND due IS NOT NULL", p.ID, dept, FindingOpen).Find(&finds).Error; err != nil {
			return nil, fmt.Errorf("read rectifications: %w", err)
		}
		for _, f := range finds {
			out = append(out, clocks.Deadline{DepartmentID: dept, Kind: DeadlineRectification, Title: f.Text, RecordID: f.ID,
				Due: scoring.DateOf(*f.Due), URL: url + "#findings"})
		}
	}
	return out, nil
}

// OpenObjection is an objection waiting for the office's answer.
type OpenObjection struct {
	Objection
	Year int
}

// OpenObjections lists the objections not yet answered in every plan, oldest
// first, for the office.
func (s *Store) OpenObjections(ctx context.Context, v models.Viewer) ([]OpenObjection, error) {
	if !v.CanRunAssessment() {
		return nil, models.ErrForbidden
	}
	var out []OpenObjection
	err := s.m.DB.WithContext(ctx).Table(Objection{}.TableName()+" AS o").
		Select("o.*, p.year AS year").Joins("JOIN "+Plan{}.TableName()+" AS p ON p.id = o.plan_id").
		Where("o.status = ?", ObjectionOpen).Order("o.filed_at, o.id").Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("list open objections: %w", err)
	}
	return out, nil
}
