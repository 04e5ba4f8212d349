// Long file: the steps after the hearing, in the order a case takes them:
// decision, notice, appeal and its outcome, sanctions carried out.

package accountability

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/documents"
	"github.com/gongkai/gongkai/models/notify"
	"github.com/gongkai/gongkai/models/upload"
	"github.com/gongkai/gongkai/scoring"
)

// Imposed is one sanction chosen in a decision, for a person (PersonID) or
// the department (PersonID 0), with its time limit where it has one.
type Imposed struct {
	PersonID uint
	Name     string
	Due      scoring.Date
}

// DecisionForm is the decision of a case (处理决定).
type DecisionForm struct {
	Date      scoring.Date
	Severity  Severity
	Reasons   string
	Sanctions []Imposed
}

// check validates the sanctions against the ladder and the persons of the case.
func (f DecisionForm) check(persons []uint) error {
	if f.Date.IsZero() {
		return models.Invalid("date", "refuse.case.decision_date")
	}
	if SeverityLabel(f.Severity) == "" {
		return models.Invalid("severity", "refuse.case.severity")
	}
	if len(f.Sanctions) == 0 {
		return models.Invalid("sanctions", "refuse.case.sanctions")
	}
	seen := map[Imposed]bool{}
	for _, x := range f.Sanctions {
		sn, ok := SanctionOf(x.Name)
		switch {
		case !ok:
			return models.Invalid("sanctions", "refuse.case.sanction_unknown", x.Name)
		case x.PersonID == 0 && !sn.Department:
			return models.Invalid("sanctions", "refuse.case.sanction_not_dept", x.Name)
		case x.PersonID != 0 && !sn.Person:
			return models.Invalid("sanctions", "refuse.case.sanction_dept_only", x.Name)
		case x.PersonID != 0 && !slices.Contains(persons, x.PersonID):
			return models.Invalid("sanctions", "refuse.case.sanction_target")
		case sn.TimeLimit && x.Due <= f.Date:
			return models.Invalid("due", "refuse.case.sanction_due", x.Name)
		case !sn.TimeLimit && !x.Due.IsZero():
			return models.Invalid("due", "refuse.case.sanction_no_due", x.Name)
		}
		key := Imposed{PersonID: x.PersonID, Name: x.Name}
		if seen[key] {
			return models.Invalid("sanctions", "refuse.case.sanction_twice", x.Name)
		}
		seen[key] = true
	}
	return nil
}

// departmentList is the department's sanctions in ladder order, 、-separated:
// what the case row carries for scoring.
func departmentList(xs []Imposed) string {
	var names []string
	for _, l := range Ladder {
		for _, x := range xs {
			if x.PersonID == 0 && x.Name == l.Name {
				names = append(names, x.Name)
			}
		}
	}
	return strings.Join(names, "、")
}

// notAfter refuses a date later than today: the office records what has
// happened.
func notAfter(d scoring.Date, now time.Time, field string) error {
	if d > scoring.DateOf(now) {
		return models.Invalid(field, "refuse.case.future")
	}
	return nil
}

func datePtr(d scoring.Date) *time.Time {
	if d.IsZero() {
		return nil
	}
	t := d.Time()
	return &t
}

// Decide records the decision (art. 6(二)), only once every person
// concerned has stated their defence or refused to (art. 6(三)).
func (s *Store) Decide(ctx context.Context, v models.Viewer, id uint, f DecisionForm, now time.Time) error {
	return s.change(ctx, v, id, string(Decide), nil, func(tx *models.Tx, c *Case) (any, error) {
		to, err := Next(c.Status, Decide)
		if err != nil {
			return nil, errStep
		}
		if err := checkHeard(tx.DB, c.ID); err != nil {
			return nil, err
		}
		var persons []uint
		if err := tx.DB.Model(&CasePerson{}).Where("case_id = ?", c.ID).Pluck("person_id", &persons).Error; err != nil {
			return nil, fmt.Errorf("read persons of case: %w", err)
		}
		if err := f.check(persons); err != nil {
			return nil, err
		}
		if err := notAfter(f.Date, now, "date"); err != nil {
			return nil, err
		}
		floor, err := hearingClosed(tx.DB, c)
		if err != nil {
			return nil, err
		}
		if f.Date < floor {
			return nil, models.Invalid("date", "refuse.case.decision_early", documents.ChineseDate(floor))
		}
		reasons, err := models.CheckText("reasons", "refuse.label.decision", f.Reasons, models.MaxText, true)
		if err != nil {
			return nil, err
		}
		if err := replaceSanctions(tx, c.ID, f.Sanctions); err != nil {
			return nil, err
		}
		was, at := c.Status, now.UTC()
		c.Status, c.Severity, c.Decision, c.Decided, c.DecidedAt = to, f.Severity, reasons, datePtr(f.Date), &at
		c.Sanctions = departmentList(f.Sanctions)
		if err := save(tx, c, was, now); err != nil {
			return nil, err
		}
		return map[string]any{"case": c, "sanctions": f.Sanctions}, nil
	})
}

