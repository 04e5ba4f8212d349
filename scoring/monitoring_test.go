package scoring

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// At a cut-off of 30 September 2026 a slot is due once its period has
// ended by the end of that day; the schemes give no grace after a period.
// Each period of 2026 worked out by hand.
func TestSlotDueAtTheEndOfTheThirdQuarter(t *testing.T) {
	t.Parallel()
	cut := day("2026-09-30")
	for _, c := range []struct {
		period Period
		due    bool
		why    string
	}{
		{quarterPeriod(2026, 1), true, "Q1 ended 31 March"},
		{quarterPeriod(2026, 2), true, "Q2 ended 30 June"},
		{quarterPeriod(2026, 3), true, "Q3 ends 30 September, the cut-off, which is over at its end"},
		{quarterPeriod(2026, 4), false, "Q4 runs to 31 December"},
		{monthPeriod(2026, time.January), true, "January ended 31 January"},
		{monthPeriod(2026, time.August), true, "August ended 31 August"},
		{monthPeriod(2026, time.September), true, "September ends on the cut-off"},
		{monthPeriod(2026, time.October), false, "October starts the day after"},
		{monthPeriod(2026, time.December), false, "December is three months away"},
		{yearPeriod(2026), false, "a 及时公开 slot's period is the year, to 31 December"},
		{standingPeriod(2026), false, "a 长期公开 slot is due by 31 December"},
	} {
		if got := SlotDue(c.period, cut); got != c.due {
			t.Errorf("%s (%s): due %v, want %v", inZH(c.period.Text()), c.why, got, c.due)
		}
	}
	// The day before, the third quarter and September are still running.
	if SlotDue(quarterPeriod(2026, 3), day("2026-09-29")) || SlotDue(monthPeriod(2026, time.September), day("2026-09-29")) {
		t.Error("Q3 and September are due on 29 September")
	}
}

// monitoredInput is one unit in 2026 leading five items, scored at 30
// September:
//
//	1 每季度 (网站): published in Q1 and Q2, nothing in Q3
//	2 每月 (网站): published January to August, nothing in September
//	3 及时公开 (微博): nothing
//	4 长期公开 (网站): nothing
//	5 及时公开 (网站): published 15 March
//
// and filing the quarterly reports of Q1 to Q3 on time (due 03-20,
// 06-20, 09-20 in default-1), so that no quarter is void.
func monitoredInput(t *testing.T, monitoring bool) Input {
	const u uint = 1
	in := Input{
		Year: 2026, AsOf: day("2026-09-30"), Monitoring: monitoring,
		Scheme: defaultScheme(t), Calendar: calendar(t),
		Departments: []Department{{u, "U", "城南派出所"}},
		Items: []Item{
			{Seq: 1, Title: "季度事项", Channels: []string{"网站"}, Cadence: "每季度", Leads: []string{"U"}},
			{Seq: 2, Title: "月度事项", Channels: []string{"网站"}, Cadence: "每月", Leads: []string{"U"}},
			{Seq: 3, Title: "及时事项", Channels: []string{"微博"}, Cadence: "及时公开", Leads: []string{"U"}},
			{Seq: 4, Title: "长期事项", Channels: []string{"网站"}, Cadence: "长期公开", Leads: []string{"U"}},
			{Seq: 5, Title: "已发及时事项", Channels: []string{"网站"}, Cadence: "及时公开", Leads: []string{"U"}},
		},
	}
	publish(&in, u, 1, "网站", day("2026-02-04"))
	publish(&in, u, 1, "网站", day("2026-05-06"))
	for m := time.January; m <= time.August; m++ {
		publish(&in, u, 2, "网站", NewDate(2026, m, 12))
	}
	publish(&in, u, 5, "网站", day("2026-03-15"))
	for q, due := range []string{"2026-03-20", "2026-06-20", "2026-09-20"} {
		in.QuarterlyReports = append(in.QuarterlyReports, QuarterlyReport{ID: uint(q + 1), Dept: u, Year: 2026, Quarter: q + 1, Submitted: day(due)})
	}
	return in
}

