package scoring

import (
	"encoding/json"
	"testing"
)

// asOf sets the as-of date, after the changes of the case.
func asOf(date string, fs ...func(in *Input)) func(in *Input) {
	return func(in *Input) {
		for _, f := range fs {
			f(in)
		}
		in.AsOf = day(date)
	}
}

// The as-of date is over at the end of that day (SCHEME.md, Terms): a duty
// due on it and not done by then is late or missing; only a duty due after
// it costs nothing yet. Each duty is taken on the day before its due date,
// on its due date, and done on its due date. Figures worked out by hand on
// the fixture of 2024 (default-1).
func TestDutyDueOnTheAsOfDate(t *testing.T) {
	// Received Mon 30 Dec 2024: due(30 Dec, 15) is 21 Jan 2025 (1 January off).
	request := func(answered string) func(in *Input) {
		return func(in *Input) {
			q := Request{Dept: za, No: "R-1", Received: day("2024-12-30")}
			if answered != "" {
				q.Answered = day(answered)
			}
			addRequest(in, q)
		}
	}
	noQ2 := func(dept uint) func(in *Input) { return func(in *Input) { dropQuarterly(in, dept, 2) } }
	noAnnual := func(in *Input) {
		for k := range in.AnnualReports {
			if in.AnnualReports[k].Dept == za {
				in.AnnualReports[k].Submitted = 0
			}
		}
	}
	runIndicatorCases(t, []indicatorCase{
		// B1: the base request on time and R-1.
		{name: "request due the day after the as-of date: not counted", dept: za, code: "B1", score: "20",
			mutate: asOf("2025-01-20", request(""))},
		{
			name: "request due on the as-of date, unanswered: late, 20 × 1/2", dept: za, code: "B1", score: "10",
			mutate: asOf("2025-01-21", request("")),
			kinds:  []DeductionKind{DeductRequestOverdueOpen},
			msg:    "依申请公开 R-1 逾期未答复（应于 2025-01-21 前答复；该日即截至日期，当日已结束仍未答复）",
		},
		{
			name: "request due on the as-of date, answered the day after: late", dept: za, code: "B1", score: "10",
			mutate: asOf("2025-01-21", request("2025-01-22")),
			kinds:  []DeductionKind{DeductRequestOverdueOpen},
		},
		{name: "request answered on its due date, the as-of date: on time", dept: za, code: "B1", score: "20",
			mutate: asOf("2025-01-21", request("2025-01-21"))},

		// D1: the second quarter's report is due 20 June.
		{name: "quarterly report due the day after the as-of date: nothing lost", dept: qb, code: "D1", score: "8",
			mutate: asOf("2024-06-19", noQ2(qb))},
		{
			name: "quarterly report due on the as-of date, not filed: 8 − 2", dept: qb, code: "D1", score: "6",
			mutate: asOf("2024-06-20", noQ2(qb)),
			kinds:  []DeductionKind{DeductQuarterlyMissing},
			msg:    "2024年第2季度报表未报送（应于 2024-06-20 前报送；该日即截至日期，当日已结束仍未报送）",
		},
		{name: "quarterly report filed on its due date, the as-of date", dept: qb, code: "D1", score: "8",
			mutate: asOf("2024-06-20")},

		// D3: the annual report is due 10 January of the next year.
		{name: "annual report due the day after the as-of date: nothing lost", dept: za, code: "D3", score: "3",
			mutate: asOf("2025-01-09", noAnnual)},
		{
			name: "annual report due on the as-of date, not filed: 0", dept: za, code: "D3", score: "0",
			mutate: asOf("2025-01-10", noAnnual),
			kinds:  []DeductionKind{DeductAnnualMissing},
			msg:    "2024年度报告未报送（应于 2025-01-10 前报送；该日即截至日期，当日已结束仍未报送）",
		},
		{name: "annual report filed on its due date, the as-of date", dept: za, code: "D3", score: "3",
			mutate: asOf("2025-01-10")},

		// Void quarter: 宿城分局 leads item 99 (monthly, published on the
		// 10th) and item 26 (standing, filled in March). As of 20 June
		// with no report for the second quarter, April and May are void
		// and June is still running (pending): 20 × 4 filled / 6 counted.
		{name: "void quarter due the day after the as-of date: voids nothing", dept: sc, code: "A1", score: "20",
			mutate: asOf("2024-06-19", noQ2(sc))},
		{
			name: "void quarter due on the as-of date: 20 × 4/6", dept: sc, code: "A1", score: "40/3",
			mutate: asOf("2024-06-20", noQ2(sc)),
			kinds:  []DeductionKind{DeductSlotVoidQuarter, DeductSlotVoidQuarter},
			msg:    "第99项“月度警情通报”2024年4月无有效公开记录：所在季度未报送季度报表（应于 2024-06-20 前报送；该日即截至日期，当日已结束仍未报送），视为当季无公开",
		},
	})
}

