package accountability

import (
	"context"
	"fmt"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/documents"
	"github.com/gongkai/gongkai/scoring"
)

// PersonBarred reports whether a person, named by their person ID or their
// name, lost the year's eligibility for awards (取消当年评先选优资格) by a
// standing decision dated in year, and names the case. The assessment's
// commendation asks it before commending anyone. A paper decision names
// its persons as text, so it matches by name.
func (s *Store) PersonBarred(ctx context.Context, who string, year int) (caseNo string, barred bool, err error) {
	who = strings.TrimSpace(who)
	if who == "" {
		return "", false, nil
	}
	db := s.m.DB.WithContext(ctx)
	from, to := scoring.NewDate(year, time.January, 1).Time(), scoring.NewDate(year+1, time.January, 1).Time()
	persons := db.Model(&Person{}).Select("id").Where("name = ?", who)
	if id, err := strconv.ParseUint(who, 10, 64); err == nil {
		persons = db.Model(&Person{}).Select("id").Where("id = ?", id)
	}
	var nos []string
	err = db.Model(&SanctionRow{}).Joins("JOIN accountability_cases c ON c.id = accountability_sanctions.case_id").
		Where("accountability_sanctions.name = ? AND accountability_sanctions.person_id IN (?)", BarredFromAwards, persons).
		Where("c.status IN ? AND c.decided >= ? AND c.decided < ?", models.StandingCaseStates, from, to).
		Order("c.decided, c.id").Pluck("c.case_no", &nos).Error
	if err != nil {
		return "", false, fmt.Errorf("read sanctions on persons: %w", err)
	}
	if len(nos) > 0 {
		return nos[0], true, nil
	}
	var paper []Case
	err = db.Where("origin = ? AND status IN ? AND decided >= ? AND decided < ?", FromImport, models.StandingCaseStates, from, to).
		Order("decided, case_no").Find(&paper).Error
	if err != nil {
		return "", false, fmt.Errorf("read paper decisions: %w", err)
	}
	for _, c := range paper {
		if slices.Contains(models.SplitNames(c.Sanctions), BarredFromAwards) && slices.Contains(models.SplitNames(c.Persons), who) {
			return c.CaseNo, true, nil
		}
	}
	return "", false, nil
}

// approvedGrade is what the leading group approved for a department.
type approvedGrade struct {
	Grade      string
	Total      string // exact adjusted total
	Veto       bool
	Ineligible bool // held below 优秀 by an accountability decision
}

// approvedGrade reads a department's approved grade in an assessment, or
// nil when the assessment does not grade it.
func (s *Store) approvedGrade(ctx context.Context, plan, dept uint) (*approvedGrade, error) {
	var found []approvedGrade
	err := s.m.DB.WithContext(ctx).Table("assessment_grades").Select("grade", "total", "veto", "ineligible").
		Where("plan_id = ? AND department_id = ? AND unrated = ?", plan, dept, false).Limit(1).Scan(&found).Error
	if err != nil {
		return nil, fmt.Errorf("read approved grade: %w", err)
	}
	if len(found) == 0 {
		return nil, nil
	}
	return &found[0], nil
}

// needsReopening reports whether an approved grade g disagrees with the
// accountability decisions as they stand: 优秀 though a decision now caps
// the department, or held below 优秀 by a decision since revoked though
// its total reaches excellent (and no veto fails it). Frozen grades move
// only by a re-opening, so the office must be told.
func needsReopening(g *approvedGrade, cappedNow bool, excellent *big.Rat) bool {
	if g == nil {
		return false
	}
	if cappedNow {
		return g.Grade == string(scoring.GradeExcellent)
	}
	total, ok := new(big.Rat).SetString(g.Total)
	return g.Ineligible && !g.Veto && ok && total.Cmp(excellent) >= 0
}

// approval is when the leading group approved (and so froze) a year's
// grades, in which assessment plan.
type approval struct {
	Plan uint
	At   time.Time
}

