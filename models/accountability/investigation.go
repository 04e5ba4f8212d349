package accountability

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/scoring"
)

// PersonForm records a person concerned; one with the same 警号 is reused.
type PersonForm struct {
	Name       string
	PoliceNo   string
	Department uint
	Post       Post
}

// People lists every person recorded, for reuse; the discipline office's and
// auditors' only.
func (s *Store) People(ctx context.Context, v models.Viewer) ([]Person, error) {
	if !v.CanReadCaseFiles() {
		return nil, models.ErrForbidden
	}
	var out []Person
	if err := s.m.DB.WithContext(ctx).Order("name, police_no").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list persons: %w", err)
	}
	return out, nil
}

// AddPerson names a person concerned by an open case: an existing person
// by id, or a new one recorded once by their 警号 (the same 警号 reuses the
// record).
func (s *Store) AddPerson(ctx context.Context, v models.Viewer, id, existing uint, f PersonForm) error {
	return s.change(ctx, v, id, "add_person", []Status{Investigating}, func(tx *models.Tx, c *Case) (any, error) {
		p, err := s.person(tx, existing, f)
		if err != nil {
			return nil, err
		}
		var n int64
		if err := tx.DB.Model(&CasePerson{}).Where("case_id = ? AND person_id = ?", c.ID, p.ID).Count(&n).Error; err != nil {
			return nil, fmt.Errorf("check person of case: %w", err)
		}
		if n > 0 {
			return nil, models.Invalid("person", "refuse.case.person_in", p.Name)
		}
		if err := tx.DB.Create(&CasePerson{CaseID: c.ID, PersonID: p.ID}).Error; err != nil {
			return nil, fmt.Errorf("add person to case: %w", err)
		}
		return map[string]any{"person": p}, nil
	})
}

func (s *Store) person(tx *models.Tx, existing uint, f PersonForm) (*Person, error) {
	var p Person
	if existing != 0 {
		if err := tx.DB.First(&p, existing).Error; err != nil {
			return nil, models.Invalid("person", "refuse.case.person_choose")
		}
		return &p, nil
	}
	name, err := models.CheckText("name", "refuse.label.name", f.Name, 64, true)
	if err != nil {
		return nil, err
	}
	no, err := models.CheckText("police_no", "refuse.label.police_no", f.PoliceNo, 32, true)
	if err != nil {
		return nil, err
	}
	if !slices.Contains(Posts, f.Post) {
		return nil, models.Invalid("post", "refuse.case.post")
	}
	if err := tx.DB.Where("police_no = ?", no).Limit(1).Find(&p).Error; err != nil {
		return nil, fmt.Errorf("find person: %w", err)
	}
	if p.ID != 0 {
		if p.Name != name {
			return nil, models.Invalid("police_no", "refuse.case.police_no_taken", no, p.Name)
		}
		return &p, nil
	}
	var d models.Department
	if err := tx.DB.First(&d, f.Department).Error; err != nil {
		return nil, models.Invalid("unit", "refuse.case.unit")
	}
	p = Person{Name: name, PoliceNo: no, DepartmentID: d.ID, Post: f.Post, CreatedAt: time.Now().UTC()}
	if err := tx.DB.Create(&p).Error; err != nil {
		return nil, fmt.Errorf("record person: %w", err)
	}
	if err := tx.Record("create", "accountability_person", p.ID, nil, p); err != nil {
		return nil, err
	}
	return &p, nil
}

// SetAct records how the act was taken; the allocation follows from it.
func (s *Store) SetAct(ctx context.Context, v models.Viewer, id uint, a Act, now time.Time) error {
	return s.change(ctx, v, id, "set_act", []Status{Investigating, Heard}, func(tx *models.Tx, c *Case) (any, error) {
		was := c.Status
		c.ActReviewed, c.ActApproved, c.ActInstructed, c.ActObjected, c.ActCollective = a.Reviewed, a.Approved, a.Instructed, a.Objected, a.Collective
		return map[string]any{"act": a, "allocation": Allocate(a)}, save(tx, c, was, now)
	})
}

