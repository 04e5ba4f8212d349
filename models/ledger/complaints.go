package ledger

import (
	"cmp"
	"context"
	"slices"

	"gorm.io/gorm"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/scoring"
)

// The states of a complaint (投诉咨询) in the ledger: C1 scores the reply,
// C2 the closing.
const (
	ComplaintWaiting = "waiting" // 待回复
	ComplaintReplied = "replied" // 已回复未办结
	ComplaintClosed  = "closed"  // 已办结
)

// ComplaintStates lists them in the order the filter offers them.
var ComplaintStates = []string{ComplaintWaiting, ComplaintReplied, ComplaintClosed}

// ComplaintFilter narrows the complaint ledger. Zero values ask nothing.
type ComplaintFilter struct {
	Year       int // received in the year, or still open; 0: today's year
	State      string
	Department uint
	Line       string // 渠道: 一网三线 (12389, 网上问政 …)
	Page       int
}

// ComplaintRow is one complaint of the ledger.
type ComplaintRow struct {
	ID, DepartmentID          uint
	Department, No, Line      string
	Received, Replied, Closed scoring.Date
	State                     string
	// Waiting is the working days since receipt of one not yet closed.
	Waiting int
}

// ComplaintList is a page of the complaint ledger.
type ComplaintList struct {
	Rows        []ComplaintRow
	Total       int
	Page, Pages int
	Cut         bool
	Lines       []string // the lines the viewer's complaints came by, for the filter
}

// Complaints lists the complaints the viewer reads under the filter, the
// oldest still open first, then the closed ones, newest first.
func (s *Store) Complaints(ctx context.Context, v models.Viewer, f ComplaintFilter, today scoring.Date) (*ComplaintList, error) {
	names, err := s.DepartmentNames(ctx)
	if err != nil {
		return nil, err
	}
	out := &ComplaintList{}
	dept, ok := scope(v, f.Department)
	if !ok {
		out.Page, out.Pages = 1, 1
		return out, nil
	}
	from, to := scoring.YearSpan(cmp.Or(f.Year, today.Year()))
	query := func() *gorm.DB {
		q := s.DB.WithContext(ctx).Model(&models.Complaint{}).
			Where("(received >= ? AND received <= ?) OR (closed IS NULL AND received <= ?)", from.Time(), to.Time(), today.Time())
		if dept != 0 {
			q = q.Where("department_id = ?", dept)
		}
		return q
	}
	if err := query().Where("line <> ''").Distinct("line").Order("line").Limit(100).Pluck("line", &out.Lines).Error; err != nil {
		return nil, models.NotFound(err, "list complaint lines")
	}
	q := query()
	if f.Line != "" {
		q = q.Where("line = ?", f.Line)
	}
	var comps []models.Complaint
	if err := q.Order("received DESC, id DESC").Limit(MaxRows + 1).Find(&comps).Error; err != nil {
		return nil, models.NotFound(err, "list complaints")
	}
	if len(comps) > MaxRows {
		comps, out.Cut = comps[:MaxRows], true
	}
	cal, err := s.Calendar(ctx)
	if err != nil {
		return nil, err
	}
	var rows []ComplaintRow
	for _, c := range comps {
		r := ComplaintRow{ID: c.ID, DepartmentID: c.DepartmentID, Department: names[c.DepartmentID], No: c.ComplaintNo, Line: c.Line,
			Received: scoring.DateOf(c.Received), Replied: day(c.Replied), Closed: day(c.Closed)}
		switch {
		case !r.Closed.IsZero() && r.Closed <= today:
			r.State = ComplaintClosed
		case !r.Replied.IsZero() && r.Replied <= today:
			r.State = ComplaintReplied
		default:
			r.State = ComplaintWaiting
		}
		if r.State != ComplaintClosed {
			r.Waiting = cal.WorkingDaysLate(r.Received, today)
		}
		if f.State == "" || f.State == r.State {
			rows = append(rows, r)
		}
	}
	slices.SortStableFunc(rows, func(a, b ComplaintRow) int {
		if (a.State == ComplaintClosed) != (b.State == ComplaintClosed) {
			return map[bool]int{true: 1, false: -1}[a.State == ComplaintClosed]
		}
		if a.State == ComplaintClosed {
			return cmp.Compare(b.Received, a.Received)
		}
		return cmp.Compare(a.Received, b.Received)
	})
	out.Total = len(rows)
	out.Rows, out.Page, out.Pages = pageOf(rows, f.Page)
	return out, nil
}
