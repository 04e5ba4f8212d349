// Package overview computes the office's dashboard (the year's figures as
// of a day, what is overdue and what falls due) and each department's
// agenda on its home page.
package overview

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/clocks"
	"github.com/gongkai/gongkai/scoring"
)

// Store reads the overview and the agendas from the application's database.
type Store struct{ *models.Store }

// New returns the overview store on s.
func New(s *models.Store) *Store { return &Store{s} }

// Overview is the state of the bureau's records in a year, for the office's
// dashboard: what was published when and where, how requests and complaints
// were handled, and what falls due. It is computed in one pass and cached
// by the caller; the scores themselves come from the stored run.
type Overview struct {
	Year  int
	Today scoring.Date
	// Monthly counts publications published in the year by month, per channel.
	Monthly    map[string]*[12]int
	Requests   RequestStats
	Complaints ComplaintStats
	// Upcoming falls due within the next five working days; Overdue is past
	// due and not done. Both are sorted by due date.
	Upcoming []clocks.Deadline
	Overdue  []clocks.Deadline
}

// TimelinessBuckets are the histogram's ranges of working days to answer.
var TimelinessBuckets = []struct {
	Label    string
	From, To int // both included; To 0: no upper bound
}{{"1-5", 1, 5}, {"6-10", 6, 10}, {"11-15", 11, 15}, {"16-20", 16, 20}, {"21-30", 21, 30}, {"30+", 31, 0}}

// RequestStats describe how requests received in the year were answered.
type RequestStats struct {
	Received, Answered, OnTime int
	// MedianDays and MeanDays are working days from receipt to answer.
	MedianDays, MeanDays float64
	Buckets              []int // per TimelinessBuckets
	// OldestOpen are the ten unanswered requests received longest ago.
	OldestOpen []OpenRequest
}

// OnTimeShare is the share of answered requests answered on time, 0..1.
func (r RequestStats) OnTimeShare() float64 {
	if r.Answered == 0 {
		return 0
	}
	return float64(r.OnTime) / float64(r.Answered)
}

// OpenRequest is an unanswered request.
type OpenRequest struct {
	ID, DepartmentID uint
	No               string
	Received, Due    scoring.Date
}

// ComplaintStats count complaints received in the year and how many were
// replied to and closed.
type ComplaintStats struct {
	Received, Replied, Closed int
}

// Rate is part/whole as a percentage, 0 when whole is 0.
func Rate(part, whole int) float64 {
	if whole == 0 {
		return 0
	}
	return 100 * float64(part) / float64(whole)
}

// Entities are the records the overview's figures are read from, by the
// names their audit entries give them: a page built from them is kept
// until one of these changes (audit.Store.ChangesTo), whatever else does.
var Entities = []string{"import_run", "request", "request_letter", "publication", "publication_work", "publication_consultation",
	"quarterly_report", "annual_report", "holiday_year", "scheme"}

