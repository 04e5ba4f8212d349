package scoring

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// The secrecy review (15 working days) and coordination (5) clocks across
// the 2024 Spring Festival (10-17 Feb off, Sun 4 and Sun 18 Feb worked) and
// National Day (1-7 Oct off, Sun 29 Sep and Sat 12 Oct worked), counted by
// hand.
func TestReviewAndCoordinationDue(t *testing.T) {
	cal := calendar(t)
	limits := defaultScheme(t).TimeLimits
	for _, tc := range []struct {
		name, from, want string
		due              func(*Calendar, TimeLimits, Date) Date
	}{
		// Fri 27 Sep: Sun 29 (make-up) 1, Mon 30 2, Tue 8 Oct 3, 9 4, 10 5.
		{"coordination across National Day", "2024-09-27", "2024-10-10", CoordinationDue},
		// Thu 8 Feb: Fri 9 1, Sun 18 (make-up) 2, 19 3, 20 4, 21 5.
		{"coordination across Spring Festival", "2024-02-08", "2024-02-21", CoordinationDue},
		// Sent inside the holiday: Sun 18 (make-up) 1, 19..22 5.
		{"coordination sent during the holiday", "2024-02-12", "2024-02-22", CoordinationDue},
		// Fri 20 Sep: 23-27 5, Sun 29 6, 30 7, 8-11 Oct 11, Sat 12 12, 14 13, 15 14, 16 15.
		{"review across National Day and both make-up days", "2024-09-20", "2024-10-16", ReviewDue},
		// Thu 1 Feb: Fri 2 1, Sun 4 2, 5-9 7, Sun 18 8, 19-23 13, 26 14, 27 15.
		{"review across Spring Festival", "2024-02-01", "2024-02-27", ReviewDue},
		// A plain stretch: Mon 3 Jun, 15 working days later, with Dragon Boat (10 Jun) off.
		{"review across Dragon Boat", "2024-06-03", "2024-06-25", ReviewDue},
	} {
		if got := tc.due(cal, limits, day(tc.from)); got != day(tc.want) {
			t.Errorf("%s: due(%s) = %s, want %s", tc.name, tc.from, got, tc.want)
		}
	}
}

// Seed 004 art. 24 writes "3日" where it writes "15個工作日" for answers:
// forwarding counts calendar days, holidays included.
func TestForwardDueCountsCalendarDays(t *testing.T) {
	limits := defaultScheme(t).TimeLimits
	for _, tc := range []struct{ received, want string }{
		{"2024-09-30", "2024-10-03"}, // into National Day: still 3 days
		{"2024-02-08", "2024-02-11"}, // into Spring Festival
		{"2024-12-30", "2025-01-02"}, // across the year
	} {
		if got := ForwardDue(limits, day(tc.received)); got != day(tc.want) {
			t.Errorf("ForwardDue(%s) = %s, want %s", tc.received, got, tc.want)
		}
	}
	limits.Forwarding = 5
	if got := ForwardDue(limits, day("2024-09-30")); got != day("2024-10-05") {
		t.Errorf("a scheme's own forwarding limit: %s", got)
	}
}

// Silence is consent (seed 003 art. 10): no reply by the fifth working day
// makes the coordination 视为同意 until a reply comes; a late reply is kept
// as what it said, marked late (issue 24).
func TestCoordinationSilenceIsConsent(t *testing.T) {
	due := day("2024-10-10") // sent Fri 27 Sep 2024
	for _, tc := range []struct {
		name    string
		replied string
		opinion string
		asOf    string
		state   ReplyState
		holds   string
	}{
		{"no reply, still within the limit", "", "", "2024-10-10", ReplyPending, ""},
		{"no reply, the day after the due date", "", "", "2024-10-11", ReplyConsent, "视为同意"},
		{"disagreed on the last day", "2024-10-10", "不同意", "2024-10-11", ReplyOnTime, "不同意"},
		{"disagreed a day late: kept as 不同意, marked late", "2024-10-11", "不同意", "2024-10-20", ReplyLate, "不同意"},
		{"disagreed late, as of a day before the reply: consent so far", "2024-10-15", "不同意", "2024-10-14", ReplyConsent, "视为同意"},
		{"a reply dated after the as-of date has not happened", "2024-10-09", "同意", "2024-10-08", ReplyPending, ""},
	} {
		c := Coordination{Sent: day("2024-09-27"), Opinion: tc.opinion}
		if tc.replied != "" {
			c.Replied = day(tc.replied)
		}
		state, holds := CoordinationState(c, due, day(tc.asOf))
		if state != tc.state || holds != tc.holds {
			t.Errorf("%s: got %s %q, want %s %q", tc.name, state, holds, tc.state, tc.holds)
		}
	}
}

