package scoring

import (
	"cmp"
	"math/big"
	"slices"
)

// overturnedOutcome is the reconsideration or litigation outcome that
// corrects the bureau's act (被依法纠错).
const overturnedOutcome = "被依法纠错"

// requestsOnTime scores B1: points × on time / counted, over the requests
// received in the year. A request is due on due(received, limit +
// extension if approved + working days of the consultation and correction
// pauses). Unanswered and past due at the as-of date counts as late;
// unanswered and not yet due is not counted.
func requestsOnTime(d *deptRun, points *big.Rat) []Deduction {
	limits := d.in.Scheme.TimeLimits
	var t tally
	for _, k := range d.idx.reqs.of(d.i) {
		q := &d.in.Requests[k]
		if !d.inYear(q.Received) {
			continue
		}
		due := requestDue(d.clock, limits, q, d.in.AsOf)
		line := Deduction{Record: RecordRef{Kind: RecordRequest, ID: q.ID}, Title: q.No, On: q.Received, Due: due}
		d.deadline(&t, line, q.Answered, DeductRequestLate, DeductRequestOverdueOpen, d.clock.late)
	}
	return t.deductions(points)
}

// dayCounter is what the request clock needs of a calendar: the scoring
// run's clock (which notes calendar gaps) or a plain Calendar.
type dayCounter interface {
	due(d Date, n int) Date
	workingDays(from, to Date) int
}

// requestDue is when a request must be answered: due(received, limit +
// extension if approved + working days of the consultation and correction
// pauses); with a scheme whose correction restarts the clock, once the
// supplement has arrived, due(its arrival, limit + extension + the
// consultation's pause). A correction still awaited stops the clock either
// way.
func requestDue(c dayCounter, limits TimeLimits, q *Request, asOf Date) Date {
	days := limits.Request
	if q.Extended {
		days += limits.Extension
	}
	days += pause(c, q.PauseStart, q.PauseEnd, asOf)
	if limits.Restarts() && !q.CorrectionEnd.IsZero() && q.CorrectionEnd <= asOf {
		// The supplement arrived: the limit runs anew from that day.
		return c.due(q.CorrectionEnd, days)
	}
	days += pause(c, q.CorrectionStart, q.CorrectionEnd, asOf)
	return c.due(q.Received, days)
}

// pause counts the working days of a pause, both ends included. A pause
// not yet started at the as-of date counts nothing; one without an end
// (or ending later) runs through the as-of date, so a request waiting on a
// third party is never overdue while it waits.
func pause(c dayCounter, start, end, asOf Date) int {
	if start.IsZero() || start > asOf {
		return 0
	}
	if end.IsZero() || end > asOf {
		end = asOf
	}
	return c.workingDays(start, end)
}

// RequestDue is when a request must be answered under the scheme's limits,
// as B1 counts it, with pauses measured up to asOf. The dashboards use it for
// deadlines and timeliness, so that they agree with the scores.
func RequestDue(cal *Calendar, limits TimeLimits, q Request, asOf Date) Date {
	return requestDue(calendarDays{cal}, limits, &q, asOf)
}

// calendarDays adapts a Calendar to dayCounter.
type calendarDays struct{ *Calendar }

func (c calendarDays) due(d Date, n int) Date        { return c.Due(d, n) }
func (c calendarDays) workingDays(from, to Date) int { return c.WorkingDays(from, to) }

// overturned scores B2: each request whose act was overturned (被依法纠错)
// in the year loses the scheme's points per case, until nothing is left;
// the earliest outcomes are charged first.
func overturned(d *deptRun, points *big.Rat) []Deduction {
	var cases []*Request
	for _, k := range d.idx.reqs.of(d.i) {
		q := &d.in.Requests[k]
		if q.Outcome == overturnedOutcome && d.inYear(q.OutcomeDate) {
			cases = append(cases, q)
		}
	}
	slices.SortFunc(cases, func(a, b *Request) int {
		return cmp.Or(cmp.Compare(a.OutcomeDate, b.OutcomeDate), cmp.Compare(a.ID, b.ID))
	})
	perCase := d.in.Scheme.Params.Overturned.PerCase.Rat()
	left := new(big.Rat).Set(points)
	lost := make([]Deduction, 0, len(cases))
	for _, q := range cases {
		loss := perCase
		if loss.Cmp(left) > 0 {
			loss = left
		}
		lost = append(lost, Deduction{
			Kind: DeductOverturned, Points: new(big.Rat).Set(loss),
			Record: RecordRef{Kind: RecordRequest, ID: q.ID}, Title: q.No, On: q.OutcomeDate,
		})
		left = new(big.Rat).Sub(left, loss)
	}
	return lost
}
