package reports

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/scoring"
)

// Kinds of report a department files in the app.
const (
	FilingQuarterly = "quarterly" // 季度报表, Annex 2 of seed 000
	FilingAnnual    = "annual"    // 年度报告
)

// ReportFiling is one version of a report a department's head filed in the
// app. The first version's date is the report's submission date, the date
// D1 (quarterly) and D3 (annual) score; a later version corrects the report,
// with a reason, and leaves that date as it was.
type ReportFiling struct {
	ID           uint      `gorm:"primaryKey"`
	Kind         string    `gorm:"size:16;not null;uniqueIndex:uk_report_filing,priority:1"`
	DepartmentID uint      `gorm:"not null;uniqueIndex:uk_report_filing,priority:2"`
	Year         int       `gorm:"not null;uniqueIndex:uk_report_filing,priority:3"`
	Quarter      int       `gorm:"not null;uniqueIndex:uk_report_filing,priority:4"` // 0 for an annual report
	Version      int       `gorm:"not null;uniqueIndex:uk_report_filing,priority:5"`
	Figures      string    `gorm:"type:text;not null"` // JSON: every line of the form as filed ([]FilingLine)
	Signature    string    `gorm:"type:text;not null"` // JSON: FilingSignature
	Reason       string    `gorm:"type:text"`          // a correction's reason; empty for the first version
	FiledBy      string    `gorm:"size:64;not null"`
	FiledAt      time.Time `gorm:"not null"`
}

// FilingSignature is the foot of the form: 单位负责人, 填报人, 联系电话.
type FilingSignature struct {
	Head   string `json:"head"`
	Filler string `json:"filler"`
	Phone  string `json:"phone"`
}

// Sign reads the stored signature.
func (f ReportFiling) Sign() FilingSignature {
	var s FilingSignature
	_ = json.Unmarshal([]byte(f.Signature), &s) // written by FileReport
	return s
}

// FilingInput is a report as a head files it: Entered are the figures the
// records cannot give (they become the report's filed figures), Snapshot
// every line of the form in order as shown, records' figures included.
type FilingInput struct {
	Kind          string
	DepartmentID  uint
	Year, Quarter int
	Entered       map[string]float64
	Snapshot      []FilingLine
	Signature     FilingSignature
	Reason        string
	// Issue stores the version as filed, as an issued document, in the
	// filing's transaction (reports.FileReport); nil stores none.
	Issue func(tx *models.Tx, f *ReportFiling) error
}

// FilingLine is a line of a filed form as the head saw and typed it.
type FilingLine struct {
	Label string `json:"label"`
	Value string `json:"value"`
}

// ErrCorrectionReason: a filed report is corrected only with a reason.
var ErrCorrectionReason = models.Invalid("reason", "refuse.filing.correction_reason")

// maxCorrectionReason bounds a correction's reason, in characters.
const maxCorrectionReason = 500

// Problems are the refusals of a filing's signature and reason, field by
// field: 单位负责人 and 填报人 named (at most MaxName characters), a 联系电话
// (ValidPhone), and a reason of at most 500 characters, required when the
// report was filed before (filed: this filing corrects it). FileReport
// refuses the first; the filing form shows them all beside their fields.
func (in FilingInput) Problems(filed bool) []*models.ValidationError {
	var out []*models.ValidationError
	for _, n := range []struct{ field, name string }{{"head", in.Signature.Head}, {"filler", in.Signature.Filler}} {
		switch name := strings.TrimSpace(n.name); {
		case name == "":
			out = append(out, models.Invalid(n.field, "filing.required"))
		case utf8.RuneCountInString(name) > models.MaxName:
			out = append(out, models.Invalid(n.field, "form.name_too_long"))
		}
	}
	switch phone := strings.TrimSpace(in.Signature.Phone); {
	case phone == "":
		out = append(out, models.Invalid("phone", "filing.required"))
	case !models.ValidPhone(phone):
		out = append(out, models.Invalid("phone", "form.bad_phone"))
	}
	switch reason := strings.TrimSpace(in.Reason); {
	case filed && reason == "":
		out = append(out, ErrCorrectionReason)
	case utf8.RuneCountInString(reason) > maxCorrectionReason:
		out = append(out, models.Invalid("reason", "form.too_long", maxCorrectionReason))
	}
	return out
}

