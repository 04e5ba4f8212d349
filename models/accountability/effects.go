package accountability

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/documents"
	"github.com/gongkai/gongkai/models/scoreruns"
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
	first, last := scoring.YearSpan(year)
	from, to := first.Time(), (last + 1).Time()
	persons := db.Model(&Person{}).Select("id").Where("name = ?", who)
	if id, err := strconv.ParseUint(who, 10, 64); err == nil {
		persons = db.Model(&Person{}).Select("id").Where("id = ?", id)
	}
	var nos []string
	err = db.Model(&SanctionRow{}).Joins("JOIN accountability_cases c ON c.id = accountability_sanctions.case_id").
		Where("accountability_sanctions.name = ? AND accountability_sanctions.person_id IN (?)", BarredFromAwards, persons).
		Where("c.status IN ? AND c.decided >= ? AND c.decided < ?", standingStates, from, to).
		Order("c.decided, c.id").Pluck("c.case_no", &nos).Error
	if err != nil {
		return "", false, fmt.Errorf("read sanctions on persons: %w", err)
	}
	if len(nos) > 0 {
		return nos[0], true, nil
	}
	var paper []Case
	err = db.Where("origin = ? AND status IN ? AND decided >= ? AND decided < ?", FromImport, standingStates, from, to).
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

// needsReopening reports whether an approved standing g disagrees with the
// accountability decisions as they stand: 优秀 though a decision now caps
// the department, or held below 优秀 by a decision since revoked though it
// would now be 优秀 (excellentNow: graded again by the scheme's own rules,
// its share of 优秀 included). Frozen grades move only by a re-opening, so
// the office must be told.
func needsReopening(g *scoreruns.Standing, cappedNow, excellentNow bool) bool {
	if g == nil || g.Source != scoreruns.StandingApproved || g.ApprovedAt == nil || !g.Rated() {
		return false
	}
	if cappedNow {
		return g.Grade == string(scoring.GradeExcellent)
	}
	return g.Ineligible && excellentNow
}

// excellentNow grades a year's standings again with the decisions that cap
// as they stand now (capped: their IDs by department), by scoring.Rate, the
// rule the scores and the assessment grade by: thresholds, vetoes, caps and
// the scheme's share of 优秀, each standing among those of the same
// assessment (PlanID). It answers the departments that would be 优秀.
func excellentNow(sc *scoring.Scheme, standings []scoreruns.Standing, names map[uint]string, capped map[uint][]uint) map[uint]bool {
	byPlan := map[uint][]scoring.DepartmentResult{}
	for _, g := range standings {
		byPlan[g.PlanID] = append(byPlan[g.PlanID], scoring.DepartmentResult{Dept: g.DepartmentID, Name: names[g.DepartmentID],
			Unrated: !g.Rated(), Total: g.Total, Veto: g.Veto, CapDecisions: capped[g.DepartmentID]})
	}
	out := map[uint]bool{}
	for _, depts := range byPlan {
		scoring.Rate(sc, depts)
		for _, d := range depts {
			if d.Grade == scoring.GradeExcellent {
				out[d.Dept] = true
			}
		}
	}
	return out
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
	states := append(slices.Clone(standingStates), string(Revoked))
	if err := s.m.DB.WithContext(ctx).Where("status IN ? AND decided IS NOT NULL", states).Order("decided desc, id desc").Find(&cases).Error; err != nil {
		return nil, fmt.Errorf("read decisions: %w", err)
	}
	names, err := s.m.DepartmentNames(ctx)
	if err != nil {
		return nil, err
	}
	caps := func(c Case) bool { return sc.Caps(scoring.Decision{Sanctions: models.SplitNames(c.Sanctions)}) }
	// cappedNow: the decisions that cap each department now, by year.
	cappedNow := map[int]map[uint][]uint{}
	for _, c := range cases {
		if c.Status != Revoked && caps(c) {
			y := c.DecisionYear()
			if cappedNow[y] == nil {
				cappedNow[y] = map[uint][]uint{}
			}
			cappedNow[y][c.DepartmentID] = append(cappedNow[y][c.DepartmentID], c.ID)
		}
	}
	var out []Effect
	standings := map[int][]scoreruns.Standing{}
	excellent := map[int]map[uint]bool{}
	for _, c := range cases {
		if !caps(c) {
			continue
		}
		e := Effect{Case: c, Department: names[c.DepartmentID], Year: c.DecisionYear(), Lifted: c.Status == Revoked}
		if _, read := standings[e.Year]; !read {
			if standings[e.Year], err = s.standings.Standings(ctx, models.System, e.Year); err != nil {
				return nil, err
			}
			excellent[e.Year] = excellentNow(sc, standings[e.Year], names, cappedNow[e.Year])
		}
		var g *scoreruns.Standing
		for i := range standings[e.Year] {
			if standings[e.Year][i].DepartmentID == c.DepartmentID {
				g = &standings[e.Year][i]
			}
		}
		if needsReopening(g, len(cappedNow[e.Year][c.DepartmentID]) > 0, excellent[e.Year][c.DepartmentID]) {
			e.Reopen, e.Plan = true, g.PlanID
			at := *g.ApprovedAt
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
