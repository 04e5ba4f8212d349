package scoring

import (
	"slices"
	"strings"
	"testing"
)

// dropPubs removes the publications matching drop.
func dropPubs(in *Input, drop func(p *Publication) bool) {
	in.Publications = slices.DeleteFunc(in.Publications, func(p Publication) bool { return drop(&p) })
}

// editPubs changes the publications matching match.
func editPubs(in *Input, match func(p *Publication) bool, edit func(p *Publication)) {
	for k := range in.Publications {
		if match(&in.Publications[k]) {
			edit(&in.Publications[k])
		}
	}
}

func of(dept uint, seq int) func(p *Publication) bool {
	return func(p *Publication) bool { return p.Dept == dept && p.Seq == seq }
}

func addRequest(in *Input, q Request) {
	q.ID = uint(len(in.Requests) + 100)
	in.Requests = append(in.Requests, q)
}

func addComplaint(in *Input, c Complaint) {
	c.ID = uint(len(in.Complaints) + 100)
	in.Complaints = append(in.Complaints, c)
}

func setQuarterly(in *Input, dept uint, quarter int, submitted Date) {
	for k, q := range in.QuarterlyReports {
		if q.Dept == dept && q.Quarter == quarter {
			in.QuarterlyReports[k].Submitted = submitted
		}
	}
}

func dropQuarterly(in *Input, dept uint, quarter int) {
	in.QuarterlyReports = slices.DeleteFunc(in.QuarterlyReports, func(q QuarterlyReport) bool {
		return q.Dept == dept && q.Quarter == quarter
	})
}

type indicatorCase struct {
	name   string
	mutate func(in *Input)
	dept   uint
	code   string
	score  string          // exact
	kinds  []DeductionKind // in order
	msg    string          // first deduction's Chinese message, if given
}

func runIndicatorCases(t *testing.T, cases []indicatorCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := perfectInput(t)
			if tc.mutate != nil {
				tc.mutate(&in)
			}
			ind := indicator(t, mustScore(t, in), tc.dept, tc.code)
			if ind.Score.Cmp(rat(tc.score)) != 0 {
				t.Errorf("%s = %s (%s), want %s", tc.code, ind.Score.RatString(), Round2(ind.Score), tc.score)
			}
			var kinds []DeductionKind
			for _, d := range ind.Deductions {
				kinds = append(kinds, d.Kind)
			}
			if !slices.Equal(kinds, tc.kinds) {
				t.Errorf("deductions %v, want %v", kinds, tc.kinds)
			}
			if tc.msg != "" && (len(ind.Deductions) == 0 || inZH(ind.Deductions[0].Message()) != tc.msg) {
				for _, d := range ind.Deductions {
					t.Logf("got: %s", inZH(d.Message()))
				}
				t.Errorf("want message %s", tc.msg)
			}
		})
	}
}

