package publications

import (
	"context"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/clocks"
	"github.com/gongkai/gongkai/scoring"
)

// Letter is a consultation letter (征求意见函) with the contents of seed
// 003 发布协调制度 art. 9: the matter, its basis and what is asked (the
// text), and whom to answer (the contact).
type Letter struct {
	Asked         uint
	Text, Contact string
}

// Consult sends a consultation letter to one involved department. Its
// date is the core coordination's 发函日期: the asked department's 5
// working days start there (D5). A letter sent after 5 working days of the
// document's formation is kept and flagged (VioConsultLate).
func (s *Store) Consult(ctx context.Context, v models.Viewer, id uint, l Letter, now time.Time) (*Consultation, error) {
	var err error
	if l.Text, err = text("letter", "publications.f.letter", l.Text, maxLetter, true); err != nil {
		return nil, err
	}
	if l.Contact, err = text("contact", "publications.f.contact", l.Contact, 128, true); err != nil {
		return nil, err
	}
	var c *Consultation
	err = s.Audited(ctx, v, func(tx *models.Tx) error {
		w, err := ownWork(tx, models.ActWorkPublication, id)
		if err != nil {
			return err
		}
		if w.Published != nil || w.Withdrawn != nil {
			return models.Invalid("", "publications.refuse.published")
		}
		var asked models.Department
		if l.Asked == w.DepartmentID || tx.DB.First(&asked, l.Asked).Error != nil {
			return models.Invalid("asked", "publications.refuse.involved")
		}
		var n int64
		if err := tx.DB.Model(&Consultation{}).Where("work_id = ? AND asked_id = ?", w.ID, l.Asked).Count(&n).Error; err != nil {
			return fmt.Errorf("read consultations: %w", err)
		}
		if n > 0 {
			return models.Invalid("asked", "publications.refuse.consulted")
		}
		on := scoring.DateOf(now).Time()
		co := clocks.Coordination{DepartmentID: w.DepartmentID, CoordinationNo: fmt.Sprintf("XT-%d-%d", w.ID, l.Asked),
			IndexNo: w.IndexNo, Subject: truncate(w.Title, maxTitle), AskedID: l.Asked, Sent: on}
		if err := tx.DB.Create(&co).Error; err != nil {
			return fmt.Errorf("record coordination: %w", err)
		}
		c = &Consultation{WorkID: w.ID, AskedID: l.Asked, CoordinationID: co.ID, Sent: on, Letter: l.Text, Contact: l.Contact}
		if err := tx.DB.Create(c).Error; err != nil {
			return fmt.Errorf("send consultation: %w", err)
		}
		if err := notifyConsulted(tx, w, l.Asked, now); err != nil {
			return err
		}
		return tx.Record("consult", "publication_work", w.ID, nil, c)
	})
	return c, err
}

// lockConsultation reads a consultation and its work for a change.
func lockConsultation(tx *models.Tx, id uint) (*Consultation, *Work, error) {
	var c Consultation
	if err := tx.ForUpdate().First(&c, id).Error; err != nil {
		return nil, nil, models.NotFound(err, "read consultation")
	}
	w, err := lock(tx, c.WorkID)
	return &c, w, err
}

// Answer is the asked department's answer: 同意 or 不同意, with reasons
// (required to disagree). An answer after the 5 working days is kept as
// what it said and shown late (不同意（逾期答复）), never as 视为同意.
func (s *Store) Answer(ctx context.Context, v models.Viewer, id uint, opinion, reason string, now time.Time) error {
	if !v.Can(models.ActWorkPublication) {
		return models.ErrForbidden
	}
	if opinion != Agree && opinion != Disagree {
		return models.Invalid("opinion", "publications.refuse.answer")
	}
	reason, err := text("reason", "publications.f.reason", reason, maxNote, opinion == Disagree)
	if err != nil {
		return err
	}
	return s.Audited(ctx, v, func(tx *models.Tx) error {
		c, w, err := lockConsultation(tx, id)
		if err != nil {
			return err
		}
		if v.DepartmentID != c.AskedID {
			return models.ErrNotFound
		}
		if c.Answered != nil {
			return models.Invalid("", "publications.refuse.answered")
		}
		on := scoring.DateOf(now).Time()
		change := map[string]any{"answered": &on, "opinion": opinion, "reason": reason, "answered_by": v.Name}
		if err := tx.DB.Model(c).Updates(change).Error; err != nil {
			return fmt.Errorf("answer consultation: %w", err)
		}
		core := map[string]any{"replied": &on, "opinion": opinion, "note": truncate(reason, 1024)}
		if err := tx.DB.Model(&clocks.Coordination{}).Where("id = ?", c.CoordinationID).Updates(core).Error; err != nil {
			return fmt.Errorf("record coordination reply: %w", err)
		}
		if opinion == Disagree {
			if err := notifyDisagreement(tx, w, c.AskedID, now); err != nil {
				return err
			}
		}
		return tx.Record("answer", "publication_consultation", c.ID, nil, change)
	})
}

// Settle is the office's decision on a disagreement (发布协调制度 art. 11):
// the document may be published (as proposed or amended), or must not be.
func (s *Store) Settle(ctx context.Context, v models.Viewer, id uint, decision, note string, now time.Time) error {
	if !v.Can(models.ActReviewPublication) {
		return models.ErrForbidden
	}
	if decision != SettlePublish && decision != SettleWithhold {
		return models.Invalid("decision", "publications.refuse.decision")
	}
	note, err := text("note", "publications.f.note", note, maxNote, true)
	if err != nil {
		return err
	}
	return s.Audited(ctx, v, func(tx *models.Tx) error {
		c, _, err := lockConsultation(tx, id)
		if err != nil {
			return err
		}
		switch {
		case c.Opinion != Disagree:
			return models.Invalid("", "publications.refuse.no_disagreement")
		case c.Settled != nil:
			return models.Invalid("", "publications.refuse.settled")
		}
		on := scoring.DateOf(now).Time()
		change := map[string]any{"settled": &on, "decision": decision, "settle_note": note, "settled_by": v.Name}
		if err := tx.DB.Model(c).Updates(change).Error; err != nil {
			return fmt.Errorf("settle disagreement: %w", err)
		}
		return tx.Record("settle", "publication_consultation", c.ID, nil, change)
	})
}

// Object records another department's objection (异议, 发布协调制度 art.
// 12) to a published document, for the office to see on its page.
func (s *Store) Object(ctx context.Context, v models.Viewer, id uint, note string, now time.Time) error {
	if !v.Can(models.ActWorkPublication) {
		return models.ErrForbidden
	}
	note, err := text("note", "publications.f.note", note, maxNote, true)
	if err != nil {
		return err
	}
	return s.Audited(ctx, v, func(tx *models.Tx) error {
		w, err := lock(tx, id)
		if err != nil {
			return err
		}
		switch {
		case v.DepartmentID == 0 || v.DepartmentID == w.DepartmentID:
			return models.Invalid("", "publications.refuse.own_objection")
		case w.Published == nil:
			return models.ErrNotFound
		}
		return s.event(tx, w, Event{Kind: EvObjection, ByDept: v.DepartmentID, Note: note}, now)
	})
}
