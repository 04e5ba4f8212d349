package reports

import (
	"context"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/scoring"
)

// QuarterlyQuery names a quarterly report: a year, a quarter and a
// department (0: the whole bureau).
type QuarterlyQuery struct {
	Year, Quarter int
	DepartmentID  uint
}

// Validate checks the year and the quarter, in Chinese for the user.
func (q QuarterlyQuery) Validate() error {
	if err := validYear(q.Year); err != nil {
		return err
	}
	if q.Quarter < 1 || q.Quarter > 4 {
		return models.Invalid("quarter", "refuse.quarter")
	}
	return nil
}

// QuarterlyReport is a unit's Annex 2 form for a quarter, filled from its
// records and its filed report.
type QuarterlyReport struct {
	Unit
	Year, Quarter int
	From, To      scoring.Date
	Activity      Activity
	FiledReports  int // how many filed reports gave figures
	Rows          []Row
}

// QuarterlyTitle is the form's title.
const QuarterlyTitle = "警务信息公开工作季度报表"

// Title is the form's title, for templates.
func (r *QuarterlyReport) Title() string { return QuarterlyTitle }

// PeriodLabel names the quarter as the form's subtitle does.
func (r *QuarterlyReport) PeriodLabel() string {
	return fmt.Sprintf("（%d年第%d季度：%d月%d日至%d月%d日）", r.Year, r.Quarter, r.From.Month(), r.From.Day(), r.To.Month(), r.To.Day())
}

// FileName names the XLSX download.
func (r *QuarterlyReport) FileName() string {
	return fmt.Sprintf("季度报表-%s-%d年第%d季度.xlsx", r.Name(), r.Year, r.Quarter)
}

// Quarterly fills the quarterly report named by q, if the viewer may read
// it: a head only their own department's, the others any department's or
// the whole bureau's.
func Quarterly(ctx context.Context, s *models.Store, v models.Viewer, q QuarterlyQuery) (*QuarterlyReport, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	u, err := unitFor(ctx, s, v, q.DepartmentID)
	if err != nil {
		return nil, err
	}
	first := time.Month(3*q.Quarter - 2)
	p := period{From: scoring.NewDate(q.Year, first, 1), To: scoring.NewDate(q.Year, first+3, 1) - 1}
	a, err := activityOf(ctx, s, u, p)
	if err != nil {
		return nil, err
	}
	f, err := readFiled(ctx, s, u, q.Year, q.Quarter)
	if err != nil {
		return nil, err
	}
	return &QuarterlyReport{Unit: u, Year: q.Year, Quarter: q.Quarter, From: p.From, To: p.To, Activity: *a,
		FiledReports: f.reports, Rows: annex2Rows(a, f)}, nil
}

// activityOf reads a unit's records of a period and tallies them.
func activityOf(ctx context.Context, s *models.Store, u Unit, p period) (*Activity, error) {
	cal, err := s.Calendar(ctx)
	if err != nil {
		return nil, err
	}
	recs, err := load(ctx, s, u, p)
	if err != nil {
		return nil, err
	}
	a := tally(recs, cal, p)
	return &a, nil
}
