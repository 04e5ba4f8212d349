package monitoring

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/documents"
	"github.com/gongkai/gongkai/scoring"
)

// The 通报 of a monitoring run: a numbered document of the leading group's
// office, about the run, which the office may put on the public site.
const (
	BulletinKind    = "monitoring_bulletin"
	BulletinSubject = "monitoring_run"
	BulletinSeries  = "公开监通"
	Issuer          = "市公安局政府信息公开工作领导小组办公室"
	// Addressees: every unit monitored.
	Addressees = "各分县局，市局各部门"
)

// IssueBulletin issues the run's 通报, dated on (the office). A run has
// one: a second is refused in Chinese; a correction is CorrectBulletin.
func (s *Store) IssueBulletin(ctx context.Context, v models.Viewer, runID uint, on scoring.Date) (*documents.Document, error) {
	return s.bulletin(ctx, v, runID, on, "")
}

// CorrectBulletin issues a new 通报 of the run that corrects the one in
// force (documents.Corrects), saying why; the run's 通报 is then the new
// one. The corrected document stays as it was issued.
func (s *Store) CorrectBulletin(ctx context.Context, v models.Viewer, runID uint, on scoring.Date, reason string) (*documents.Document, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return nil, models.Invalid("reason", "monitor.refuse.reason")
	}
	return s.bulletin(ctx, v, runID, on, reason)
}

func (s *Store) bulletin(ctx context.Context, v models.Viewer, runID uint, on scoring.Date, correction string) (*documents.Document, error) {
	if !v.Can(models.ActIssueBulletin) {
		return nil, models.ErrForbidden
	}
	run, err := s.Get(ctx, v, runID)
	if err != nil {
		return nil, err
	}
	if on < run.Cut() {
		return nil, models.Invalid("date", "monitor.refuse.date_before_cut", documents.ChineseDate(run.Cut()))
	}
	lines, err := s.Lines(ctx, models.System, runID, true)
	if err != nil {
		return nil, err
	}
	body, err := bulletinBody(run, lines)
	if err != nil {
		return nil, err
	}
	var d *documents.Document
	err = s.Audited(ctx, v, func(tx *models.Tx) error {
		var cur Run
		if err := tx.ForUpdate().First(&cur, runID).Error; err != nil {
			return models.NotFound(err, "read monitoring run")
		}
		in := documents.Issue{Kind: BulletinKind, Series: BulletinSeries, Year: on.Year(), Subject: BulletinSubject, SubjectID: runID}
		title := fmt.Sprintf("关于%s警务公开工作监测情况的通报", cur.Label)
		blocks, corrected := body, ""
		switch {
		case correction == "" && cur.BulletinID != 0:
			old, err := documents.Get(ctx, tx.DB, cur.BulletinID)
			if err != nil {
				return err
			}
			return models.Invalid("run", "monitor.refuse.bulletin_issued", cur.Label, old.Number)
		case correction != "" && cur.BulletinID == 0:
			return models.Invalid("run", "monitor.refuse.no_bulletin")
		case correction != "":
			old, err := documents.Get(ctx, tx.DB, cur.BulletinID)
			if err != nil {
				return err
			}
			in.RefID, in.Relation, corrected = old.ID, documents.Corrects, old.Number
			title = fmt.Sprintf("关于更正%s的通报", old.Number)
			blocks = append([]documents.Block{documents.Paragraph(fmt.Sprintf("我办于%s印发的《%s》（%s）有误：%s。现更正如下，原通报同时作废。",
				documents.ChineseDate(old.Date()), old.Title, old.Number, correction))}, body...)
		}
		in.Content = documents.Content{Issuer: Issuer, Title: title, To: Addressees, Body: blocks, Signer: Issuer, Date: on,
			CopyTo: "市公安局政府信息公开工作领导小组", PrintedBy: Issuer}
		var err error
		if d, err = documents.IssueIn(tx, in); err != nil {
			return err
		}
		if err := tx.DB.Model(&Run{}).Where("id = ?", runID).Update("bulletin_id", d.ID).Error; err != nil {
			return fmt.Errorf("record the 通报 of run %d: %w", runID, err)
		}
		var before map[string]any
		if in.RefID != 0 {
			before = map[string]any{"name": cur.Label, "number": corrected}
		}
		return tx.Record("issue", "monitoring_run", runID, before, map[string]any{"name": cur.Label, "number": d.Number})
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

// PostBulletin puts the run's 通报 in force on the public site (the
// office), once (documents.Post refuses a second posting).
func (s *Store) PostBulletin(ctx context.Context, v models.Viewer, runID uint, now time.Time) error {
	if !v.Can(models.ActIssueBulletin) {
		return models.ErrForbidden
	}
	return s.Audited(ctx, v, func(tx *models.Tx) error {
		var cur Run
		if err := tx.ForUpdate().First(&cur, runID).Error; err != nil {
			return models.NotFound(err, "read monitoring run")
		}
		if cur.BulletinID == 0 {
			return models.Invalid("run", "monitor.refuse.no_bulletin")
		}
		return documents.Post(tx, cur.BulletinID, now)
	})
}

// Bulletins lists the 通报 issued about a run, oldest first.
func (s *Store) Bulletins(ctx context.Context, v models.Viewer, runID uint) ([]documents.Document, error) {
	if !v.Can(models.ActReadMonitoring) {
		return nil, models.ErrForbidden
	}
	return documents.Of(ctx, s.DB, BulletinSubject, runID)
}

// Posted reports whether document id is on the public site.
func (s *Store) Posted(ctx context.Context, id uint) (bool, error) {
	if id == 0 {
		return false, nil
	}
	posted, err := documents.Postings(ctx, s.DB, BulletinKind)
	if err != nil {
		return false, err
	}
	for _, p := range posted {
		if p.ID == id {
			return true, nil
		}
	}
	return false, nil
}

// Bulletin reads a 通报 of run runID with its page and DOCX; ErrNotFound
// when the document is not one of the run's.
func (s *Store) Bulletin(ctx context.Context, v models.Viewer, runID, docID uint) (*documents.Document, error) {
	if !v.Can(models.ActReadMonitoring) {
		return nil, models.ErrForbidden
	}
	d, err := documents.Get(ctx, s.DB, docID)
	if err != nil {
		return nil, err
	}
	if d.Kind != BulletinKind || d.Subject != BulletinSubject || d.SubjectID != runID {
		return nil, models.ErrNotFound
	}
	return d, nil
}
