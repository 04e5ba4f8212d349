// Long file: one workflow, the plan from draft to approval (create, update,
// score, take a step), in the order it runs.

package assessment

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/gongkai/gongkai/i18n"
	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accountability"
	"github.com/gongkai/gongkai/models/scoreruns"
	"github.com/gongkai/gongkai/scoring"
)

// Store keeps assessments in the application's database.
type Store struct {
	m *models.Store
}

// New returns the assessment store on s.
func New(s *models.Store) *Store { return &Store{m: s} }

// PlanInput is what the office writes in a plan.
type PlanInput struct {
	Year          int
	FullScope     bool   // 全面考核: every department; otherwise Departments
	Departments   []uint // 重点考核: the departments assessed
	SchemeVersion string // empty: the newest approved scheme
	Dates         Dates
	Team          string // 考核小组
}

// validate checks the input on today, before anything is written: a
// year-end plan's cut-off lies after 31 December of its year and never
// after today.
func (in PlanInput) validate(now time.Time) error {
	switch {
	case !scoring.ValidYear(in.Year):
		return models.Invalid("year", "refuse.assessment.year")
	case !in.FullScope && len(in.Departments) == 0:
		return models.Invalid("departments", "form.focus_depts")
	case utf8.RuneCountInString(in.Team) > 2000:
		return models.Invalid("team", "refuse.text.too_long", i18n.Phrase("refuse.label.team"), 2000)
	case in.Dates.AsOf != 0 && in.Dates.AsOf.Year() <= in.Year:
		return models.Invalid("as_of", "refuse.assessment.as_of", in.Year)
	}
	if err := scoreruns.CheckAsOf(in.Dates.AsOf, now); err != nil {
		return err
	}
	return in.Dates.Check()
}