// gradesApproved reports whether year's grades are approved, and when. It
// is the one place this package asks the year-end assessment; it reads the
// assessment's table, since the assessment asks this package in turn
// whether a person is barred from awards.
func (s *Store) gradesApproved(ctx context.Context, year int) (*approval, error) {
	db := s.m.DB.WithContext(ctx)
	var found []struct {
		ID               uint
		GradesApprovedAt time.Time
	}
	err := db.Table("assessment_plans").Select("id", "grades_approved_at").Where("year = ? AND grades_approved_at IS NOT NULL", year).
		Order("grades_approved_at desc").Limit(1).Scan(&found).Error
	if err != nil {
		return nil, fmt.Errorf("read approved grades of %d: %w", year, err)
	}
	if len(found) == 0 {
		return nil, nil
	}
	return &approval{Plan: found[0].ID, At: found[0].GradesApprovedAt}, nil
}

// Effect is what a decision does to a department's grade: a standing
// decision with a capping sanction holds it below 优秀 for the decision's
// year; a revoked one no longer does. When the year's grades are approved
// (frozen) and disagree with the decisions as they stand, the office must
// ask for a re-opening: Reopen says so, Reason why.
type Effect struct {
	Case       Case
	Department string
	Year       int
	Lifted     bool // revoked on appeal: the cap is gone
	Reopen     bool
	Reason     string
	Plan       uint // the assessment whose approved grades need re-opening
}

// Effects lists the decisions that cap (or capped, until revoked) a
// department's grade, for the office, the leading group, the discipline
// office and auditors; those needing a re-opening first.
func (s *Store) Effects(ctx context.Context, v models.Viewer) ([]Effect, error) {
	if !v.CanReadDecisions() {
		return nil, models.ErrForbidden
	}
	sv, err := s.m.SchemeByVersion(ctx, "")
	if err != nil {
		return nil, err
	}
	sc, err := sv.Scheme()
	if err != nil {
		return nil, fmt.Errorf("read scheme %s: %w", sv.Version, err)
	}
	var cases []Case
	states := append(slices.Clone(models.StandingCaseStates), string(Revoked))
	if err := s.m.DB.WithContext(ctx).Where("status IN ? AND decided IS NOT NULL", states).Order("decided desc, id desc").Find(&cases).Error; err != nil {
		return nil, fmt.Errorf("read decisions: %w", err)
	}
	names, err := s.m.DepartmentNames(ctx)
	if err != nil {
		return nil, err
	}
	caps := func(c Case) bool { return sc.Caps(scoring.Decision{Sanctions: models.SplitNames(c.Sanctions)}) }
	// cappedNow: the departments a standing decision caps, by year.
	cappedNow := map[int]map[uint]bool{}
	for _, c := range cases {
		if c.Status != Revoked && caps(c) {
			y := c.DecisionYear()
			if cappedNow[y] == nil {
				cappedNow[y] = map[uint]bool{}
			}
			cappedNow[y][c.DepartmentID] = true
		}
	}
	var out []Effect
	for _, c := range cases {
		if !caps(c) {
			continue
		}
		e := Effect{Case: c, Department: names[c.DepartmentID], Year: c.DecisionYear(), Lifted: c.Status == Revoked}
		approved, err := s.gradesApproved(ctx, e.Year)
		if err != nil {
			return nil, err
		}
		var g *approvedGrade
		if approved != nil {
			if g, err = s.approvedGrade(ctx, approved.Plan, c.DepartmentID); err != nil {
				return nil, err
			}
		}
		if needsReopening(g, cappedNow[e.Year][c.DepartmentID], sc.Grades.Excellent.Rat()) {
			e.Reopen, e.Plan = true, approved.Plan
			at := approved.At
			if e.Lifted {
				e.Reason = fmt.Sprintf("%d年度等次已于%s审定；案件%s的决定已在复核中撤销，%s不再受“%s”限制，须申请重新审核后才能改变等次。",
					e.Year, documents.ChineseDate(scoring.DateOf(at)), c.CaseNo, e.Department, c.Sanctions)
			} else {
				e.Reason = fmt.Sprintf("%d年度等次已于%s审定；案件%s对%s作出“%s”，该部门当年不能评为优秀，须申请重新审核后才能改变等次。",
					e.Year, documents.ChineseDate(scoring.DateOf(at)), c.CaseNo, e.Department, c.Sanctions)
			}
		}
		out = append(out, e)
	}
	slices.SortStableFunc(out, func(a, b Effect) int {
		switch {
		case a.Reopen == b.Reopen:
			return 0
		case a.Reopen:
			return -1
		}
		return 1
	})
	return out, nil
}