// Filings lists the versions of a report, oldest first, if the viewer may
// see the department.
func (s *Store) Filings(ctx context.Context, v models.Viewer, kind string, dept uint, year, quarter int) ([]ReportFiling, error) {
	if !v.CanSeeDepartment(dept) {
		return nil, models.ErrNotFound
	}
	var out []ReportFiling
	err := s.DB.WithContext(ctx).Where("kind = ? AND department_id = ? AND year = ? AND quarter = ?", kind, dept, year, quarter).
		Order("version").Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("list filings: %w", err)
	}
	return out, nil
}

// Submitted is the date a report was filed (by the app or an import): the
// date the scores read; nil when it has not been.
func (s *Store) Submitted(ctx context.Context, v models.Viewer, kind string, dept uint, year, quarter int) (*time.Time, error) {
	if !v.CanSeeDepartment(dept) {
		return nil, models.ErrNotFound
	}
	var row struct{ Submitted *time.Time }
	q := s.DB.WithContext(ctx)
	if kind == FilingQuarterly {
		q = q.Model(&models.QuarterlyReport{}).Where("department_id = ? AND year = ? AND quarter = ?", dept, year, quarter)
	} else {
		q = q.Model(&models.AnnualReport{}).Where("department_id = ? AND year = ?", dept, year)
	}
	if err := q.Select("submitted").Limit(1).Scan(&row).Error; err != nil {
		return nil, fmt.Errorf("read submission: %w", err)
	}
	return row.Submitted, nil
}

// CheckFiling refuses, with its reason, a report that cannot be filed on
// today: a quarter not yet begun, a year not yet over, a quarterly report
// of a department that leads no catalog item (only lead departments file
// them). FileReport asks it, so the web, the API and the command line
// refuse the same; the filing page asks it before showing the form.
func (s *Store) CheckFiling(ctx context.Context, v models.Viewer, kind string, dept uint, year, quarter int, today scoring.Date) error {
	switch kind {
	case FilingQuarterly:
		if quarter < 1 || quarter > 4 {
			return models.Invalid("quarter", "refuse.filing.quarter")
		}
		if year > today.Year() || year == today.Year() && quarter > today.Quarter() {
			return models.Invalid("quarter", "filing.early")
		}
		lead, err := s.LeadsAnItem(ctx, v, dept)
		if err != nil {
			return err
		}
		if !lead {
			return models.Invalid("department", "filing.notlead")
		}
	case FilingAnnual:
		if year >= today.Year() {
			return models.Invalid("year", "filing.early")
		}
	default:
		return models.Invalid("kind", "refuse.filing.kind")
	}
	return nil
}

