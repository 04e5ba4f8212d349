package scoring

import (
	"fmt"
	"math/big"
	"slices"
	"strings"
	"time"
)

// The optional indicators: a scheme copy may add any of them, with points
// taken from the others so that the sum stays 100. docs/SCHEMES.md
// (Optional indicators) words them for the office:
//
//	A5 press-conference months covered: only for the departments the scheme
//	   names (params.A5.departments): points × months with at least
//	   min_per_month press conferences / months of Y, a month still running
//	   at the as-of date left aside until it is covered (others: full points).
//	B3 forwarding on time: over online requests (申请方式 网络) received in Y,
//	   on time when forwarded ≤ received + time_limits.forwarding calendar
//	   days (seed 004's 3 when unset); not forwarded and past due: late; not
//	   forwarded and not yet due: not counted (none: full points).
//	D4 secrecy review on time: over the department's secrecy reviews
//	   requested in Y, on time when decided ≤ due(requested,
//	   time_limits.secrecy_review); undecided and past due: late; undecided
//	   and not yet due: not counted (none: full points).
//	D5 coordination answered on time: over the coordinations sent in Y to
//	   the department as the one asked, answered when it replied ≤
//	   due(sent, time_limits.coordination); no reply by then counts as
//	   consent (视为同意) and is not answered on time; no reply and not yet
//	   due: not counted (none: full points).

// The deductions of the optional indicators.
const (
	DeductPressMonthMissing  DeductionKind = "press_month_missing"  // A5
	DeductForwardLate        DeductionKind = "forward_late"         // B3: forwarded after the due date
	DeductForwardOverdueOpen DeductionKind = "forward_overdue_open" // B3: not forwarded and past due
	DeductReviewLate         DeductionKind = "review_late"          // D4: decided after the due date
	DeductReviewOverdueOpen  DeductionKind = "review_overdue_open"  // D4: undecided and past due
	DeductCoordinationSilent DeductionKind = "coordination_silent"  // D5: no reply, 视为同意
	DeductCoordinationLate   DeductionKind = "coordination_late"    // D5: replied after the due date, kept as answered
)

// The records the optional indicators point at.
const (
	RecordSecrecyReview   RecordKind = "secrecy_review"
	RecordCoordination    RecordKind = "coordination"
	RecordPressConference RecordKind = "press_conference"
)

// PressParams set A5: the departments expected to hold press conferences
// (names or codes of departments, or group names, as in the catalog) and
// how many a month each must hold.
type PressParams struct {
	Departments []string `json:"departments"`
	MinPerMonth int      `json:"min_per_month"`
}

// reviewDue and coordinationDue are the two working-day clocks, shared by
// the indicators (through the run's clock) and ReviewDue/CoordinationDue.
func reviewDue(c dayCounter, limits TimeLimits, requested Date) Date {
	return c.due(requested, limits.SecrecyReview)
}

func coordinationDue(c dayCounter, limits TimeLimits, sent Date) Date {
	return c.due(sent, limits.Coordination)
}

// pressMonths scores A5.
func pressMonths(d *deptRun, points *big.Rat) []Deduction {
	if !d.idx.pressDepts[d.i] {
		return nil
	}
	least := d.in.Scheme.Params.Press.MinPerMonth
	var held [12]int
	for _, k := range d.idx.press.of(d.i) {
		if p := &d.in.PressConferences[k]; d.inYear(p.Date) {
			held[p.Date.Month()-1]++
		}
	}
	var t tally
	for m, n := range held {
		month := monthPeriod(d.in.Year, time.Month(m+1))
		switch {
		case n >= least:
			t.pass()
		case !d.over(month.End):
		default:
			t.fail(Deduction{Kind: DeductPressMonthMissing, Period: month, Count: n, Required: least})
		}
	}
	return t.deductions(points)
}

// forwardingOnTime scores B3.
func forwardingOnTime(d *deptRun, points *big.Rat) []Deduction {
	limits := d.in.Scheme.TimeLimits
	var t tally
	for _, k := range d.idx.reqs.of(d.i) {
		q := &d.in.Requests[k]
		if !q.Online || !d.inYear(q.Received) {
			continue
		}
		due := ForwardDue(limits, q.Received)
		line := Deduction{Record: RecordRef{Kind: RecordRequest, ID: q.ID}, Title: q.No, On: q.Received, Due: due}
		d.deadline(&t, line, q.Forwarded, DeductForwardLate, DeductForwardOverdueOpen, daysLate)
	}
	return t.deductions(points)
}

// reviewsOnTime scores D4.
func reviewsOnTime(d *deptRun, points *big.Rat) []Deduction {
	limits := d.in.Scheme.TimeLimits
	var t tally
	for _, k := range d.idx.reviews.of(d.i) {
		r := &d.in.SecrecyReviews[k]
		if !d.inYear(r.Requested) {
			continue
		}
		due := reviewDue(d.clock, limits, r.Requested)
		line := Deduction{Record: RecordRef{Kind: RecordSecrecyReview, ID: r.ID}, Title: r.Title, On: r.Requested, Due: due}
		d.deadline(&t, line, r.Decided, DeductReviewLate, DeductReviewOverdueOpen, d.clock.late)
	}
	return t.deductions(points)
}

