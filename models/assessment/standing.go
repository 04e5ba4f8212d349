package assessment

import (
	"context"
	"errors"
	"fmt"
	"math/big"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/scoreruns"
	"github.com/gongkai/gongkai/scoring"
)

// Standing is THE standing of a department in a year for a viewer (issue
// 20): the approved and adjusted grade of the year's assessment when the
// leading group approved it (已审定), else the grade the office proposed
// (待审定), else the provisional one (暂定): the adjusted score of the
// assessment under way, ranked among its units, or for a unit it does not
// assess the year's newest score run. Nil when the year has none; a
// department the viewer may not see is not found.
func (s *Store) Standing(ctx context.Context, v models.Viewer, year int, dept uint) (*scoreruns.Standing, error) {
	if !v.CanSeeDepartment(dept) {
		return nil, models.ErrNotFound
	}
	p, err := s.yearPlan(ctx, year)
	if err != nil {
		return nil, err
	}
	if p != nil {
		planned, err := s.planStandings(ctx, v, p)
		if err != nil {
			return nil, err
		}
		for i := range planned {
			if planned[i].DepartmentID == dept {
				return &planned[i], nil
			}
		}
	}
	// A unit the assessment does not grade stands where the year's newest
	// run put it: its one row and the run's count, not every unit's rows.
	runs := scoreruns.New(s.m)
	run, err := runs.LatestRun(ctx, year)
	if errors.Is(err, models.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	r, err := runs.StandingScore(ctx, run.ID, dept)
	if err != nil || r == nil {
		return nil, err
	}
	count, err := runs.RatedCount(ctx, run.ID)
	if err != nil {
		return nil, err
	}
	st := runStanding(year, run.ID, count, *r)
	return &st, nil
}

// Standings lists the standing of every department the viewer may see in a
// year: the units the year's assessment grades from it, the others from
// the year's newest run, each ranked among the units of its own source.
func (s *Store) Standings(ctx context.Context, v models.Viewer, year int) ([]scoreruns.Standing, error) {
	var out []scoreruns.Standing
	assessed := map[uint]bool{}
	p, err := s.yearPlan(ctx, year)
	if err != nil {
		return nil, err
	}
	if p != nil {
		planned, err := s.planStandings(ctx, v, p)
		if err != nil {
			return nil, err
		}
		for _, st := range planned {
			assessed[st.DepartmentID] = true
			out = append(out, st)
		}
	}
	run, err := scoreruns.New(s.m).LatestRun(ctx, year)
	if err != nil && !errors.Is(err, models.ErrNotFound) {
		return nil, err
	}
	if run != nil {
		rows, err := scoreruns.New(s.m).RunScores(ctx, models.System, run.ID)
		if err != nil {
			return nil, err
		}
		count, err := scoreruns.New(s.m).RatedCount(ctx, run.ID)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			if assessed[r.DepartmentID] {
				continue
			}
			out = append(out, runStanding(year, run.ID, count, r))
		}
	}
	visible := out[:0]
	for _, st := range out {
		if v.CanSeeDepartment(st.DepartmentID) {
			visible = append(visible, st)
		}
	}
	return visible, nil
}

// runStanding is the provisional standing a run's score gives a unit the
// year's assessment does not grade.
func runStanding(year int, runID uint, count int, r scoreruns.DepartmentScore) scoreruns.Standing {
	st := scoreruns.Standing{Year: year, DepartmentID: r.DepartmentID, Source: scoreruns.StandingProvisional, RunID: runID,
		Unrated: !r.Rated(), Grade: r.Grade, Rank: r.Rank, Count: count, Veto: r.Veto}
	if r.Rated() {
		st.Total, _ = new(big.Rat).SetString(fmt.Sprintf("%.2f", r.Total))
	}
	return st
}

