package publications

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/notify"
	"github.com/gongkai/gongkai/scoring"
)

// The office's answers to an objection (异议, 发布协调制度 art. 12).
const (
	ObjectionWithdraw = "同意撤回" // the objection holds: the document is withdrawn
	ObjectionKeep     = "维持发布" // the document stays published
)

// ObjectionAnswers are the office's answers, in the order the form offers them.
var ObjectionAnswers = []string{ObjectionKeep, ObjectionWithdraw}

// AnswerObjection is the office's answer to another department's
// objection to a published document, with its reason: 维持发布 keeps it
// out, 同意撤回 withdraws it today by the one way a document is withdrawn
// (its publication leaves the catalog coverage it gave). The answer is a
// line of the document's history, audit-logged, and the objecting
// department is told in its inbox, all in one transaction. An objection
// is answered once, and not once its document is withdrawn; work is the
// document the objection must be of.
func (s *Store) AnswerObjection(ctx context.Context, v models.Viewer, work, objection uint, decision, reason string, now time.Time) error {
	if !v.Can(models.ActReviewPublication) {
		return models.ErrForbidden
	}
	if decision != ObjectionKeep && decision != ObjectionWithdraw {
		return models.Invalid("decision", "pubobj.refuse.decision")
	}
	reason, err := text("reason", "publications.f.reason", reason, maxNote, true)
	if err != nil {
		return err
	}
	return s.Audited(ctx, v, func(tx *models.Tx) error {
		var o Event
		if err := tx.DB.Where("work_id = ? AND kind = ?", work, EvObjection).First(&o, objection).Error; err != nil {
			return models.NotFound(err, "read objection")
		}
		w, err := lock(tx, o.WorkID)
		if err != nil {
			return err
		}
		var answered Event
		err = tx.DB.Where("answer_of = ? AND kind = ?", o.ID, EvObjectionAns).First(&answered).Error
		switch {
		case err == nil:
			return models.Invalid("", "pubobj.refuse.answered")
		case !errors.Is(err, gorm.ErrRecordNotFound):
			return fmt.Errorf("read objection answer: %w", err)
		case w.Withdrawn != nil:
			return models.Invalid("", "publications.refuse.withdrawn")
		}
		if decision == ObjectionWithdraw {
			var p models.Publication
			if err := tx.ForUpdate().First(&p, w.PublicationID).Error; err != nil {
				return models.NotFound(err, "read publication")
			}
			if err := s.withdraw(tx, w, &p, scoring.DateOf(now), reason, now); err != nil {
				return err
			}
		}
		e := Event{Kind: EvObjectionAns, ByDept: o.ByDept, AnswerOf: o.ID, Decision: decision, Note: reason}
		if err := s.event(tx, w, e, now); err != nil {
			return err
		}
		subject := "pubobj.notify.keep"
		if decision == ObjectionWithdraw {
			subject = "pubobj.notify.withdraw"
		}
		m := notify.Message{Kind: notify.KindNotice, Subject: subject, Args: []string{shortTitle(w)},
			Link: workLink(w) + "#objections", Ref: fmt.Sprintf("objection:%d", o.ID), Required: true}
		return notify.ToDepartment(tx, o.ByDept, models.ActWorkPublication, m, now)
	})
}

// Objection is an objection as the document's page shows it: the line of
// the history that raised it, and the office's answer once given.
type Objection struct {
	Event
	Answer *Event
}

// objections pairs a work's objections with their answers, from its history.
func objections(events []Event) []Objection {
	answers := map[uint]*Event{}
	for i, e := range events {
		if e.Kind == EvObjectionAns {
			answers[e.AnswerOf] = &events[i]
		}
	}
	var out []Objection
	for _, e := range events {
		if e.Kind == EvObjection {
			out = append(out, Objection{Event: e, Answer: answers[e.ID]})
		}
	}
	return out
}

// openObjections reads the objections the office has not answered, on
// documents still published, for its home.
func openObjections(db *gorm.DB) ([]Event, error) {
	answered := db.Session(&gorm.Session{NewDB: true}).Model(&Event{}).Select("answer_of").Where("kind = ?", EvObjectionAns)
	live := db.Session(&gorm.Session{NewDB: true}).Model(&Work{}).Select("id").Where("withdrawn IS NULL")
	var out []Event
	err := db.Where("kind = ? AND id NOT IN (?) AND work_id IN (?)", EvObjection, answered, live).Order("day, id").Limit(maxList).Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("read open objections: %w", err)
	}
	return out, nil
}
