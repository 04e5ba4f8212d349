package scoring

import "fmt"

// Message explains the deduction in a full sentence, in Chinese by default
// or in English when lang is "en".
func (d Deduction) Message(lang string) string {
	if lang == "en" {
		return d.english()
	}
	return d.chinese()
}

func (d Deduction) chinese() string {
	switch d.Kind {
	case DeductSlotUnfilled:
		if d.Period.Kind == PeriodStanding {
			return fmt.Sprintf("第%d项“%s”（长期公开）截至 %s 无公开记录", d.Item, d.Title, d.Period.End)
		}
		return fmt.Sprintf("第%d项“%s”%s无公开记录", d.Item, d.Title, d.Period.Label("zh"))
	case DeductSlotVoidQuarter:
		if !d.Due.IsZero() {
			return fmt.Sprintf("第%d项“%s”%s无有效公开记录：所在季度未报送季度报表%s，视为当季无公开", d.Item, d.Title, d.slotZH(), d.dueZH("报送"))
		}
		return fmt.Sprintf("第%d项“%s”%s无有效公开记录：所在季度未报送季度报表，视为当季无公开", d.Item, d.Title, d.slotZH())
	case DeductPublicationLate:
		return fmt.Sprintf("《%s》迟发 %d 个工作日（应于 %s 前公开）", d.Title, d.LateDays, d.Due)
	case DeductChannelMissing:
		return fmt.Sprintf("本年度未通过“%s”公开信息，而第%d项要求该公开形式", d.Channel, d.Item)
	case DeductWebsiteWeekThin:
		return fmt.Sprintf("%s这一周%s公开 %d 条，少于 %d 条", d.Period.Label("zh"), d.Channel, d.Count, d.Required)
	case DeductRequestLate:
		return fmt.Sprintf("依申请公开 %s 迟复 %d 个工作日（应于 %s 前答复）", d.Title, d.LateDays, d.Due)
	case DeductRequestOverdueOpen:
		if d.dueOnAsOf() {
			return fmt.Sprintf("依申请公开 %s 逾期未答复%s", d.Title, d.dueZH("答复"))
		}
		return fmt.Sprintf("依申请公开 %s 逾期未答复，已超期 %d 个工作日（应于 %s 前答复）", d.Title, d.LateDays, d.Due)
	case DeductOverturned:
		return fmt.Sprintf("依申请公开 %s 于 %s 被依法纠错", d.Title, d.On)
	case DeductComplaintUnreplied:
		return fmt.Sprintf("投诉咨询 %s（%s 受理）未回复", d.Title, d.On)
	case DeductComplaintUnclosed:
		return fmt.Sprintf("投诉咨询 %s（%s 受理）未办结", d.Title, d.On)
	case DeductQuarterlyLate:
		return fmt.Sprintf("%s报表迟报 %d 天（应于 %s 前报送）", d.Period.Label("zh"), d.LateDays, d.Due)
	case DeductQuarterlyMissing:
		return fmt.Sprintf("%s报表未报送%s", d.Period.Label("zh"), d.dueZH("报送"))
	case DeductReviewMissing:
		return fmt.Sprintf("《%s》（%s 公开）公开前未经保密审查同意公开", d.Title, d.On)
	case DeductAnnualLate:
		return fmt.Sprintf("%s报告迟报 %d 天（应于 %s 前报送）", d.Period.Label("zh"), d.LateDays, d.Due)
	case DeductNothingPublished:
		return fmt.Sprintf("%s有应公开事项，但全年无任何公开记录，本项不得分", d.Period.Label("zh"))
	case DeductAnnualMissing:
		return fmt.Sprintf("%s报告未报送%s", d.Period.Label("zh"), d.dueZH("报送"))
	}
	return d.clockMessage(false)
}