// yearPlan is the year's assessment once the leading group approved its
// plan (one a year: checkOnePerYear); nil when there is none.
func (s *Store) yearPlan(ctx context.Context, year int) (*Plan, error) {
	var ps []Plan
	err := s.m.DB.WithContext(ctx).Omit("catalog").Where("year = ? AND status NOT IN ?", year, []Status{Draft, Submitted, Returned}).
		Order("id desc").Limit(1).Find(&ps).Error
	if err != nil {
		return nil, fmt.Errorf("read the assessment of %d: %w", year, err)
	}
	if len(ps) == 0 {
		return nil, nil
	}
	return &ps[0], nil
}

// planStandings are the standings of the units an assessment grades:
// approved once frozen, proposed while the leading group decides (hidden
// from heads), provisional from the adjusted totals while it is open.
func (s *Store) planStandings(ctx context.Context, v models.Viewer, p *Plan) ([]scoreruns.Standing, error) {
	source := scoreruns.StandingProvisional
	var grades []Grade
	switch {
	case p.Status.Frozen():
		source = scoreruns.StandingApproved
	case p.Status == Proposed:
		source = scoreruns.StandingProposed
	}
	if source == scoreruns.StandingProvisional {
		var err error
		if grades, err = s.preliminary(ctx, p); err != nil {
			return nil, err
		}
	} else if err := s.m.DB.WithContext(ctx).Where("plan_id = ?", p.ID).Order("department_id").Find(&grades).Error; err != nil {
		return nil, fmt.Errorf("read grades: %w", err)
	}
	count := 0
	for _, g := range grades {
		if !g.Unrated {
			count++
		}
	}
	hidden := source == scoreruns.StandingProposed && !v.CanReadAssessments()
	out := make([]scoreruns.Standing, len(grades))
	for i, g := range grades {
		st := scoreruns.Standing{Year: p.Year, DepartmentID: g.DepartmentID, Source: source, PlanID: p.ID, RunID: p.RunID, Hidden: hidden}
		if source == scoreruns.StandingApproved {
			st.ApprovedAt = p.GradesApprovedAt
		}
		if !hidden {
			st.Unrated, st.Total, st.Grade, st.Rank, st.Count = g.Unrated, g.TotalRat(), g.Grade, g.Rank, count
			st.Veto, st.Ineligible = g.Veto, g.Ineligible
		}
		out[i] = st
	}
	return out, nil
}

// StandingResult is the score behind a standing, indicator by indicator:
// for a unit the assessment grades, its plan's run with the accepted
// objections and adjustments applied; otherwise the run's own result. Nil
// when the run has no score of the department.
func (s *Store) StandingResult(ctx context.Context, v models.Viewer, st *scoreruns.Standing) (*scoring.DepartmentResult, error) {
	if st.PlanID == 0 {
		row, err := scoreruns.New(s.m).DepartmentScoreIn(ctx, v, st.RunID, st.DepartmentID)
		if errors.Is(err, models.ErrNotFound) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		return row.Result()
	}
	p, err := s.plan(ctx, st.PlanID)
	if err != nil {
		return nil, err
	}
	auto, err := s.autoResults(ctx, p, st.DepartmentID)
	if err != nil || len(auto) != 1 {
		return nil, err
	}
	ch, err := s.changes(ctx, p.ID, st.DepartmentID)
	if err != nil {
		return nil, err
	}
	return &Adjusted(auto, ch)[0], nil
}

// Trend lists a department's standing in every year with a stored run,
// oldest first, for its trend chart.
func (s *Store) Trend(ctx context.Context, v models.Viewer, dept uint) ([]scoreruns.Standing, error) {
	years, err := scoreruns.New(s.m).Years(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]scoreruns.Standing, 0, len(years))
	for i := len(years) - 1; i >= 0; i-- {
		st, err := s.Standing(ctx, v, years[i], dept)
		if err != nil {
			return nil, err
		}
		if st != nil {
			out = append(out, *st)
		}
	}
	return out, nil
}
