package publications

import (
	"context"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/notify"
)

// MaxRemindNote bounds the note of a reminder (催办), as the assessment's.
const MaxRemindNote = 500

// RemindRef groups the reminders (催办) of a work, whose readers its page
// lists.
func RemindRef(id uint) string { return fmt.Sprintf("remind:publication:%d", id) }

// Remind is the office's reminder (催办) with a note to those who have not
// acted on a work: the holders of its review's pending step (step, 0 for
// none; the review must be under way, steps 2 to 5) and the consulted
// departments that have not answered (depts). It reaches their inboxes in
// one transaction, audited, and the work's page lists who read it
// (Reminders). A step signed or a consultation answered meanwhile refuses
// the whole reminder, in Chinese.
func (s *Store) Remind(ctx context.Context, v models.Viewer, id uint, step int, depts []uint, note string, now time.Time) error {
	if !v.Can(models.ActReviewPublication) {
		return models.ErrForbidden
	}
	if step == 0 && len(depts) == 0 {
		return models.Invalid("target", "receipts.refuse.no_target")
	}
	note, err := models.CheckText("note", "notify.note", note, MaxRemindNote, false)
	if err != nil {
		return err
	}
	return s.Audited(ctx, v, func(tx *models.Tx) error {
		w, err := lock(tx, id)
		if err != nil {
			return err
		}
		if w.Withdrawn != nil {
			return models.Invalid("", "publications.refuse.withdrawn")
		}
		var users []uint
		if step != 0 {
			var signed int64
			if err := tx.DB.Model(&Step{}).Where("work_id = ?", w.ID).Count(&signed).Error; err != nil {
				return fmt.Errorf("read review steps: %w", err)
			}
			if step < 2 || step > Steps || int(signed)+1 != step {
				return models.Invalid("target", "receipts.refuse.step_done", step)
			}
			holders, err := stepHolders(tx, w, step)
			if err != nil {
				return err
			}
			users = append(users, holders...)
		}
		for _, d := range depts {
			var c Consultation
			if tx.DB.Where("work_id = ? AND asked_id = ?", w.ID, d).Limit(1).Find(&c).RowsAffected == 0 {
				return models.ErrNotFound
			}
			if c.Answered != nil {
				return models.Invalid("target", "receipts.refuse.answered")
			}
			holders, err := notify.Holders(tx, models.ActWorkPublication, d)
			if err != nil {
				return err
			}
			users = append(users, holders...)
		}
		if len(users) == 0 {
			return models.Invalid("target", "receipts.refuse.nobody")
		}
		m := notify.Message{Kind: notify.KindRemind, Subject: "receipts.remind.publication", Args: []string{shortTitle(w), v.Name},
			Note: note, Link: workLink(w), Ref: RemindRef(w.ID), Required: true}
		if err := notify.In(tx, m, now, users...); err != nil {
			return err
		}
		return tx.Record("remind", "publication_work", w.ID, nil, map[string]any{"step": step, "departments": depts, "note": note, "to": users})
	})
}

// Reminders lists the reminders (催办) sent for work id, each reader with
// when they read it, for the office.
func (s *Store) Reminders(ctx context.Context, v models.Viewer, id uint) ([]notify.Receipt, error) {
	if !v.Can(models.ActReviewPublication) {
		return nil, models.ErrNotFound
	}
	return notify.New(s.Store).Receipts(ctx, RemindRef(id))
}