func TestCoverageA1(t *testing.T) {
	runIndicatorCases(t, []indicatorCase{
		{name: "all slots filled", dept: qb, code: "A1", score: "20"},
		{name: "no slots gives full points", dept: sy, code: "A1", score: "20"},
		{
			name: "standing slot unfilled", dept: za, code: "A1", score: "10",
			mutate: func(in *Input) { dropPubs(in, of(za, 5)) },
			kinds:  []DeductionKind{DeductSlotUnfilled},
			msg:    "第5项“办公地址、时间、工作人员”（长期公开）截至 2024-12-31 无公开记录",
		},
		{
			name: "standing slot filled by an earlier year", dept: za, code: "A1", score: "20",
			mutate: func(in *Input) { editPubs(in, of(za, 5), func(p *Publication) { p.Published = day("2019-05-06") }) },
		},
		{
			name: "prompt slot needs a publication in the year", dept: za, code: "A1", score: "10",
			mutate: func(in *Input) { editPubs(in, of(za, 23), func(p *Publication) { p.Published = day("2023-12-29") }) },
			kinds:  []DeductionKind{DeductSlotUnfilled},
			msg:    "第23项“治安案件办理情况(典型案例)”2024年度无公开记录",
		},
		{
			name: "monthly slot unfilled: 12 of 13 slots", dept: sc, code: "A1", score: "240/13",
			mutate: func(in *Input) {
				dropPubs(in, func(p *Publication) bool { return of(sc, 99)(p) && p.Published.Month() == 3 })
			},
			kinds: []DeductionKind{DeductSlotUnfilled},
			msg:   "第99项“月度警情通报”2024年3月无公开记录",
		},
		{
			name: "group-led item unfilled", dept: sc, code: "A1", score: "240/13",
			mutate: func(in *Input) { dropPubs(in, of(sc, 26)) },
			kinds:  []DeductionKind{DeductSlotUnfilled},
		},
		{
			name: "void quarter: its publication fills nothing", dept: qb, code: "A1", score: "15",
			mutate: func(in *Input) { dropQuarterly(in, qb, 2) },
			kinds:  []DeductionKind{DeductSlotVoidQuarter},
			msg:    "第38项“工作动态、舆情引导等”2024年第2季度无有效公开记录：所在季度未报送季度报表（应于 2024-06-20 前报送），视为当季无公开",
		},
		{
			name: "void first quarter voids the standing and prompt publications in it", dept: za, code: "A1", score: "0",
			mutate: func(in *Input) { dropQuarterly(in, za, 1) },
			kinds:  []DeductionKind{DeductSlotVoidQuarter, DeductSlotVoidQuarter},
			msg:    "第5项“办公地址、时间、工作人员”（长期公开）无有效公开记录：所在季度未报送季度报表，视为当季无公开",
		},
		{
			name: "a late report is still a report: no void", dept: qb, code: "A1", score: "20",
			mutate: func(in *Input) { setQuarterly(in, qb, 2, day("2024-07-01")) },
		},
		{
			name: "mid-year: slots of unfinished periods are pending", dept: qb, code: "A1", score: "20",
			mutate: func(in *Input) {
				in.AsOf = day("2024-05-15")
				dropPubs(in, func(p *Publication) bool { return p.Dept == qb && p.Published.Quarter() == 2 })
			},
		},
		{
			name: "quarterly cadence not counted by the scheme", dept: qb, code: "A1", score: "20",
			mutate: func(in *Input) {
				in.Scheme = in.Scheme.Clone()
				in.Scheme.Cadences = []string{"长期", "每月", "及时"}
				dropPubs(in, of(qb, 38))
			},
		},
	})
}

func TestCoverageSlotsForTheGrid(t *testing.T) {
	in := perfectInput(t)
	dropQuarterly(&in, qb, 2)
	dropPubs(&in, func(p *Publication) bool { return of(qb, 38)(p) && p.Published.Quarter() == 3 })
	in.AsOf = day("2024-10-15") // Q4 still running, nothing published in it yet
	dropPubs(&in, func(p *Publication) bool { return of(qb, 38)(p) && p.Published.Quarter() == 4 })
	var states []SlotState
	for _, s := range dept(t, mustScore(t, in), qb).Slots {
		states = append(states, s.State)
	}
	if want := []SlotState{SlotFilled, SlotVoid, SlotEmpty, SlotPending}; !slices.Equal(states, want) {
		t.Errorf("states %v, want %v", states, want)
	}
}

func TestTimelinessA2(t *testing.T) {
	late := func(published string) func(in *Input) {
		return func(in *Input) {
			p := publish(in, qb, 38, "微信", day(published))
			p.Title, p.Formed = "春节后警情通报", day("2024-02-08")
		}
	}
	runIndicatorCases(t, []indicatorCase{
		// due(2024-02-08, 20) = 2024-03-13, across Spring Festival.
		{name: "published on the due date", dept: qb, code: "A2", score: "10", mutate: late("2024-03-13")},
		{
			name: "published 2 working days late: 1 of 13", dept: qb, code: "A2", score: "120/13", mutate: late("2024-03-15"),
			kinds: []DeductionKind{DeductPublicationLate},
			msg:   "《春节后警情通报》迟发 2 个工作日（应于 2024-03-13 前公开）",
		},
		{
			name: "no formed date: not counted", dept: qb, code: "A2", score: "10",
			mutate: func(in *Input) { late("2024-03-15")(in); in.Publications[len(in.Publications)-1].Formed = 0 },
		},
		{
			name: "published after the as-of date: not yet published", dept: qb, code: "A2", score: "10",
			mutate: func(in *Input) { late("2024-03-15")(in); in.AsOf = day("2024-03-14") },
		},
	})
}