// hearingClosed is the earliest day a decision of case c may bear: the day
// its hearing closed, the last statement or refusal heard (art. 6(三)),
// and never before the case was opened.
func hearingClosed(db *gorm.DB, c *Case) (scoring.Date, error) {
	var floor scoring.Date
	if c.OpenedAt != nil {
		floor = scoring.DateOf(*c.OpenedAt)
	}
	var heard []CasePerson
	if err := db.Where("case_id = ?", c.ID).Select("statement_date").Find(&heard).Error; err != nil {
		return 0, fmt.Errorf("read statements' dates: %w", err)
	}
	for _, p := range heard {
		if p.StatementDate != nil {
			floor = max(floor, scoring.DateOf(*p.StatementDate))
		}
	}
	return floor, nil
}

func replaceSanctions(tx *models.Tx, id uint, xs []Imposed) error {
	if err := tx.DB.Where("case_id = ?", id).Delete(&SanctionRow{}).Error; err != nil {
		return fmt.Errorf("replace sanctions: %w", err)
	}
	rows := make([]SanctionRow, 0, len(xs))
	for _, x := range xs {
		rows = append(rows, SanctionRow{CaseID: id, PersonID: x.PersonID, Name: x.Name, Due: datePtr(x.Due)})
	}
	if len(rows) > 0 {
		if err := tx.DB.Create(&rows).Error; err != nil {
			return fmt.Errorf("store sanctions: %w", err)
		}
	}
	return nil
}

// Notify issues the numbered written notice (书面通知) to the department and
// each person, dated on; the appeal window runs from it.
func (s *Store) Notify(ctx context.Context, v models.Viewer, id uint, on scoring.Date, now time.Time) error {
	return s.change(ctx, v, id, string(Notify), nil, func(tx *models.Tx, c *Case) (any, error) {
		to, err := Next(c.Status, Notify)
		if err != nil {
			return nil, errStep
		}
		if on.IsZero() || c.Decided == nil || on < scoring.DateOf(*c.Decided) {
			return nil, models.Invalid("date", "refuse.case.notice_early")
		}
		if err := notAfter(on, now, "date"); err != nil {
			return nil, err
		}
		was := c.Status
		c.Status, c.NoticeDate = to, datePtr(on)
		f, err := s.file(ctx, tx.DB, c, false)
		if err != nil {
			return nil, err
		}
		doc, err := documents.IssueIn(tx, documents.Issue{Kind: NoticeKind, Series: NoticeSeries, Year: on.Year(),
			Subject: DocumentSubject, SubjectID: c.ID, Content: f.noticeContent(on)})
		if err != nil {
			return nil, err
		}
		c.NoticeSeq, c.NoticeNo = doc.Seq, doc.Number
		if err := notify.ToDepartment(tx, c.DepartmentID, models.ActAnswerCase, notify.Message{Kind: notify.KindDecided,
			Subject: "notify.case.notified", Args: []string{doc.Number}, Link: fmt.Sprintf("/cases/%d", c.ID), Required: true}, now); err != nil {
			return nil, err
		}
		return nil, save(tx, c, was, now)
	})
}

