package records

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/clocks"
	"github.com/gongkai/gongkai/scoring"
)

// Flag is a publication that went out against its secrecy review: a
// possible incident of 不应公开而公开, open until a person confirms or
// dismisses it.
type Flag struct {
	PublicationID uint
	DepartmentID  uint
	Title         string
	IndexNo       string
	Published     scoring.Date
	// Opinion and Decided are the review decision that forbade it; Review
	// is its review record, 0 when it is the publication's own column.
	Opinion  string
	Decided  scoring.Date
	Review   uint
	Decision *clocks.DisclosureFlag // nil while open
}

// Flag decisions.
const (
	FlagConfirmed = "confirmed"
	FlagDismissed = "dismissed"
)

// flaggedOpinions are the opinions that forbid publishing.
var flaggedOpinions = []string{scoring.OpinionExempt, scoring.OpinionRefer}

// Flags lists the publications that went out against their secrecy review,
// newest first, with any decision taken. A head sees their department's.
// publication 0 lists all; otherwise only that publication's flag.
func (s *Store) Flags(ctx context.Context, v models.Viewer, publication uint) ([]Flag, error) {
	return s.flags(s.DB.WithContext(ctx), v, publication)
}

func (s *Store) flags(db *gorm.DB, v models.Viewer, publication uint) ([]Flag, error) {
	// The candidates come from two narrow queries, so that neither reads
	// the year's publications (the overview asks on every view): those whose
	// own review forbids publishing, by the review index, and those linked
	// to a review record that forbids it, from the (few) review records.
	own := db.Model(&models.Publication{}).Where("review IN ?", flaggedOpinions)
	linked := db.Table("publications AS p").Joins("JOIN secrecy_reviews r ON r.department_id = p.department_id AND r.index_no = p.index_no").
		Where("r.index_no <> '' AND r.opinion IN ?", flaggedOpinions)
	switch dept, limited := v.OwnDepartment(); {
	case limited:
		own, linked = own.Where("department_id = ?", dept), linked.Where("p.department_id = ?", dept)
	case !v.Can(models.ActSignedIn):
		return nil, models.ErrForbidden
	}
	if publication != 0 {
		own, linked = own.Where("id = ?", publication), linked.Where("p.id = ?", publication)
	}
	var ownIDs, linkedIDs []uint
	if err := own.Order("id desc").Limit(1000).Pluck("id", &ownIDs).Error; err != nil {
		return nil, fmt.Errorf("read publications reviewed against publishing: %w", err)
	}
	if err := linked.Order("p.id desc").Limit(1000).Pluck("p.id", &linkedIDs).Error; err != nil {
		return nil, fmt.Errorf("read publications linked to reviews against publishing: %w", err)
	}
	candidates := append(ownIDs, linkedIDs...)
	if len(candidates) == 0 {
		return nil, nil
	}
	var pubs []models.Publication
	err := db.Where("id IN ? AND (attribute IS NULL OR attribute <> ?)", candidates, scoring.AttrWithheld).
		Order("published desc, id desc").Limit(1000).Find(&pubs).Error
	if err != nil {
		return nil, fmt.Errorf("read flagged publications: %w", err)
	}
	if len(pubs) == 0 {
		return nil, nil
	}
	ids := make([]uint, len(pubs))
	indexNos := make([]string, len(pubs))
	for i, p := range pubs {
		ids[i], indexNos[i] = p.ID, p.IndexNo
	}
	var reviews []clocks.SecrecyReview
	if err := db.Where("index_no IN ? AND decided IS NOT NULL", indexNos).Find(&reviews).Error; err != nil {
		return nil, fmt.Errorf("read reviews of flagged publications: %w", err)
	}
	var decisions []clocks.DisclosureFlag
	if err := db.Where("publication_id IN ?", ids).Find(&decisions).Error; err != nil {
		return nil, fmt.Errorf("read flag decisions: %w", err)
	}
	decided := make(map[uint]*clocks.DisclosureFlag, len(decisions))
	for i := range decisions {
		decided[decisions[i].PublicationID] = &decisions[i]
	}
	var out []Flag
	for _, p := range pubs {
		ds := []scoring.ReviewDecision{{Opinion: p.Review, Decided: models.DayPtr(p.ReviewDate)}}
		for _, r := range reviews {
			if r.DepartmentID == p.DepartmentID && r.IndexNo == p.IndexNo {
				ds = append(ds, scoring.ReviewDecision{Review: r.ID, Opinion: r.Opinion, Decided: models.DayPtr(r.Decided)})
			}
		}
		got, ok := scoring.PublishedAgainstReview(scoring.DateOf(p.Published), ds)
		if !ok {
			continue
		}
		out = append(out, Flag{
			PublicationID: p.ID, DepartmentID: p.DepartmentID, Title: p.Title, IndexNo: p.IndexNo,
			Published: scoring.DateOf(p.Published), Opinion: got.Opinion, Decided: got.Decided, Review: got.Review,
			Decision: decided[p.ID],
		})
	}
	return out, nil
}