func TestChannelsA3(t *testing.T) {
	runIndicatorCases(t, []indicatorCase{
		{name: "nothing required", dept: sy, code: "A3", score: "5"},
		{
			name: "one of three channels never used", dept: qb, code: "A3", score: "10/3",
			mutate: func(in *Input) {
				dropPubs(in, func(p *Publication) bool { return p.Dept == qb && p.Channel == "微博" })
			},
			kinds: []DeductionKind{DeductChannelMissing},
			msg:   "本年度未通过“微博”公开信息，而第38项要求该公开形式",
		},
		{
			name: "a channel used only the year before", dept: qb, code: "A3", score: "10/3",
			mutate: func(in *Input) {
				editPubs(in, func(p *Publication) bool { return p.Dept == qb && p.Channel == "微博" },
					func(p *Publication) { p.Published = day("2023-11-06") })
			},
			kinds: []DeductionKind{DeductChannelMissing},
		},
	})
}

func TestWebsiteA4(t *testing.T) {
	weekly := func(dept uint) func(p *Publication) bool {
		return func(p *Publication) bool { return p.Dept == dept && p.Seq == 0 }
	}
	runIndicatorCases(t, []indicatorCase{
		{name: "no website item: full points without any website publication", dept: qb, code: "A4", score: "5"},
		{
			name: "one thin week of 53", dept: za, code: "A4", score: "260/53",
			mutate: func(in *Input) {
				dropPubs(in, func(p *Publication) bool { return weekly(za)(p) && p.Published == day("2024-01-29") })
			},
			kinds: []DeductionKind{DeductWebsiteWeekThin},
			msg:   "2024-01-29至2024-02-04这一周网站公开 1 条，少于 2 条",
		},
		{
			name: "the last week runs into January", dept: za, code: "A4", score: "5",
			mutate: func(in *Input) {
				editPubs(in, func(p *Publication) bool { return weekly(za)(p) && p.Published == day("2024-12-31") },
					func(p *Publication) { p.Published = day("2025-01-02") })
			},
		},
		{
			name: "other channels do not count", dept: za, code: "A4", score: "260/53",
			mutate: func(in *Input) {
				editPubs(in, func(p *Publication) bool { return weekly(za)(p) && p.Published == day("2024-07-01") },
					func(p *Publication) { p.Channel = "微博" })
			},
			kinds: []DeductionKind{DeductWebsiteWeekThin},
		},
		{
			name: "the running week is pending", dept: za, code: "A4", score: "5",
			mutate: func(in *Input) {
				in.AsOf = day("2024-03-06")
				dropPubs(in, func(p *Publication) bool {
					return p.Dept == za && p.Published >= day("2024-03-04") && p.Published <= day("2024-03-10")
				})
			},
		},
	})
}

