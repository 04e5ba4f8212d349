package records

import (
	"context"
	"fmt"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/clocks"
	"github.com/gongkai/gongkai/scoring"
)

// CoordinationView is a coordination as a record page shows it: who was
// asked, when it was due, and the opinion that holds (视为同意 after
// silence).
type CoordinationView struct {
	clocks.Coordination
	Asked string
	Due   scoring.Date
	State scoring.ReplyState
	Holds string
}

// publicationClocks reads the reviews and coordinations of a publication
// (by its department and 索引号) for its record page.
func (s *Store) publicationClocks(ctx context.Context, v models.Viewer, p models.Publication, rv *RecordView, today scoring.Date) error {
	db := s.DB.WithContext(ctx)
	flags, err := s.flags(db, v, p.ID)
	if err != nil {
		return err
	}
	rv.Flags = flags
	if err := db.Where("department_id = ? AND index_no = ?", p.DepartmentID, p.IndexNo).Order("requested, id").Find(&rv.Reviews).Error; err != nil {
		return fmt.Errorf("read reviews of publication: %w", err)
	}
	var cs []clocks.Coordination
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
func (s *Store) coordinationViews(ctx context.Context, cs []clocks.Coordination, today scoring.Date) ([]CoordinationView, error) {
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
			sc := scoring.Coordination{Sent: scoring.DateOf(c.Sent), Replied: models.DayPtr(c.Replied), Opinion: c.Opinion}
			view.Due = scoring.CoordinationDue(cal, *limits, sc.Sent)
			view.State, view.Holds = scoring.CoordinationState(sc, view.Due, today)
		}
		out = append(out, view)
	}
	return out, nil
}

// requestForwarding adds an online request's forwarding clock to its page:
// when it was due and whether it was forwarded in time.
func (s *Store) requestForwarding(ctx context.Context, r models.Request, rv *RecordView, today scoring.Date) error {
	if r.Channel != scoring.ChannelOnline {
		return nil
	}
	limits, err := s.CurrentLimits(ctx)
	if err != nil || limits == nil {
		return err
	}
	due := scoring.ForwardDue(*limits, scoring.DateOf(r.Received))
	var state string
	switch fw := models.DayPtr(r.Forwarded); {
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
		var r clocks.SecrecyReview
		if err := db.First(&r, id).Error; err != nil {
			return nil, models.NotFound(err, "read secrecy review")
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
		return &RecordView{DepartmentID: r.DepartmentID, Title: r.Title, Reviews: []clocks.SecrecyReview{r}, Fields: fields(
			"审查编号", r.ReviewNo, "索引号", r.IndexNo, "信息名称", r.Title, "送审日期", models.YMD(r.Requested),
			"审查期限", due, "审查意见", r.Opinion, "依据和理由", r.Basis, "决定日期", models.YMDPtr(r.Decided),
		)}, nil
	case string(scoring.RecordCoordination):
		var c clocks.Coordination
		if err := db.First(&c, id).Error; err != nil {
			return nil, models.NotFound(err, "read coordination")
		}
		views, err := s.coordinationViews(ctx, []clocks.Coordination{c}, today)
		if err != nil {
			return nil, err
		}
		return &RecordView{DepartmentID: c.DepartmentID, Asked: c.AskedID, Title: c.Subject, Coordinations: views, Fields: fields(
			"协调编号", c.CoordinationNo, "索引号", c.IndexNo, "协调事项", c.Subject, "说明", c.Note,
		)}, nil
	case string(scoring.RecordPressConference):
		var p clocks.PressConference
		if err := db.First(&p, id).Error; err != nil {
			return nil, models.NotFound(err, "read press conference")
		}
		return &RecordView{DepartmentID: p.DepartmentID, Title: p.Topic, Fields: fields(
			"日期", models.YMD(p.Held), "主题", p.Topic, "主要负责同志参加", models.YesNo(p.PrincipalAttended),
		)}, nil
	}
	return nil, models.ErrNotFound
}
