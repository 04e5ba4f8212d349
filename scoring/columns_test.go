package scoring

import (
	"strings"
	"testing"
)

func TestColumnFreshUntil(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, cadence, last, want string
	}{
		{"dynamic: two weeks", CadenceDynamic, "2025-03-03", "2025-03-17"},
		{"dynamic across the year's end", CadenceDynamic, "2025-12-25", "2026-01-08"},
		{"notice: six months", CadenceNotice, "2025-03-03", "2025-09-03"},
		{"policy: six months into the next year", CadencePolicy, "2025-08-15", "2026-02-15"},
		{"the month's last day is kept in a shorter month", CadenceNotice, "2025-08-31", "2026-02-28"},
		{"a leap year's February", CadencePolicy, "2023-08-31", "2024-02-29"},
	} {
		if got := ColumnFreshUntil(tc.cadence, day(tc.last)); got != day(tc.want) {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
	if got := ColumnFreshUntil(CadenceDynamic, 0); !got.IsZero() {
		t.Errorf("no post: %s, want none", got)
	}
}

func TestColumnStateOn(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, cadence, last, on string
		want                    ColumnState
	}{
		{"dynamic, posted 14 days before", CadenceDynamic, "2025-03-03", "2025-03-17", ColumnFresh},
		{"dynamic, posted 15 days before", CadenceDynamic, "2025-03-03", "2025-03-18", ColumnStale},
		{"notice, five months before", CadenceNotice, "2025-03-03", "2025-08-03", ColumnFresh},
		{"notice, six months and a day before", CadenceNotice, "2025-03-03", "2025-09-04", ColumnStale},
		{"never posted", CadenceDynamic, "", "2025-03-18", ColumnEmpty},
		{"a post dated after the day has not happened", CadenceDynamic, "2025-03-20", "2025-03-18", ColumnEmpty},
	} {
		var last Date
		if tc.last != "" {
			last = day(tc.last)
		}
		if got := ColumnStateOn(tc.cadence, last, day(tc.on)); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
}

func TestLastPost(t *testing.T) {
	t.Parallel()
	posts := []Date{day("2025-01-06"), day("2025-01-20"), day("2025-02-03")}
	for on, want := range map[string]string{"2025-01-05": "", "2025-01-06": "2025-01-06", "2025-02-02": "2025-01-20", "2025-12-31": "2025-02-03"} {
		got := LastPost(posts, day(on))
		if (want == "" && !got.IsZero()) || (want != "" && got != day(want)) {
			t.Errorf("on %s: %s, want %q", on, got, want)
		}
	}
}

// The as-of date counts as over: in scoring, a coordination due on it and
// not answered by its end is silent (视为同意); on a live page, where
// today is not over, it is still pending.
func TestCoordinationStateAtEndOfTheAsOfDate(t *testing.T) {
	t.Parallel()
	due := day("2024-10-10") // sent Fri 27 Sep 2024, across National Day
	for _, tc := range []struct {
		name, replied, opinion, on string
		live, end                  ReplyState
	}{
		{"due today, no reply", "", "", "2024-10-10", ReplyPending, ReplyConsent},
		{"due today, answered today", "2024-10-10", "不同意", "2024-10-10", ReplyOnTime, ReplyOnTime},
		{"due tomorrow, no reply", "", "", "2024-10-09", ReplyPending, ReplyPending},
		{"due yesterday, no reply", "", "", "2024-10-11", ReplyConsent, ReplyConsent},
		{"answered a day late: kept as said, marked late", "2024-10-11", "不同意", "2024-10-11", ReplyLate, ReplyLate},
	} {
		c := Coordination{Sent: day("2024-09-27"), Opinion: tc.opinion}
		if tc.replied != "" {
			c.Replied = day(tc.replied)
		}
		if got, _ := CoordinationState(c, due, day(tc.on)); got != tc.live {
			t.Errorf("%s, live: %s, want %s", tc.name, got, tc.live)
		}
		if got, _ := CoordinationStateAtEnd(c, due, day(tc.on)); got != tc.end {
			t.Errorf("%s, at the end of the day: %s, want %s", tc.name, got, tc.end)
		}
	}
}

// columnScheme is default-2 with A4 scored per column and A6 added, 2
// points taken from A1.
func columnScheme(t testing.TB) *Scheme {
	s := shippedScheme(t, "default-2").Clone()
	s.Version = "columns-test"
	s.Params.Website.PerColumn = true
	for k := range s.Indicators {
		if s.Indicators[k].Code == "A1" {
			s.Indicators[k].Points = Decimal{rat("18")}
		}
	}
	s.Indicators = append(s.Indicators, Indicator{Code: "A6", Name: "栏目更新", NameEN: "Columns up to date", Points: Decimal{rat("2")}})
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	return s
}

// withColumns gives 治安支队 two dynamic website columns, 工作动态 posted
// to every week and 警务资讯 last posted on 2024-06-03, and puts its
// weekly website posts in 工作动态.
func withColumns(t testing.TB, perColumn bool) func(in *Input) {
	return func(in *Input) {
		in.Scheme = columnScheme(t)
		in.Scheme.Params.Website.PerColumn = perColumn
		in.Columns = []Column{
			{ID: 1, Dept: za, Name: "工作动态", Channel: "网站", Cadence: CadenceDynamic},
			{ID: 2, Dept: za, Name: "警务资讯", Channel: "网站", Cadence: CadenceDynamic},
		}
		editPubs(in, func(p *Publication) bool { return p.Dept == za && p.Seq == 0 }, func(p *Publication) { p.Column = 1 })
		publish(in, za, 0, "网站", day("2024-06-03")).Column = 2
	}
}

func TestWebsiteA4PerColumn(t *testing.T) {
	t.Parallel()
	// Weeks of 2024: 53 Mondays from 1 January to 30 December, so 106
	// column-weeks. 工作动态 is good every week; 警务资讯 is up to date at
	// the Sundays of 9 and 16 June only (posted 3 June, fresh until 17
	// June): 51 column-weeks lost, 5 × 55/106.
	runIndicatorCases(t, []indicatorCase{
		{name: "per column off: the department's weekly count, unchanged", dept: za, code: "A4", score: "5", mutate: withColumns(t, false)},
		{
			name: "one active and one stale column: the stale one loses points", dept: za, code: "A4", score: "275/106",
			mutate: withColumns(t, true),
			kinds:  []DeductionKind{DeductColumnStaleWeeks, DeductColumnStaleWeeks},
			msg:    "网站栏目“警务资讯”2024-01-01至2024-06-02共 22 周无任何信息",
		},
		{
			name: "a department without columns keeps the weekly count", dept: sc, code: "A4", score: "5", mutate: withColumns(t, true),
		},
		{
			name: "a running week counts once good and is otherwise left aside", dept: za, code: "A4", score: "5",
			mutate: then(withColumns(t, true), func(in *Input) { in.AsOf = day("2024-06-12") }, func(in *Input) {
				in.Columns = in.Columns[:1]
			}),
		},
	})
}

func TestColumnUpkeepA6(t *testing.T) {
	t.Parallel()
	// Judged on 31 December (the as-of date is later): 工作动态 was posted
	// to that day.
	asOf := func(in *Input) { in.AsOf = day("2025-01-20") }
	runIndicatorCases(t, []indicatorCase{
		{
			name: "one column up to date, one stale at the year's end", dept: za, code: "A6", score: "1",
			mutate: then(withColumns(t, true), asOf),
			kinds:  []DeductionKind{DeductColumnStale},
			msg:    "网站栏目“警务资讯”最近一次更新为 2024-06-03，2024-06-17 后即属栏目不更新",
		},
		{
			name: "an empty column", dept: za, code: "A6", score: "1",
			mutate: then(withColumns(t, true), asOf, func(in *Input) {
				dropPubs(in, func(p *Publication) bool { return p.Column == 2 })
			}),
			kinds: []DeductionKind{DeductColumnEmpty},
			msg:   "网站栏目“警务资讯”从未发布信息（空白栏目）",
		},
		{name: "no column: full points", dept: sc, code: "A6", score: "2", mutate: withColumns(t, true)},
		{
			name: "inside the year, judged on the as-of date", dept: za, code: "A6", score: "2",
			mutate: then(withColumns(t, true), func(in *Input) { in.AsOf = day("2024-06-10") }),
		},
		{
			name: "a notice column posted five months before is up to date", dept: za, code: "A6", score: "2",
			mutate: then(withColumns(t, true), func(in *Input) { in.Columns[1].Cadence = CadenceNotice; in.AsOf = day("2024-11-01") }),
		},
	})
}

// The shipped schemes leave per-column scoring off and A6 out: their
// users' numbers do not move.
func TestShippedSchemesScoreNoColumn(t *testing.T) {
	t.Parallel()
	for _, v := range []string{"default-1", "default-2"} {
		s := shippedScheme(t, v)
		if s.Params.Website.PerColumn {
			t.Errorf("%s scores A4 per column", v)
		}
		if _, ok := s.Indicator("A6"); ok {
			t.Errorf("%s has A6", v)
		}
	}
}

// The columns' deductions read whole in both languages.
func TestColumnMessagesInBothLanguages(t *testing.T) {
	t.Parallel()
	on, end := day("2024-06-03"), day("2024-06-17")
	for _, d := range []Deduction{
		{Kind: DeductColumnStaleWeeks, Title: "警务资讯", Channel: "网站", Period: Period{PeriodWeek, day("2024-06-17"), day("2024-12-29")}, Count: 28, On: on},
		{Kind: DeductColumnStaleWeeks, Title: "警务资讯", Channel: "网站", Period: Period{PeriodWeek, day("2024-01-01"), day("2024-06-02")}, Count: 22},
		{Kind: DeductColumnStale, Title: "警务资讯", Channel: "网站", On: on, Due: end},
		{Kind: DeductColumnEmpty, Title: "政策解读", Channel: "网站"},
	} {
		for _, got := range []string{inZH(d.Message()), inEN(d.Message())} {
			if strings.Contains(got, "%!") || strings.Contains(got, "deduct.") || !strings.Contains(got, d.Title) {
				t.Errorf("%s: %q", d.Kind, got)
			}
		}
	}
	if got := inEN(Deduction{Kind: DeductColumnStaleWeeks, Title: "警务资讯", Channel: "网站", Period: Period{PeriodWeek, day("2024-06-17"), day("2024-12-29")}, Count: 28, On: on}.Message()); got != "网站 column “警务资讯”: 28 weeks out of date, 2024-06-17 to 2024-12-29 (last post before: 2024-06-03)" {
		t.Errorf("English: %q", got)
	}
}