func TestRequestsB1(t *testing.T) {
	req := func(q Request) func(in *Input) {
		return func(in *Input) { q.Dept = za; addRequest(in, q) }
	}
	runIndicatorCases(t, []indicatorCase{
		// Received Fri 20 Sep 2024: due(…, 15) = 16 Oct, across National Day.
		{name: "answered on the due date", dept: za, code: "B1", score: "20",
			mutate: req(Request{No: "R-1", Received: day("2024-09-20"), Answered: day("2024-10-16")})},
		{
			name: "answered a working day late: 1 of 2", dept: za, code: "B1", score: "10",
			mutate: req(Request{No: "R-1", Received: day("2024-09-20"), Answered: day("2024-10-17")}),
			kinds:  []DeductionKind{DeductRequestLate},
			msg:    "依申请公开 R-1 迟复 1 个工作日（应于 2024-10-16 前答复）",
		},
		// Consultation 30 Sep..8 Oct holds 2 working days (30 Sep, 8 Oct):
		// due(20 Sep, 17) = 18 Oct.
		{name: "third-party pause across National Day", dept: za, code: "B1", score: "20",
			mutate: req(Request{No: "R-1", Received: day("2024-09-20"), PauseStart: day("2024-09-30"), PauseEnd: day("2024-10-08"), Answered: day("2024-10-18")})},
		// Correction Sat 12..Mon 14 Oct holds 2 working days (the Saturday
		// make-up day and Monday).
		{name: "correction pause over a make-up Saturday", dept: za, code: "B1", score: "20",
			mutate: req(Request{No: "R-1", Received: day("2024-09-20"), CorrectionStart: day("2024-10-12"), CorrectionEnd: day("2024-10-14"), Answered: day("2024-10-18")})},
		// Received Tue 2 Jan 2024, 30 working days: the 24th is Sunday
		// 4 Feb, the 30th Sunday 18 Feb (both make-up days).
		{name: "extension: 15 + 15", dept: za, code: "B1", score: "20",
			mutate: req(Request{No: "R-1", Received: day("2024-01-02"), Extended: true, Answered: day("2024-02-18")})},
		{
			name: "extension, a day late", dept: za, code: "B1", score: "10",
			mutate: req(Request{No: "R-1", Received: day("2024-01-02"), Extended: true, Answered: day("2024-02-19")}),
			kinds:  []DeductionKind{DeductRequestLate},
		},
		// Received Fri 20 Dec 2024: due 13 Jan 2025 (1 Jan off). As of
		// 20 Jan: 14, 15, 16, 17, 20 Jan late.
		{
			name: "unanswered and past due", dept: za, code: "B1", score: "10",
			mutate: req(Request{No: "R-1", Received: day("2024-12-20")}),
			kinds:  []DeductionKind{DeductRequestOverdueOpen},
			msg:    "依申请公开 R-1 逾期未答复，已超期 5 个工作日（应于 2025-01-13 前答复）",
		},
		{
			name: "answered after the as-of date is unanswered", dept: za, code: "B1", score: "10",
			mutate: req(Request{No: "R-1", Received: day("2024-12-20"), Answered: day("2025-02-01")}),
			kinds:  []DeductionKind{DeductRequestOverdueOpen},
		},
		// Received Mon 30 Dec 2024: due 21 Jan 2025, after the as-of date.
		{name: "unanswered, not yet due: not counted", dept: za, code: "B1", score: "20",
			mutate: req(Request{No: "R-1", Received: day("2024-12-30")})},
		// The as-of date is over at the end of that day (SCHEME.md, Terms).
		{name: "due on the as-of date and unanswered: late", dept: za, code: "B1", score: "10",
			mutate: func(in *Input) {
				req(Request{No: "R-1", Received: day("2024-12-30")})(in)
				in.AsOf = day("2025-01-21")
			},
			kinds: []DeductionKind{DeductRequestOverdueOpen},
			msg:   "依申请公开 R-1 逾期未答复（应于 2025-01-21 前答复；该日即截至日期，当日已结束仍未答复）",
		},
		{name: "open consultation pause runs through the as-of date", dept: za, code: "B1", score: "20",
			mutate: req(Request{No: "R-1", Received: day("2024-11-01"), PauseStart: day("2024-11-05")})},
		{name: "received the year before: not counted", dept: za, code: "B1", score: "20",
			mutate: req(Request{No: "R-1", Received: day("2023-12-01")})},
	})
}

func TestOverturnedB2(t *testing.T) {
	overturned := func(dates ...string) func(in *Input) {
		return func(in *Input) {
			for k, d := range dates {
				addRequest(in, Request{Dept: za, No: "R-" + string(rune('a'+k)), Received: day("2023-06-01"), Outcome: "被依法纠错", OutcomeDate: day(d)})
			}
		}
	}
	runIndicatorCases(t, []indicatorCase{
		{
			name: "one act overturned", dept: za, code: "B2", score: "2.5", mutate: overturned("2024-06-03"),
			kinds: []DeductionKind{DeductOverturned}, msg: "依申请公开 R-a 于 2024-06-03 被依法纠错",
		},
		{
			name: "three acts: floor at 0, the earliest two charged", dept: za, code: "B2", score: "0",
			mutate: overturned("2024-09-01", "2024-03-01", "2024-06-01"),
			kinds:  []DeductionKind{DeductOverturned, DeductOverturned},
			msg:    "依申请公开 R-b 于 2024-03-01 被依法纠错",
		},
		{name: "overturned the year before", dept: za, code: "B2", score: "5", mutate: overturned("2023-12-29")},
		{name: "upheld", dept: za, code: "B2", score: "5",
			mutate: func(in *Input) { addRequest(in, Request{Dept: za, Outcome: "维持", OutcomeDate: day("2024-06-03")}) }},
	})
}

