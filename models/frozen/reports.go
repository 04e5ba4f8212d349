package frozen

import "time"

// The tables as step 2026112204_reports creates them. Never edit: a change of shape is a new step.

// AnnualReportText is the office's text of one section of an annual report
// draft (年度报告) for a year and a department; DepartmentID 0 is the whole
// bureau. The figures are not stored: they are computed from the records
// each time the draft is read.
type AnnualReportText struct {
	ID           uint      `gorm:"primaryKey"`
	Year         int       `gorm:"not null;uniqueIndex:uk_annual_text,priority:1"`
	DepartmentID uint      `gorm:"not null;uniqueIndex:uk_annual_text,priority:2"` // 0: the bureau
	Section      string    `gorm:"size:32;not null;uniqueIndex:uk_annual_text,priority:3"`
	Body         string    `gorm:"type:text;not null"`
	UpdatedBy    string    `gorm:"size:64;not null"`
	UpdatedAt    time.Time `gorm:"not null"`
}