// ErrFlagDecided: someone has already confirmed or dismissed the flag.
var ErrFlagDecided = models.Invalid("flag", "refuse.flag.decided")

// DecideFlag confirms or dismisses the flag of a publication. Confirming
// records the incident (不应公开而公开, dated the day it was published; one
// the department already has on that day is reused and its description
// extended); dismissing needs a reason. Only the office and the discipline
// office decide, and the decision and any incident are audit-logged in the
// same transaction.
func (s *Store) DecideFlag(ctx context.Context, v models.Viewer, publication uint, decision, note string, now time.Time) (*clocks.DisclosureFlag, error) {
	if !v.Can(models.ActDecideFlag) {
		return nil, models.ErrForbidden
	}
	note = strings.TrimSpace(note)
	switch {
	case decision != FlagConfirmed && decision != FlagDismissed:
		return nil, models.Invalid("decision", "refuse.flag.decision")
	case decision == FlagDismissed && note == "":
		return nil, models.Invalid("reason", "refuse.flag.reason")
	case utf8.RuneCountInString(note) > 1000:
		return nil, models.Invalid("note", "refuse.flag.note")
	}
	var out *clocks.DisclosureFlag
	err := s.Audited(ctx, v, func(tx *models.Tx) error {
		fs, err := s.flags(tx.DB, v, publication)
		if err != nil {
			return err
		}
		if len(fs) == 0 {
			return models.ErrNotFound
		}
		f := fs[0]
		if f.Decision != nil {
			return ErrFlagDecided
		}
		d := &clocks.DisclosureFlag{PublicationID: publication, Decision: decision, Note: note, UserID: v.UserID, DecidedAt: now.UTC()}
		if decision == FlagConfirmed {
			inc, err := confirmIncident(tx, f, note)
			if err != nil {
				return err
			}
			d.IncidentID = inc.ID
		}
		if err := tx.DB.Create(d).Error; err != nil {
			if errors.Is(err, gorm.ErrDuplicatedKey) {
				return ErrFlagDecided
			}
			return fmt.Errorf("record flag decision: %w", err)
		}
		out = d
		return tx.Record(decision, "disclosure_flag", publication, nil, d)
	})
	return out, err
}

// confirmIncident records the incident a confirmed flag stands for.
func confirmIncident(tx *models.Tx, f Flag, note string) (*models.Incident, error) {
	const kind = "不应公开而公开" // the incident kind of publishing what must not be
	text := fmt.Sprintf("《%s》（索引号 %s）于 %s 公开，而保密审查意见为“%s”（%s）", f.Title, f.IndexNo, f.Published, f.Opinion, f.Decided)
	if note != "" {
		text += ":" + note
	}
	var inc models.Incident
	err := tx.DB.Where("department_id = ? AND date = ? AND kind = ?", f.DepartmentID, f.Published.Time(), kind).First(&inc).Error
	switch {
	case err == nil:
		before := inc
		inc.Description = strings.TrimSpace(inc.Description + "\n" + text)
		if err := tx.DB.Save(&inc).Error; err != nil {
			return nil, fmt.Errorf("extend incident: %w", err)
		}
		return &inc, tx.Record("update", "incident", inc.ID, before, inc)
	case !errors.Is(err, gorm.ErrRecordNotFound):
		return nil, fmt.Errorf("read incident: %w", err)
	}
	inc = models.Incident{DepartmentID: f.DepartmentID, Date: f.Published.Time(), Kind: kind, Description: text}
	if err := tx.DB.Create(&inc).Error; err != nil {
		return nil, fmt.Errorf("record incident: %w", err)
	}
	return &inc, tx.Record("create", "incident", inc.ID, nil, inc)
}