func TestPublishedAgainstReview(t *testing.T) {
	pub := day("2024-05-10")
	dec := func(op, on string) ReviewDecision { return ReviewDecision{Opinion: op, Decided: day(on)} }
	for _, tc := range []struct {
		name      string
		decisions []ReviewDecision
		flag      bool
	}{
		{"cleared", []ReviewDecision{dec("公开", "2024-05-09")}, false},
		{"exempted, published anyway", []ReviewDecision{dec("免于公开", "2024-05-08")}, true},
		{"referred upwards, not yet cleared", []ReviewDecision{dec("需报审", "2024-05-08")}, true},
		{"referred, then cleared before publishing", []ReviewDecision{dec("需报审", "2024-05-01"), dec("公开", "2024-05-09")}, false},
		{"cleared, then exempted after publishing: the standing decision counts", []ReviewDecision{dec("公开", "2024-05-09"), dec("免于公开", "2024-05-20")}, false},
		{"unreviewed when published, exempted afterwards", []ReviewDecision{dec("免于公开", "2024-05-20")}, true},
		{"no decision", nil, false},
		{"pending review without a date", []ReviewDecision{{Opinion: "免于公开"}}, false},
	} {
		if _, got := PublishedAgainstReview(pub, tc.decisions); got != tc.flag {
			t.Errorf("%s: flag %v, want %v", tc.name, got, tc.flag)
		}
	}
}

// clockScheme is a copy of the default scheme that adds the four optional
// indicators, 2 points each, taken from A1 (20 → 12).
func clockScheme(t testing.TB) *Scheme {
	s := defaultScheme(t).Clone()
	s.Version = "clocks-test"
	for k := range s.Indicators {
		if s.Indicators[k].Code == "A1" {
			s.Indicators[k].Points = Decimal{rat("12")}
		}
	}
	s.Indicators = append(s.Indicators,
		Indicator{Code: "A5", Name: "新闻发布会", NameEN: "Press conferences", Points: Decimal{rat("2")}},
		Indicator{Code: "B3", Name: "网上申请按时转交", NameEN: "Online requests forwarded on time", Points: Decimal{rat("2")}},
		Indicator{Code: "D4", Name: "保密审查按时", NameEN: "Secrecy reviews on time", Points: Decimal{rat("2")}},
		Indicator{Code: "D5", Name: "协调按时答复", NameEN: "Coordination answered on time", Points: Decimal{rat("2")}},
	)
	s.Params.Press = &PressParams{Departments: []string{"治安支队", "各分县局"}, MinPerMonth: 1}
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	return s
}

// useClocks switches a perfect input to clockScheme and gives the press
// departments (治安支队, and 宿城分局 and 宿豫分局 through 各分县局) one press
// conference every month.
func useClocks(t testing.TB) func(in *Input) {
	return func(in *Input) {
		in.Scheme = clockScheme(t)
		for _, dept := range []uint{za, sc, sy} {
			for m := time.January; m <= time.December; m++ {
				in.PressConferences = append(in.PressConferences, PressConference{ID: uint(len(in.PressConferences) + 1), Dept: dept, Date: NewDate(2024, m, 15)})
			}
		}
	}
}

func then(fs ...func(in *Input)) func(in *Input) {
	return func(in *Input) {
		for _, f := range fs {
			f(in)
		}
	}
}

