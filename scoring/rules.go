package scoring

import (
	"math/big"
	"slices"
)

// rule scores one indicator for one department: it returns the lines of
// points lost, out of the indicator's points.
type rule func(d *deptRun, points *big.Rat) []Deduction

// rules maps each indicator code of docs/SCHEMES.md to its rule.
var rules = map[string]rule{
	"A1": coverage,
	"A2": timeliness,
	"A3": channels,
	"A4": websiteCadence,
	"B1": requestsOnTime,
	"B2": overturned,
	"C1": complaintsReplied,
	"C2": complaintsClosed,
	"D1": quarterlyReports,
	"D2": secrecyReview,
	"D3": annualReport,
	// Optional: a scheme copy may add them (clock_rules.go); the default
	// schemes do not.
	"A5": pressMonths,
	"B3": forwardingOnTime,
	"D4": reviewsOnTime,
	"D5": coordinationAnswered,
	"A6": columnUpkeep,
}

// optional are the indicators a scheme may leave out.
var optional = map[string]bool{"A5": true, "B3": true, "D4": true, "D5": true, "A6": true}

// ruleCodes returns the known indicator codes, sorted.
func ruleCodes() []string {
	codes := make([]string, 0, len(rules))
	for code := range rules {
		codes = append(codes, code)
	}
	slices.Sort(codes)
	return codes
}

// tally scores the indicators of the form points × good / counted: each
// line that is not good loses an equal share, points / counted, so the
// shares add up exactly to what was lost. Nothing counted loses nothing.
type tally struct {
	counted int
	lost    []Deduction
}

func (t *tally) pass() { t.counted++ }

func (t *tally) fail(d Deduction) {
	t.counted++
	t.lost = append(t.lost, d)
}

// deadline tallies a thing due on line.Due and done on done (zero while
// not done): done by then passes; done later fails as lateKind; not done
// and past due at the as-of date fails as openKind; not done and not yet
// due is not counted. late counts how late, in the clock's own days.
func (d *deptRun) deadline(t *tally, line Deduction, done Date, lateKind, openKind DeductionKind, late func(due, done Date) int) {
	switch {
	case d.happened(done) && done <= line.Due:
		t.pass()
	case d.happened(done):
		line.Kind, line.Done, line.LateDays = lateKind, done, late(line.Due, done)
		t.fail(line)
	case d.over(line.Due):
		line.Kind, line.LateDays, line.AsOf = openKind, late(line.Due, d.in.AsOf), d.in.AsOf
		t.fail(line)
	}
}

// daysLate counts lateness in calendar days, for due dates that are
// calendar dates.
func daysLate(due, done Date) int { return int(done - due) }

func (t *tally) deductions(points *big.Rat) []Deduction {
	if len(t.lost) == 0 {
		return nil
	}
	share := new(big.Rat).Quo(points, big.NewRat(int64(t.counted), 1))
	for k := range t.lost {
		t.lost[k].Points = new(big.Rat).Set(share)
	}
	return t.lost
}
