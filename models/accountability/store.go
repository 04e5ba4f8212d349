package accountability

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"gorm.io/gorm"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/documents"
	"github.com/gongkai/gongkai/models/scoreruns"
)

// Store reads and writes cases for a viewer; every change is audit-logged
// in its own transaction.
type Store struct {
	m         *models.Store
	standings Assessment
}

// Assessment is what cases ask of the year-end assessment, which imports
// this room and so is handed in: each department's standing in a year
// (proposals and caps read it), and an on-site finding (实地考核问题) named
// as its page numbers it, for a case's evidence.
type Assessment interface {
	scoreruns.Standings
	// FindingByNumber finds, in tx, the department's finding numbered no
	// among the findings of year's assessment (2025-1): its id and text,
	// ok false when there is none.
	FindingByNumber(tx *gorm.DB, dept uint, year, no int) (id uint, text string, ok bool, err error)
}

// New wraps the application's store; assessment (the year-end assessment)
// answers standings and findings.
func New(m *models.Store, assessment Assessment) *Store {
	return &Store{m: m, standings: assessment}
}

// Bounds on what a form may carry.
const (
	maxShort = 256 // names, appellants, descriptions of 其他
)

// standingStates are the states of a case in which its decision stands:
// taken, not revoked. Scoring reads the decisions in them (Decisions).
var standingStates = []string{"decided", "notified", "appealed", "reviewed"}

// CaseNoPrefix begins the number of every case opened in the workspace
// (纪公开〔2026〕3号); a paper decision imported under such a number would
// overwrite a case, so the import refuses it.
const CaseNoPrefix = "纪公开〔"

// Standing reports whether a decision stands in this state: it caps grades
// and bars awards. A revoked one does not, nor one not yet taken.
func (s Status) Standing() bool { return slices.Contains(standingStates, string(s)) }

// VisibleTo reports whether v may read the case at all: the discipline
// office and auditors every case; the office and the leading group its
// decision once taken; a head a case of their department once its notice
// is issued, a paper decision included (Status.NoticeIssued).
func (c *Case) VisibleTo(v models.Viewer) bool {
	switch {
	case v.CanReadCaseFiles():
		return true
	case v.CanReadDecisions():
		return c.Status.Standing() || c.Status == Revoked
	case v.Can(models.ActAnswerCase):
		return v.DepartmentID != 0 && v.DepartmentID == c.DepartmentID && c.Status.NoticeIssued()
	}
	return false
}

// scope narrows a query of cases to those v may read, as VisibleTo does.
func scope(q *gorm.DB, v models.Viewer) *gorm.DB {
	decided := append(slices.Clone(standingStates), string(Revoked))
	switch {
	case v.CanReadCaseFiles():
		return q
	case v.CanReadDecisions():
		return q.Where("status IN ?", decided)
	case v.Can(models.ActAnswerCase) && v.DepartmentID != 0:
		return q.Where("department_id = ?", v.DepartmentID).
			Where("status IN ?", noticeIssued)
	}
	return q.Where("1 = 0")
}

// Filter narrows the list of cases.
type Filter struct {
	Status Status
}

// Cases lists the cases v may read, newest first.
func (s *Store) Cases(ctx context.Context, v models.Viewer, f Filter) ([]Case, error) {
	q := scope(s.m.DB.WithContext(ctx).Model(&Case{}), v).Order("COALESCE(decided, opened_at) DESC, id DESC")
	if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	}
	var out []Case
	if err := q.Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list cases: %w", err)
	}
	return out, nil
}

// File is everything of a case that its viewer may read.
type File struct {
	Case
	Department  string
	Allocation  Allocation
	Persons     []PersonInCase
	Imposed     []SanctionRow // the department's and every person's
	Evidence    []Evidence
	Appeals     []AppealRow
	Notes       []Note               // nil unless the viewer reads case files
	Attachments []Attachment         // evidence, without their data; nil unless the viewer reads case files
	Answers     []Attachment         // the department's files to its appeals and reports, without their data
	Files       bool                 // the viewer reads notes, attachments and statements
	Documents   []documents.Document // issued about the case, oldest first, without their page and DOCX
}

// PersonInCase is a person concerned, with their derived and overriding shares.
type PersonInCase struct {
	Person
	Link    CasePerson
	Derived Share
	Unit    string
}

// Share is the share that stands: the override if any, else the derived one.
func (p PersonInCase) Share() Share {
	if p.Link.Override != "" {
		return p.Link.Override
	}
	return p.Derived
}

// Heard reports whether the person stated their defence or refused to.
func (p PersonInCase) Heard() bool { return p.Link.Statement != "" }

// DepartmentSanctions are the sanctions on the department itself.
func (f *File) DepartmentSanctions() []SanctionRow {
	var out []SanctionRow
	for _, r := range f.Imposed {
		if r.PersonID == 0 {
			out = append(out, r)
		}
	}
	return out
}

// AnswersTo are the files the department attached to an appeal or a
// sanction's report (one of the two ids is 0).
func (f *File) AnswersTo(appeal, sanction uint) []Attachment {
	var out []Attachment
	for _, a := range f.Answers {
		if (appeal != 0 && a.AppealID == appeal) || (sanction != 0 && a.SanctionID == sanction) {
			out = append(out, a)
		}
	}
	return out
}

// SanctionsOf are the sanctions on one person.
func (f *File) SanctionsOf(person uint) []SanctionRow {
	var out []SanctionRow
	for _, r := range f.Imposed {
		if r.PersonID == person {
			out = append(out, r)
		}
	}
	return out
}

