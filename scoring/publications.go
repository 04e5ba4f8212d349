package scoring

import "math/big"

// coverage scores A1: points × filled slots / slots, pending slots aside.
func coverage(d *deptRun, points *big.Rat) []Deduction {
	var t tally
	for _, s := range d.slots {
		switch {
		case d.in.Monitoring && !SlotDue(s.Period, d.in.AsOf):
		case s.State == SlotPending:
		case s.State == SlotFilled:
			t.pass()
		default:
			line := Deduction{
				Kind: DeductSlotUnfilled, Record: RecordRef{Kind: RecordItem, Seq: s.Item},
				Item: s.Item, Title: d.in.Items[d.idx.itemOf[s.Item]].Title, Period: s.Period,
			}
			if s.State == SlotVoid {
				line.Kind, line.AsOf = DeductSlotVoidQuarter, d.in.AsOf
				if s.Period.Kind == PeriodQuarter || s.Period.Kind == PeriodMonth {
					line.Due = d.quarterDue[s.Period.Start.Quarter()-1] // the quarterly report's
				}
			}
			t.fail(line)
		}
	}
	return t.deductions(points)
}

// requiredChannel is a channel (公开形式) one of the department's items is
// to be published through, with the first such item for the explanation.
type requiredChannel struct {
	name string
	item int
}

// readRequiredChannels collects, in catalog order, the channels of the
// items the department is obligated for.
func (d *deptRun) readRequiredChannels() {
	for _, j := range d.idx.obligated[d.i] {
		it := &d.in.Items[j]
		for _, ch := range it.Channels {
			if !d.requires(ch) {
				d.required = append(d.required, requiredChannel{ch, it.Seq})
			}
		}
	}
}

func (d *deptRun) requires(channel string) bool {
	for _, rc := range d.required {
		if rc.name == channel {
			return true
		}
	}
	return false
}

// channels scores A3: points × required channels used in the year /
// required channels; in a monitoring run, of the channels asked by an item
// with a slot due (channelDue).
func channels(d *deptRun, points *big.Rat) []Deduction {
	used := make([]bool, len(d.required))
	for _, k := range d.idx.pubs.of(d.i) {
		p := &d.in.Publications[k]
		if !d.inYear(p.Published) {
			continue
		}
		for c, rc := range d.required {
			if rc.name == p.Channel {
				used[c] = true
				break
			}
		}
	}
	var t tally
	for c, rc := range d.required {
		if d.in.Monitoring && !d.channelDue(rc.name) {
			continue
		}
		if used[c] {
			t.pass()
			continue
		}
		t.fail(Deduction{Kind: DeductChannelMissing, Channel: rc.name, Item: rc.item, Period: d.year})
	}
	return t.deductions(points)
}

// websiteWeeks returns the first Monday of the weeks A4 counts in year, the
// Monday-to-Sunday weeks whose Monday falls in the year, and how many there
// are. The last of them may run into January of the next year.
func websiteWeeks(year int) (first Date, weeks int) {
	start, end := YearSpan(year)
	first = start + Date((8-int(start.Weekday()))%7)
	return first, int(end-first)/7 + 1
}

// LastWebsiteDay is the last day of the last week A4 counts in year: a
// Sunday, up to 6 January of the next year. Publications dated up to it
// are read for A4; every other rule reads only the days of the year.
func LastWebsiteDay(year int) Date {
	first, weeks := websiteWeeks(year)
	return first + Date(7*weeks) - 1
}

// websiteCadence scores A4 for departments obligated for an item published
// on the website: points × good weeks / weeks, over the Monday-to-Sunday
// weeks whose Monday falls in the year. A good week has enough website
// publications dated on any of its seven days, including, for the last
// week, days of the next year. A week still running at the as-of date
// counts once it is good, and is otherwise left aside. With the scheme's
// per-column setting, a department owning columns on the channel is scored
// per column instead (columnWeeks).
func websiteCadence(d *deptRun, points *big.Rat) []Deduction {
	web := d.in.Scheme.Params.Website
	if web.PerColumn {
		if columns := d.websiteColumns(); len(columns) > 0 {
			return columnWeeks(d, columns, points)
		}
	}
	if !d.requires(web.Channel) {
		return nil
	}
	first, weeks := websiteWeeks(d.in.Year)
	counts := make([]int, weeks)
	for _, k := range d.idx.pubs.of(d.i) {
		p := &d.in.Publications[k]
		if p.Channel != web.Channel || !d.happened(p.Published) || p.Published < first {
			continue
		}
		if w := int(p.Published-first) / 7; w < weeks {
			counts[w]++
		}
	}
	var t tally
	for w, n := range counts {
		week := weekPeriod(first + Date(7*w))
		switch {
		case n >= web.MinPerWeek:
			t.pass()
		case !d.over(week.End):
		default:
			t.fail(Deduction{Kind: DeductWebsiteWeekThin, Period: week, Channel: web.Channel, Count: n, Required: web.MinPerWeek})
		}
	}
	return t.deductions(points)
}

// timeliness scores A2: points × on time / counted, over the publications
// of the year with a formed date; on time is published ≤ due(formed, limit).
func timeliness(d *deptRun, points *big.Rat) []Deduction {
	limit := d.in.Scheme.TimeLimits.Publication
	var t tally
	for _, k := range d.idx.pubs.of(d.i) {
		p := &d.in.Publications[k]
		if !d.inYear(p.Published) || p.Formed.IsZero() {
			continue
		}
		due := d.clock.due(p.Formed, limit)
		if p.Published <= due {
			t.pass()
			continue
		}
		t.fail(Deduction{
			Kind: DeductPublicationLate, Record: RecordRef{Kind: RecordPublication, ID: p.ID},
			Item: p.Seq, Title: p.Title, On: p.Published,
			Due: due, Done: p.Published, LateDays: d.clock.late(due, p.Published),
		})
	}
	return t.deductions(points)
}

// reviewApproved is the secrecy review decision (保密审查意见) that clears
// a publication.
const reviewApproved = OpinionPublish

// secrecyReview scores D2: points × reviewed / publications of the year;
// reviewed means a 公开 decision dated on or before the publication.
func secrecyReview(d *deptRun, points *big.Rat) []Deduction {
	var t tally
	for _, k := range d.idx.pubs.of(d.i) {
		p := &d.in.Publications[k]
		if !d.inYear(p.Published) {
			continue
		}
		if p.Review == reviewApproved && !p.ReviewDate.IsZero() && p.ReviewDate <= p.Published {
			t.pass()
			continue
		}
		t.fail(Deduction{
			Kind: DeductReviewMissing, Record: RecordRef{Kind: RecordPublication, ID: p.ID},
			Item: p.Seq, Title: p.Title, On: p.Published,
		})
	}
	return t.deductions(points)
}