func TestClockSchemeKeepsAPerfectYearAt100(t *testing.T) {
	in := perfectInput(t)
	useClocks(t)(&in)
	for _, d := range mustScore(t, in).Departments {
		if d.Total.Cmp(rat("100")) != 0 {
			t.Errorf("%s: %s, want 100\n%+v", d.Name, d.Total.RatString(), d.Indicators)
		}
	}
}

func TestPressMonthsA5(t *testing.T) {
	drop := func(dept uint, months ...time.Month) func(in *Input) {
		return func(in *Input) {
			var kept []PressConference
			for _, p := range in.PressConferences {
				if p.Dept != dept || !containsMonth(months, p.Date.Month()) {
					kept = append(kept, p)
				}
			}
			in.PressConferences = kept
		}
	}
	runIndicatorCases(t, []indicatorCase{
		{name: "a conference every month", dept: za, code: "A5", score: "2", mutate: useClocks(t)},
		{name: "not named by the scheme: full points", dept: qb, code: "A5", score: "2", mutate: useClocks(t)},
		{
			name: "March and October missed: 10 of 12", dept: sy, code: "A5", score: "5/3",
			mutate: then(useClocks(t), drop(sy, time.March, time.October)),
			kinds:  []DeductionKind{DeductPressMonthMissing, DeductPressMonthMissing},
			msg:    "2024年3月举办新闻发布会 0 场，少于每月 1 场",
		},
		{
			name: "mid-May: May still running and not yet held is left aside", dept: za, code: "A5", score: "2",
			mutate: then(useClocks(t), drop(za, time.May), func(in *Input) { in.AsOf = day("2024-05-20") }),
		},
		{
			name: "two a month required, one held in every finished month", dept: za, code: "A5", score: "0",
			mutate: then(useClocks(t), func(in *Input) { in.Scheme.Params.Press.MinPerMonth = 2 }),
			kinds: []DeductionKind{DeductPressMonthMissing, DeductPressMonthMissing, DeductPressMonthMissing, DeductPressMonthMissing,
				DeductPressMonthMissing, DeductPressMonthMissing, DeductPressMonthMissing, DeductPressMonthMissing,
				DeductPressMonthMissing, DeductPressMonthMissing, DeductPressMonthMissing, DeductPressMonthMissing},
		},
	})
}

func containsMonth(ms []time.Month, m time.Month) bool {
	for _, x := range ms {
		if x == m {
			return true
		}
	}
	return false
}

func TestForwardingB3(t *testing.T) {
	online := func(received, forwarded string) func(in *Input) {
		return func(in *Input) {
			q := Request{Dept: sc, No: "W-" + received, Received: day(received), Answered: day(received) + 5, Online: true}
			if forwarded != "" {
				q.Forwarded = day(forwarded)
			}
			addRequest(in, q)
		}
	}
	runIndicatorCases(t, []indicatorCase{
		{name: "no online request", dept: sc, code: "B3", score: "2", mutate: useClocks(t)},
		{name: "forwarded on the third day, inside National Day", dept: sc, code: "B3", score: "2",
			mutate: then(useClocks(t), online("2024-09-30", "2024-10-03"))},
		{
			name: "one of two forwarded a day late", dept: sc, code: "B3", score: "1",
			mutate: then(useClocks(t), online("2024-09-30", "2024-10-03"), online("2024-02-08", "2024-02-12")),
			kinds:  []DeductionKind{DeductForwardLate},
			msg:    "网上申请 W-2024-02-08 迟转交 1 日（应于 2024-02-11 前转交）",
		},
		{
			name: "never forwarded, past due", dept: sc, code: "B3", score: "0",
			mutate: then(useClocks(t), online("2024-12-20", "")),
			kinds:  []DeductionKind{DeductForwardOverdueOpen},
		},
		{
			name: "not forwarded, not yet due: not counted", dept: sc, code: "B3", score: "2",
			mutate: then(useClocks(t), online("2024-12-20", ""), func(in *Input) { in.AsOf = day("2024-12-22") }),
		},
		{
			// Due 23 December, the as-of date: that day is over, so it is late.
			name: "not forwarded, due on the as-of date: late", dept: sc, code: "B3", score: "0",
			mutate: then(useClocks(t), online("2024-12-20", ""), func(in *Input) { in.AsOf = day("2024-12-23") }),
			kinds:  []DeductionKind{DeductForwardOverdueOpen},
			msg:    "网上申请 W-2024-12-20 逾期未转交（应于 2024-12-23 前转交；该日即截至日期，当日已结束仍未转交）",
		},
		{
			name: "a request at the counter is not forwarded", dept: sc, code: "B3", score: "2",
			mutate: then(useClocks(t), func(in *Input) {
				addRequest(in, Request{Dept: sc, No: "F-1", Received: day("2024-03-01"), Answered: day("2024-03-04")})
			}),
		},
	})
}