// The English explanation of a duty due on the as-of date says so too.
func TestDueOnTheAsOfDateInEnglish(t *testing.T) {
	in := perfectInput(t)
	asOf("2025-01-10", func(in *Input) { in.AnnualReports = in.AnnualReports[1:] })(&in) // za's report
	ind := indicator(t, mustScore(t, in), za, "D3")
	want := "Annual report for 2024 not filed (due by 2025-01-10, the as-of date: that day is over at its end, and it was not done by then)"
	if len(ind.Deductions) != 1 || inEN(ind.Deductions[0].Message()) != want {
		t.Fatalf("deductions %+v, want one reading %q", ind.Deductions, want)
	}
}

// The monitoring reading of SCHEME.md's Terms inside the year, worked out
// by hand on the fixture of 2024 (default-1 unless said). As of Thursday
// 20 June: the week of 17 June is running, the quarterly reports of the
// third and fourth quarters are not yet due, the annual report is not due.
func TestMonitoringInsideTheYear(t *testing.T) {
	const june20 = "2024-06-20"
	dropOn := func(dept uint, date string) func(in *Input) {
		return func(in *Input) {
			dropPubs(in, func(p *Publication) bool { return p.Dept == dept && p.Published == day(date) })
		}
	}
	complaint := func(received, replied string) func(in *Input) {
		return func(in *Input) {
			c := Complaint{Dept: za, No: "C-1", Received: day(received)}
			if replied != "" {
				c.Replied = day(replied)
			}
			addComplaint(in, c)
		}
	}
	d2 := func(in *Input) { in.Scheme = shippedScheme(t, "default-2") }
	syPostsOn := func(date string) func(in *Input) {
		return func(in *Input) { publish(in, sy, 0, "网站", day(date)) }
	}
	runIndicatorCases(t, []indicatorCase{
		// Pending slots: item 38 (quarterly) has Q1 and Q2 filled, Q3 and
		// Q4 not ended and left out.
		{name: "slots of quarters not ended are pending", dept: qb, code: "A1", score: "20", mutate: asOf(june20)},
		{name: "an empty slot whose quarter has not ended is pending", dept: qb, code: "A1", score: "20",
			mutate: asOf(june20, dropOn(qb, "2024-05-06"))},
		{
			name: "an empty slot whose quarter ends on the as-of date has ended: 20 × 1/2", dept: qb, code: "A1", score: "10",
			mutate: asOf("2024-06-30", dropOn(qb, "2024-05-06")),
			kinds:  []DeductionKind{DeductSlotUnfilled},
			msg:    "第38项“工作动态、舆情引导等”2024年第2季度无公开记录",
		},

		// The running week and the weeks not begun: 治安支队 posts on the
		// website each Monday and Tuesday. Weeks of 1 January … 17 June:
		// 25 weeks counted, 27 not begun left aside.
		{name: "weeks not begun are left aside", dept: za, code: "A4", score: "5", mutate: asOf(june20)},
		{
			name: "a thin week in January: 5 × 24/25, not 5 × 51/52", dept: za, code: "A4", score: "24/5",
			mutate: asOf(june20, dropOn(za, "2024-01-02")),
			kinds:  []DeductionKind{DeductWebsiteWeekThin},
			msg:    "2024-01-01至2024-01-07这一周网站公开 1 条，少于 2 条",
		},
		{name: "the running week, still thin, is left aside", dept: za, code: "A4", score: "5",
			mutate: asOf(june20, dropOn(za, "2024-06-18"))},
		{
			name: "a thin week ending on the as-of date has ended: 5 × 24/25", dept: za, code: "A4", score: "24/5",
			mutate: asOf("2024-06-23", dropOn(za, "2024-06-18")),
			kinds:  []DeductionKind{DeductWebsiteWeekThin},
		},

		// Reports not yet due void nothing: no third-quarter report as of
		// 20 August; the July publication still fills its slot, D1 loses
		// nothing.
		{name: "a quarterly report not yet due voids nothing", dept: qb, code: "A1", score: "20",
			mutate: asOf("2024-08-20", func(in *Input) { dropQuarterly(in, qb, 3) })},
		{name: "a quarterly report not yet due costs nothing", dept: qb, code: "D1", score: "8",
			mutate: asOf("2024-08-20", func(in *Input) { dropQuarterly(in, qb, 3) })},
		{name: "the annual report is not due inside the year", dept: za, code: "D3", score: "3", mutate: asOf(june20)},

		// "Published nothing in Y" means nothing up to the as-of date
		// (default-2 zeroes A2 and D2 for it).
		{
			name: "a post after the as-of date: published nothing yet", dept: sy, code: "A2", score: "0",
			mutate: asOf(june20, d2, syPostsOn("2024-07-01")),
			kinds:  []DeductionKind{DeductNothingPublished},
		},
		{name: "a post on the as-of date: published", dept: sy, code: "A2", score: "10",
			mutate: asOf("2024-07-01", d2, syPostsOn("2024-07-01"))},
		{
			name: "a post after the as-of date leaves D2 at 0", dept: sy, code: "D2", score: "0",
			mutate: asOf(june20, d2, syPostsOn("2024-07-01")),
			kinds:  []DeductionKind{DeductNothingPublished},
		},

		// Complaints received and not replied by the as-of date count as
		// not replied (the scheme sets no reply time); one received after
		// it is not counted. 治安支队's base complaint was replied.
		{
			name: "received before the as-of date, not replied: 10 × 1/2", dept: za, code: "C1", score: "5",
			mutate: asOf(june20, complaint("2024-06-03", "")),
			kinds:  []DeductionKind{DeductComplaintUnreplied},
			msg:    "投诉咨询 C-1（2024-06-03 受理）未回复",
		},
		{
			name: "received on the as-of date, not replied: counted", dept: za, code: "C1", score: "5",
			mutate: asOf(june20, complaint(june20, "")),
			kinds:  []DeductionKind{DeductComplaintUnreplied},
		},
		{
			name: "replied after the as-of date: not replied", dept: za, code: "C1", score: "5",
			mutate: asOf(june20, complaint("2024-06-03", "2024-06-21")),
			kinds:  []DeductionKind{DeductComplaintUnreplied},
		},
		{name: "replied on the as-of date", dept: za, code: "C1", score: "10",
			mutate: asOf(june20, complaint("2024-06-03", june20))},
		{name: "received after the as-of date: not counted", dept: za, code: "C1", score: "10",
			mutate: asOf(june20, complaint("2024-06-21", ""))},
	})
}

