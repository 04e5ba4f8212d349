package ledger

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/reports"
	"github.com/gongkai/gongkai/scoring"
)

// The states of a request in the ledger.
const (
	StateOpen       = "open"        // 办理中
	StateCorrection = "correction"  // 补正中: the clock stops (条例 art. 30)
	StateThirdParty = "third_party" // 征求第三方意见中: the clock pauses (art. 32)
	StateAnswered   = "answered"    // 已答复
)

// States lists the states in the order the filter offers them.
var States = []string{StateOpen, StateCorrection, StateThirdParty, StateAnswered}

// RequestFilter narrows the request ledger. Zero values ask nothing.
type RequestFilter struct {
	Year       int    // received in the year, or still open; 0: today's year
	State      string // one of States
	DueWithin  int    // unanswered and due within this many working days (overdue ones included)
	Overdue    bool   // unanswered past the due date
	Department uint
	Applicant  string // 申请人类型 (reports.ApplicantTypes)
	Channel    string // 申请方式
	Result     string // 办理结果, the national category
}

// RequestRow is one request of the ledger.
type RequestRow struct {
	ID, DepartmentID uint
	Department       string
	No               string
	Received         scoring.Date
	Channel          string
	Applicant        string
	Answer, Result   string
	State            string
	Answered         scoring.Date
	// Due is the answer deadline by the rule B1 scores (scoring.RequestDue),
	// zero while no scheme is approved; DaysLeft is the working days from
	// today to it (negative: overdue by so many); Late is how many working
	// days late an answer came.
	Due      scoring.Date
	DaysLeft int
	Late     int
	Fee      []scoring.Text // reports.FeeWarnings
}

// Overdue reports whether the request is unanswered past its due date.
func (r RequestRow) Overdue() bool { return r.State != StateAnswered && r.DaysLeft < 0 }

// OverdueBy is how many working days an unanswered request is past due.
func (r RequestRow) OverdueBy() int { return max(-r.DaysLeft, 0) }

// RequestList is the ledger under a filter: every row it matches, or one
// page of them (PageOf).
type RequestList struct {
	Rows         []RequestRow
	Total        int  // rows matching the filter
	Page, Pages  int  // this page, of
	Cut          bool // more than MaxRows matched the query: narrow it
	Today        scoring.Date
	NoSchemeDate bool               // no approved scheme: no due dates
	Limits       scoring.TimeLimits // the scheme's, which the due dates count by
}

// Requests lists the requests the viewer reads (the office and the
// bureau's readers: every department's; a head or a clerk: their own
// department's only) under the filter, sorted by due date: every row, as
// page 1 of one page; PageOf cuts the page shown. A list kept for its
// filter (handlers) serves every page of it.
func (s *Store) Requests(ctx context.Context, v models.Viewer, f RequestFilter, today scoring.Date) (*RequestList, error) {
	rows, out, err := s.requestRows(ctx, v, f, today)
	if err != nil {
		return nil, err
	}
	out.Rows, out.Total, out.Page, out.Pages = rows, len(rows), 1, 1
	return out, nil
}

// PageOf is page p (from 1) of the list's rows, numbered as shown.
func (l RequestList) PageOf(p int) RequestList {
	l.Rows, l.Page, l.Pages = pageOf(l.Rows, p)
	return l
}

// requestRows reads and keeps every row the filter matches, sorted by due
// date (those without one, by receipt, last).
func (s *Store) requestRows(ctx context.Context, v models.Viewer, f RequestFilter, today scoring.Date) ([]RequestRow, *RequestList, error) {
	names, err := s.DepartmentNames(ctx)
	if err != nil {
		return nil, nil, err
	}
	out := &RequestList{Today: today}
	reqs, cut, err := s.read(ctx, v, f, today)
	if err != nil {
		return nil, nil, err
	}
	out.Cut = cut
	cal, err := s.Calendar(ctx)
	if err != nil {
		return nil, nil, err
	}
	sch, err := s.CurrentScheme(ctx)
	if err != nil {
		return nil, nil, err
	}
	out.NoSchemeDate = sch == nil
	if sch != nil {
		out.Limits = sch.TimeLimits
	}
	var rows []RequestRow
	for i := range reqs {
		r := Row(cal, sch, &reqs[i], today)
		r.Department = names[r.DepartmentID]
		if f.keeps(r, cal, today) {
			rows = append(rows, r)
		}
	}
	slices.SortStableFunc(rows, func(a, b RequestRow) int {
		if a.Due.IsZero() != b.Due.IsZero() {
			return map[bool]int{true: 1, false: -1}[a.Due.IsZero()]
		}
		return cmp.Or(cmp.Compare(a.Due, b.Due), cmp.Compare(a.Received, b.Received), cmp.Compare(a.No, b.No))
	})
	return rows, out, nil
}

