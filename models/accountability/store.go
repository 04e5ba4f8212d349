package accountability

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/documents"
	"github.com/gongkai/gongkai/scoring"
)

// Store reads and writes cases for a viewer; every change is audit-logged
// in its own transaction.
type Store struct {
	m         *models.Store
	standings models.Standings
}

// New wraps the application's store; standings (the year-end assessment)
// answers each department's standing in a year, which proposals and caps
// read.
func New(m *models.Store, standings models.Standings) *Store {
	return &Store{m: m, standings: standings}
}

// Bounds on what a form may carry.
const (
	maxShort = 256 // names, appellants, descriptions of 其他
)

// Standing reports whether a decision stands in this state: it caps grades
// and bars awards. A revoked one does not, nor one not yet taken.
func (s Status) Standing() bool { return slices.Contains(models.StandingCaseStates, string(s)) }

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
	decided := append(slices.Clone(models.StandingCaseStates), string(Revoked))
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

// EvidenceKinds are the records a case may link by hand, with how the form
// names them: a publication by its 索引号, a request or complaint by its
// number, an incident by its date.
var EvidenceKinds = []string{"publication", "request", "complaint", "incident", "finding"}

// LinkEvidence links a record of the case's department to an open case.
func (s *Store) LinkEvidence(ctx context.Context, v models.Viewer, id uint, kind, ref string) error {
	return s.change(ctx, v, id, "link_evidence", []Status{Investigating, Heard}, func(tx *models.Tx, c *Case) (any, error) {
		ref = strings.TrimSpace(ref)
		if ref == "" || utf8.RuneCountInString(ref) > 64 {
			return nil, models.Invalid("ref", "refuse.case.ref")
		}
		e := Evidence{CaseID: c.ID, Kind: kind}
		var found []evidenceRow
		q := tx.DB.Where("department_id = ?", c.DepartmentID)
		var err error
		switch kind {
		case "publication":
			err = q.Model(&models.Publication{}).Select("id, title AS label").Where("index_no = ?", ref).Scan(&found).Error
		case "request":
			err = q.Model(&models.Request{}).Select("id, request_no AS label").Where("request_no = ?", ref).Scan(&found).Error
		case "complaint":
			err = q.Model(&models.Complaint{}).Select("id, complaint_no AS label").Where("complaint_no = ?", ref).Scan(&found).Error
		case "finding":
			// An on-site review finding (实地考核问题), by the assessment's
			// year and the number its assessment page shows (2025-1).
			found, err = findingByNumber(tx.DB, c.DepartmentID, ref)
			if err != nil {
				return nil, err
			}
		case "incident":
			d, perr := scoring.ParseDate(ref)
			if perr != nil {
				return nil, models.Invalid("ref", "refuse.case.ref_incident")
			}
			err = q.Model(&models.Incident{}).Select("id, kind AS label").Where("date = ?", d.Time()).Scan(&found).Error
		default:
			return nil, models.Invalid("kind", "refuse.case.record_kind")
		}
		if err != nil {
			return nil, fmt.Errorf("find %s %s: %w", kind, ref, err)
		}
		if len(found) == 0 {
			return nil, models.Invalid("ref", "refuse.case.ref_missing", ref)
		}
		e.RefID, e.Label = found[0].ID, evidenceLabel(kind, ref, found[0].Label)
		if err := tx.DB.Create(&e).Error; err != nil {
			return nil, fmt.Errorf("link evidence: %w", err)
		}
		return e, nil
	})
}

// findingByNumber finds the department's on-site finding named "year-number",
// as the assessment pages number it (models.FindingNumbers). A finding
// refused as malformed is a models.Invalid; none found, an empty list.
func findingByNumber(db *gorm.DB, dept uint, ref string) ([]evidenceRow, error) {
	y, n, ok := strings.Cut(ref, "-")
	year, yerr := strconv.Atoi(strings.TrimSpace(y))
	no, nerr := strconv.Atoi(strings.TrimSpace(n))
	if !ok || yerr != nil || nerr != nil || no < 1 {
		return nil, models.Invalid("ref", "refuse.case.ref_finding")
	}
	var finds []struct {
		ID     uint
		PlanID uint
		Text   string
	}
	if err := db.Table("assessment_findings AS f").Select("f.id, f.plan_id, f.text").
		Joins("JOIN assessment_plans AS p ON p.id = f.plan_id").
		Where("f.department_id = ? AND p.year = ?", dept, year).Order("f.plan_id, f.id").Scan(&finds).Error; err != nil {
		return nil, fmt.Errorf("find finding %s: %w", ref, err)
	}
	numbers := map[uint]map[uint]int{}
	for _, f := range finds {
		if numbers[f.PlanID] == nil {
			m, err := models.FindingNumbers(db, f.PlanID)
			if err != nil {
				return nil, err
			}
			numbers[f.PlanID] = m
		}
		if numbers[f.PlanID][f.ID] == no {
			return []evidenceRow{{ID: f.ID, Label: f.Text}}, nil
		}
	}
	return nil, nil
}

type evidenceRow struct {
	ID    uint
	Label string
}

func evidenceLabel(kind, ref, label string) string {
	switch kind {
	case "publication":
		return "公开记录" + ref + "：" + label
	case "request":
		return "公开申请" + ref
	case "complaint":
		return "投诉" + ref
	case "finding":
		year, no, _ := strings.Cut(ref, "-")
		return year + "年度实地考核问题" + no + "：" + label
	}
	return ref + " " + label
}
