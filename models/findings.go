package models

import (
	"fmt"

	"gorm.io/gorm"
)

// FindingNumbers numbers the on-site findings (实地考核问题) of one
// assessment plan within their department, in the order they were recorded:
// 问题1, 问题2 … It maps a finding's id to its number. Findings are never
// deleted, so a number never changes. The assessment pages and a case's
// evidence both name a finding by this number.
func FindingNumbers(db *gorm.DB, plan uint) (map[uint]int, error) {
	var all []struct{ ID, DepartmentID uint }
	if err := db.Table("assessment_findings").Select("id, department_id").Where("plan_id = ?", plan).Order("department_id, id").Scan(&all).Error; err != nil {
		return nil, fmt.Errorf("number findings: %w", err)
	}
	no, count := make(map[uint]int, len(all)), map[uint]int{}
	for _, f := range all {
		count[f.DepartmentID]++
		no[f.ID] = count[f.DepartmentID]
	}
	return no, nil
}