// Override replaces a person's derived share with another, for a written
// reason; both stay on the case. An empty share withdraws the override.
func (s *Store) Override(ctx context.Context, v models.Viewer, id, person uint, share Share, reason string) error {
	return s.change(ctx, v, id, "override_share", []Status{Investigating, Heard}, func(tx *models.Tx, c *Case) (any, error) {
		if share != "" && !slices.Contains(Shares, share) {
			return nil, models.Invalid("share", "refuse.case.share")
		}
		r, err := models.CheckText("reason", "refuse.label.share", reason, models.MaxText, share != "")
		if err != nil {
			return nil, err
		}
		res := tx.DB.Model(&CasePerson{}).Where("case_id = ? AND person_id = ?", c.ID, person).
			Updates(map[string]any{"override": string(share), "override_reason": r})
		if res.Error != nil {
			return nil, fmt.Errorf("override share: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return nil, models.ErrNotFound
		}
		return map[string]any{"person": person, "share": share, "reason": r}, nil
	})
}

// AddNote adds an investigation note.
func (s *Store) AddNote(ctx context.Context, v models.Viewer, id uint, body string, now time.Time) error {
	return s.change(ctx, v, id, "add_note", []Status{Investigating, Heard}, func(tx *models.Tx, c *Case) (any, error) {
		t, err := models.CheckText("note", "refuse.label.note", body, models.MaxText, true)
		if err != nil {
			return nil, err
		}
		n := Note{CaseID: c.ID, Text: t, By: v.Name, At: now.UTC()}
		if err := tx.DB.Create(&n).Error; err != nil {
			return nil, fmt.Errorf("store note: %w", err)
		}
		return n, nil
	})
}

// StatementForm is a person's statement and defence, or their refusal.
type StatementForm struct {
	Person uint
	Kind   string // Stated or Refused
	Text   string
	Date   scoring.Date
}

// RecordStatement records a person's statement and defence (陈述和申辩),
// or that they refused to make one, with what they said or how they refused.
func (s *Store) RecordStatement(ctx context.Context, v models.Viewer, id uint, f StatementForm) error {
	return s.change(ctx, v, id, "record_statement", []Status{Investigating}, func(tx *models.Tx, c *Case) (any, error) {
		if f.Kind != Stated && f.Kind != Refused {
			return nil, models.Invalid("kind", "refuse.case.statement_kind")
		}
		t, err := models.CheckText("statement", "refuse.label.statement", f.Text, models.MaxText, true)
		if err != nil {
			return nil, err
		}
		if f.Date.IsZero() {
			return nil, models.Invalid("date", "refuse.case.date")
		}
		at := f.Date.Time()
		res := tx.DB.Model(&CasePerson{}).Where("case_id = ? AND person_id = ?", c.ID, f.Person).
			Updates(map[string]any{"statement": f.Kind, "statement_text": t, "statement_date": &at, "statement_by": v.Name})
		if res.Error != nil {
			return nil, fmt.Errorf("record statement: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return nil, models.ErrNotFound
		}
		return map[string]any{"person": f.Person, "kind": f.Kind, "date": f.Date}, nil
	})
}

// unheard names the persons of a case without a statement or refusal.
func unheard(db *gorm.DB, id uint) ([]string, int, error) {
	var rows []struct {
		Name      string
		Statement string
	}
	err := db.Table("accountability_case_persons cp").Joins("JOIN accountability_persons p ON p.id = cp.person_id").
		Where("cp.case_id = ?", id).Select("p.name, cp.statement").Order("cp.id").Scan(&rows).Error
	if err != nil {
		return nil, 0, fmt.Errorf("read statements: %w", err)
	}
	var out []string
	for _, r := range rows {
		if r.Statement == "" {
			out = append(out, r.Name)
		}
	}
	return out, len(rows), nil
}

// checkHeard is the rule of art. 6(三): nothing is decided until every
// person concerned has stated their defence or refused to.
func checkHeard(db *gorm.DB, id uint) error {
	missing, n, err := unheard(db, id)
	if err != nil {
		return err
	}
	if n == 0 {
		return models.Invalid("persons", "refuse.case.no_persons")
	}
	if len(missing) > 0 {
		return models.Invalid("statement", "refuse.case.statements_missing", strings.Join(missing, "、"))
	}
	return nil
}

// Hear closes the hearing of statements and defence.
func (s *Store) Hear(ctx context.Context, v models.Viewer, id uint, now time.Time) error {
	return s.change(ctx, v, id, string(Hear), nil, func(tx *models.Tx, c *Case) (any, error) {
		to, err := Next(c.Status, Hear)
		if err != nil {
			return nil, errStep
		}
		if err := checkHeard(tx.DB, c.ID); err != nil {
			return nil, err
		}
		was := c.Status
		c.Status = to
		return nil, save(tx, c, was, now)
	})
}
