package scoring

import (
	"cmp"
	"math/big"
	"slices"
)

// grade sets the department's grade: a veto incident fails it whatever
// its total; otherwise the total decides, and a capping accountability
// decision holds 优秀 down to 合格.
func (d *deptRun) grade(res *DepartmentResult) {
	s := d.in.Scheme
	for _, k := range d.idx.incidents.of(d.i) {
		e := &d.in.Incidents[k]
		if d.inYear(e.Date) && slices.Contains(s.VetoIncidents, e.Kind) {
			res.VetoIncidents = append(res.VetoIncidents, e.ID)
		}
	}
	for _, k := range d.idx.decisions.of(d.i) {
		dec := &d.in.Decisions[k]
		caps := slices.ContainsFunc(dec.Sanctions, func(x string) bool { return slices.Contains(s.CappingSanctions, x) })
		if caps && d.inYear(dec.Decided) {
			res.CapDecisions = append(res.CapDecisions, dec.ID)
		}
	}

	res.Veto = len(res.VetoIncidents) > 0
	res.Grade = d.gradeOf(res.Total)
	switch {
	case res.Veto:
		res.Grade = GradeFail
	case res.Grade == GradeExcellent && len(res.CapDecisions) > 0:
		res.Grade, res.Capped, res.CapReason = GradePass, true, CapDecision
	}
}

// gradeOf grades an unrounded total by the scheme's thresholds.
func (r *run) gradeOf(total *big.Rat) Grade {
	for k, g := range []Grade{GradeExcellent, GradePass, GradeBasicPass} {
		if total.Cmp(r.thresholds[k]) >= 0 {
			return g
		}
	}
	return GradeFail
}

// applyQuota enforces the scheme's share of 优秀, if any: at most
// floor(share × departments) keep it, best totals first, ties by name
// (Unicode order) and then ID; the rest get 合格.
func (r *run) applyQuota(results []DepartmentResult) {
	q := r.in.Scheme.ExcellentQuota
	if q == nil {
		return
	}
	allowed := new(big.Rat).Mul(q.Rat(), big.NewRat(int64(len(results)), 1))
	keep := int(new(big.Int).Quo(allowed.Num(), allowed.Denom()).Int64())

	var excellent []*DepartmentResult
	for k := range results {
		if results[k].Grade == GradeExcellent {
			excellent = append(excellent, &results[k])
		}
	}
	if len(excellent) <= keep {
		return
	}
	slices.SortFunc(excellent, func(a, b *DepartmentResult) int {
		if c := b.Total.Cmp(a.Total); c != 0 {
			return c
		}
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.Dept, b.Dept))
	})
	for _, res := range excellent[keep:] {
		res.Grade, res.Capped, res.CapReason = GradePass, true, CapQuota
	}
}