// CreatePlan drafts a plan: it scores the year under the chosen scheme as
// of the plan's date (a new, audit-logged score run) and keeps that run and
// the catalog as it stands, so the assessment never moves with later data.
func (s *Store) CreatePlan(ctx context.Context, v models.Viewer, in PlanInput, now time.Time) (*Plan, error) {
	if !v.CanRunAssessment() {
		return nil, models.ErrForbidden
	}
	if err := in.validate(now); err != nil {
		return nil, err
	}
	depts, err := s.members(ctx, v, in)
	if err != nil {
		return nil, err
	}
	if err := s.checkOnePerYear(ctx, in.Year, 0); err != nil {
		return nil, err
	}
	p := &Plan{Year: in.Year, Status: Draft, CreatedBy: v.Name, CreatedAt: now.UTC(), UpdatedAt: now.UTC()}
	if err := s.scorePlan(ctx, v, p, in, now); err != nil {
		return nil, err
	}
	err = s.m.Audited(ctx, v, func(tx *models.Tx) error {
		if err := tx.DB.Create(p).Error; err != nil {
			return fmt.Errorf("store plan: %w", err)
		}
		if err := setMembers(tx.DB, p.ID, depts); err != nil {
			return err
		}
		if err := event(tx, p.ID, "create", fmt.Sprintf("%d年度，%d个部门", p.Year, len(depts)), now); err != nil {
			return err
		}
		return tx.Record("create", "assessment_plan", p.ID, nil, planAudit(p, depts))
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// UpdatePlan changes a draft or returned plan, scoring it again when the
// scheme or as-of date changed.
func (s *Store) UpdatePlan(ctx context.Context, v models.Viewer, id uint, in PlanInput, now time.Time) error {
	if !v.CanRunAssessment() {
		return models.ErrForbidden
	}
	p, err := s.plan(ctx, id)
	if err != nil {
		return err
	}
	if !p.Status.Editable() {
		return models.Invalid("status", "refuse.assessment.plan_locked")
	}
	if err := in.validate(now); err != nil {
		return err
	}
	depts, err := s.members(ctx, v, in)
	if err != nil {
		return err
	}
	if err := s.checkOnePerYear(ctx, in.Year, p.ID); err != nil {
		return err
	}
	before := *p
	if in.Year != p.Year || in.Dates.AsOf != scoring.DateOf(p.AsOf) || (in.SchemeVersion != "" && in.SchemeVersion != p.SchemeVersion) {
		p.Year = in.Year
		if err := s.scorePlan(ctx, v, p, in, now); err != nil {
			return err
		}
	}
	setDates(p, in)
	return s.m.Audited(ctx, v, func(tx *models.Tx) error {
		// The before-image is the row as this transaction changes it, not
		// as it was read before: another office member may have saved since.
		var cur Plan
		if err := tx.ForUpdate().First(&cur, p.ID).Error; err != nil {
			return fmt.Errorf("read plan: %w", err)
		}
		if !cur.Status.Editable() {
			return models.Invalid("status", "refuse.assessment.plan_locked")
		}
		before = cur
		if err := tx.DB.Save(p).Error; err != nil {
			return fmt.Errorf("store plan: %w", err)
		}
		if err := tx.DB.Where("plan_id = ?", p.ID).Delete(&Member{}).Error; err != nil {
			return fmt.Errorf("replace members: %w", err)
		}
		if err := setMembers(tx.DB, p.ID, depts); err != nil {
			return err
		}
		if err := event(tx, p.ID, "update", "", now); err != nil {
			return err
		}
		return tx.Record("update", "assessment_plan", p.ID, planAudit(&before, nil), planAudit(p, depts))
	})
}

// NewPlanYear is the year a new plan is offered for on today: the latest
// year already over (its cut-off must lie after 31 December) that has no
// plan yet, since a year has one assessment; the year just over when every
// year back to 2000 has one.
func (s *Store) NewPlanYear(ctx context.Context, today scoring.Date) (int, error) {
	var years []int
	if err := s.m.DB.WithContext(ctx).Model(&Plan{}).Where("year < ?", today.Year()).Distinct().Pluck("year", &years).Error; err != nil {
		return 0, fmt.Errorf("read plan years: %w", err)
	}
	planned := make(map[int]bool, len(years))
	for _, y := range years {
		planned[y] = true
	}
	for y := today.Year() - 1; y >= 2000; y-- {
		if !planned[y] {
			return y, nil
		}
	}
	return today.Year() - 1, nil
}

// checkOnePerYear refuses a second plan for a year: a year has one
// assessment, and doing it again is a re-opening, approved by the leading group.
func (s *Store) checkOnePerYear(ctx context.Context, year int, except uint) error {
	var n int64
	if err := s.m.DB.WithContext(ctx).Model(&Plan{}).Where("year = ? AND id <> ?", year, except).Count(&n).Error; err != nil {
		return fmt.Errorf("check plans of %d: %w", year, err)
	}
	if n > 0 {
		return models.Invalid("year", "refuse.assessment.plan_exists", year)
	}
	return nil
}

// scorePlan computes the plan's score run and keeps the catalog it used.
func (s *Store) scorePlan(ctx context.Context, v models.Viewer, p *Plan, in PlanInput, now time.Time) error {
	run, _, err := scoreruns.New(s.m).Deciding(accountability.Decisions(s.m)).ComputeScores(ctx, v, scoreruns.ScoreRequest{Year: in.Year, AsOf: in.Dates.AsOf, SchemeVersion: in.SchemeVersion}, now)
	if err != nil {
		return err
	}
	items, err := s.m.Catalog(ctx, models.CatalogFilter{})
	if err != nil {
		return err
	}
	snap, err := json.Marshal(items)
	if err != nil {
		return fmt.Errorf("snapshot catalog: %w", err)
	}
	p.RunID, p.SchemeVersion, p.Catalog = run.ID, run.SchemeVersion, string(snap)
	setDates(p, in)
	return nil
}

func setDates(p *Plan, in PlanInput) {
	p.FullScope, p.Team = in.FullScope, strings.TrimSpace(in.Team)
	p.AsOf, p.NoticeDate, p.SelfDue = in.Dates.AsOf.Time(), in.Dates.Notice.Time(), in.Dates.SelfDue.Time()
	p.ObjectionDue, p.ReviewDate = in.Dates.ObjectionDue.Time(), in.Dates.Review.Time()
}

// members resolves the assessed departments: every department (全面考核) or
// the listed ones, each of which must exist.
func (s *Store) members(ctx context.Context, v models.Viewer, in PlanInput) ([]uint, error) {
	all, err := s.m.Departments(ctx, v)
	if err != nil {
		return nil, err
	}
	ids := make([]uint, 0, len(all))
	for _, d := range all {
		if in.FullScope || slices.Contains(in.Departments, d.ID) {
			ids = append(ids, d.ID)
		}
	}
	if !in.FullScope && len(ids) != len(slices.Compact(slices.Sorted(slices.Values(in.Departments)))) {
		return nil, models.Invalid("departments", "refuse.department.missing")
	}
	return ids, nil
}

func setMembers(db *gorm.DB, plan uint, depts []uint) error {
	rows := make([]Member, len(depts))
	for i, d := range depts {
		rows[i] = Member{PlanID: plan, DepartmentID: d}
	}
	if len(rows) == 0 {
		return nil
	}
	if err := db.CreateInBatches(rows, 200).Error; err != nil {
		return fmt.Errorf("store assessed departments: %w", err)
	}
	return nil
}

// planAudit is what the audit log keeps of a plan: not the catalog snapshot.
func planAudit(p *Plan, depts []uint) map[string]any {
	m := map[string]any{"year": p.Year, "status": p.Status, "scheme": p.SchemeVersion, "run": p.RunID, "full_scope": p.FullScope,
		"dates": p.Dates(), "team": p.Team, "reason": p.Reason}
	if depts != nil {
		m["departments"] = depts
	}
	return m
}

func event(tx *models.Tx, plan uint, action, note string, now time.Time) error {
	e := Event{PlanID: plan, At: now.UTC(), By: tx.Viewer.Name, Action: action, Note: note}
	if err := tx.DB.Create(&e).Error; err != nil {
		return fmt.Errorf("record step: %w", err)
	}
	return nil
}

// Take moves an assessment one step, if the viewer's role takes that step
// and the assessment is where the step starts; reason is required where the
// step needs one. Proposing computes the preliminary grades; approving them
// freezes them; an approved re-opening unfreezes them (and withdraws a
// published notice).
func (s *Store) Take(ctx context.Context, v models.Viewer, id uint, a Action, reason string, now time.Time) error {
	if _, known := steps[a]; !known {
		return models.ErrNotFound // no such step
	}
	if !MayTake(v, a) {
		return models.ErrForbidden
	}
	reason, err := models.CheckText("reason", "refuse.label.reason", reason, 2000, NeedsReason(a))
	if err != nil {
		return err
	}
	p, err := s.plan(ctx, id)
	if err != nil {
		return err
	}
	to, err := Next(p.Status, a)
	var es *ErrStep
	if errors.As(err, &es) {
		return models.Invalid("status", "refuse.assessment.step")
	}
	// Art. 8 counts the 15 days from the notice: a plan approved after its
	// notice date would send the notice late, so it goes back for new dates.
	if a == Approve && scoring.DateOf(now) > scoring.DateOf(p.NoticeDate) {
		return models.Invalid("notice", "refuse.assessment.notice_past", scoring.DateOf(p.NoticeDate))
	}
	var results *Results
	if a == Publish {
		if results, err = s.results(ctx, p); err != nil {
			return err
		}
	}
	var grades []Grade
	var early string // what proposing went ahead of, with the office's reason
	if a == Propose {
		var open int64
		if err := s.m.DB.WithContext(ctx).Model(&Objection{}).Where("plan_id = ? AND status = ?", p.ID, ObjectionOpen).Count(&open).Error; err != nil {
			return fmt.Errorf("count open objections: %w", err)
		}
		if open > 0 {
			return models.Invalid("status", "refuse.assessment.open_objections", open)
		}
		waits, err := s.proposeWaits(ctx, p, scoring.DateOf(now))
		if err != nil {
			return err
		}
		if len(waits) > 0 {
			if reason == "" {
				return models.Invalid("reason", "refuse.assessment.early", WaitsText(waits))
			}
			early = WaitsText(waits)
		}
		p.EarlyReason = reason
		if early == "" {
			p.EarlyReason = ""
		}
		if grades, err = s.preliminary(ctx, p); err != nil {
			return err
		}
	}
	before := planAudit(p, nil)
	at := now.UTC()
	switch a {
	case Approve:
		p.ApprovedAt = &at
	case ApproveGrades:
		p.GradesApprovedAt = &at
	case ApproveReopen:
		p.GradesApprovedAt, p.PublishedAt = nil, nil
	case Publish:
		p.PublishedAt = &at
	}
	if reason != "" || a == Submit {
		p.Reason = reason
	}
	p.Status = to
	return s.m.Audited(ctx, v, func(tx *models.Tx) error {
		// The status in the WHERE makes two clicks at once take one step.
		res := tx.DB.Model(&Plan{}).Where("id = ? AND status = ?", p.ID, before["status"]).
			Updates(map[string]any{"status": p.Status, "reason": p.Reason, "early_reason": p.EarlyReason, "approved_at": p.ApprovedAt,
				"grades_approved_at": p.GradesApprovedAt, "published_at": p.PublishedAt, "updated_at": at})
		if res.Error != nil {
			return fmt.Errorf("move plan: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return models.Invalid("status", "refuse.assessment.plan_changed")
		}
		after := planAudit(p, nil)
		if early != "" {
			after["early"] = map[string]string{"waiting_for": early, "reason": reason}
		}
		if grades != nil {
			old, err := gradeLabels(tx.DB, p.ID)
			if err != nil {
				return err
			}
			before["grades"] = old
			if err := tx.DB.Where("plan_id = ?", p.ID).Delete(&Grade{}).Error; err != nil {
				return fmt.Errorf("replace grades: %w", err)
			}
			if err := tx.DB.CreateInBatches(grades, 200).Error; err != nil {
				return fmt.Errorf("store grades: %w", err)
			}
			after["grades"] = labels(grades)
		}
		note := reason
		if early != "" {
			note = i18n.T(i18n.Chinese, "asmt.early_note", early, reason)
		}
		if err := event(tx, p.ID, string(a), note, now); err != nil {
			return err
		}
		if err := tx.Record(string(a), "assessment_plan", p.ID, before, after); err != nil {
			return err
		}
		if err := notifyStep(tx, p, a, now); err != nil {
			return err
		}
		// Documents: approval sends the plan's notice out as a numbered
		// document; the results notice (results_issue.go): commendations the
		// grades no longer hold up are withdrawn; publication issues the
		// notice, or its 更正 after a re-opening.
		switch a {
		case Approve:
			if _, err := issueNotice(ctx, tx, p); err != nil {
				return err
			}
			return notifyNotice(tx, p, now)
		case ApproveGrades:
			return withdrawIneligible(tx, p.ID, now)
		case Publish:
			_, err := issueResults(tx, results, scoring.DateOf(now))
			return err
		}
		return nil
	})
}

// proposeWaits is what proposing the plan's grades waits for on today.
func (s *Store) proposeWaits(ctx context.Context, p *Plan, today scoring.Date) ([]Wait, error) {
	var unsigned int64
	if err := s.m.DB.WithContext(ctx).Model(&Member{}).Where("plan_id = ? AND notice_read_at IS NULL", p.ID).Count(&unsigned).Error; err != nil {
		return nil, fmt.Errorf("count unsigned notices: %w", err)
	}
	return p.Dates().ProposeWaits(today, int(unsigned)), nil
}

// ProposeWaits lists what proposing the grades of an open assessment still
// waits for on today, for the office's plan page; nil when nothing does or
// the assessment is not open.
func (s *Store) ProposeWaits(ctx context.Context, v models.Viewer, p *Plan, today scoring.Date) ([]Wait, error) {
	if !v.CanReadAssessments() || !p.Status.Open() {
		return nil, nil
	}
	return s.proposeWaits(ctx, p, today)
}

// Plans lists the assessments the viewer may see, newest first: every one
// for the bureau-wide roles; for a head, those under way that assess their
// department.
func (s *Store) Plans(ctx context.Context, v models.Viewer) ([]Plan, error) {
	q := s.m.DB.WithContext(ctx).Omit("catalog").Order("year desc, id desc")
	if !v.CanReadAssessments() {
		id, _ := v.OwnDepartment()
		q = q.Where("status NOT IN ?", []Status{Draft, Submitted, Returned}).
			Where("id IN (?)", s.m.DB.Model(&Member{}).Select("plan_id").Where("department_id = ?", id))
	}
	var out []Plan
	if err := q.Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list plans: %w", err)
	}
	return out, nil
}

// Plan reads one assessment, if the viewer may see it (a head: only one
// under way that assesses their department).
func (s *Store) Plan(ctx context.Context, v models.Viewer, id uint) (*Plan, error) {
	p, err := s.plan(ctx, id)
	if err != nil {
		return nil, err
	}
	if v.CanReadAssessments() {
		return p, nil
	}
	dept, limited := v.OwnDepartment()
	if !limited || !p.Status.Started() {
		return nil, models.ErrNotFound
	}
	if _, err := s.member(ctx, p.ID, dept); err != nil {
		return nil, err
	}
	return p, nil
}

func (s *Store) plan(ctx context.Context, id uint) (*Plan, error) {
	var p Plan
	if err := s.m.DB.WithContext(ctx).First(&p, id).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return nil, models.ErrNotFound
		}
		return nil, fmt.Errorf("read plan: %w", err)
	}
	return &p, nil
}

func (s *Store) member(ctx context.Context, plan, dept uint) (*Member, error) {
	var m Member
	if err := s.m.DB.WithContext(ctx).Where("plan_id = ? AND department_id = ?", plan, dept).First(&m).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return nil, models.ErrNotFound
		}
		return nil, fmt.Errorf("read assessed department: %w", err)
	}
	return &m, nil
}