// Overview computes the dashboard figures of year y as of today, with the
// time limits and report due dates of the given scheme. leads are the
// departments that lead a catalog item (they file quarterly reports), as the
// scored run found them.
func (s *Store) Overview(ctx context.Context, y int, today scoring.Date, scheme *scoring.Scheme, leads map[uint]bool) (*Overview, error) {
	cal, err := s.Calendar(ctx)
	if err != nil {
		return nil, err
	}
	o := &Overview{Year: y, Today: today, Monthly: map[string]*[12]int{}}
	db := s.DB.WithContext(ctx)
	first, last := scoring.YearSpan(y)
	start, end := first.Time(), last.Time()

	// Publications by month and channel: grouped in the database, by date,
	// which both engines do the same way. A record 不予公开 was not published.
	err = models.ScanRows(db.Model(&models.Publication{}).Select("channel, published, count(*)").Where("published BETWEEN ? AND ?", start, end).
		Where("attribute IS NULL OR attribute <> ?", scoring.AttrWithheld).Group("channel, published"),
		func(r *sql.Rows) error {
			var channel string
			var day sql.NullTime
			var n int
			if err := r.Scan(&channel, &day, &n); err != nil {
				return err
			}
			if o.Monthly[channel] == nil {
				o.Monthly[channel] = &[12]int{}
			}
			o.Monthly[channel][day.Time.Month()-1] += n
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("count publications: %w", err)
	}
	if err := s.requestOverview(ctx, o, cal, scheme.TimeLimits); err != nil {
		return nil, err
	}
	var cs ComplaintStats
	err = db.Model(&models.Complaint{}).Where("received BETWEEN ? AND ?", start, end).
		Select("count(*) AS received, count(replied) AS replied, count(closed) AS closed").Scan(&cs).Error
	if err != nil {
		return nil, fmt.Errorf("count complaints: %w", err)
	}
	o.Complaints = cs
	reps, err := s.reportDeadlines(ctx, o.Year, o.Today, scheme.Params, leads, 0)
	if err != nil {
		return nil, err
	}
	clocks.SplitDeadlines(reps, o.Today, clocks.UpcomingHorizon(cal, o.Today), &o.Overdue, &o.Upcoming)
	if err := s.overviewClocks(ctx, o, cal, scheme.TimeLimits); err != nil {
		return nil, err
	}
	byDue := func(a, b clocks.Deadline) int { return int(a.Due - b.Due) }
	slices.SortStableFunc(o.Upcoming, byDue)
	slices.SortStableFunc(o.Overdue, byDue)
	return o, nil
}

// requestOverview fills the request figures and request deadlines. Requests
// of earlier years still open are deadlines too.
func (s *Store) requestOverview(ctx context.Context, o *Overview, cal *scoring.Calendar, limits scoring.TimeLimits) error {
	horizon := clocks.UpcomingHorizon(cal, o.Today)
	yearStart, _ := scoring.YearSpan(o.Year)
	var days []int
	var open []OpenRequest
	err := models.ScanRows(s.DB.WithContext(ctx).Model(&models.Request{}).
		Select("id, department_id, request_no, received, extended, pause_start, pause_end, correction_start, correction_end, answered").
		Where("received <= ? AND (answered IS NULL OR received >= ?)", o.Today.Time(), yearStart.Time()),
		func(r *sql.Rows) error {
			var q scoring.Request
			var dept uint
			var rec, ps, pe, cs, ce, ans sql.NullTime
			if err := r.Scan(&q.ID, &dept, &q.No, &rec, &q.Extended, &ps, &pe, &cs, &ce, &ans); err != nil {
				return err
			}
			q.Received, q.PauseStart, q.PauseEnd, q.CorrectionStart, q.CorrectionEnd, q.Answered = models.DayOf(rec), models.DayOf(ps), models.DayOf(pe), models.DayOf(cs), models.DayOf(ce), models.DayOf(ans)
			due := scoring.RequestDue(cal, limits, q, o.Today)
			if q.Answered.IsZero() || q.Answered > o.Today {
				open = append(open, OpenRequest{ID: q.ID, DepartmentID: dept, No: q.No, Received: q.Received, Due: due})
				d := clocks.Deadline{DepartmentID: dept, Kind: "request", Title: q.No, RecordID: q.ID, Due: due}
				switch {
				case due < o.Today:
					o.Overdue = append(o.Overdue, d)
				case due <= horizon:
					o.Upcoming = append(o.Upcoming, d)
				}
			}
			if q.Received.Year() != o.Year {
				return nil
			}
			o.Requests.Received++
			if q.Answered.IsZero() || q.Answered > o.Today {
				return nil
			}
			o.Requests.Answered++
			if q.Answered <= due {
				o.Requests.OnTime++
			}
			days = append(days, cal.WorkingDaysLate(q.Received, q.Answered))
			return nil
		})
	if err != nil {
		return fmt.Errorf("read requests: %w", err)
	}
	st := &o.Requests
	st.Buckets = make([]int, len(TimelinessBuckets))
	for _, d := range days {
		for i, b := range TimelinessBuckets {
			if d >= b.From && (b.To == 0 || d <= b.To) || (i == 0 && d < b.From) {
				st.Buckets[i]++
				break
			}
		}
	}
	if len(days) > 0 {
		slices.Sort(days)
		sum := 0
		for _, d := range days {
			sum += d
		}
		st.MeanDays = float64(sum) / float64(len(days))
		if mid := len(days) / 2; len(days)%2 == 1 {
			st.MedianDays = float64(days[mid])
		} else {
			st.MedianDays = float64(days[mid-1]+days[mid]) / 2
		}
	}
	slices.SortFunc(open, func(a, b OpenRequest) int { return int(a.Received - b.Received) })
	st.OldestOpen = open[:min(10, len(open))]
	return nil
}

// reportDeadlines lists the quarterly reports of year y's quarters and its
// annual report not filed by today: quarterly reports by the departments
// that lead an item, the annual report by every department; dept 0 lists
// every department's, otherwise dept's only.
func (s *Store) reportDeadlines(ctx context.Context, y int, today scoring.Date, p scoring.Params, leads map[uint]bool, dept uint) ([]clocks.Deadline, error) {
	in, err := s.frame(ctx, y)
	if err != nil {
		return nil, err
	}
	annualDue := p.AnnualDue(y)
	filedQ := map[[2]uint]bool{}
	for _, q := range in.QuarterlyReports {
		if !q.Submitted.IsZero() && q.Submitted <= today {
			filedQ[[2]uint{q.Dept, uint(q.Quarter)}] = true
		}
	}
	filedA := map[uint]bool{}
	for _, a := range in.AnnualReports {
		if !a.Submitted.IsZero() && a.Submitted <= today {
			filedA[a.Dept] = true
		}
	}
	var out []clocks.Deadline
	for _, d := range in.Departments {
		if dept != 0 && d.ID != dept {
			continue
		}
		if leads[d.ID] {
			for q := 1; q <= len(p.Quarterly.Due); q++ {
				if !filedQ[[2]uint{d.ID, uint(q)}] {
					out = append(out, clocks.Deadline{DepartmentID: d.ID, Kind: "quarterly_report", Title: fmt.Sprintf("%d年第%d季度", y, q), Due: p.QuarterlyDue(y, q),
						URL: fmt.Sprintf("/reports/quarterly/file?year=%d&quarter=%d", y, q)})
				}
			}
		}
		if !filedA[d.ID] {
			out = append(out, clocks.Deadline{DepartmentID: d.ID, Kind: "annual_report", Title: fmt.Sprintf("%d年度", y), Due: annualDue,
				URL: fmt.Sprintf("/reports/annual/file?year=%d", y)})
		}
	}
	return out, nil
}

// overviewClocks adds the pending reviews and coordinations to the
// overview's deadline lists.
func (s *Store) overviewClocks(ctx context.Context, o *Overview, cal *scoring.Calendar, limits scoring.TimeLimits) error {
	ds, err := clocks.New(s.Store).ClockDeadlines(ctx, o.Today, cal, limits, 0)
	if err != nil {
		return err
	}
	clocks.SplitDeadlines(ds, o.Today, clocks.UpcomingHorizon(cal, o.Today), &o.Overdue, &o.Upcoming)
	return nil
}