// The last website week of 2024 runs from Monday 30 December to Sunday 5
// January 2025: posts on its days of 2025 make it good, and count for
// nothing else (A1, A2, A3, D2 read only days of the year).
func TestLastWebsiteWeekRunsIntoTheNextYear(t *testing.T) {
	lastWeekOn := func(dates ...string) func(in *Input) {
		return func(in *Input) {
			dropPubs(in, func(p *Publication) bool { return p.Dept == za && p.Published >= day("2024-12-30") })
			for _, d := range dates {
				publish(in, za, 0, "网站", day(d))
			}
		}
	}
	// 53 weeks with Monday in 2024 (1 January … 30 December).
	runIndicatorCases(t, []indicatorCase{
		{name: "two posts on 1 and 4 January 2025 make the last week good", dept: za, code: "A4", score: "5",
			mutate: lastWeekOn("2025-01-01", "2025-01-04")},
		{name: "one post on 31 December, one on 2 January", dept: za, code: "A4", score: "5",
			mutate: lastWeekOn("2024-12-31", "2025-01-02")},
		{
			name: "posts on 6 January 2025 fall in no week of 2024: 5 × 52/53", dept: za, code: "A4", score: "260/53",
			mutate: lastWeekOn("2025-01-06", "2025-01-06"),
			kinds:  []DeductionKind{DeductWebsiteWeekThin},
			msg:    "2024-12-30至2025-01-05这一周网站公开 0 条，少于 2 条",
		},
		{name: "posts of January 2025 are not late for A2", dept: za, code: "A2", score: "10",
			mutate: then(lastWeekOn("2025-01-01", "2025-01-04"), func(in *Input) {
				editPubs(in, func(p *Publication) bool { return p.Published.Year() == 2025 }, func(p *Publication) { p.Formed = day("2024-10-08") })
			})},
		{
			name: "a channel used only in January 2025 is missing for 2024", dept: za, code: "A3", score: "5/2",
			mutate: then(lastWeekOn("2025-01-01", "2025-01-04"), func(in *Input) {
				dropPubs(in, func(p *Publication) bool { return p.Dept == za && p.Channel == "公开栏" })
				publish(in, za, 5, "公开栏", day("2025-01-03"))
			}),
			kinds: []DeductionKind{DeductChannelMissing},
		},
		{name: "posts of January 2025 are not counted by D2", dept: za, code: "D2", score: "4",
			mutate: then(lastWeekOn("2025-01-01", "2025-01-04"), func(in *Input) {
				editPubs(in, func(p *Publication) bool { return p.Published.Year() == 2025 }, func(p *Publication) { p.Review = "" })
			})},
		{name: "posts of January 2025 fill no slot of 2024", dept: za, code: "A1", score: "10",
			mutate: then(lastWeekOn("2025-01-01", "2025-01-04"), func(in *Input) {
				dropPubs(in, of(za, 23))
				publish(in, za, 23, "网站", day("2025-01-02"))
			}),
			kinds: []DeductionKind{DeductSlotUnfilled},
		},
	})
}