func TestComplaintsC1C2(t *testing.T) {
	complaints := func(n int, edit func(k int, c *Complaint)) func(in *Input) {
		return func(in *Input) {
			for k := range n {
				c := Complaint{Dept: qb, No: "12389-" + string(rune('a'+k)), Received: day("2024-05-06"), Replied: day("2024-05-07"), Closed: day("2024-05-08")}
				edit(k, &c)
				addComplaint(in, c)
			}
		}
	}
	runIndicatorCases(t, []indicatorCase{
		{
			name: "one of 16 unreplied", dept: qb, code: "C1", score: "9.375",
			mutate: complaints(15, func(k int, c *Complaint) {
				if k == 0 {
					c.Replied = 0
				}
			}),
			kinds: []DeductionKind{DeductComplaintUnreplied},
			msg:   "投诉咨询 12389-a（2024-05-06 受理）未回复",
		},
		{
			name: "replied after the as-of date", dept: qb, code: "C1", score: "5",
			mutate: complaints(1, func(_ int, c *Complaint) { c.Replied = day("2025-02-01") }),
			kinds:  []DeductionKind{DeductComplaintUnreplied},
		},
		{
			name: "two of four unclosed", dept: qb, code: "C2", score: "5",
			mutate: complaints(3, func(k int, c *Complaint) {
				if k > 0 {
					c.Closed = 0
				}
			}),
			kinds: []DeductionKind{DeductComplaintUnclosed, DeductComplaintUnclosed},
		},
		{name: "received the year before", dept: qb, code: "C2", score: "10",
			mutate: complaints(1, func(_ int, c *Complaint) { c.Received, c.Closed = day("2023-12-30"), 0 })},
	})
}

func TestQuarterlyD1(t *testing.T) {
	runIndicatorCases(t, []indicatorCase{
		{name: "does not lead: full points", dept: sy, code: "D1", score: "8"},
		{
			name: "on time, late, missing, on time", dept: qb, code: "D1", score: "5",
			mutate: func(in *Input) {
				setQuarterly(in, qb, 2, day("2024-06-21"))
				dropQuarterly(in, qb, 3)
			},
			kinds: []DeductionKind{DeductQuarterlyLate, DeductQuarterlyMissing},
			msg:   "2024年第2季度报表迟报 1 天（应于 2024-06-20 前报送）",
		},
		{
			name: "a report of another year does not count", dept: qb, code: "D1", score: "6",
			mutate: func(in *Input) {
				for k, q := range in.QuarterlyReports {
					if q.Dept == qb && q.Quarter == 3 {
						in.QuarterlyReports[k].Year = 2023
					}
				}
			},
			kinds: []DeductionKind{DeductQuarterlyMissing},
			msg:   "2024年第3季度报表未报送（应于 2024-09-20 前报送）",
		},
		{
			name: "mid-year: reports not yet due cost nothing", dept: qb, code: "D1", score: "8",
			mutate: func(in *Input) { in.AsOf = day("2024-05-15") },
		},
	})
}

func TestSecrecyReviewD2(t *testing.T) {
	runIndicatorCases(t, []indicatorCase{
		{name: "no publications", dept: sy, code: "D2", score: "4"},
		{
			name: "reviewed after publication, and exempted: 2 of 12", dept: qb, code: "D2", score: "10/3",
			mutate: func(in *Input) {
				editPubs(in, func(p *Publication) bool {
					return p.Dept == qb && p.Published == day("2024-02-05") && p.Channel == "微博"
				},
					func(p *Publication) { p.ReviewDate = day("2024-02-06") })
				editPubs(in, func(p *Publication) bool {
					return p.Dept == qb && p.Published == day("2024-05-06") && p.Channel == "微博"
				},
					func(p *Publication) { p.Review = "免于公开" })
			},
			kinds: []DeductionKind{DeductReviewMissing, DeductReviewMissing},
			msg:   "《公开信息》（2024-02-05 公开）公开前未经保密审查同意公开",
		},
	})
}

func TestAnnualD3(t *testing.T) {
	submit := func(on Date) func(in *Input) {
		return func(in *Input) {
			in.AnnualReports = slices.DeleteFunc(in.AnnualReports, func(a AnnualReport) bool { return a.Dept == sy })
			if on != 0 {
				in.AnnualReports = append(in.AnnualReports, AnnualReport{ID: 50, Dept: sy, Year: 2024, Submitted: on})
			}
		}
	}
	runIndicatorCases(t, []indicatorCase{
		{name: "on the due date", dept: sy, code: "D3", score: "3", mutate: submit(day("2025-01-10"))},
		{
			name: "late: Friday 10 → Monday 13 January is 3 days", dept: sy, code: "D3", score: "1.5",
			mutate: submit(day("2025-01-13")),
			kinds:  []DeductionKind{DeductAnnualLate},
			msg:    "2024年度报告迟报 3 天（应于 2025-01-10 前报送）",
		},
		{
			// 10 January 2026 is a Saturday: a report filed on Sunday the
			// 11th is a day late, though no working day has passed.
			name: "late: due on a Saturday, filed the Sunday after is 1 day", dept: sy, code: "D3", score: "1.5",
			mutate: func(in *Input) {
				in.Year, in.AsOf = 2025, day("2026-02-02")
				in.AnnualReports = []AnnualReport{{ID: 50, Dept: sy, Year: 2025, Submitted: day("2026-01-11")}}
			},
			kinds: []DeductionKind{DeductAnnualLate},
			msg:   "2025年度报告迟报 1 天（应于 2026-01-10 前报送）",
		},
		{
			name: "never", dept: sy, code: "D3", score: "0", mutate: submit(0),
			kinds: []DeductionKind{DeductAnnualMissing},
			msg:   "2024年度报告未报送（应于 2025-01-10 前报送）",
		},
		{
			name: "not yet due", dept: sy, code: "D3", score: "3",
			mutate: func(in *Input) { submit(0)(in); in.AsOf = day("2025-01-05") },
		},
	})
}

