package scoreruns

import (
	"context"
	"fmt"
	"math/big"
	"slices"
	"strings"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/scoring"
)

// A department's figures are what charts over many units read of its
// result: whether it leads a catalog item, and each indicator's score and
// maximum in scheme order. They are stored beside the explanation (column
// figures), a few hundred bytes a unit, so that the overview's heatmap and
// the bureau's averages read 3,000 short lines instead of decoding 60 MB
// of explanations, which kept fifty people waiting on a province's first
// view of a run (issue 27's mixed load).
//
// The line is "L" (leads) or "-", then "|CODE SCORE MAX" per indicator,
// each number an exact fraction (big.Rat's RatString): "L|A1 15 15|A2 17/2 10".

// figuresLine is the stored figures of a result; empty for one not rated.
func figuresLine(d *scoring.DepartmentResult) string {
	var b strings.Builder
	b.WriteString(map[bool]string{true: "L", false: "-"}[d.Leads])
	for _, ind := range d.Indicators {
		fmt.Fprintf(&b, "|%s %s %s", ind.Code, ind.Score.RatString(), ind.Max.RatString())
	}
	return b.String()
}

// Figures is the department's result as far as its figures tell: Dept,
// Leads, Unrated, Rank and each indicator's code, score and maximum, read
// from its figures or, for a run stored before they were, its explanation.
func (d DepartmentScore) Figures() (*scoring.DepartmentResult, error) {
	if d.FiguresLine == "" {
		r, err := d.Result()
		if err != nil {
			return nil, err
		}
		r.Slots, r.VetoIncidents = nil, nil
		for i := range r.Indicators {
			r.Indicators[i].Deductions = nil
		}
		return r, nil
	}
	r := &scoring.DepartmentResult{Dept: d.DepartmentID, Rank: d.Rank, Unrated: !d.Rated()}
	parts := strings.Split(d.FiguresLine, "|")
	r.Leads = parts[0] == "L"
	for _, p := range parts[1:] {
		f := strings.Fields(p)
		score, ok1 := new(big.Rat).SetString(f[min(1, len(f)-1)])
		limit, ok2 := new(big.Rat).SetString(f[len(f)-1])
		if len(f) != 3 || !ok1 || !ok2 {
			return nil, fmt.Errorf("read the stored figures of department %d: %q", d.DepartmentID, p)
		}
		r.Indicators = append(r.Indicators, scoring.IndicatorResult{Code: f[0], Score: score, Max: limit})
	}
	return r, nil
}

// RunFigures is every department's Figures in a run, in the order of its
// ranking: what the overview and the averages chart read.
func (s *Store) RunFigures(ctx context.Context, runID uint) ([]*scoring.DepartmentResult, error) {
	var rows []DepartmentScore
	q := s.DB.WithContext(ctx).Select("department_id", "rank_no", "figures").Where("run_id = ?", runID)
	if err := q.Order("CASE WHEN rank_no = 0 THEN 1 ELSE 0 END, rank_no, department_id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("read the figures of run %d: %w", runID, err)
	}
	if slices.ContainsFunc(rows, func(r DepartmentScore) bool { return r.FiguresLine == "" }) {
		var err error // a run stored before figures were: its explanations tell
		if rows, err = s.RunResults(ctx, models.System, runID); err != nil {
			return nil, err
		}
	}
	return figuresOf(rows)
}

func figuresOf(rows []DepartmentScore) ([]*scoring.DepartmentResult, error) {
	out := make([]*scoring.DepartmentResult, len(rows))
	for i, r := range rows {
		var err error
		if out[i], err = r.Figures(); err != nil {
			return nil, err
		}
	}
	return out, nil
}