func TestReviewsOnTimeD4(t *testing.T) {
	review := func(requested, decided string) func(in *Input) {
		return func(in *Input) {
			r := SecrecyReview{ID: uint(len(in.SecrecyReviews) + 1), Dept: za, No: "S-" + requested, Title: "拟公开信息", Requested: day(requested), Opinion: "公开"}
			if decided != "" {
				r.Decided = day(decided)
			}
			in.SecrecyReviews = append(in.SecrecyReviews, r)
		}
	}
	runIndicatorCases(t, []indicatorCase{
		{name: "no review", dept: za, code: "D4", score: "2", mutate: useClocks(t)},
		{name: "decided on the 15th working day across National Day", dept: za, code: "D4", score: "2",
			mutate: then(useClocks(t), review("2024-09-20", "2024-10-16"))},
		{
			name: "decided a working day late, across the Saturday make-up day", dept: za, code: "D4", score: "1",
			mutate: then(useClocks(t), review("2024-09-20", "2024-10-16"), review("2024-09-19", "2024-10-16")),
			kinds:  []DeductionKind{DeductReviewLate},
			msg:    "《拟公开信息》的保密审查迟办 1 个工作日（应于 2024-10-15 前提出审查意见）",
		},
		{
			name: "undecided and past due at the as-of date", dept: za, code: "D4", score: "0",
			mutate: then(useClocks(t), review("2024-12-02", "")),
			kinds:  []DeductionKind{DeductReviewOverdueOpen},
		},
		{
			name: "undecided, not yet due: not counted", dept: za, code: "D4", score: "2",
			mutate: then(useClocks(t), review("2024-12-02", ""), func(in *Input) { in.AsOf = day("2024-12-20") }),
		},
	})
}

func TestCoordinationAnsweredD5(t *testing.T) {
	ask := func(sent, replied, opinion string) func(in *Input) {
		return func(in *Input) {
			c := Coordination{ID: uint(len(in.Coordinations) + 1), Dept: za, Asked: qb, No: "X-" + sent, Subject: "联合通告", Sent: day(sent), Opinion: opinion}
			if replied != "" {
				c.Replied = day(replied)
			}
			in.Coordinations = append(in.Coordinations, c)
		}
	}
	runIndicatorCases(t, []indicatorCase{
		{name: "nothing asked", dept: qb, code: "D5", score: "2", mutate: useClocks(t)},
		{name: "the asking department is not charged", dept: za, code: "D5", score: "2",
			mutate: then(useClocks(t), ask("2024-09-27", "", ""))},
		{name: "disagreed on the fifth working day", dept: qb, code: "D5", score: "2",
			mutate: then(useClocks(t), ask("2024-09-27", "2024-10-10", "不同意"))},
		{
			name: "silent: consent, and not answered on time", dept: qb, code: "D5", score: "1",
			mutate: then(useClocks(t), ask("2024-09-27", "2024-10-10", "同意"), ask("2024-02-08", "", "")),
			kinds:  []DeductionKind{DeductCoordinationSilent},
			msg:    "协调事项“联合通告”（2024-02-08 发函）未在 2024-02-21 前答复，视为同意",
		},
		{
			name: "replied after the Sunday make-up day counted", dept: qb, code: "D5", score: "0",
			mutate: then(useClocks(t), ask("2024-02-08", "2024-02-22", "同意")),
			kinds:  []DeductionKind{DeductCoordinationLate},
		},
		{
			name: "no reply yet, still within five working days: not counted", dept: qb, code: "D5", score: "2",
			mutate: then(useClocks(t), ask("2024-12-27", "", ""), func(in *Input) { in.AsOf = day("2025-01-03") }),
		},
	})
}

