package scoring

import (
	"cmp"
	"math/big"
	"slices"
)

// readSanctions records what of the department's year fails it outright or
// holds it below 优秀, whatever its total: incidents of a veto kind (一票否决)
// and accountability decisions carrying a capping sanction.
func (d *deptRun) readSanctions(res *DepartmentResult) {
	s := d.in.Scheme
	for _, k := range d.idx.incidents.of(d.i) {
		e := &d.in.Incidents[k]
		if d.inYear(e.Date) && slices.Contains(s.VetoIncidents, e.Kind) {
			res.VetoIncidents = append(res.VetoIncidents, e.ID)
		}
	}
	for _, k := range d.idx.decisions.of(d.i) {
		if dec := &d.in.Decisions[k]; s.Caps(*dec) && d.inYear(dec.Decided) {
			res.CapDecisions = append(res.CapDecisions, dec.ID)
		}
	}
	res.Veto = len(res.VetoIncidents) > 0
}

// Caps reports whether an accountability decision carries a sanction that
// holds its department below 优秀 under the scheme.
func (s *Scheme) Caps(d Decision) bool {
	return slices.ContainsFunc(d.Sanctions, func(x string) bool { return slices.Contains(s.CappingSanctions, x) })
}

// Rate grades and ranks the rated departments of a run from their totals;
// departments not rated (不参评) get no grade and rank 0. A veto fails a
// department whatever its total; a capping decision holds 优秀 down to 合格;
// the scheme's share of 优秀, if any, is applied among the rated departments;
// then every rated department is ranked by total, highest first, equal totals
// sharing a rank (1, 2, 2, 4). Score calls it on the computed totals, and the
// assessment calls it again on the totals adjusted after objections, so the
// two can never grade by different rules.
func Rate(s *Scheme, depts []DepartmentResult) {
	rated := make([]*DepartmentResult, 0, len(depts))
	for k := range depts {
		d := &depts[k]
		d.Capped, d.CapReason, d.Rank = false, "", 0
		if d.Unrated {
			d.Grade = ""
			continue
		}
		rated = append(rated, d)
		d.Grade = s.Grades.of(d.Total)
		switch {
		case d.Veto:
			d.Grade = GradeFail
		case d.Grade == GradeExcellent && len(d.CapDecisions) > 0:
			d.Grade, d.Capped, d.CapReason = GradePass, true, CapDecision
		}
	}
	// Best totals first, ties by name (Unicode order) and then ID: the
	// order in which the quota keeps 优秀.
	slices.SortFunc(rated, func(a, b *DepartmentResult) int {
		if c := b.Total.Cmp(a.Total); c != 0 {
			return c
		}
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.Dept, b.Dept))
	})
	applyQuota(s.ExcellentQuota, rated)
	for pos, d := range rated {
		if pos > 0 && d.Total.Cmp(rated[pos-1].Total) == 0 {
			d.Rank = rated[pos-1].Rank
		} else {
			d.Rank = pos + 1
		}
	}
}

// of grades an unrounded total by the thresholds.
func (g Thresholds) of(total *big.Rat) Grade {
	for _, t := range []struct {
		min   Decimal
		grade Grade
	}{{g.Excellent, GradeExcellent}, {g.Pass, GradePass}, {g.BasicPass, GradeBasicPass}} {
		if total.Cmp(t.min.Rat()) >= 0 {
			return t.grade
		}
	}
	return GradeFail
}

// applyQuota enforces a share of 优秀, if set: at most floor(share × rated
// departments) keep it, in the order given (best first); the rest get 合格.
func applyQuota(q *Decimal, ranked []*DepartmentResult) {
	if q == nil {
		return
	}
	allowed := new(big.Rat).Mul(q.Rat(), big.NewRat(int64(len(ranked)), 1))
	keep := int(new(big.Int).Quo(allowed.Num(), allowed.Denom()).Int64())
	for _, d := range ranked {
		if d.Grade != GradeExcellent {
			continue
		}
		if keep > 0 {
			keep--
			continue
		}
		d.Grade, d.Capped, d.CapReason = GradePass, true, CapQuota
	}
}