// A monitoring run at 30 September counts the slots due by then (Q1–Q3,
// January–September: 12, of which 10 filled) and sets aside the rest (Q4,
// October–December, the two 及时 slots and the 长期 one: 7), naming them;
// A1 = 20 × 10/12. Scored as the year so far without monitoring, the
// 及时 slot filled in March would count as a 13th slot (20 × 11/13) and
// 微博, asked only by a slot not yet due, would be missing from A3.
func TestMonitoringCountsWhatWasDue(t *testing.T) {
	t.Parallel()
	res := mustScore(t, monitoredInput(t, true))
	if got := indicator(t, res, 1, "A1").Score; got.Cmp(rat("50/3")) != 0 {
		t.Errorf("monitoring A1 = %s, want 50/3 (20 × 10/12)", got.RatString())
	}
	var missed []string
	for _, ded := range indicator(t, res, 1, "A1").Deductions {
		missed = append(missed, inZH(ded.Message()))
	}
	if want := []string{"第1项“季度事项”2026年第3季度无公开记录", "第2项“月度事项”2026年9月无公开记录"}; !slices.Equal(missed, want) {
		t.Errorf("missed %q, want %q", missed, want)
	}
	if got := indicator(t, res, 1, "A3").Score; got.Cmp(rat("5")) != 0 {
		t.Errorf("monitoring A3 = %s, want 5: 微博 is asked by a slot not yet due", got.RatString())
	}
	for _, code := range []string{"D1", "D3"} {
		if ind := indicator(t, res, 1, code); len(ind.Deductions) > 0 {
			t.Errorf("%s lost %v: the reports due by 30 September were filed, the annual one is due next year", code, ind.Deductions)
		}
	}
	d := dept(t, res, 1)
	if len(d.NotDue) != 7 {
		t.Errorf("%d slots set aside, want 7: %+v", len(d.NotDue), d.NotDue)
	}
	var words []string
	for _, x := range d.NotDueTexts() {
		words = append(words, inZH(x))
	}
	want := []string{
		"2026年第4季度的公开事项1项尚未到期，本次不计",
		"2026年10月的公开事项1项尚未到期，本次不计",
		"2026年11月的公开事项1项尚未到期，本次不计",
		"2026年12月的公开事项1项尚未到期，本次不计",
		"及时公开事项2项（2026年度）尚未到期，本次不计",
		"长期公开事项1项应于 2026-12-31 前公开，尚未到期，本次不计",
	}
	if !slices.Equal(words, want) {
		t.Errorf("set aside:\n%s\nwant\n%s", strings.Join(words, "\n"), strings.Join(want, "\n"))
	}

	year := mustScore(t, monitoredInput(t, false))
	if got := indicator(t, year, 1, "A1").Score; got.Cmp(rat("220/13")) != 0 {
		t.Errorf("year-so-far A1 = %s, want 220/13 (20 × 11/13)", got.RatString())
	}
	if got := indicator(t, year, 1, "A3").Score; got.Cmp(rat("5/2")) != 0 {
		t.Errorf("year-so-far A3 = %s, want 5/2 (微博 missing)", got.RatString())
	}
	if len(dept(t, year, 1).NotDue) != 0 {
		t.Error("a run that is not monitoring names slots set aside")
	}
}

// A monitoring run's cut-off lies in its year: after 31 December it is the
// assessment's.
func TestMonitoringCutOffInTheYear(t *testing.T) {
	t.Parallel()
	in := monitoredInput(t, true)
	in.AsOf = day("2027-01-05")
	if _, err := Score(in); err == nil || !strings.Contains(err.Error(), "年度考核") {
		t.Errorf("cut-off after the year: %v", err)
	}
}
