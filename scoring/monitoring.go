package scoring

import "slices"

// A monitoring run (季度监测, Input.Monitoring) scores a period inside a
// year, at a cut-off before 31 December, with the rules of the assessment
// and one more: only what was due by the cut-off counts. A slot is due once
// its period has ended (SlotDue); the slots not yet due are set aside,
// filled or not, and named (DepartmentResult.NotDue, NotDueTexts), so that
// a unit scores neither a loss nor a credit for what it still has time to
// do. The channels A3 asks for are those of the items with a slot due;
// A4's weeks are those ended, as at year end.
// Requests, reports and weeks already count only once due (deadline,
// filing, A4's weeks), in either mode. A monitoring run never feeds the
// assessment: the caller stores it apart from the year's score runs.

// SlotDue reports whether a slot of period p is due at the cut-off asOf:
// its period has ended by the end of that day. The schemes give no grace
// for publishing an item after its period (the quarterly report's due
// date is D1's, and voids a quarter, not a slot), so at 30 September the
// third quarter's slots and September's are due, the fourth quarter's, the
// year's (及时公开) and the standing ones (长期公开, due by 31 December)
// are not.
func SlotDue(p Period, asOf Date) bool { return p.End <= asOf }

// hasDueSlot reports whether the department has a slot of item seq due at
// the cut-off.
func (d *deptRun) hasDueSlot(seq int) bool {
	for _, s := range d.slots {
		if s.Item == seq && SlotDue(s.Period, d.in.AsOf) {
			return true
		}
	}
	return false
}

// channelDue reports whether an item the department is obligated for and
// has a slot due asks for channel.
func (d *deptRun) channelDue(channel string) bool {
	for _, j := range d.idx.obligated[d.i] {
		if it := &d.in.Items[j]; slices.Contains(it.Channels, channel) && d.hasDueSlot(it.Seq) {
			return true
		}
	}
	return false
}

// notDue lists the department's slots not yet due at the cut-off.
func (d *deptRun) notDue() []SlotResult {
	var out []SlotResult
	for _, s := range d.slots {
		if !SlotDue(s.Period, d.in.AsOf) {
			out = append(out, s)
		}
	}
	return out
}

// NotDueTexts says in words what a monitoring run set aside for a
// department: one sentence for each period of its slots not yet due, in
// the order they come, e.g. "及时公开事项2项（2026年度）尚未到期，本次不计".
func (r DepartmentResult) NotDueTexts() []Text {
	var periods []Period
	counts := map[Period]int{}
	for _, s := range r.NotDue {
		if counts[s.Period] == 0 {
			periods = append(periods, s.Period)
		}
		counts[s.Period]++
	}
	out := make([]Text, len(periods))
	for k, p := range periods {
		switch p.Kind {
		case PeriodStanding:
			out[k] = text("monitor.not_due.standing", counts[p], p.End)
		case PeriodYear:
			out[k] = text("monitor.not_due.year", counts[p], p.Text())
		default:
			out[k] = text("monitor.not_due.period", p.Text(), counts[p])
		}
	}
	return out
}