// Members lists the departments a plan assesses, if the viewer may see the plan.
func (s *Store) Members(ctx context.Context, v models.Viewer, plan uint) ([]Member, error) {
	if _, err := s.Plan(ctx, v, plan); err != nil {
		return nil, err
	}
	q := s.m.DB.WithContext(ctx).Where("plan_id = ?", plan).Order("department_id")
	if id, limited := v.OwnDepartment(); limited {
		q = q.Where("department_id = ?", id)
	}
	var out []Member
	if err := q.Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list assessed departments: %w", err)
	}
	return out, nil
}

// Events lists a plan's steps, oldest first: its timeline.
func (s *Store) Events(ctx context.Context, v models.Viewer, plan uint) ([]Event, error) {
	if !v.CanReadAssessments() {
		return nil, models.ErrNotFound
	}
	var out []Event
	if err := s.m.DB.WithContext(ctx).Where("plan_id = ?", plan).Order("at, id").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list steps: %w", err)
	}
	return out, nil
}

// CatalogSnapshot returns the responsibility table as the plan kept it.
func (p *Plan) CatalogSnapshot() ([]models.CatalogItem, error) {
	var items []models.CatalogItem
	if err := json.Unmarshal([]byte(p.Catalog), &items); err != nil {
		return nil, fmt.Errorf("read catalog snapshot of plan %d: %w", p.ID, err)
	}
	return items, nil
}
