package reports

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/scoring"
)

// Categorise records the office's national categories of a request (an
// applicant type, a result, or both; an empty one is left as it was),
// audit-logged. The record's own categories still win when it has them.
func (s *Store) Categorise(ctx context.Context, v models.Viewer, requestID uint, applicant, result string, now time.Time) error {
	if !v.IsOffice() {
		return models.ErrForbidden
	}
	if applicant != "" {
		a, ok := ParseApplicant(applicant)
		if !ok {
			return models.Invalid("applicant", "refuse.national.applicant", applicant)
		}
		applicant = a
	}
	if result != "" {
		r, ok := ParseResult(result)
		if !ok {
			return models.Invalid("result", "refuse.national.result", result)
		}
		result = r
	}
	if applicant == "" && result == "" {
		return models.Invalid("result", "refuse.national.choose")
	}
	return s.Audited(ctx, v, func(tx *models.Tx) error {
		var req models.Request
		if err := tx.DB.Select("id").First(&req, requestID).Error; err != nil {
			return models.NotFound(err, "read request")
		}
		var row models.RequestCategory
		err := tx.DB.Where("request_id = ?", requestID).First(&row).Error
		found := err == nil
		if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
			return fmt.Errorf("read request category: %w", err)
		}
		before := row
		row.RequestID = requestID
		if applicant != "" {
			row.Applicant = applicant
		}
		if result != "" {
			row.Result = result
		}
		row.UpdatedBy, row.UpdatedAt = v.Name, now.UTC()
		if err := tx.DB.Save(&row).Error; err != nil {
			return fmt.Errorf("save request category: %w", err)
		}
		if !found {
			return tx.Record("create", "request_category", requestID, nil, categoryOf(row))
		}
		return tx.Record("update", "request_category", requestID, categoryOf(before), categoryOf(row))
	})
}

func categoryOf(r models.RequestCategory) map[string]string {
	return map[string]string{"申请人类型": r.Applicant, "办理结果": r.Result}
}

// AnnualFiguresOf sums the filed figures of a year over the given
// departments (nil: every department), by key; a figure nobody filed is
// absent.
func (s *Store) AnnualFiguresOf(ctx context.Context, year int, depts []uint) (map[string]float64, error) {
	q := s.DB.WithContext(ctx).Where("year = ?", year)
	if depts != nil {
		q = q.Where("department_id IN ?", depts)
	}
	var rows []AnnualFigures
	if err := q.Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("read annual figures: %w", err)
	}
	out := map[string]float64{}
	for _, r := range rows {
		if r.Figures == "" {
			continue
		}
		var m map[string]float64
		if err := json.Unmarshal([]byte(r.Figures), &m); err != nil {
			return nil, fmt.Errorf("annual figures %d: %w", r.ID, err)
		}
		for k, v := range m {
			out[k] += v
		}
	}
	return out, nil
}

// SaveAnnualFigures files a department's figures of a year as typed in
// the app (by key; "" leaves a figure unfiled), audit-logged. The office
// files for any department, a head for their own.
func (s *Store) SaveAnnualFigures(ctx context.Context, v models.Viewer, deptID uint, year int, typed map[string]string) error {
	if err := v.MayForDepartment(models.ActFileAnnualFigures, deptID); err != nil {
		return err
	}
	if !scoring.ValidYear(year) {
		return models.Invalid("year", "refuse.year", scoring.MinYear, scoring.MaxYear)
	}
	if _, err := s.Department(ctx, v, deptID); err != nil {
		return err
	}
	figures := map[string]float64{}
	for _, f := range AnnualFigureSpecs {
		raw := strings.TrimSpace(typed[f.Key])
		if raw == "" {
			continue
		}
		n, ok := ParseAnnualFigure(f, raw)
		if !ok {
			return models.Invalid(f.Key, "refuse.national.number", f.Name, raw)
		}
		figures[f.Key] = n
	}
	body := EncodeAnnualFigures(figures)
	return s.Audited(ctx, v, func(tx *models.Tx) error {
		var row AnnualFigures
		err := tx.DB.Where("department_id = ? AND year = ?", deptID, year).First(&row).Error
		found := err == nil
		if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
			return fmt.Errorf("read annual figures: %w", err)
		}
		if found && row.Figures == body {
			return nil
		}
		before := row.Figures
		row.DepartmentID, row.Year, row.Figures = deptID, year, body
		if err := tx.DB.Save(&row).Error; err != nil {
			return fmt.Errorf("save annual figures: %w", err)
		}
		id := fmt.Sprintf("%d/%d", deptID, year)
		logged := func(figures string) any {
			return map[string]any{"department": deptID, "figures": json.RawMessage(OrEmptyObject(figures))}
		}
		if !found {
			return tx.Record("create", "annual_figures", id, nil, logged(body))
		}
		return tx.Record("update", "annual_figures", id, logged(before), logged(body))
	})
}

// AnnualFinalOf reads whether a unit's report of a year is final (nil: not).
func (s *Store) AnnualFinalOf(ctx context.Context, year int, deptID uint) (*AnnualFinal, error) {
	var f AnnualFinal
	err := s.DB.WithContext(ctx).Where("year = ? AND department_id = ?", year, deptID).First(&f).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read annual final: %w", err)
	}
	return &f, nil
}

// SetAnnualFinal marks a unit's report of a year final, or withdraws the
// mark, audit-logged; issue, when final, stores the report as issued in the
// same transaction (reports.MarkFinal). The caller has checked that the
// report may be final.
func (s *Store) SetAnnualFinal(ctx context.Context, v models.Viewer, year int, deptID uint, final bool, now time.Time, issue func(tx *models.Tx) error) error {
	if !v.IsOffice() {
		return models.ErrForbidden
	}
	return s.Audited(ctx, v, func(tx *models.Tx) error {
		id := fmt.Sprintf("%d/%d", year, deptID)
		if !final {
			res := tx.DB.Where("year = ? AND department_id = ?", year, deptID).Delete(&AnnualFinal{})
			if res.Error != nil {
				return fmt.Errorf("withdraw annual final: %w", res.Error)
			}
			if res.RowsAffected == 0 {
				return nil
			}
			return tx.Record("delete", "annual_final", id, "定稿", nil)
		}
		f := AnnualFinal{Year: year, DepartmentID: deptID, FinalBy: v.Name, FinalAt: now.UTC()}
		if err := tx.DB.Where("year = ? AND department_id = ?", year, deptID).FirstOrCreate(&f).Error; err != nil {
			return fmt.Errorf("mark annual final: %w", err)
		}
		if err := tx.Record("create", "annual_final", id, nil, "定稿"); err != nil {
			return err
		}
		return issue(tx)
	})
}
