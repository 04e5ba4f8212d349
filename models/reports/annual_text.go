package reports

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"gorm.io/gorm"

	"github.com/gongkai/gongkai/models"
)

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

// AnnualTexts reads the stored section texts of a draft, by section, if the
// viewer may read the report.
func (s *Store) AnnualTexts(ctx context.Context, v models.Viewer, year int, deptID uint) (map[string]AnnualReportText, error) {
	if err := v.CanReadReport(deptID); err != nil {
		return nil, err
	}
	var rows []AnnualReportText
	if err := s.DB.WithContext(ctx).Where("year = ? AND department_id = ?", year, deptID).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("read annual report texts: %w", err)
	}
	out := make(map[string]AnnualReportText, len(rows))
	for _, r := range rows {
		out[r.Section] = r
	}
	return out, nil
}

// SaveAnnualTexts stores the given sections' texts of a draft, audit-logged
// section by section with the text before and after; unchanged sections
// write nothing. Only the office edits drafts. It returns how many sections
// changed.
func (s *Store) SaveAnnualTexts(ctx context.Context, v models.Viewer, year int, deptID uint, texts map[string]string, now time.Time) (int, error) {
	if !v.IsOffice() {
		return 0, models.ErrForbidden
	}
	if deptID != 0 {
		if _, err := s.Department(ctx, v, deptID); err != nil {
			return 0, err
		}
	}
	changed := 0
	err := s.Audited(ctx, v, func(tx *models.Tx) error {
		for _, section := range slices.Sorted(maps.Keys(texts)) {
			body := texts[section]
			var row AnnualReportText
			err := tx.ForUpdate().Where("year = ? AND department_id = ? AND section = ?", year, deptID, section).First(&row).Error
			found := err == nil
			if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
				return fmt.Errorf("read annual report text: %w", err)
			}
			if found && row.Body == body {
				continue
			}
			// The department's report names it, so that its log finds it.
			logged := func(text string) any {
				if deptID == 0 {
					return text
				}
				return map[string]any{"department": deptID, "text": text}
			}
			var before any
			if found {
				before = logged(row.Body)
			}
			row.Year, row.DepartmentID, row.Section = year, deptID, section
			row.Body, row.UpdatedBy, row.UpdatedAt = body, v.Name, now.UTC()
			if err := tx.DB.Save(&row).Error; err != nil {
				return fmt.Errorf("save annual report text: %w", err)
			}
			action := map[bool]string{true: "update", false: "create"}[found]
			if err := tx.Record(action, "annual_report_text", fmt.Sprintf("%d/%d/%s", year, deptID, section), before, logged(body)); err != nil {
				return err
			}
			changed++
		}
		return nil
	})
	return changed, err
}
