package publications

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/clocks"
	"github.com/gongkai/gongkai/scoring"
)

// Opinion is a signed step's opinion as its signer writes it.
type Opinion struct {
	Opinion, Basis, Reason string
	// Referred and Answer: where a 需报审 was referred and what came back.
	Referred, Answer string
	// Redacted is what a partial secrecy (非密处理) removed.
	Redacted string
}

// SignStep signs step n of a document's secrecy review (seed 003 保密审查
// 制度 art. 7, 10). The steps go in order, each by an account holding it
// (StepAction; step 1 and 2 of the document's department, step 4 of the
// secrecy committee office) and no account signs two. Step 1 opens the
// review (its 送审日期 starts the 15-working-day clock); step 5's opinion
// is the review's decision.
func (s *Store) SignStep(ctx context.Context, v models.Viewer, id uint, n int, o Opinion, now time.Time) error {
	if n < 1 || n > Steps {
		return models.ErrNotFound
	}
	if !v.Can(StepAction(n)) {
		return models.ErrForbidden
	}
	if !slices.Contains(scoring.Opinions, o.Opinion) {
		return models.Invalid("opinion", "publications.refuse.opinion")
	}
	var err error
	if o.Basis, err = text("basis", "publications.f.basis", o.Basis, maxBasis, true); err != nil {
		return err
	}
	if o.Reason, err = text("reason", "publications.f.reason", o.Reason, maxNote, false); err != nil {
		return err
	}
	if o.Referred, err = text("referred", "publications.f.referred", o.Referred, maxShort, o.Opinion == scoring.OpinionRefer); err != nil {
		return err
	}
	if o.Answer, err = text("answer", "publications.f.answer", o.Answer, maxNote, false); err != nil {
		return err
	}
	if o.Redacted, err = text("redacted", "publications.f.redacted", o.Redacted, maxNote, false); err != nil {
		return err
	}
	if o.Opinion != scoring.OpinionRefer {
		o.Referred, o.Answer = "", ""
	}
	return s.Audited(ctx, v, func(tx *models.Tx) error {
		w, err := lock(tx, id)
		if err != nil {
			return err
		}
		switch n {
		case 1, 2:
			if v.DepartmentID != w.DepartmentID {
				return models.ErrNotFound
			}
		case 4:
			office, err := secrecyOffice(tx.DB, v.DepartmentID)
			if err != nil {
				return err
			}
			if !office {
				return models.Invalid("", "publications.refuse.not_secrecy_office")
			}
		}
		if w.Withdrawn != nil {
			return models.Invalid("", "publications.refuse.withdrawn")
		}
		var steps []Step
		if err := tx.DB.Where("work_id = ?", w.ID).Order("n").Find(&steps).Error; err != nil {
			return fmt.Errorf("read review steps: %w", err)
		}
		if len(steps)+1 != n {
			return models.Invalid("", "publications.refuse.step_order", len(steps)+1)
		}
		if slices.ContainsFunc(steps, func(st Step) bool { return st.UserID == v.UserID }) {
			return models.Invalid("", "publications.refuse.step_signer")
		}
		on := scoring.DateOf(now).Time()
		st := Step{WorkID: w.ID, N: n, UserID: v.UserID, By: v.Name, Day: on, Opinion: o.Opinion, Basis: o.Basis,
			Reason: o.Reason, Referred: o.Referred, Answer: o.Answer, Redacted: o.Redacted}
		if err := tx.DB.Create(&st).Error; err != nil {
			return fmt.Errorf("sign review step: %w", err)
		}
		if err := s.reviewRow(tx, w, st); err != nil {
			return err
		}
		if err := notifyNextStep(tx, w, n, now); err != nil {
			return err
		}
		return tx.Record("sign_step", "publication_work", w.ID, nil, st)
	})
}

// reviewNo is the 审查编号 of a work's secrecy review.
func reviewNo(w *Work) string { return fmt.Sprintf("SC-%d-%s", w.ID, truncate(w.IndexNo, 48)) }

// reviewRow writes a signed step into the core's secrecy review, which the
// scores (D2, D4) and the flags read: step 1 opens it, step 5 decides it.
func (s *Store) reviewRow(tx *models.Tx, w *Work, st Step) error {
	on := st.Day
	if st.N == 1 {
		r := clocks.SecrecyReview{DepartmentID: w.DepartmentID, ReviewNo: reviewNo(w), IndexNo: w.IndexNo, Title: truncate(w.Title, maxTitle),
			Requested: on, UnitBy: st.By, UnitDate: &on}
		if err := tx.DB.Create(&r).Error; err != nil {
			return fmt.Errorf("open secrecy review: %w", err)
		}
		return nil
	}
	cols := map[int][2]string{2: {"head_by", "head_date"}, 3: {"leader_by", "leader_date"}, 4: {"secrecy_by", "secrecy_date"}, 5: {"approver_by", "approver_date"}}[st.N]
	change := map[string]any{cols[0]: st.By, cols[1]: &on}
	if st.N == Steps {
		basis := st.Basis
		if st.Reason != "" {
			basis = truncate(basis+"；"+st.Reason, maxBasis)
		}
		change["opinion"], change["basis"], change["decided"] = st.Opinion, basis, &on
	}
	q := tx.DB.Model(&clocks.SecrecyReview{}).Where("department_id = ? AND review_no = ?", w.DepartmentID, reviewNo(w)).Updates(change)
	if q.Error != nil {
		return fmt.Errorf("sign secrecy review: %w", q.Error)
	}
	if st.N == Steps && w.PublicationID != 0 {
		return approvedAfter(tx, w, st)
	}
	return nil
}

// approvedAfter writes a step 5 signed after publishing on the core
// publication, as Publish writes one signed before: D2 and the flags read
// the approval's opinion and its date, which is after the publication's,
// so the document stays unreviewed for D2 (公开 dated on or before
// publishing) and published before approval (VioReviewPending).
func approvedAfter(tx *models.Tx, w *Work, st Step) error {
	var p models.Publication
	if err := tx.ForUpdate().First(&p, w.PublicationID).Error; err != nil {
		return models.NotFound(err, "read publication")
	}
	before := p
	day := st.Day
	if err := tx.DB.Model(&p).Updates(map[string]any{"review": st.Opinion, "review_date": &day}).Error; err != nil {
		return fmt.Errorf("record late approval: %w", err)
	}
	return tx.Record("update", "publication", p.ID, before, p)
}

// truncate cuts s to at most n characters.
func truncate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}