// The last website week of a year ends on a Sunday between 31 December and
// 6 January of the next year, worked out on the calendar.
func TestLastWebsiteDay(t *testing.T) {
	for _, tc := range []struct {
		year int
		want string
	}{
		{2018, "2019-01-06"}, // 1 January a Monday, 31 December a Monday
		{2023, "2023-12-31"}, // 1 January a Sunday: first Monday 2 January, last 25 December
		{2024, "2025-01-05"}, // last Monday 30 December
		{2025, "2026-01-04"}, // last Monday 29 December
		{2026, "2027-01-03"}, // last Monday 28 December
	} {
		if got := LastWebsiteDay(tc.year); got != day(tc.want) {
			t.Errorf("LastWebsiteDay(%d) = %s, want %s", tc.year, got, tc.want)
		}
	}
}

// A run stored before the as-of date was kept in its deductions reads as it
// did: its lines have no AsOf (and void quarters no Due), so their words
// are the old ones.
func TestStoredDeductionsKeepTheirWords(t *testing.T) {
	for _, tc := range []struct{ stored, want string }{
		{`{"Kind":"quarterly_missing","Period":{"Kind":"quarter","Start":"2024-04-01","End":"2024-06-30"},"Due":"2024-06-20"}`,
			"2024年第2季度报表未报送（应于 2024-06-20 前报送）"},
		{`{"Kind":"slot_void_quarter","Item":38,"Title":"工作动态","Period":{"Kind":"quarter","Start":"2024-04-01","End":"2024-06-30"}}`,
			"第38项“工作动态”2024年第2季度无有效公开记录：所在季度未报送季度报表，视为当季无公开"},
		{`{"Kind":"request_overdue_open","Title":"R-1","Due":"2025-01-13","LateDays":5}`,
			"依申请公开 R-1 逾期未答复，已超期 5 个工作日（应于 2025-01-13 前答复）"},
	} {
		var d Deduction
		if err := json.Unmarshal([]byte(tc.stored), &d); err != nil {
			t.Fatal(err)
		}
		if got := inZH(d.Message()); got != tc.want {
			t.Errorf("stored %s reads %q, want %q", tc.stored, got, tc.want)
		}
	}
}