// FileReport files a department's report in the app, as its head: the first
// time, the report is submitted today (the date its indicator scores);
// after that, only a correction with a reason, kept as a new version beside
// the earlier ones. A report already loaded by the office's import counts
// as filed. Audit-logged in the same transaction.
func (s *Store) FileReport(ctx context.Context, v models.Viewer, in FilingInput, now time.Time) (*ReportFiling, error) {
	if !v.CanActForDepartment(in.DepartmentID) {
		return nil, models.ErrForbidden
	}
	if in.Kind == FilingAnnual {
		in.Quarter = 0
	}
	if err := s.CheckFiling(ctx, v, in.Kind, in.DepartmentID, in.Year, in.Quarter, scoring.DateOf(now)); err != nil {
		return nil, err
	}
	entered, err := json.Marshal(in.Entered)
	if err != nil {
		return nil, err
	}
	snapshot, err := json.Marshal(in.Snapshot)
	if err != nil {
		return nil, err
	}
	sig, err := json.Marshal(in.Signature)
	if err != nil {
		return nil, err
	}
	today := scoring.DateOf(now).Time()
	var out ReportFiling
	err = s.Audited(ctx, v, func(tx *models.Tx) error {
		var last ReportFiling
		err := tx.DB.Where("kind = ? AND department_id = ? AND year = ? AND quarter = ?", in.Kind, in.DepartmentID, in.Year, in.Quarter).
			Order("version desc").First(&last).Error
		if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
			return fmt.Errorf("read last filing: %w", err)
		}
		id, before, filed, err := upsertSubmission(tx.DB, in, string(entered), today)
		if err != nil {
			return err
		}
		if p := in.Problems(filed); len(p) > 0 {
			return p[0]
		}
		if !filed {
			in.Reason = ""
		}
		out = ReportFiling{Kind: in.Kind, DepartmentID: in.DepartmentID, Year: in.Year, Quarter: in.Quarter, Version: last.Version + 1,
			Figures: string(snapshot), Signature: string(sig), Reason: in.Reason, FiledBy: v.Name, FiledAt: now.UTC()}
		if err := tx.DB.Create(&out).Error; err != nil {
			return fmt.Errorf("record filing: %w", err)
		}
		if in.Issue != nil {
			if err := in.Issue(tx, &out); err != nil {
				return err
			}
		}
		action := "file"
		if filed {
			action = "correct"
		}
		after := map[string]any{"version": out.Version, "figures": in.Entered, "submitted": models.YMD(today)}
		if filed {
			after["reason"] = in.Reason
		}
		return tx.Record(action, in.Kind+"_report", id, before, after)
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// upsertSubmission writes the report row the scores read: created, or its
// submission date set, on the first filing; its figures (an annual report's
// in AnnualFigures) replaced on every filing. It reports the row's id, what it held before (nil when new), and
// whether the report had already been filed.
func upsertSubmission(db *gorm.DB, in FilingInput, figures string, today time.Time) (uint, any, bool, error) {
	if in.Kind == FilingQuarterly {
		var r models.QuarterlyReport
		err := db.Where("department_id = ? AND year = ? AND quarter = ?", in.DepartmentID, in.Year, in.Quarter).First(&r).Error
		if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
			return 0, nil, false, fmt.Errorf("read quarterly report: %w", err)
		}
		var before any
		if r.ID != 0 {
			before = map[string]any{"figures": json.RawMessage(OrEmptyObject(r.Figures)), "submitted": models.YMDPtr(r.Submitted)}
		}
		filed := r.Submitted != nil
		r.DepartmentID, r.Year, r.Quarter, r.Figures = in.DepartmentID, in.Year, in.Quarter, figures
		if !filed {
			r.Submitted = &today
		}
		if err := db.Save(&r).Error; err != nil {
			return 0, nil, false, fmt.Errorf("save quarterly report: %w", err)
		}
		return r.ID, before, filed, nil
	}
	var r models.AnnualReport
	err := db.Where("department_id = ? AND year = ?", in.DepartmentID, in.Year).First(&r).Error
	if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
		return 0, nil, false, fmt.Errorf("read annual report: %w", err)
	}
	var before any
	if r.ID != 0 {
		before = map[string]any{"submitted": models.YMDPtr(r.Submitted)}
	}
	filed := r.Submitted != nil
	r.DepartmentID, r.Year = in.DepartmentID, in.Year
	if !filed {
		r.Submitted = &today
	}
	if err := db.Save(&r).Error; err != nil {
		return 0, nil, false, fmt.Errorf("save annual report: %w", err)
	}
	// The figures the records cannot give are the report's filed figures
	// (table 二 and the fees), as the annual report page files them.
	var fig AnnualFigures
	if err := db.Where("department_id = ? AND year = ?", in.DepartmentID, in.Year).First(&fig).Error; err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
		return 0, nil, false, fmt.Errorf("read annual figures: %w", err)
	}
	fig.DepartmentID, fig.Year, fig.Figures = in.DepartmentID, in.Year, EncodeAnnualFigures(in.Entered)
	if err := db.Save(&fig).Error; err != nil {
		return 0, nil, false, fmt.Errorf("save annual figures: %w", err)
	}
	return r.ID, before, filed, nil
}

// OrEmptyObject is s, or an empty JSON object when s is empty.
func OrEmptyObject(s string) string {
	if s == "" {
		return "{}"
	}
	return s
}

// LeadsAnItem reports whether a department leads an item of the catalog:
// such departments file the quarterly report (seed 000 §7(4)).
func (s *Store) LeadsAnItem(ctx context.Context, v models.Viewer, dept uint) (bool, error) {
	leads, _, err := s.ItemsOf(ctx, v, dept)
	return len(leads) > 0, err
}