// AppealForm is an appeal for review (复核) or a complaint (申诉).
type AppealForm struct {
	Kind      string
	Filed     scoring.Date
	Appellant string
	Grounds   string
	Files     []upload.Upload // the department's files in support (answers.go)
}

// FileAppeal records an appeal within 30 days of the notice (art. 7); the
// department's head files its own, dated today; the discipline office
// records one received on paper on the day it was received. A late one is
// refused with the date the window closed.
func (s *Store) FileAppeal(ctx context.Context, v models.Viewer, id uint, f AppealForm, now time.Time) error {
	f2, err := s.Get(ctx, v, id)
	if err != nil {
		return err
	}
	if !MayTake(v, f2.DepartmentID, Appeal) {
		return models.ErrForbidden
	}
	if !slices.Contains(AppealKinds, f.Kind) {
		return models.Invalid("kind", "refuse.case.appeal_kind")
	}
	if !v.CanHandleCases() {
		f.Filed = scoring.DateOf(now)
	}
	if f.Filed.IsZero() {
		return models.Invalid("filed", "refuse.case.filed")
	}
	if err := notAfter(f.Filed, now, "filed"); err != nil {
		return err
	}
	appellant, err := models.CheckText("appellant", "refuse.label.appellant", f.Appellant, maxShort, true)
	if err != nil {
		return err
	}
	grounds, err := models.CheckText("grounds", "refuse.label.reason", f.Grounds, models.MaxText, true)
	if err != nil {
		return err
	}
	return s.m.Audited(ctx, v, func(tx *models.Tx) error {
		c, err := s.take(ctx, tx, id)
		if err != nil {
			return err
		}
		to, err := Next(c.Status, Appeal)
		if err != nil {
			return errStep
		}
		if err := CheckAppealDate(scoring.DateOf(*c.NoticeDate), f.Filed); err != nil {
			return err
		}
		before, was := *c, c.Status
		a := AppealRow{CaseID: c.ID, Kind: f.Kind, Filed: f.Filed.Time(), Appellant: appellant, Grounds: grounds, FiledBy: v.Name}
		if err := tx.DB.Create(&a).Error; err != nil {
			return fmt.Errorf("store appeal: %w", err)
		}
		files, err := storeFiles(tx, v, c, f.Files, a.ID, 0, now)
		if err != nil {
			return err
		}
		c.Status = to
		if err := save(tx, c, was, now); err != nil {
			return err
		}
		return tx.Record(string(Appeal), "accountability_case", c.ID, before, map[string]any{"case": c, "appeal": a, "files": files})
	})
}

// OutcomeForm is the outcome of an appeal. A change (变更) replaces the
// sanctions with Sanctions.
type OutcomeForm struct {
	Outcome   string
	Date      scoring.Date
	Reasons   string
	Sanctions []Imposed
}

