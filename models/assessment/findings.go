package assessment

import (
	"context"
	"fmt"

	"gorm.io/gorm"
)

// FindingRef places an on-site finding (实地考核问题): its plan and the
// plan's year, its department, and its number there.
type FindingRef struct {
	ID, PlanID   uint
	Year         int
	DepartmentID uint
	No           int
}

// findingRefs numbers the findings of one plan (every plan: 0) within
// their plan and department, in the order they were recorded: 问题1,
// 问题2 … Findings are never deleted, so a number never changes.
func findingRefs(db *gorm.DB, plan uint) ([]FindingRef, error) {
	q := db.Table("assessment_findings AS f").Select("f.id, f.plan_id, p.year, f.department_id").
		Joins("JOIN assessment_plans AS p ON p.id = f.plan_id").Order("f.plan_id, f.department_id, f.id")
	if plan != 0 {
		q = q.Where("f.plan_id = ?", plan)
	}
	var out []FindingRef
	if err := q.Scan(&out).Error; err != nil {
		return nil, fmt.Errorf("number findings: %w", err)
	}
	for i := range out {
		out[i].No = 1
		if i > 0 && out[i].PlanID == out[i-1].PlanID && out[i].DepartmentID == out[i-1].DepartmentID {
			out[i].No = out[i-1].No + 1
		}
	}
	return out, nil
}

// FindingNumbers maps the id of each finding of a plan to its number
// within its department. The assessment pages and a case's evidence both
// name a finding by this number.
func FindingNumbers(db *gorm.DB, plan uint) (map[uint]int, error) {
	refs, err := findingRefs(db, plan)
	if err != nil {
		return nil, err
	}
	no := make(map[uint]int, len(refs))
	for _, r := range refs {
		no[r.ID] = r.No
	}
	return no, nil
}

// FindingRefs places every finding, for the audit log, which records a
// finding by its id.
func (s *Store) FindingRefs(ctx context.Context) ([]FindingRef, error) {
	return findingRefs(s.m.DB.WithContext(ctx), 0)
}

// FindingByNumber finds, in tx, the department's finding numbered no among
// the findings of year's assessment (2025-1), as a case's evidence names
// it: its id and text, ok false when there is none.
func (s *Store) FindingByNumber(tx *gorm.DB, dept uint, year, no int) (uint, string, bool, error) {
	refs, err := findingRefs(tx.Where("f.department_id = ? AND p.year = ?", dept, year), 0)
	if err != nil {
		return 0, "", false, err
	}
	for _, r := range refs {
		if r.No == no {
			var f Finding
			if err := tx.Select("id", "text").First(&f, r.ID).Error; err != nil {
				return 0, "", false, fmt.Errorf("read finding %d: %w", r.ID, err)
			}
			return f.ID, f.Text, true, nil
		}
	}
	return 0, "", false, nil
}