// Get reads a case for v: ErrNotFound when it does not exist or v may not
// see it, so that an id tells nothing.
func (s *Store) Get(ctx context.Context, v models.Viewer, id uint) (*File, error) {
	c, err := s.find(ctx, s.m.DB, id)
	if err != nil {
		return nil, err
	}
	if !c.VisibleTo(v) {
		return nil, models.ErrNotFound
	}
	return s.file(ctx, s.m.DB, c, v.CanReadCaseFiles())
}

// file reads the rest of case c from db; files: with its notes, attachments
// and statements.
func (s *Store) file(ctx context.Context, db *gorm.DB, c *Case, files bool) (*File, error) {
	id := c.ID
	db = db.WithContext(ctx)
	f := &File{Case: *c, Allocation: Allocate(c.Act()), Files: files}
	names, err := s.m.DepartmentNames(ctx)
	if err != nil {
		return nil, err
	}
	f.Department = names[c.DepartmentID]
	var links []CasePerson
	if err := db.Where("case_id = ?", id).Order("id").Find(&links).Error; err != nil {
		return nil, fmt.Errorf("read persons of case: %w", err)
	}
	for _, l := range links {
		var p Person
		if err := db.First(&p, l.PersonID).Error; err != nil {
			return nil, fmt.Errorf("read person %d: %w", l.PersonID, err)
		}
		if !f.Files {
			l.StatementText = ""
		}
		f.Persons = append(f.Persons, PersonInCase{Person: p, Link: l, Derived: f.Allocation.Share(p.Post), Unit: names[p.DepartmentID]})
	}
	if err := db.Where("case_id = ?", id).Order("person_id, id").Find(&f.Imposed).Error; err != nil {
		return nil, fmt.Errorf("read sanctions: %w", err)
	}
	if err := db.Where("case_id = ?", id).Order("id").Find(&f.Evidence).Error; err != nil {
		return nil, fmt.Errorf("read evidence: %w", err)
	}
	if err := db.Where("case_id = ?", id).Order("filed, id").Find(&f.Appeals).Error; err != nil {
		return nil, fmt.Errorf("read appeals: %w", err)
	}
	if err := db.Omit("data").Where("case_id = ? AND (appeal_id <> 0 OR sanction_id <> 0)", id).Order("id").Find(&f.Answers).Error; err != nil {
		return nil, fmt.Errorf("read the department's files: %w", err)
	}
	if f.Documents, err = documents.Of(ctx, db, DocumentSubject, id); err != nil {
		return nil, err
	}
	if f.Files {
		f.Notes = []Note{}
		if err := db.Where("case_id = ?", id).Order("at, id").Find(&f.Notes).Error; err != nil {
			return nil, fmt.Errorf("read notes: %w", err)
		}
		f.Attachments = []Attachment{}
		if err := db.Omit("data").Where("case_id = ? AND appeal_id = 0 AND sanction_id = 0", id).Order("id").Find(&f.Attachments).Error; err != nil {
			return nil, fmt.Errorf("read attachments: %w", err)
		}
	}
	return f, nil
}

func (s *Store) find(ctx context.Context, db *gorm.DB, id uint) (*Case, error) {
	var c Case
	if err := db.WithContext(ctx).First(&c, id).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return nil, models.ErrNotFound
		}
		return nil, fmt.Errorf("read case %d: %w", id, err)
	}
	return &c, nil
}

// change runs fn on case id in one audited transaction, if v may handle
// cases and the case is in one of the states given (any when none), and
// records the case before and after under action.
func (s *Store) change(ctx context.Context, v models.Viewer, id uint, action string, in []Status, fn func(tx *models.Tx, c *Case) (after any, err error)) error {
	if !v.CanHandleCases() {
		if _, err := s.Get(ctx, v, id); err != nil {
			return err
		}
		return models.ErrForbidden
	}
	return s.m.Audited(ctx, v, func(tx *models.Tx) error {
		c, err := s.take(ctx, tx, id)
		if err != nil {
			return err
		}
		if len(in) > 0 && !slices.Contains(in, c.Status) {
			return errStep
		}
		before := *c
		after, err := fn(tx, c)
		if err != nil {
			return err
		}
		if after == nil {
			after = c
		}
		return tx.Record(action, "accountability_case", c.ID, before, after)
	})
}

// take reads case id for a change in tx, holding its row: the first
// statement writes (MySQL's row lock, SQLite's write lock, for which a
// second writer waits the busy timeout rather than failing as it would
// after a read), so that two changes of one case, or two notices numbered
// at once, run one after the other.
func (s *Store) take(ctx context.Context, tx *models.Tx, id uint) (*Case, error) {
	if err := tx.DB.WithContext(ctx).Exec("UPDATE accountability_cases SET status = status WHERE id = ?", id).Error; err != nil {
		return nil, fmt.Errorf("take case %d: %w", id, err)
	}
	return s.find(ctx, tx.ForUpdate(), id)
}

// save writes the case's row back, guarded by the state it was read in, so
// that two clicks at once take one step.
func save(tx *models.Tx, c *Case, was Status, now time.Time) error {
	c.UpdatedAt = now.UTC()
	res := tx.DB.Model(&Case{}).Where("id = ? AND status = ?", c.ID, was).Select("*").Omit("id").Updates(c)
	if res.Error != nil {
		return fmt.Errorf("save case: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return models.Invalid("status", "refuse.case.changed")
	}
	return nil
}