// Every kind of deduction has its own sentence in both languages.
func TestEveryKindHasMessages(t *testing.T) {
	d := Deduction{Item: 5, Title: "标题", Period: quarterPeriod(2024, 2), Channel: "网站", Due: day("2024-06-20"), On: day("2024-05-06")}
	for _, kind := range []DeductionKind{
		DeductSlotUnfilled, DeductSlotVoidQuarter, DeductPublicationLate, DeductChannelMissing, DeductWebsiteWeekThin,
		DeductRequestLate, DeductRequestOverdueOpen, DeductOverturned, DeductComplaintUnreplied, DeductComplaintUnclosed,
		DeductQuarterlyLate, DeductQuarterlyMissing, DeductReviewMissing, DeductAnnualLate, DeductAnnualMissing,
	} {
		d.Kind = kind
		zh, en := inZH(d.Message()), inEN(d.Message())
		if zh == string(kind) || en == string(kind) || zh == en {
			t.Errorf("%s: zh %q, en %q", kind, zh, en)
		}
	}
}

func TestMessagesInEnglish(t *testing.T) {
	for _, tc := range []struct {
		d    Deduction
		want string
	}{
		{Deduction{Kind: DeductSlotUnfilled, Item: 5, Title: "办公地址、时间、工作人员", Period: quarterPeriod(2024, 2)},
			"Item 5 “办公地址、时间、工作人员”: no publication in 2024 Q2"},
		{Deduction{Kind: DeductPublicationLate, Title: "通报", LateDays: 3, Due: day("2024-03-05")},
			"“通报” published 3 working days late (due by 2024-03-05)"},
		{Deduction{Kind: DeductQuarterlyMissing, Period: quarterPeriod(2024, 3), Due: day("2024-09-20")},
			"Quarterly report for 2024 Q3 not filed (due by 2024-09-20)"},
		{Deduction{Kind: DeductWebsiteWeekThin, Period: weekPeriod(day("2024-01-29")), Channel: "网站", Count: 1, Required: 2},
			"Week 2024-01-29–2024-02-04: 1 publications on 网站, fewer than 2"},
	} {
		if got := inEN(tc.d.Message()); got != tc.want {
			t.Errorf("got  %s\nwant %s", got, tc.want)
		}
		if strings.ContainsAny(inZH(tc.d.Message()), "abcdefghijklmnopqrstuvwxyz") {
			t.Errorf("Chinese message has English words: %s", inZH(tc.d.Message()))
		}
	}
}

// An item the responsibility table gives no 公开时限 (items 39, 41 and 42 of
// the Suqian table, loaded as 未定公开时限) has no slot: its lead loses
// nothing for it, and every indicator scores as without it.
func TestItemWithoutCadenceIsNotScored(t *testing.T) {
	base := mustScore(t, perfectInput(t))
	in := perfectInput(t)
	in.Items = append(in.Items, Item{Seq: 39, Title: "执行党的方针政策、上级组织决议、决定和工作部署情况", Channels: []string{"公开栏", "网站"}, Leads: []string{"治安支队"}})
	res := mustScore(t, in)
	for _, id := range []uint{za, sc, sy, qb} {
		want, got := dept(t, base, id), dept(t, res, id)
		if (want.Total == nil) != (got.Total == nil) || (want.Total != nil && want.Total.Cmp(got.Total) != 0) {
			t.Errorf("department %d: total %v with the item, %v without", id, got.Total, want.Total)
		}
		for _, ind := range got.Indicators {
			for _, d := range ind.Deductions {
				if strings.Contains(inZH(d.Message()), "第39项") {
					t.Errorf("department %d: %s", id, inZH(d.Message()))
				}
			}
		}
	}
}