// coordinationAnswered scores D5 for the department asked.
func coordinationAnswered(d *deptRun, points *big.Rat) []Deduction {
	limits := d.in.Scheme.TimeLimits
	var t tally
	for _, k := range d.idx.coordinations.of(d.i) {
		c := &d.in.Coordinations[k]
		if !d.inYear(c.Sent) {
			continue
		}
		due := coordinationDue(d.clock, limits, c.Sent)
		state, _ := CoordinationStateAtEnd(*c, due, d.in.AsOf)
		switch state {
		case ReplyOnTime:
			t.pass()
		case ReplyConsent, ReplyLate:
			line := Deduction{Kind: DeductCoordinationSilent, Record: RecordRef{Kind: RecordCoordination, ID: c.ID}, Title: c.Subject, On: c.Sent, Due: due}
			if state == ReplyLate {
				line.Kind, line.Done, line.LateDays = DeductCoordinationLate, c.Replied, d.clock.late(due, c.Replied)
			}
			t.fail(line)
		}
	}
	return t.deductions(points)
}

// without drops the records for which drop is true from every department.
func (g byDept) without(drop func(k int32) bool) byDept {
	out := byDept{start: make([]int32, len(g.start)), order: make([]int32, 0, len(g.order))}
	for i := range len(g.start) - 1 {
		for _, k := range g.of(i) {
			if !drop(k) {
				out.order = append(out.order, k)
			}
		}
		out.start[i+1] = int32(len(out.order))
	}
	return out
}

// clockParams checks the settings of the optional indicators a scheme uses.
func (v *validator) clockParams(s *Scheme) {
	t := s.TimeLimits
	if t.Forwarding < 0 {
		v.add("time_limits.forwarding", fmt.Sprintf("网上申请转交时限须不少于 0 日，现为 %d", t.Forwarding))
	}
	if t.Correction != "" && t.Correction != CorrectionPause && t.Correction != CorrectionRestart {
		v.add("time_limits.correction", "补正的计时方式只能是中止计时或重新计算答复期限")
	}
	if _, ok := s.Indicator("D4"); ok && t.SecrecyReview < 1 {
		v.add("time_limits.secrecy_review", "方案使用保密审查按时指标（D4），保密审查时限须不少于 1 个工作日")
	}
	if _, ok := s.Indicator("D5"); ok && t.Coordination < 1 {
		v.add("time_limits.coordination", "方案使用协调按时答复指标（D5），协调时限须不少于 1 个工作日")
	}
	p := s.Params.Press
	if _, ok := s.Indicator("A5"); ok && p == nil {
		v.add("params.A5", "方案使用新闻发布会指标（A5），须在 params.A5 中指定举办新闻发布会的部门和每月至少场次")
	}
	if p == nil {
		return
	}
	if p.MinPerMonth < 1 {
		v.add("params.A5.min_per_month", "新闻发布会每月至少场次（A5）须为正整数")
	}
	if len(p.Departments) == 0 {
		v.add("params.A5.departments", "新闻发布会指标（A5）须至少指定一个部门或分组")
	}
	for i, name := range p.Departments {
		switch {
		case strings.TrimSpace(name) == "":
			v.add(fmt.Sprintf("params.A5.departments[%d]", i), "新闻发布会指标（A5）的部门名称不能为空")
		case slices.Index(p.Departments, name) < i:
			v.add(fmt.Sprintf("params.A5.departments[%d]", i), fmt.Sprintf("新闻发布会指标（A5）的部门“%s”重复出现", name))
		}
	}
}

// clockMessage words the deductions of the optional indicators.
func (d Deduction) clockMessage() Text {
	switch d.Kind {
	case DeductPressMonthMissing:
		return text("deduct.press_month_missing", d.Period.Text(), d.Count, d.Required)
	case DeductForwardLate:
		return text("deduct.forward_late", d.Title, d.LateDays, d.Due)
	case DeductForwardOverdueOpen:
		if d.dueOnAsOf() {
			return text("deduct.forward_overdue_open.as_of", d.Title, d.due("forwarded"))
		}
		return text("deduct.forward_overdue_open", d.Title, d.LateDays, d.Due)
	case DeductReviewLate:
		return text("deduct.review_late", d.Title, d.LateDays, d.Due)
	case DeductReviewOverdueOpen:
		if d.dueOnAsOf() {
			return text("deduct.review_overdue_open.as_of", d.Title, d.due("reviewed"))
		}
		return text("deduct.review_overdue_open", d.Title, d.LateDays, d.Due)
	case DeductCoordinationSilent:
		return text("deduct.coordination_silent", d.Title, d.On, d.Due)
	case DeductCoordinationLate:
		return text("deduct.coordination_late", d.Title, d.LateDays, d.Due)
	}
	return d.columnMessage()
}
