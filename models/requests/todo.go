package requests

import (
	"context"
	"fmt"
	"slices"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/scoring"
)

// SoonDays is how far ahead, in working days, a department's home lists
// the requests falling due.
const SoonDays = 3

// Item is a request on a to-do list: its number, its department and the
// date that puts it there (its deadline, or the third party's).
type Item struct {
	ID         uint
	No         string
	Department string
	Due        scoring.Date
	Asked      scoring.Date // when an extension was asked
}

// ToDo is what a department's requests ask of it on a day.
type ToDo struct {
	Overdue, DueSoon, ThirdParty, Extensions []Item
	// Forwarded: parts of other departments' requests forwarded to this
	// one and not yet answered (内部转办), with the first unit's deadline.
	Forwarded []Item
}

// Empty reports whether nothing is to do.
func (t *ToDo) Empty() bool {
	return len(t.Overdue)+len(t.DueSoon)+len(t.ThirdParty)+len(t.Extensions)+len(t.Forwarded) == 0
}

// ToDoOf is the to-do list of department dept's open requests on today
// (dept 0: every department, for the office): overdue, due within
// SoonDays working days, waiting for a third party, and extensions
// waiting for the office.
func (s *Store) ToDoOf(ctx context.Context, v models.Viewer, dept uint, today scoring.Date) (*ToDo, error) {
	if dept == 0 && !v.Can(models.ActApproveExtension) || dept != 0 && !v.CanSeeDepartment(dept) {
		return nil, models.ErrNotFound
	}
	q := s.DB.WithContext(ctx).Where("answered IS NULL AND received <= ?", today.Time())
	if dept != 0 {
		q = q.Where("department_id = ?", dept)
	} else { // the office's list is of extensions to decide: only requests that asked for one
		q = q.Where("id IN (?)", s.DB.Model(&Step{}).Select("request_id").Where("kind = ?", StepExtensionAsked))
	}
	var open []models.Request
	if err := q.Order("received, id").Find(&open).Error; err != nil {
		return nil, fmt.Errorf("read open requests: %w", err)
	}
	ids := make([]uint, len(open))
	for i, r := range open {
		ids[i] = r.ID
	}
	var steps []Step
	if len(ids) > 0 {
		if err := s.DB.WithContext(ctx).Where("request_id IN ?", ids).Order("request_id, seq").Find(&steps).Error; err != nil {
			return nil, fmt.Errorf("read steps: %w", err)
		}
	}
	names, err := s.DepartmentNames(ctx)
	if err != nil {
		return nil, err
	}
	cal, err := s.Calendar(ctx)
	if err != nil {
		return nil, err
	}
	limits, err := s.limits(ctx)
	if err != nil {
		return nil, err
	}
	soon := cal.Due(today, SoonDays)
	stepsOf := map[uint][]Step{} // in seq order, as read
	for _, x := range steps {
		stepsOf[x.RequestID] = append(stepsOf[x.RequestID], x)
	}
	t := &ToDo{}
	for i := range open {
		r := &open[i]
		st := stateOf(r, stepsOf[r.ID])
		if dept == 0 && !st.ExtensionPending { // the office's list is of extensions to decide
			continue
		}
		it := Item{ID: r.ID, No: r.RequestNo, Department: names[r.DepartmentID], Due: scoring.RequestDue(cal, limits, requestOf(r), today)}
		if st.ExtensionPending {
			t.Extensions = append(t.Extensions, Item{ID: r.ID, No: r.RequestNo, Department: it.Department, Due: it.Due, Asked: st.ExtensionAskedOn})
		}
		if dept == 0 {
			continue
		}
		switch {
		case st.WaitingThirdParty:
			it.Due = scoring.ThirdPartyDue(cal, dateOf(r.PauseStart))
			t.ThirdParty = append(t.ThirdParty, it)
		case it.Due < today:
			t.Overdue = append(t.Overdue, it)
		case it.Due <= soon:
			t.DueSoon = append(t.DueSoon, it)
		}
	}
	if dept != 0 {
		if t.Forwarded, err = s.forwardedTo(ctx, dept, cal, limits, names, today); err != nil {
			return nil, err
		}
	}
	for _, l := range [][]Item{t.Overdue, t.DueSoon, t.ThirdParty, t.Forwarded} {
		slices.SortStableFunc(l, func(a, b Item) int { return int(a.Due - b.Due) })
	}
	return t, nil
}

// forwardedTo lists the open requests of other departments whose part
// forwarded to dept waits for its answer, each with the request's deadline.
func (s *Store) forwardedTo(ctx context.Context, dept uint, cal *scoring.Calendar, limits scoring.TimeLimits, names map[uint]string, today scoring.Date) ([]Item, error) {
	var ids []uint
	if err := s.DB.WithContext(ctx).Model(&Step{}).Distinct("request_id").Where("kind = ? AND party_id = ?", StepTransfer, dept).Pluck("request_id", &ids).Error; err != nil {
		return nil, fmt.Errorf("read parts forwarded: %w", err)
	}
	if len(ids) == 0 {
		return nil, nil
	}
	var open []models.Request
	if err := s.DB.WithContext(ctx).Where("id IN ? AND answered IS NULL", ids).Find(&open).Error; err != nil {
		return nil, fmt.Errorf("read requests forwarded: %w", err)
	}
	var out []Item
	for i := range open {
		r := &open[i]
		steps, err := stepsOf(s.DB.WithContext(ctx), r.ID)
		if err != nil {
			return nil, err
		}
		if st := stateOf(r, steps); st.TransferPending && st.TransferUnitID == dept {
			out = append(out, Item{ID: r.ID, No: r.RequestNo, Department: names[r.DepartmentID], Due: scoring.RequestDue(cal, limits, requestOf(r), today)})
		}
	}
	return out, nil
}

// Units lists every department, by code: the units a part of a request
// may be forwarded to (their names are no secret).
func (s *Store) Units(ctx context.Context) ([]models.Department, error) {
	return s.DepartmentChoices(ctx)
}