// RecordOutcome records the outcome of the open appeal: 维持 upholds the
// decision, 变更 replaces its sanctions, 撤销 revokes it, which lifts any
// cap on the department's grade and bar on awards.
func (s *Store) RecordOutcome(ctx context.Context, v models.Viewer, id uint, f OutcomeForm, now time.Time) error {
	return s.change(ctx, v, id, string(Review), nil, func(tx *models.Tx, c *Case) (any, error) {
		to, err := Next(c.Status, Review)
		if err != nil {
			return nil, errStep
		}
		if !slices.Contains(Outcomes, f.Outcome) {
			return nil, models.Invalid("outcome", "refuse.case.outcome")
		}
		if f.Date.IsZero() {
			return nil, models.Invalid("date", "refuse.case.review_date")
		}
		if err := notAfter(f.Date, now, "date"); err != nil {
			return nil, err
		}
		reasons, err := models.CheckText("reasons", "refuse.label.review", f.Reasons, models.MaxText, true)
		if err != nil {
			return nil, err
		}
		var a AppealRow
		if err := tx.DB.Where("case_id = ? AND outcome = ''", c.ID).Order("id desc").First(&a).Error; err != nil {
			return nil, fmt.Errorf("read open appeal: %w", err)
		}
		if f.Date < scoring.DateOf(a.Filed) {
			return nil, models.Invalid("date", "refuse.case.review_early")
		}
		was := c.Status
		switch f.Outcome {
		case Revoke:
			at := now.UTC()
			to, c.RevokedAt = Revoked, &at
		case Changed:
			var persons []uint
			if err := tx.DB.Model(&CasePerson{}).Where("case_id = ?", c.ID).Pluck("person_id", &persons).Error; err != nil {
				return nil, fmt.Errorf("read persons of case: %w", err)
			}
			d := DecisionForm{Date: scoring.DateOf(*c.Decided), Severity: c.Severity, Sanctions: f.Sanctions}
			if err := d.check(persons); err != nil {
				return nil, err
			}
			if err := replaceSanctions(tx, c.ID, f.Sanctions); err != nil {
				return nil, err
			}
			at := now.UTC()
			c.Sanctions, c.DecidedAt = departmentList(f.Sanctions), &at
		}
		a.Outcome, a.OutcomeDate, a.OutcomeReason, a.OutcomeBy = f.Outcome, datePtr(f.Date), reasons, v.Name
		res := tx.DB.Model(&AppealRow{}).Where("id = ?", a.ID).Updates(map[string]any{"outcome": a.Outcome, "outcome_date": a.OutcomeDate, "outcome_reason": reasons, "outcome_by": v.Name})
		if res.Error != nil {
			return nil, fmt.Errorf("record outcome: %w", res.Error)
		}
		c.Status = to
		if err := save(tx, c, was, now); err != nil {
			return nil, err
		}
		doc, err := s.issueReview(ctx, tx, c, a)
		if err != nil {
			return nil, err
		}
		return map[string]any{"case": c, "outcome": f.Outcome, "reasons": reasons, "sanctions": f.Sanctions, "document": doc.Number}, nil
	})
}

// issueReview issues the decision on appeal a of case c (复核决定书),
// naming the notice it answers, which stays as it was issued: a change or
// revocation replaces the notice's decision, an upheld one reviews it.
func (s *Store) issueReview(ctx context.Context, tx *models.Tx, c *Case, a AppealRow) (*documents.Document, error) {
	f, err := s.file(ctx, tx.DB, c, false)
	if err != nil {
		return nil, err
	}
	in := documents.Issue{Kind: ReviewKind, Series: ReviewSeries, Year: a.OutcomeDate.Year(), Subject: DocumentSubject, SubjectID: c.ID}
	if n := f.noticeOf(); n != nil {
		in.RefID, in.Relation = n.ID, documents.Replaces
		if a.Outcome == Upheld {
			in.Relation = documents.Reviews
		}
	}
	in.Content = f.reviewContent(a, c.NoticeNo, scoring.DateOf(*c.NoticeDate))
	return documents.IssueIn(tx, in)
}

// CompleteSanction records that a sanction with a time limit (限期改正,
// 限期整改) was carried out on done.
func (s *Store) CompleteSanction(ctx context.Context, v models.Viewer, id, sanction uint, done scoring.Date) error {
	return s.change(ctx, v, id, "complete_sanction", []Status{Decided, Notified, Appealed, Reviewed}, func(tx *models.Tx, c *Case) (any, error) {
		var r SanctionRow
		if err := tx.DB.Where("id = ? AND case_id = ?", sanction, c.ID).First(&r).Error; err != nil {
			return nil, models.ErrNotFound
		}
		if r.Due == nil || r.Completed != nil {
			return nil, models.Invalid("sanction", "refuse.case.no_deadline")
		}
		if done.IsZero() || c.Decided == nil || done < scoring.DateOf(*c.Decided) {
			return nil, models.Invalid("done", "refuse.case.done_early")
		}
		if err := tx.DB.Model(&SanctionRow{}).Where("id = ?", r.ID).Update("completed", datePtr(done)).Error; err != nil {
			return nil, fmt.Errorf("complete sanction: %w", err)
		}
		return map[string]any{"sanction": r.ID, "name": r.Name, "completed": done}, nil
	})
}

// Overdue reports whether a sanction's time limit passed on today without
// completion.
func (r SanctionRow) Overdue(today scoring.Date) bool {
	return r.Due != nil && r.Completed == nil && scoring.DateOf(*r.Due) < today
}
