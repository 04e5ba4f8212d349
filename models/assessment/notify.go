package assessment

import (
	"context"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/notify"
	"github.com/gongkai/gongkai/scoring"
)

// MaxRemindNote bounds the note of a reminder (催办).
const MaxRemindNote = 500

// noticeLink is where a department's head reads and signs the notice.
func noticeLink(plan, dept uint) string { return fmt.Sprintf("/assessment/%d/notice/%d", plan, dept) }

// RemindRef groups the reminders (催办) of a plan, whose readers its page lists.
func RemindRef(plan uint) string { return fmt.Sprintf("remind:plan:%d", plan) }

// notifyNotice tells the heads of every assessed department that the notice
// is out for them to sign, inside the approval's transaction.
func notifyNotice(tx *models.Tx, p *Plan, now time.Time) error {
	var depts []uint
	if err := tx.DB.Model(&Member{}).Where("plan_id = ?", p.ID).Order("department_id").Pluck("department_id", &depts).Error; err != nil {
		return fmt.Errorf("read assessed departments: %w", err)
	}
	for _, d := range depts {
		m := notify.Message{Kind: notify.KindNotice, Subject: "notify.notice.sign", Args: []string{fmt.Sprint(p.Year)},
			Link: noticeLink(p.ID, d), Ref: fmt.Sprintf("notice:plan:%d", p.ID), Required: true}
		if err := notify.ToDepartment(tx, d, models.ActFileForDepartment, m, now); err != nil {
			return err
		}
	}
	return nil
}

// notifyAnswer tells the department's heads that its objection was answered.
func notifyAnswer(tx *models.Tx, o *Objection, status string, now time.Time) error {
	m := notify.Message{Kind: notify.KindAnswered, Subject: "notify.objection." + status, Args: []string{o.Indicator},
		Link: fmt.Sprintf("/assessment/%d/departments/%d", o.PlanID, o.DepartmentID)}
	return notify.ToDepartment(tx, o.DepartmentID, models.ActFileForDepartment, m, now)
}

// Remind is the office's reminder (催办) with a note to the units that have
// not signed their notice, while the assessment is open: who reminded each
// and when is kept on the unit, for its head's home, in the timeline and
// the audit log, and the reminder reaches the inboxes of its heads, whose
// reading the plan's page lists (Reminders). A unit that signed meanwhile
// refuses the whole reminder, nothing of it sent.
func (s *Store) Remind(ctx context.Context, v models.Viewer, plan uint, depts []uint, note string, now time.Time) error {
	if !v.CanRunAssessment() {
		return models.ErrForbidden
	}
	if len(depts) == 0 {
		return models.Invalid("department", "notify.refuse.no_units")
	}
	note, err := models.CheckText("note", "notify.note", note, MaxRemindNote, false)
	if err != nil {
		return err
	}
	p, err := s.Plan(ctx, v, plan)
	if err != nil {
		return err
	}
	if !p.Status.Open() {
		return errClosed
	}
	members := make([]*Member, 0, len(depts))
	for _, d := range depts {
		_, m, err := s.forDepartment(ctx, v, plan, d)
		if err != nil {
			return err
		}
		if m.NoticeReadAt != nil {
			return models.Invalid("department", "refuse.assessment.signed", scoring.DateOf(*m.NoticeReadAt))
		}
		members = append(members, m)
	}
	at := now.UTC()
	return s.m.Audited(ctx, v, func(tx *models.Tx) error {
		for _, m := range members {
			res := tx.DB.Model(&Member{}).Where("id = ? AND notice_read_at IS NULL", m.ID).Updates(map[string]any{"reminded_at": at, "reminded_by": v.Name})
			if res.Error != nil {
				return fmt.Errorf("remind: %w", res.Error)
			}
			if res.RowsAffected == 0 {
				return models.Invalid("department", "refuse.assessment.signed", scoring.DateOf(at))
			}
			if err := event(tx, p.ID, "remind", deptNote(tx.DB, m.DepartmentID), now); err != nil {
				return err
			}
			if err := tx.Record("remind", "assessment_notice", m.ID, map[string]any{"reminded_at": m.RemindedAt, "reminded_by": m.RemindedBy},
				map[string]any{"plan": p.ID, "department": m.DepartmentID, "reminded_at": at, "reminded_by": v.Name, "note": note}); err != nil {
				return err
			}
			msg := notify.Message{Kind: notify.KindRemind, Subject: "notify.remind.notice", Args: []string{fmt.Sprint(p.Year), v.Name},
				Note: note, Link: noticeLink(p.ID, m.DepartmentID), Ref: RemindRef(p.ID), Required: true}
			if err := notify.ToDepartment(tx, m.DepartmentID, models.ActFileForDepartment, msg, now); err != nil {
				return err
			}
		}
		return nil
	})
}

// Reminders lists the reminders (催办) sent for the plan, each reader with
// when they read it, for the bureau-wide roles.
func (s *Store) Reminders(ctx context.Context, v models.Viewer, plan uint) ([]notify.Receipt, error) {
	if !v.CanReadAssessments() {
		return nil, models.ErrNotFound
	}
	return notify.New(s.m).Receipts(ctx, RemindRef(plan))
}

// notifyStep tells whom a plan's step concerns, inside the step's
// transaction: a step that waits for the leading group (the plan, the
// grades, a re-opening) reaches its members' inboxes; the results notice
// published reaches the bureau-wide readers and the heads of the assessed
// units.
func notifyStep(tx *models.Tx, p *Plan, a Action, now time.Time) error {
	link := fmt.Sprintf("/assessment/%d", p.ID)
	switch a {
	case Submit, Propose, RequestReopen:
		m := notify.Message{Kind: notify.KindNotice, Subject: "notify.plan.waiting", Args: []string{fmt.Sprint(p.Year), notify.Phrase("asmt.action." + string(a))},
			Link: link, Required: true}
		return notify.ToAction(tx, models.ActDecideAssessment, m, now)
	case Publish:
		m := notify.Message{Kind: notify.KindDocument, Subject: "notify.plan.published", Args: []string{fmt.Sprint(p.Year)}, Link: link + "/results"}
		if err := notify.ToAction(tx, models.ActReadAssessments, m, now); err != nil {
			return err
		}
		var depts []uint
		if err := tx.DB.Model(&Member{}).Where("plan_id = ?", p.ID).Order("department_id").Pluck("department_id", &depts).Error; err != nil {
			return fmt.Errorf("read assessed departments: %w", err)
		}
		for _, d := range depts {
			if err := notify.ToDepartment(tx, d, models.ActFileForDepartment, m, now); err != nil {
				return err
			}
		}
	}
	return nil
}
