package scoring

// Text is a sentence for people, named by a catalog key (package i18n) and
// its arguments, not yet worded: scoring knows no language, and the handler
// words it in the reader's. An argument may itself be a Text (a period
// inside a sentence), worded in the same language.
type Text struct {
	Key  string
	Args []any
}

// Keyed gives the key and arguments to the catalog.
func (t Text) Keyed() (string, []any) { return t.Key, t.Args }

func text(key string, args ...any) Text { return Text{Key: key, Args: args} }

// Message explains the deduction in a full sentence.
func (d Deduction) Message() Text {
	switch d.Kind {
	case DeductSlotUnfilled:
		if d.Period.Kind == PeriodStanding {
			return text("deduct.slot_unfilled.standing", d.Item, d.Title, d.Period.End)
		}
		return text("deduct.slot_unfilled", d.Item, d.Title, d.Period.Text())
	case DeductSlotVoidQuarter:
		if !d.Due.IsZero() {
			return text("deduct.slot_void_quarter.due", d.Item, d.Title, d.slot(), d.due("filed"))
		}
		return text("deduct.slot_void_quarter", d.Item, d.Title, d.slot())
	case DeductPublicationLate:
		return text("deduct.publication_late", d.Title, d.LateDays, d.Due)
	case DeductChannelMissing:
		return text("deduct.channel_missing", d.Channel, d.Item)
	case DeductWebsiteWeekThin:
		return text("deduct.website_week_thin", d.Period.Start, d.Period.End, d.Channel, d.Count, d.Required)
	case DeductRequestLate:
		return text("deduct.request_late", d.Title, d.LateDays, d.Due)
	case DeductRequestOverdueOpen:
		if d.dueOnAsOf() {
			return text("deduct.request_overdue_open.as_of", d.Title, d.due("answered"))
		}
		return text("deduct.request_overdue_open", d.Title, d.LateDays, d.Due)
	case DeductOverturned:
		return text("deduct.overturned", d.Title, d.On)
	case DeductComplaintUnreplied:
		return text("deduct.complaint_unreplied", d.Title, d.On)
	case DeductComplaintUnclosed:
		return text("deduct.complaint_unclosed", d.Title, d.On)
	case DeductQuarterlyLate:
		return text("deduct.quarterly_late", d.Period.Text(), d.LateDays, d.Due)
	case DeductQuarterlyMissing:
		return text("deduct.quarterly_missing", d.Period.Text(), d.due("filed"))
	case DeductReviewMissing:
		return text("deduct.review_missing", d.Title, d.On)
	case DeductAnnualLate:
		return text("deduct.annual_late", d.Period.Text(), d.LateDays, d.Due)
	case DeductNothingPublished:
		return text("deduct.nothing_published", d.Period.Text())
	case DeductAnnualMissing:
		return text("deduct.annual_missing", d.Period.Text(), d.due("filed"))
	}
	return d.clockMessage()
}

// slot names a slot inside a sentence: the period for quarterly and
// monthly slots, the cadence for the yearly ones (长期公开, 及时公开).
func (d Deduction) slot() Text {
	switch d.Period.Kind {
	case PeriodStanding:
		return text("deduct.slot.standing")
	case PeriodYear:
		return text("deduct.slot.year")
	}
	return d.Period.Text()
}

// dueOnAsOf reports whether a duty not done was due on the as-of date
// itself: it counts because that day is over at its end.
func (d Deduction) dueOnAsOf() bool { return !d.AsOf.IsZero() && d.Due == d.AsOf }

// due words when a duty not done (filed, answered, forwarded, reviewed)
// was due, "（应于 2025-03-31 前答复）", and, when that was the as-of date,
// that the day is over.
func (d Deduction) due(duty string) Text {
	if d.dueOnAsOf() {
		return text("deduct.due_as_of."+duty, d.Due)
	}
	return text("deduct.due."+duty, d.Due)
}
