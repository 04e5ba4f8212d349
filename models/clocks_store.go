package models

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/scoring"
)

// clockInput adds the year's secrecy reviews, coordinations and press
// conferences to a scoring input.
func (s *Store) clockInput(ctx context.Context, in *scoring.Input, start, end time.Time) error {
	db := s.DB.WithContext(ctx)
	err := ScanRows(db.Model(&SecrecyReview{}).Where("requested BETWEEN ? AND ?", start, end).
		Select("id", "department_id", "review_no", "title", "requested", "decided", "opinion"),
		func(r *sql.Rows) error {
			var x scoring.SecrecyReview
			var req, dec sql.NullTime
			if err := r.Scan(&x.ID, &x.Dept, &x.No, &x.Title, &req, &dec, &x.Opinion); err != nil {
				return err
			}
			x.Requested, x.Decided = DayOf(req), DayOf(dec)
			in.SecrecyReviews = append(in.SecrecyReviews, x)
			return nil
		})
	if err != nil {
		return fmt.Errorf("read secrecy reviews: %w", err)
	}
	err = ScanRows(db.Model(&Coordination{}).Where("sent BETWEEN ? AND ?", start, end).
		Select("id", "department_id", "asked_id", "coordination_no", "subject", "sent", "replied", "opinion"),
		func(r *sql.Rows) error {
			var x scoring.Coordination
			var sent, rep sql.NullTime
			if err := r.Scan(&x.ID, &x.Dept, &x.Asked, &x.No, &x.Subject, &sent, &rep, &x.Opinion); err != nil {
				return err
			}
			x.Sent, x.Replied = DayOf(sent), DayOf(rep)
			in.Coordinations = append(in.Coordinations, x)
			return nil
		})
	if err != nil {
		return fmt.Errorf("read coordinations: %w", err)
	}
	err = ScanRows(db.Model(&PressConference{}).Where("held BETWEEN ? AND ?", start, end).Select("id", "department_id", "held"),
		func(r *sql.Rows) error {
			var x scoring.PressConference
			var held sql.NullTime
			if err := r.Scan(&x.ID, &x.Dept, &held); err != nil {
				return err
			}
			x.Date = DayOf(held)
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
	err := ScanRows(q, func(r *sql.Rows) error {
		var d Deadline
		var req sql.NullTime
		if err := r.Scan(&d.RecordID, &d.DepartmentID, &d.Title, &req); err != nil {
			return err
		}
		d.Kind, d.Due = DeadlineReview, scoring.ReviewDue(cal, limits, DayOf(req))
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
	err = ScanRows(q, func(r *sql.Rows) error {
		var c scoring.Coordination
		var sent sql.NullTime
		if err := r.Scan(&c.ID, &c.Dept, &c.Asked, &c.Subject, &sent); err != nil {
			return err
		}
		c.Sent = DayOf(sent)
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
func (s *Store) PendingClocks(ctx context.Context, v Viewer, dept uint, today scoring.Date, limits scoring.TimeLimits) ([]Deadline, error) {
	if !v.CanSeeDepartment(dept) {
		return nil, ErrNotFound
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
		{1, r.UnitBy, ymdPtr(r.UnitDate)},
		{2, r.HeadBy, ymdPtr(r.HeadDate)},
		{3, r.LeaderBy, ymdPtr(r.LeaderDate)},
		{4, r.SecrecyBy, ymdPtr(r.SecrecyDate)},
		{5, r.ApproverBy, ymdPtr(r.ApproverDate)},
	}
}

// CoordinationView is a coordination as a record page shows it: who was
// asked, when it was due, and the opinion that holds (视为同意 after
// silence).
type CoordinationView struct {
	Coordination
	Asked string
	Due   scoring.Date
	State scoring.ReplyState
	Holds string
}

// publicationClocks reads the reviews and coordinations of a publication
// (by its department and 索引号) for its record page.
func (s *Store) publicationClocks(ctx context.Context, v Viewer, p Publication, rv *RecordView, today scoring.Date) error {
	db := s.DB.WithContext(ctx)
	flags, err := s.flags(db, v, p.ID)
	if err != nil {
		return err
	}
	rv.Flags = flags
	if err := db.Where("department_id = ? AND index_no = ?", p.DepartmentID, p.IndexNo).Order("requested, id").Find(&rv.Reviews).Error; err != nil {
		return fmt.Errorf("read reviews of publication: %w", err)
	}
	var cs []Coordination
	if err := db.Where("department_id = ? AND index_no = ?", p.DepartmentID, p.IndexNo).Order("sent, id").Find(&cs).Error; err != nil {
		return fmt.Errorf("read coordinations of publication: %w", err)
	}
	if len(cs) == 0 {
		return nil
	}
	views, err := s.coordinationViews(ctx, cs, today)
	if err != nil {
		return err
	}
	rv.Coordinations = views
	return nil
}

// coordinationViews states each coordination on today under the newest
// approved scheme's limit.
func (s *Store) coordinationViews(ctx context.Context, cs []Coordination, today scoring.Date) ([]CoordinationView, error) {
	limits, err := s.CurrentLimits(ctx)
	if err != nil {
		return nil, err
	}
	cal, err := s.Calendar(ctx)
	if err != nil {
		return nil, err
	}
	names, err := s.DepartmentNames(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]CoordinationView, 0, len(cs))
	for _, c := range cs {
		view := CoordinationView{Coordination: c, Asked: names[c.AskedID], State: scoring.ReplyPending}
		if limits != nil {
			sc := scoring.Coordination{Sent: scoring.DateOf(c.Sent), Replied: dayPtr(c.Replied), Opinion: c.Opinion}
			view.Due = scoring.CoordinationDue(cal, *limits, sc.Sent)
			view.State, view.Holds = scoring.CoordinationState(sc, view.Due, today)
		}
		out = append(out, view)
	}
	return out, nil
}

// requestForwarding adds an online request's forwarding clock to its page:
// when it was due and whether it was forwarded in time.
func (s *Store) requestForwarding(ctx context.Context, r Request, rv *RecordView, today scoring.Date) error {
	if r.Channel != scoring.ChannelOnline {
		return nil
	}
	limits, err := s.CurrentLimits(ctx)
	if err != nil || limits == nil {
		return err
	}
	due := scoring.ForwardDue(*limits, scoring.DateOf(r.Received))
	var state string
	switch fw := dayPtr(r.Forwarded); {
	case !fw.IsZero() && fw <= due:
		state = "按时转交"
	case !fw.IsZero():
		state = fmt.Sprintf("迟转交 %d 日", int(fw-due))
	case today > due:
		state = fmt.Sprintf("逾期未转交，已超期 %d 日", int(today-due))
	default:
		state = "待转交"
	}
	rv.Fields = append(rv.Fields, fields("转交期限", due.String(), "转交情况", state)...)
	return nil
}

// clockRecord reads a secrecy review, a coordination or a press
// conference for its record page; the caller checks the viewer.
func (s *Store) clockRecord(ctx context.Context, kind string, id uint, today scoring.Date) (*RecordView, error) {
	db := s.DB.WithContext(ctx)
	switch kind {
	case string(scoring.RecordSecrecyReview):
		var r SecrecyReview
		if err := db.First(&r, id).Error; err != nil {
			return nil, NotFound(err, "read secrecy review")
		}
		limits, err := s.CurrentLimits(ctx)
		if err != nil {
			return nil, err
		}
		cal, err := s.Calendar(ctx)
		if err != nil {
			return nil, err
		}
		due := ""
		if limits != nil {
			due = scoring.ReviewDue(cal, *limits, scoring.DateOf(r.Requested)).String()
		}
		return &RecordView{DepartmentID: r.DepartmentID, Title: r.Title, Reviews: []SecrecyReview{r}, Fields: fields(
			"审查编号", r.ReviewNo, "索引号", r.IndexNo, "信息名称", r.Title, "送审日期", ymd(r.Requested),
			"审查期限", due, "审查意见", r.Opinion, "依据和理由", r.Basis, "决定日期", ymdPtr(r.Decided),
		)}, nil
	case string(scoring.RecordCoordination):
		var c Coordination
		if err := db.First(&c, id).Error; err != nil {
			return nil, NotFound(err, "read coordination")
		}
		views, err := s.coordinationViews(ctx, []Coordination{c}, today)
		if err != nil {
			return nil, err
		}
		return &RecordView{DepartmentID: c.DepartmentID, Asked: c.AskedID, Title: c.Subject, Coordinations: views, Fields: fields(
			"协调编号", c.CoordinationNo, "索引号", c.IndexNo, "协调事项", c.Subject, "说明", c.Note,
		)}, nil
	case string(scoring.RecordPressConference):
		var p PressConference
		if err := db.First(&p, id).Error; err != nil {
			return nil, NotFound(err, "read press conference")
		}
		return &RecordView{DepartmentID: p.DepartmentID, Title: p.Topic, Fields: fields(
			"日期", ymd(p.Held), "主题", p.Topic, "主要负责同志参加", yesNo(p.PrincipalAttended),
		)}, nil
	}
	return nil, ErrNotFound
}