// read queries the requests of the filter's year (and those still open)
// that the viewer reads, with the filters SQL can apply; at most MaxRows.
func (s *Store) read(ctx context.Context, v models.Viewer, f RequestFilter, today scoring.Date) ([]models.Request, bool, error) {
	dept, ok := scope(v, f.Department)
	if !ok {
		return nil, false, nil
	}
	year := cmp.Or(f.Year, today.Year())
	from, to := scoring.YearSpan(year)
	q := s.DB.WithContext(ctx).Model(&models.Request{}).Omit("content").
		Where("(received >= ? AND received <= ?) OR (answered IS NULL AND received <= ?)", from.Time(), to.Time(), today.Time())
	if dept != 0 {
		q = q.Where("department_id = ?", dept)
	}
	for col, val := range map[string]string{"applicant": f.Applicant, "channel": f.Channel, "result": f.Result} {
		if val != "" {
			q = q.Where(col+" = ?", val)
		}
	}
	var reqs []models.Request
	if err := q.Order("received DESC, id DESC").Limit(MaxRows + 1).Find(&reqs).Error; err != nil {
		return nil, false, models.NotFound(err, "list requests")
	}
	if len(reqs) > MaxRows {
		return reqs[:MaxRows], true, nil
	}
	return reqs, false, nil
}

// keeps applies the filters that need the clock.
func (f RequestFilter) keeps(r RequestRow, cal *scoring.Calendar, today scoring.Date) bool {
	switch {
	case f.State != "" && r.State != f.State:
		return false
	case f.Overdue && !r.Overdue():
		return false
	case f.DueWithin > 0 && (r.State == StateAnswered || r.Due.IsZero() || r.Due > cal.Due(today, f.DueWithin)):
		return false
	}
	return true
}

// Row is a request as the ledger shows it on today: its state, its due
// date by scoring.RequestDue under the scheme's limits (none without a
// scheme), the working days left or the lateness, and its fee warnings.
func Row(cal *scoring.Calendar, sch *scoring.Scheme, r *models.Request, today scoring.Date) RequestRow {
	q := scoring.Request{
		ID: r.ID, No: r.RequestNo, Received: scoring.DateOf(r.Received), Extended: r.Extended,
		PauseStart: day(r.PauseStart), PauseEnd: day(r.PauseEnd),
		CorrectionStart: day(r.CorrectionStart), CorrectionEnd: day(r.CorrectionEnd),
		Answered: day(r.Answered),
	}
	row := RequestRow{
		ID: r.ID, DepartmentID: r.DepartmentID, No: r.RequestNo, Received: q.Received, Channel: r.Channel,
		Applicant: r.Applicant, Answer: r.Answer, Result: r.Result, Answered: q.Answered,
		State: stateOf(q, today), Fee: FeeWarnings(r),
	}
	if sch == nil {
		return row
	}
	asOf := today
	if !q.Answered.IsZero() && q.Answered <= today {
		asOf = q.Answered
	}
	row.Due = scoring.RequestDue(cal, sch.TimeLimits, q, asOf)
	switch {
	case row.State == StateAnswered:
		row.Late = cal.WorkingDaysLate(row.Due, q.Answered)
	case row.Due >= today:
		row.DaysLeft = cal.WorkingDays(today+1, row.Due)
	default:
		row.DaysLeft = -cal.WorkingDaysLate(row.Due, today)
	}
	return row
}

// stateOf is where a request stands on today.
func stateOf(q scoring.Request, today scoring.Date) string {
	paused := func(start, end scoring.Date) bool {
		return !start.IsZero() && start <= today && (end.IsZero() || end > today)
	}
	switch {
	case !q.Answered.IsZero() && q.Answered <= today:
		return StateAnswered
	case paused(q.CorrectionStart, q.CorrectionEnd):
		return StateCorrection
	case paused(q.PauseStart, q.PauseEnd):
		return StateThirdParty
	}
	return StateOpen
}

// FeeWarnings is what is wrong with a request's fee (a fee on an answer that
// provides nothing, a fee without its basis), by the rule the import warns
// with (reports.FeeWarnings): message keys with their arguments, for the
// request's page and the ledger.
func FeeWarnings(r *models.Request) []scoring.Text {
	return reports.FeeWarnings(r.Result, r.Answer, r.Fee, r.FeeBasis)
}

// day is the civil date of an optional date column; zero when unset.
func day(t *time.Time) scoring.Date {
	if t == nil {
		return 0
	}
	return scoring.DateOf(*t)
}
