package accountability

import (
	"context"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/cache"
	"github.com/gongkai/gongkai/models/scoreruns"
	"github.com/gongkai/gongkai/scoring"
)

// What a proposal reads of a run's result (the veto incidents and the
// deductions that name an unpublished item, an overdue request or an
// overturned answer) is kept per run: a stored run never changes, and
// decoding every department's explanation again on every view of the
// discipline office's home and case list took a 3,000-unit bureau's
// server past its deadlines (issue 27's mixed load).

// proposalKinds are the deductions proposalsOf reads.
var proposalKinds = map[scoring.DeductionKind]bool{
	scoring.DeductSlotUnfilled: true, scoring.DeductRequestOverdueOpen: true, scoring.DeductOverturned: true,
}

// runFactsKey names a stored run in one database.
type runFactsKey struct {
	db  *models.Store
	run uint
}

// keptRunFacts keeps the facts of the runs read last; a handful of runs
// (a year's newest, and the earlier years') is what proposals read.
var keptRunFacts = cache.New[runFactsKey, map[uint]*scoring.DepartmentResult](16)

// runFacts returns, for each department of run, the part of its result
// proposals read, as a DepartmentResult holding only that part.
func (s *Store) runFacts(ctx context.Context, run uint) (map[uint]*scoring.DepartmentResult, error) {
	return keptRunFacts.Get(runFactsKey{s.m, run}, func() (map[uint]*scoring.DepartmentResult, error) { return s.readRunFacts(ctx, run) })
}

// readRunFacts reads what runFacts keeps.
func (s *Store) readRunFacts(ctx context.Context, run uint) (map[uint]*scoring.DepartmentResult, error) {
	rows, err := scoreruns.New(s.m).RunResults(ctx, models.System, run)
	if err != nil {
		return nil, err
	}
	facts := make(map[uint]*scoring.DepartmentResult, len(rows))
	for _, row := range rows {
		r, err := row.Result()
		if err != nil {
			return nil, err
		}
		var kept []scoring.Deduction
		for _, ind := range r.Indicators {
			for _, d := range ind.Deductions {
				if proposalKinds[d.Kind] {
					kept = append(kept, d)
				}
			}
		}
		facts[row.DepartmentID] = &scoring.DepartmentResult{VetoIncidents: r.VetoIncidents, Indicators: []scoring.IndicatorResult{{Deductions: kept}}}
	}
	return facts, nil
}
