package publications

import (
	"context"
	"fmt"
	"net/url"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/columns"
	"github.com/gongkai/gongkai/models/guard"
	"github.com/gongkai/gongkai/scoring"
)

// Release is how a document went out, or how it changed: the day, the
// channel, the address, and (for a change or a withdrawal) the reason.
type Release struct {
	Day          scoring.Date
	Channel, URL string
	Reason       string
}

// checkRelease bounds a release: a day between the document's formation
// and today, a channel, and an http(s) address if any.
func checkRelease(r *Release, w *Work, now time.Time, needReason bool) error {
	if r.Day.IsZero() || r.Day > scoring.DateOf(now) || r.Day < scoring.DateOf(w.Formed) {
		return models.Invalid("day", "publications.refuse.day")
	}
	var err error
	if r.Channel, err = text("channel", "publications.f.channel", r.Channel, 32, true); err != nil {
		return err
	}
	if r.URL, err = text("url", "publications.f.url", r.URL, maxURL, false); err != nil {
		return err
	}
	if u, perr := url.Parse(r.URL); r.URL != "" && (perr != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "") {
		return models.Invalid("url", "publications.refuse.url")
	}
	r.Reason, err = text("reason", "publications.f.reason", r.Reason, maxNote, needReason)
	return err
}

// readyToPublish is the one precondition of publishing, whatever asks:
// the document is not yet out, is not 不予公开, its attribute is settled
// (the office agreed, or the signer decided), it is not deferred, and no
// personal data found in its title or its electronic copies is left
// neither replaced nor overridden (models/guard). Breaches of the secrecy
// review and the coordination do not stop it: they are flagged
// (violations) and proposed to the discipline office. Every further check
// before publishing belongs here, so the web, the API and the demo refuse
// the same things.
func readyToPublish(tx *models.Tx, w *Work) error {
	switch {
	case w.Published != nil || w.Withdrawn != nil:
		return models.Invalid("", "publications.refuse.published")
	case w.Attribute == scoring.AttrWithheld:
		return models.Invalid("", "publications.refuse.withheld")
	case w.AttrStatus != AttrAgreed && w.AttrStatus != AttrDecided:
		return models.Invalid("", "publications.refuse.attr_unsettled")
	case w.Deferred():
		return models.Invalid("", "publications.refuse.deferred")
	}
	return guard.CheckPublishable(tx.DB, w.Doc())
}

// Doc is the work as models/guard keeps its electronic copies: its id,
// department and title.
func (w *Work) Doc() guard.Doc {
	return guard.Doc{ID: w.ID, DepartmentID: w.DepartmentID, Title: w.Title}
}

// Publish records a document as published: the core publication row that
// the scores read (A1, A2, D2) is written from the work, with its secrecy
// review's decision if it has one and the column planned at registration
// (which must be a column of the channel it goes out on).
func (s *Store) Publish(ctx context.Context, v models.Viewer, id uint, r Release, now time.Time) (*models.Publication, error) {
	var p *models.Publication
	err := s.Audited(ctx, v, func(tx *models.Tx) error {
		w, err := ownWork(tx, models.ActWorkPublication, id)
		if err != nil {
			return err
		}
		if err := readyToPublish(tx, w); err != nil {
			return err
		}
		if err := checkRelease(&r, w, now, false); err != nil {
			return err
		}
		formed := w.Formed
		p = &models.Publication{DepartmentID: w.DepartmentID, IndexNo: w.IndexNo, Seq: w.Seq, Title: w.Title, Channel: r.Channel,
			Formed: &formed, Published: r.Day.Time(), DocNo: w.DocNo, Attribute: w.Attribute, URL: r.URL}
		if w.ColumnID != 0 {
			c, err := columns.Of(tx.DB, w.ColumnID, r.Channel)
			if err != nil {
				return err
			}
			p.ColumnID = &c.ID
		}
		var approval Step
		err = tx.DB.Where("work_id = ? AND n = ?", w.ID, Steps).Limit(1).Find(&approval).Error
		if err != nil {
			return fmt.Errorf("read review approval: %w", err)
		}
		if approval.ID != 0 {
			day := approval.Day
			p.Review, p.ReviewDate = approval.Opinion, &day
		}
		if err := tx.DB.Create(p).Error; err != nil {
			if models.IsDuplicate(err) {
				return models.Invalid("", "publications.refuse.index_taken")
			}
			return fmt.Errorf("record publication: %w", err)
		}
		day := r.Day.Time()
		if err := tx.DB.Model(w).Updates(map[string]any{"publication_id": p.ID, "published": &day}).Error; err != nil {
			return fmt.Errorf("mark published: %w", err)
		}
		return s.event(tx, w, Event{Kind: EvPublished, Day: day, Channel: r.Channel, URL: r.URL}, now)
	})
	return p, err
}

