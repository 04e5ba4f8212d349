package scoring

import "math/big"

// readQuarterlyReports finds the department's earliest filed report for
// each quarter of the year and which quarters are void. Only departments
// that lead an item file them (seed 000 §7(4)); for them a quarter is void
// once its due date is over at the as-of date (the as-of date itself
// included, see over) with no report filed. A quarter whose report is not
// yet due is not void: there is still time.
func (d *deptRun) readQuarterlyReports() {
	for _, k := range d.idx.quarterly.of(d.i) {
		rep := &d.in.QuarterlyReports[k]
		if rep.Year != d.in.Year || rep.Quarter < 1 || rep.Quarter > 4 || !d.happened(rep.Submitted) {
			continue
		}
		if prev := d.quarterly[rep.Quarter-1]; prev == nil || rep.Submitted < prev.Submitted {
			d.quarterly[rep.Quarter-1] = rep
		}
	}
	if !d.idx.leads[d.i] {
		return
	}
	for q := range d.void {
		d.void[q] = d.quarterly[q] == nil && d.over(d.quarterDue[q])
	}
}

// quarterlyReports scores D1 for departments that lead an item: each
// quarter gives the on-time points when its report is filed by its due date,
// the late points when filed later, the missing points when never filed.
// Others get the full points.
func quarterlyReports(d *deptRun, points *big.Rat) []Deduction {
	if !d.idx.leads[d.i] {
		return nil
	}
	var lost []Deduction
	for q, rep := range d.quarterly {
		line := Deduction{Period: quarterPeriod(d.in.Year, q+1), Due: d.quarterDue[q]}
		var submitted Date
		if rep != nil {
			line.Record, submitted = RecordRef{Kind: RecordQuarterlyReport, ID: rep.ID}, rep.Submitted
		}
		lost = append(lost, d.filing(line, submitted, d.in.Scheme.Params.Quarterly.scores(), DeductQuarterlyLate, DeductQuarterlyMissing)...)
	}
	return lost
}

// annualReport scores D3 for every department: the on-time points when the
// year's report is filed by the due date in the next January, the late
// points when later, the missing points when never.
func annualReport(d *deptRun, points *big.Rat) []Deduction {
	line := Deduction{Period: yearPeriod(d.in.Year), Due: d.annualDue}
	var first *AnnualReport
	for _, k := range d.idx.annual.of(d.i) {
		rep := &d.in.AnnualReports[k]
		if rep.Year == d.in.Year && d.happened(rep.Submitted) && (first == nil || rep.Submitted < first.Submitted) {
			first = rep
		}
	}
	var submitted Date
	if first != nil {
		line.Record, submitted = RecordRef{Kind: RecordAnnualReport, ID: first.ID}, first.Submitted
	}
	return d.filing(line, submitted, d.in.Scheme.Params.AnnualReport.scores(), DeductAnnualLate, DeductAnnualMissing)
}

// punctuality holds the points of a report filed on time, late, or never.
type punctuality struct{ onTime, late, missing Decimal }

func (p QuarterlyParams) scores() punctuality    { return punctuality{p.OnTime, p.Late, p.Missing} }
func (p AnnualReportParams) scores() punctuality { return punctuality{p.OnTime, p.Late, p.Missing} }

// filing charges a report due on line.Due and filed on submitted (zero if
// not filed by the as-of date): nothing when on time or not yet due, the
// difference to the on-time points otherwise.
func (d *deptRun) filing(line Deduction, submitted Date, p punctuality, lateKind, missingKind DeductionKind) []Deduction {
	switch {
	case !submitted.IsZero() && submitted <= line.Due:
		return nil
	case !submitted.IsZero():
		line.Kind, line.Done, line.LateDays = lateKind, submitted, daysLate(line.Due, submitted)
		line.Points = new(big.Rat).Sub(p.onTime.Rat(), p.late.Rat())
	case d.over(line.Due):
		line.Kind, line.AsOf = missingKind, d.in.AsOf
		line.Points = new(big.Rat).Sub(p.onTime.Rat(), p.missing.Rat())
	default:
		return nil
	}
	return []Deduction{line}
}
