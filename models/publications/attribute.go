package publications

import (
	"context"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/scoring"
)

// ReviewAttribute is the office's review of a document's disclosure
// attribute (seed 003 审核制度 art. 6): it agrees, or asks the department
// to re-determine it, saying why.
func (s *Store) ReviewAttribute(ctx context.Context, v models.Viewer, id uint, agree bool, note string, now time.Time) error {
	if !v.Can(models.ActReviewPublication) {
		return models.ErrForbidden
	}
	note, err := text("note", "publications.f.note", note, maxNote, !agree)
	if err != nil {
		return err
	}
	return s.Audited(ctx, v, func(tx *models.Tx) error {
		w, err := lock(tx, id)
		if err != nil {
			return err
		}
		if w.AttrStatus != AttrPending {
			return models.Invalid("", "publications.refuse.attr_not_pending")
		}
		status, kind := AttrAgreed, EvAgreed
		if !agree {
			status, kind = AttrRedetermine, EvRedetermine
		}
		if err := tx.DB.Model(w).Update("attr_status", status).Error; err != nil {
			return fmt.Errorf("review attribute: %w", err)
		}
		return s.event(tx, w, Event{Kind: kind, Note: note}, now)
	})
}

// Redetermine is the department's answer to the office's request: a new
// attribute (back to the office), or, keep true, the same one kept with its
// reasons, which sends the disagreement to the document's signer.
func (s *Store) Redetermine(ctx context.Context, v models.Viewer, id uint, keep bool, attribute, exemption, note string, now time.Time) error {
	note, err := text("note", "publications.f.note", note, maxNote, true)
	if err != nil {
		return err
	}
	if !keep {
		if err := checkAttribute(attribute, exemption); err != nil {
			return err
		}
		if attribute != scoring.AttrWithheld {
			exemption = ""
		}
	}
	return s.Audited(ctx, v, func(tx *models.Tx) error {
		w, err := ownWork(tx, models.ActWorkPublication, id)
		if err != nil {
			return err
		}
		if w.AttrStatus != AttrRedetermine {
			return models.Invalid("", "publications.refuse.attr_not_asked")
		}
		e := Event{Kind: EvDisputed, Note: note}
		change := map[string]any{"attr_status": AttrDisputed}
		if !keep {
			e.Kind, e.Note = EvRedetermined, attribute+" "+exemption+"："+note
			change = map[string]any{"attr_status": AttrPending, "attribute": attribute, "exemption": exemption}
		}
		if err := tx.DB.Model(w).Updates(change).Error; err != nil {
			return fmt.Errorf("re-determine attribute: %w", err)
		}
		return s.event(tx, w, e, now)
	})
}

// SignerDecision records the decision of the document's signer (签发人) on
// a disagreement about its attribute; the office records it.
func (s *Store) SignerDecision(ctx context.Context, v models.Viewer, id uint, attribute, exemption, note string, now time.Time) error {
	if !v.Can(models.ActReviewPublication) {
		return models.ErrForbidden
	}
	if err := checkAttribute(attribute, exemption); err != nil {
		return err
	}
	if attribute != scoring.AttrWithheld {
		exemption = ""
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
		if w.AttrStatus != AttrDisputed {
			return models.Invalid("", "publications.refuse.attr_not_disputed")
		}
		change := map[string]any{"attr_status": AttrDecided, "attribute": attribute, "exemption": exemption}
		if err := tx.DB.Model(w).Updates(change).Error; err != nil {
			return fmt.Errorf("record signer's decision: %w", err)
		}
		return s.event(tx, w, Event{Kind: EvSignerDecid, Note: w.Signer + "：" + attribute + " " + exemption + "：" + note}, now)
	})
}

// Defer approves a deferral (暂缓公开) of a document whose secrecy is
// undetermined, until a date to revisit it: a supervising leader's act.
func (s *Store) Defer(ctx context.Context, v models.Viewer, id uint, until scoring.Date, note string, now time.Time) error {
	if !v.Can(models.ActSuperviseLeader) {
		return models.ErrForbidden
	}
	note, err := text("note", "publications.f.note", note, maxNote, true)
	if err != nil {
		return err
	}
	if until <= scoring.DateOf(now) {
		return models.Invalid("until", "publications.refuse.until")
	}
	return s.Audited(ctx, v, func(tx *models.Tx) error {
		w, err := lock(tx, id)
		if err != nil {
			return err
		}
		switch {
		case w.Published != nil || w.Withdrawn != nil:
			return models.Invalid("", "publications.refuse.published")
		case w.Deferred():
			return models.Invalid("", "publications.refuse.deferred")
		}
		u := until.Time()
		change := map[string]any{"deferred_until": &u, "deferred_by": v.Name, "defer_settled": nil}
		if err := tx.DB.Model(w).Updates(change).Error; err != nil {
			return fmt.Errorf("defer publication: %w", err)
		}
		return s.event(tx, w, Event{Kind: EvDeferred, Note: until.String() + "：" + note}, now)
	})
}

// SettleDeferral ends a deferral: the department found the secrecy status.
func (s *Store) SettleDeferral(ctx context.Context, v models.Viewer, id uint, note string, now time.Time) error {
	note, err := text("note", "publications.f.note", note, maxNote, true)
	if err != nil {
		return err
	}
	return s.Audited(ctx, v, func(tx *models.Tx) error {
		w, err := ownWork(tx, models.ActWorkPublication, id)
		if err != nil {
			return err
		}
		if !w.Deferred() {
			return models.Invalid("", "publications.refuse.not_deferred")
		}
		on := scoring.DateOf(now).Time()
		if err := tx.DB.Model(w).Update("defer_settled", &on).Error; err != nil {
			return fmt.Errorf("settle deferral: %w", err)
		}
		return s.event(tx, w, Event{Kind: EvDeferSettled, Note: note}, now)
	})
}

// Deferred reports whether the work is deferred and not yet settled.
func (w Work) Deferred() bool { return w.DeferredUntil != nil && w.DeferSettled == nil }