// published reads a work that is out, and its core row, for a change.
func published(tx *models.Tx, id uint) (*Work, *models.Publication, error) {
	w, err := ownWork(tx, models.ActWorkPublication, id)
	if err != nil {
		return nil, nil, err
	}
	if w.Published == nil || w.Withdrawn != nil {
		return nil, nil, models.Invalid("", "publications.refuse.not_published")
	}
	var p models.Publication
	if err := tx.ForUpdate().First(&p, w.PublicationID).Error; err != nil {
		return nil, nil, models.NotFound(err, "read publication")
	}
	return w, &p, nil
}

// Change records a change to a published document (its channel or its
// address), with the reason, in its history (seed 004).
func (s *Store) Change(ctx context.Context, v models.Viewer, id uint, r Release, now time.Time) error {
	return s.Audited(ctx, v, func(tx *models.Tx) error {
		w, p, err := published(tx, id)
		if err != nil {
			return err
		}
		if err := checkRelease(&r, w, now, true); err != nil {
			return err
		}
		if p.ColumnID != nil {
			// Its column stays a column of its channel.
			if _, err := columns.Of(tx.DB, *p.ColumnID, r.Channel); err != nil {
				return err
			}
		}
		before := *p
		if err := tx.DB.Model(p).Updates(map[string]any{"channel": r.Channel, "url": r.URL}).Error; err != nil {
			return fmt.Errorf("change publication: %w", err)
		}
		if err := tx.Record("update", "publication", p.ID, before, p); err != nil {
			return err
		}
		return s.event(tx, w, Event{Kind: EvChanged, Day: r.Day.Time(), Channel: r.Channel, URL: r.URL, Note: r.Reason}, now)
	})
}

// Withdraw takes a published document down, with the reason: its
// publication stays on record, but leaves the catalog coverage it gave
// (it becomes 目录外, so its item's period is no longer filled by it).
func (s *Store) Withdraw(ctx context.Context, v models.Viewer, id uint, day scoring.Date, reason string, now time.Time) error {
	return s.Audited(ctx, v, func(tx *models.Tx) error {
		w, p, err := published(tx, id)
		if err != nil {
			return err
		}
		return s.withdraw(tx, w, p, day, reason, now)
	})
}

// withdraw is the one way a published document is taken down, inside the
// transaction of whoever takes it down: its department (Withdraw), or the
// office agreeing with an objection (AnswerObjection).
func (s *Store) withdraw(tx *models.Tx, w *Work, p *models.Publication, day scoring.Date, reason string, now time.Time) error {
	r := Release{Day: day, Channel: p.Channel, Reason: reason}
	if err := checkRelease(&r, w, now, true); err != nil {
		return err
	}
	before := *p
	if err := tx.DB.Model(p).Update("seq", models.Uncatalogued).Error; err != nil {
		return fmt.Errorf("withdraw publication: %w", err)
	}
	if err := tx.Record("update", "publication", p.ID, before, p); err != nil {
		return err
	}
	on := day.Time()
	if err := tx.DB.Model(w).Update("withdrawn", &on).Error; err != nil {
		return fmt.Errorf("mark withdrawn: %w", err)
	}
	return s.event(tx, w, Event{Kind: EvWithdrawn, Day: on, Note: r.Reason}, now)
}