func (d Deduction) english() string {
	switch d.Kind {
	case DeductSlotUnfilled:
		if d.Period.Kind == PeriodStanding {
			return fmt.Sprintf("Item %d “%s” (standing): no publication by %s", d.Item, d.Title, d.Period.End)
		}
		return fmt.Sprintf("Item %d “%s”: no publication in %s", d.Item, d.Title, d.Period.Label("en"))
	case DeductSlotVoidQuarter:
		if !d.Due.IsZero() {
			return fmt.Sprintf("Item %d “%s”, %s: no valid publication, because the quarterly report of its quarter was not filed %s", d.Item, d.Title, d.Period.Label("en"), d.dueEN())
		}
		return fmt.Sprintf("Item %d “%s”, %s: no valid publication, because the quarterly report of its quarter was not filed", d.Item, d.Title, d.Period.Label("en"))
	case DeductPublicationLate:
		return fmt.Sprintf("“%s” published %d working days late (due by %s)", d.Title, d.LateDays, d.Due)
	case DeductChannelMissing:
		return fmt.Sprintf("Nothing published through %s this year, though item %d requires that channel", d.Channel, d.Item)
	case DeductWebsiteWeekThin:
		return fmt.Sprintf("Week %s–%s: %d publications on %s, fewer than %d", d.Period.Start, d.Period.End, d.Count, d.Channel, d.Required)
	case DeductRequestLate:
		return fmt.Sprintf("Request %s answered %d working days late (due by %s)", d.Title, d.LateDays, d.Due)
	case DeductRequestOverdueOpen:
		if d.dueOnAsOf() {
			return fmt.Sprintf("Request %s unanswered %s", d.Title, d.dueEN())
		}
		return fmt.Sprintf("Request %s unanswered, %d working days past due (due by %s)", d.Title, d.LateDays, d.Due)
	case DeductOverturned:
		return fmt.Sprintf("Request %s: the act was overturned on %s", d.Title, d.On)
	case DeductComplaintUnreplied:
		return fmt.Sprintf("Complaint %s (received %s) not replied to", d.Title, d.On)
	case DeductComplaintUnclosed:
		return fmt.Sprintf("Complaint %s (received %s) not closed", d.Title, d.On)
	case DeductQuarterlyLate:
		return fmt.Sprintf("Quarterly report for %s filed %d days late (due by %s)", d.Period.Label("en"), d.LateDays, d.Due)
	case DeductQuarterlyMissing:
		return fmt.Sprintf("Quarterly report for %s not filed %s", d.Period.Label("en"), d.dueEN())
	case DeductReviewMissing:
		return fmt.Sprintf("“%s” (published %s) had no secrecy review approving it before publication", d.Title, d.On)
	case DeductAnnualLate:
		return fmt.Sprintf("Annual report for %s filed %d days late (due by %s)", d.Period.Label("en"), d.LateDays, d.Due)
	case DeductNothingPublished:
		return fmt.Sprintf("%s: items to publish, but nothing published all year; no points", d.Period.Label("en"))
	case DeductAnnualMissing:
		return fmt.Sprintf("Annual report for %s not filed %s", d.Period.Label("en"), d.dueEN())
	}
	return d.clockMessage(true)
}

// slotZH names a slot inside a Chinese sentence: the period for quarterly
// and monthly slots, the cadence for the yearly ones.
func (d Deduction) slotZH() string {
	switch d.Period.Kind {
	case PeriodStanding:
		return "（长期公开）"
	case PeriodYear:
		return "（及时公开）"
	}
	return d.Period.Label("zh")
}

// dueOnAsOf reports whether a duty not done was due on the as-of date
// itself: it counts because that day is over at its end.
func (d Deduction) dueOnAsOf() bool { return !d.AsOf.IsZero() && d.Due == d.AsOf }

// dueZH words when a duty not done was due, e.g. "（应于 2025-03-31 前答复）",
// and, when that was the as-of date, that the day is over.
func (d Deduction) dueZH(verb string) string {
	if d.dueOnAsOf() {
		return fmt.Sprintf("（应于 %s 前%s；该日即截至日期，当日已结束仍未%s）", d.Due, verb, verb)
	}
	return fmt.Sprintf("（应于 %s 前%s）", d.Due, verb)
}

// dueEN is dueZH in English.
func (d Deduction) dueEN() string {
	if d.dueOnAsOf() {
		return fmt.Sprintf("(due by %s, the as-of date: that day is over at its end, and it was not done by then)", d.Due)
	}
	return fmt.Sprintf("(due by %s)", d.Due)
}