// A 不予公开 record fills no slot and no indicator counts it.
func TestWithheldPublicationsCountNowhere(t *testing.T) {
	withhold := func(match func(p *Publication) bool) func(in *Input) {
		return func(in *Input) { editPubs(in, match, func(p *Publication) { p.Withheld = true }) }
	}
	runIndicatorCases(t, []indicatorCase{
		{
			name: "the standing item's only publications withheld: slot empty", dept: za, code: "A1", score: "10",
			mutate: withhold(of(za, 5)),
			kinds:  []DeductionKind{DeductSlotUnfilled},
		},
		{
			name: "withheld and unreviewed costs no D2", dept: qb, code: "D2", score: "4",
			mutate: then(func(in *Input) {
				p := publish(in, qb, 0, "微博", day("2024-07-01"))
				p.Review, p.Withheld = "", true
			}),
		},
		{
			name: "withheld website posts do not make a good week", dept: za, code: "A4", score: "260/53",
			mutate: withhold(func(p *Publication) bool { return p.Dept == za && p.Seq == 0 && p.Published == day("2024-01-02") }),
			kinds:  []DeductionKind{DeductWebsiteWeekThin},
		},
	})
}

func TestOptionalIndicatorsInASchemeCopy(t *testing.T) {
	if err := defaultScheme(t).Validate(); err != nil {
		t.Fatalf("the default scheme needs none of the optional indicators: %v", err)
	}
	for _, tc := range []struct {
		name string
		edit func(s *Scheme)
		want string
	}{
		{"A5 without its settings", func(s *Scheme) { s.Params.Press = nil }, "须在 params.A5 中指定"},
		{"no press department", func(s *Scheme) { s.Params.Press.Departments = nil }, "须至少指定一个部门"},
		{"zero a month", func(s *Scheme) { s.Params.Press.MinPerMonth = 0 }, "每月至少场次"},
		{"D4 twice", func(s *Scheme) { s.Indicators = append(s.Indicators, s.Indicators[len(s.Indicators)-2]) }, "指标 D4 重复出现"},
		{"points no longer 100", func(s *Scheme) { s.Indicators[0].Points = Decimal{rat("20")} }, "分值之和须为 100，现为 108"},
		{"D5 with no coordination limit", func(s *Scheme) { s.TimeLimits.Coordination = 0 }, "协调时限须不少于 1 个工作日"},
		{"negative forwarding", func(s *Scheme) { s.TimeLimits.Forwarding = -1 }, "网上申请转交时限"},
		{"an unknown correction rule", func(s *Scheme) { s.TimeLimits.Correction = "stop" }, "补正的计时方式"},
	} {
		s := clockScheme(t)
		tc.edit(s)
		err := s.Validate()
		var ve ValidationErrors
		if !errors.As(err, &ve) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
	}
}

func TestClockDeductionsHaveMessages(t *testing.T) {
	d := Deduction{Title: "标题", Period: monthPeriod(2024, time.March), Due: day("2024-06-20"), On: day("2024-05-06"), Count: 0, Required: 1}
	for _, kind := range []DeductionKind{
		DeductPressMonthMissing, DeductForwardLate, DeductForwardOverdueOpen, DeductReviewLate,
		DeductReviewOverdueOpen, DeductCoordinationSilent, DeductCoordinationLate,
	} {
		d.Kind = kind
		zh, en := inZH(d.Message()), inEN(d.Message())
		if zh == string(kind) || en == string(kind) || zh == en || strings.ContainsAny(zh, "abcdefghijklmnopqrstuvwxyz") {
			t.Errorf("%s: zh %q, en %q", kind, zh, en)
		}
	}
}
