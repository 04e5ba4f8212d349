package accountability

import (
	"context"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/documents"
)

// The numbered series of the discipline office: case numbers (案号), the
// written notices of decisions (书面通知) and the decisions on appeals
// (复核决定书), each numbered within its year from its counter
// (documents.Next).
const (
	CaseSeries   = "纪公开"
	NoticeSeries = "纪公开通"
	ReviewSeries = "纪公开复"
)

// DocumentSubject is what the documents of a case are about.
const DocumentSubject = "accountability_case"

// CaseNo numbers the seq-th case of year (案号).
func CaseNo(year, seq int) string { return documents.Number(CaseSeries, year, seq) }

// OpenForm is what opening a case needs.
type OpenForm struct {
	Department  uint
	TriggerKind int
	Other       string // the description of 其他
	Summary     string
	ProposalKey string
	Evidence    []Evidence
}

// Open opens a case (立案), numbered within the year of now.
func (s *Store) Open(ctx context.Context, v models.Viewer, f OpenForm, now time.Time) (*Case, error) {
	if !v.CanHandleCases() {
		return nil, models.ErrForbidden
	}
	c, err := s.newCase(ctx, v, f, now)
	if err != nil {
		return nil, err
	}
	err = s.m.Audited(ctx, v, func(tx *models.Tx) error { return s.create(tx, c, f.Evidence) })
	return c, err
}

func (s *Store) newCase(ctx context.Context, v models.Viewer, f OpenForm, now time.Time) (*Case, error) {
	if _, err := s.m.Department(ctx, models.System, f.Department); err != nil {
		return nil, models.Invalid("department", "refuse.department.choose")
	}
	trigger := TriggerLabel(f.TriggerKind)
	if trigger == "" {
		return nil, models.Invalid("trigger", "refuse.case.trigger")
	}
	if f.TriggerKind == TriggerOther {
		other, err := models.CheckText("other", "refuse.label.other", f.Other, maxShort, true)
		if err != nil {
			return nil, err
		}
		trigger = "其他：" + other
	}
	summary, err := models.CheckText("summary", "refuse.label.summary", f.Summary, models.MaxText, false)
	if err != nil {
		return nil, err
	}
	at := now.UTC()
	return &Case{Year: now.Year(), DepartmentID: f.Department, Status: Investigating, Origin: FromApp, TriggerKind: f.TriggerKind,
		Trigger: trigger, Summary: summary, ProposalKey: f.ProposalKey, OpenedBy: v.Name, OpenedAt: &at, UpdatedAt: at}, nil
}

// create numbers and stores a new case with its evidence, in tx.
func (s *Store) create(tx *models.Tx, c *Case, evidence []Evidence) error {
	seq, err := documents.Next(tx, CaseSeries, c.Year)
	if err != nil {
		return err
	}
	c.Seq, c.CaseNo = seq, CaseNo(c.Year, seq)
	if err := tx.DB.Create(c).Error; err != nil {
		return fmt.Errorf("store case: %w", err)
	}
	for i := range evidence {
		evidence[i].ID, evidence[i].CaseID = 0, c.ID
	}
	if len(evidence) > 0 {
		if err := tx.DB.Create(&evidence).Error; err != nil {
			return fmt.Errorf("store evidence: %w", err)
		}
	}
	return tx.Record("open", "accountability_case", c.ID, nil, map[string]any{"case": c, "evidence": evidence})
}
