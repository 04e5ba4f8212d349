package overview

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/clocks"
	"github.com/gongkai/gongkai/models/imports"
	"github.com/gongkai/gongkai/models/sources"
	"github.com/gongkai/gongkai/scoring"
)

// HeadHorizon is how far ahead, in working days, a head's home lists what
// falls due.
const HeadHorizon = 10

// Agenda is what a department must do on a day: what is overdue and what
// falls due up to Horizon (a number of working days ahead), earliest first.
type Agenda struct {
	Today, Horizon    scoring.Date
	Overdue, Upcoming []clocks.Deadline
}

// AgendaOf is a department's to-do list on today, under the scheme's time
// limits and due dates: its unanswered requests, its reports not filed
// (this year's quarterly reports when it leads an item, last year's annual
// report), its pending reviews and coordinations, and extra (what the
// assessment asks of it), overdue or due within days working days. lead
// says whether it leads an item (LeadsAnItem, which the caller has read).
func (s *Store) AgendaOf(ctx context.Context, v models.Viewer, dept uint, lead bool, today scoring.Date, sch *scoring.Scheme, days int, extra []clocks.Deadline) (*Agenda, error) {
	if !v.CanSeeDepartment(dept) {
		return nil, models.ErrNotFound
	}
	cal, err := s.Calendar(ctx)
	if err != nil {
		return nil, err
	}
	a := &Agenda{Today: today, Horizon: cal.Due(today, days)}
	ds := slices.Clone(extra)
	reqs, err := s.openRequestDeadlines(ctx, cal, sch.TimeLimits, dept, today)
	if err != nil {
		return nil, err
	}
	ds = append(ds, reqs...)
	owed, err := s.owedReports(ctx, today, sch.Params, map[uint]bool{dept: lead}, dept)
	if err != nil {
		return nil, err
	}
	if !v.Can(models.ActFileForDepartment) {
		// A clerk sees the department's reports owed, not a form it may not open.
		for i := range owed {
			owed[i].URL = ""
		}
	}
	ds = append(ds, owed...)
	pending, err := clocks.New(s.Store).ClockDeadlines(ctx, today, cal, sch.TimeLimits, dept)
	if err != nil {
		return nil, err
	}
	ds = append(ds, pending...)
	clocks.SplitDeadlines(ds, today, a.Horizon, &a.Overdue, &a.Upcoming)
	clocks.SortByDue(a.Overdue)
	clocks.SortByDue(a.Upcoming)
	return a, nil
}

// openRequestDeadlines lists a department's requests unanswered on today,
// each due by scoring.RequestDue, the rule the scores use.
func (s *Store) openRequestDeadlines(ctx context.Context, cal *scoring.Calendar, limits scoring.TimeLimits, dept uint, today scoring.Date) ([]clocks.Deadline, error) {
	var out []clocks.Deadline
	err := models.ScanRows(s.DB.WithContext(ctx).Model(&models.Request{}).
		Select("id, request_no, received, extended, pause_start, pause_end, correction_start, correction_end").
		Where("department_id = ? AND received <= ? AND (answered IS NULL OR answered > ?)", dept, today.Time(), today.Time()),
		func(r *sql.Rows) error {
			var q scoring.Request
			var rec, ps, pe, cs, ce sql.NullTime
			if err := r.Scan(&q.ID, &q.No, &rec, &q.Extended, &ps, &pe, &cs, &ce); err != nil {
				return err
			}
			q.Received, q.PauseStart, q.PauseEnd, q.CorrectionStart, q.CorrectionEnd = models.DayOf(rec), models.DayOf(ps), models.DayOf(pe), models.DayOf(cs), models.DayOf(ce)
			out = append(out, clocks.Deadline{DepartmentID: dept, Kind: "request", Title: q.No, RecordID: q.ID, Due: scoring.RequestDue(cal, limits, q, today)})
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("read open requests: %w", err)
	}
	return out, nil
}

// NotFiled lists the reports every department owes and has not filed by
// today, overdue: this year's quarterly reports of the departments that
// lead an item and last year's annual reports, for the office.
func (s *Store) NotFiled(ctx context.Context, v models.Viewer, today scoring.Date, sch *scoring.Scheme) ([]clocks.Deadline, error) {
	if !v.IsOffice() {
		return nil, models.ErrForbidden
	}
	leads, err := s.leaders(ctx)
	if err != nil {
		return nil, err
	}
	owed, err := s.owedReports(ctx, today, sch.Params, leads, 0)
	if err != nil {
		return nil, err
	}
	var out []clocks.Deadline
	for _, r := range owed {
		if r.Due < today {
			out = append(out, r)
		}
	}
	clocks.SortByDue(out)
	return out, nil
}

// owedReports lists the reports not filed by today that a department (0:
// every department) owes: this year's quarterly reports when it leads an
// item, last year's annual report. Last year's quarters are past scoring's
// reach of this year's work; this year's annual report is not due yet.
func (s *Store) owedReports(ctx context.Context, today scoring.Date, p scoring.Params, leads map[uint]bool, dept uint) ([]clocks.Deadline, error) {
	var out []clocks.Deadline
	for _, y := range []int{today.Year() - 1, today.Year()} {
		reps, err := s.reportDeadlines(ctx, y, today, p, leads, dept)
		if err != nil {
			return nil, err
		}
		for _, r := range reps {
			if (y < today.Year()) == (r.Kind == "annual_report") {
				out = append(out, r)
			}
		}
	}
	return out, nil
}

// FailedImports lists the imports of the last days that failed or were
// rejected, newest first, for the office.
func (s *Store) FailedImports(ctx context.Context, v models.Viewer, since time.Time) ([]imports.ImportRun, error) {
	if !v.IsOffice() {
		return nil, models.ErrForbidden
	}
	var out []imports.ImportRun
	err := s.DB.WithContext(ctx).Where("status IN ? AND started_at >= ?", []string{imports.RunFailed, imports.RunRejected}, since).
		Order("started_at desc, id desc").Limit(20).Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("list failed imports: %w", err)
	}
	return out, nil
}

// FailedSources lists the registered sources whose last pull failed or was
// rejected, for the office.
func (s *Store) FailedSources(ctx context.Context, v models.Viewer) ([]sources.Source, error) {
	srcs, err := sources.New(s.Store).Sources(ctx, v)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(srcs, func(src sources.Source) bool {
		return src.LastStatus != imports.RunFailed && src.LastStatus != imports.RunRejected
	}), nil
}
