package clocks

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/scoring"
)

// Store reads the clocks' records: secrecy reviews, coordinations and press
// conferences, and what they still wait for.
type Store struct{ *models.Store }

// New returns the clocks' store on s.
func New(s *models.Store) *Store { return &Store{s} }

// AddInput adds year y's secrecy reviews, coordinations and press
// conferences to a scoring input (scoreruns' ScoringInput asks it).
func (s *Store) AddInput(ctx context.Context, in *scoring.Input, y int) error {
	first, last := scoring.YearSpan(y)
	start, end := first.Time(), last.Time()
	db := s.DB.WithContext(ctx)
	err := models.ScanRows(db.Model(&SecrecyReview{}).Where("requested BETWEEN ? AND ?", start, end).
		Select("id", "department_id", "review_no", "title", "requested", "decided", "opinion"),
		func(r *sql.Rows) error {
			var x scoring.SecrecyReview
			var req, dec sql.NullTime
			if err := r.Scan(&x.ID, &x.Dept, &x.No, &x.Title, &req, &dec, &x.Opinion); err != nil {
				return err
			}
			x.Requested, x.Decided = models.DayOf(req), models.DayOf(dec)
			in.SecrecyReviews = append(in.SecrecyReviews, x)
			return nil
		})
	if err != nil {
		return fmt.Errorf("read secrecy reviews: %w", err)
	}
	err = models.ScanRows(db.Model(&Coordination{}).Where("sent BETWEEN ? AND ?", start, end).
		Select("id", "department_id", "asked_id", "coordination_no", "subject", "sent", "replied", "opinion"),
		func(r *sql.Rows) error {
			var x scoring.Coordination
			var sent, rep sql.NullTime
			if err := r.Scan(&x.ID, &x.Dept, &x.Asked, &x.No, &x.Subject, &sent, &rep, &x.Opinion); err != nil {
				return err
			}
			x.Sent, x.Replied = models.DayOf(sent), models.DayOf(rep)
			in.Coordinations = append(in.Coordinations, x)
			return nil
		})
	if err != nil {
		return fmt.Errorf("read coordinations: %w", err)
	}
	err = models.ScanRows(db.Model(&PressConference{}).Where("held BETWEEN ? AND ?", start, end).Select("id", "department_id", "held"),
		func(r *sql.Rows) error {
			var x scoring.PressConference
			var held sql.NullTime
			if err := r.Scan(&x.ID, &x.Dept, &held); err != nil {
				return err
			}
			x.Date = models.DayOf(held)
			in.PressConferences = append(in.PressConferences, x)
			return nil
		})
	if err != nil {
		return fmt.Errorf("read press conferences: %w", err)
	}
	return nil
}

// ClockDeadlines lists what the clocks of issue 14 still wait for on today:
// undecided secrecy reviews, and unanswered coordinations still within
// their limit (after it, silence is consent and nothing is pending). Online
// requests not forwarded in time show on their own page and in B3, not
// here: the request's answer is the deadline the lists already carry. dept 0 lists every department's, each under
// the department that must act; otherwise those of dept, including the
// coordinations it sent and still awaits.
func (s *Store) ClockDeadlines(ctx context.Context, today scoring.Date, cal *scoring.Calendar, limits scoring.TimeLimits, dept uint) ([]Deadline, error) {
	db := s.DB.WithContext(ctx)
	t := today.Time()
	var out []Deadline

	q := db.Model(&SecrecyReview{}).Select("id", "department_id", "title", "requested").
		Where("requested <= ? AND (decided IS NULL OR decided > ?)", t, t)
	if dept != 0 {
		q = q.Where("department_id = ?", dept)
	}
	err := models.ScanRows(q, func(r *sql.Rows) error {
		var d Deadline
		var req sql.NullTime
		if err := r.Scan(&d.RecordID, &d.DepartmentID, &d.Title, &req); err != nil {
			return err
		}
		d.Kind, d.Due = DeadlineReview, scoring.ReviewDue(cal, limits, models.DayOf(req))
		out = append(out, d)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read pending reviews: %w", err)
	}

	q = db.Model(&Coordination{}).Select("id", "department_id", "asked_id", "subject", "sent").
		Where("sent <= ? AND (replied IS NULL OR replied > ?)", t, t)
	if dept != 0 {
		q = q.Where("department_id = ? OR asked_id = ?", dept, dept)
	}
	err = models.ScanRows(q, func(r *sql.Rows) error {
		var c scoring.Coordination
		var sent sql.NullTime
		if err := r.Scan(&c.ID, &c.Dept, &c.Asked, &c.Subject, &sent); err != nil {
			return err
		}
		c.Sent = models.DayOf(sent)
		due := scoring.CoordinationDue(cal, limits, c.Sent)
		if state, _ := scoring.CoordinationState(c, due, today); state != scoring.ReplyPending {
			return nil
		}
		d := Deadline{DepartmentID: c.Asked, Kind: DeadlineCoordination, Title: c.Subject, RecordID: c.ID, Due: due}
		if dept != 0 && c.Asked != dept {
			d.DepartmentID, d.Kind = c.Dept, DeadlineCoordinationSent
		}
		out = append(out, d)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read pending coordinations: %w", err)
	}

	return out, nil
}

// PendingClocks lists a department's pending reviews and coordinations on
// today, earliest due first, under the
// scheme's limits; the viewer must be allowed to see the department.
func (s *Store) PendingClocks(ctx context.Context, v models.Viewer, dept uint, today scoring.Date, limits scoring.TimeLimits) ([]Deadline, error) {
	if !v.CanSeeDepartment(dept) {
		return nil, models.ErrNotFound
	}
	cal, err := s.Calendar(ctx)
	if err != nil {
		return nil, err
	}
	ds, err := s.ClockDeadlines(ctx, today, cal, limits, dept)
	if err != nil {
		return nil, err
	}
	SortByDue(ds)
	return ds, nil
}

// ReviewStep is one step of a review's five-step sign-off: N is 1 to 5 in
// the order of seed 003 art. 7 (the originating unit's opinion, its head,
// the leader in charge, the secrecy office's re-examination, its leader's
// approval); pages name the steps by N in the reader's language.
type ReviewStep struct {
	N  int
	By string
	On string
}

// Steps lists the review's five steps in order.
func (r SecrecyReview) Steps() []ReviewStep {
	return []ReviewStep{
		{1, r.UnitBy, models.YMDPtr(r.UnitDate)},
		{2, r.HeadBy, models.YMDPtr(r.HeadDate)},
		{3, r.LeaderBy, models.YMDPtr(r.LeaderDate)},
		{4, r.SecrecyBy, models.YMDPtr(r.SecrecyDate)},
		{5, r.ApproverBy, models.YMDPtr(r.ApproverDate)},
	}
}

// PressCount counts the press conferences (新闻发布会) held from from to to,
// both included, by the departments listed (nil: every department), and
// those a principal attended (主要负责同志参加): Annex 2's lines.
func (s *Store) PressCount(ctx context.Context, depts []uint, from, to scoring.Date) (held, principal int, err error) {
	q := s.DB.WithContext(ctx).Model(&PressConference{}).Where("held BETWEEN ? AND ?", from.Time(), to.Time())
	if depts != nil {
		q = q.Where("department_id IN ?", depts)
	}
	var rows []struct{ PrincipalAttended bool }
	if err := q.Select("principal_attended").Find(&rows).Error; err != nil {
		return 0, 0, fmt.Errorf("count press conferences: %w", err)
	}
	for _, r := range rows {
		if r.PrincipalAttended {
			principal++
		}
	}
	return len(rows), principal, nil
}
