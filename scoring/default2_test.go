package scoring

import "testing"

// zs is a police station in no catalog cell: under default-2 it is not
// rated, whatever its records.
const zs uint = 5

// default2Input is the fixture scored under default-2, with a police
// station that the catalog names nowhere but that has requests and
// complaints of its own.
func default2Input(t *testing.T) Input {
	in := perfectInput(t)
	in.Scheme = shippedScheme(t, "default-2")
	in.Departments = append(in.Departments, Department{zs, "ZS", "幸福派出所"})
	in.Requests = append(in.Requests, Request{ID: 90, Dept: zs, No: "R-zs", Received: day("2024-03-01"), Answered: day("2024-06-05")})
	in.Complaints = append(in.Complaints, Complaint{ID: 90, Dept: zs, No: "C-zs", Received: day("2024-04-01")})
	return in
}

// The default-2 rules, one case each. Under default-1 宿豫分局 (only
// co-responsible, through 各分县局) has no slot and scores full marks for
// doing nothing; under default-2 it is obligated for items 5 and 23 and,
// having published nothing, loses A2 and D2 too.
func TestDefault2Indicators(t *testing.T) {
	d2 := func(mutate func(in *Input)) func(in *Input) {
		return func(in *Input) {
			in.Scheme = shippedScheme(t, "default-2")
			if mutate != nil {
				mutate(in)
			}
		}
	}
	publishesOnlyNews := d2(func(in *Input) { publish(in, sy, 0, "网站", day("2024-03-04")) })
	runIndicatorCases(t, []indicatorCase{
		{name: "default-1: a co-responsible unit has no slot", dept: sy, code: "A1", score: "20"},
		{name: "default-1: nothing published keeps A2", dept: sy, code: "A2", score: "10"},
		{
			name: "default-2: a co-responsible unit's slots are counted", dept: sy, code: "A1", score: "0", mutate: d2(nil),
			kinds: []DeductionKind{DeductSlotUnfilled, DeductSlotUnfilled},
			msg:   "第5项“办公地址、时间、工作人员”（长期公开）截至 2024-12-31 无公开记录",
		},
		{
			name: "default-2: an idle obligated unit scores 0 for A2", dept: sy, code: "A2", score: "0", mutate: d2(nil),
			kinds: []DeductionKind{DeductNothingPublished},
			msg:   "2024年度有应公开事项，但全年无任何公开记录，本项不得分",
		},
		{
			name: "default-2: an idle obligated unit scores 0 for D2", dept: sy, code: "D2", score: "0", mutate: d2(nil),
			kinds: []DeductionKind{DeductNothingPublished},
		},
		{
			name: "default-2: the co-responsible unit's channels are required", dept: sy, code: "A3", score: "0", mutate: d2(nil),
			kinds: []DeductionKind{DeductChannelMissing, DeductChannelMissing},
		},
		{
			name: "default-2: one news post outside the catalog ends idleness for A2", dept: sy, code: "A2", score: "10",
			mutate: publishesOnlyNews,
		},
		{
			name: "default-2: one news post outside the catalog ends idleness for D2", dept: sy, code: "D2", score: "4",
			mutate: publishesOnlyNews,
		},
		{
			name: "default-2: a news post outside the catalog fills no slot", dept: sy, code: "A1", score: "0",
			mutate: publishesOnlyNews,
			kinds:  []DeductionKind{DeductSlotUnfilled, DeductSlotUnfilled},
		},
		{
			name: "default-2: a news post outside the catalog uses a channel", dept: sy, code: "A3", score: "5/2",
			mutate: publishesOnlyNews,
			kinds:  []DeductionKind{DeductChannelMissing},
		},
		{
			// The fixture's two weekly website posts are news, outside the
			// catalog; take one away in the week of 3 June and put back a
			// news post: the week is good again.
			name: "default-2: an uncatalogued website post makes a good week", dept: za, code: "A4", score: "5",
			mutate: d2(func(in *Input) {
				dropPubs(in, func(p *Publication) bool { return p.Dept == za && p.Seq == 0 && p.Published == day("2024-06-04") })
				publish(in, za, 0, "网站", day("2024-06-07"))
			}),
		},
		{
			// 53 weeks have their Monday in 2024; one is thin.
			name: "default-2: without it the week is thin", dept: za, code: "A4", score: "260/53",
			mutate: d2(func(in *Input) {
				dropPubs(in, func(p *Publication) bool { return p.Dept == za && p.Seq == 0 && p.Published == day("2024-06-04") })
			}),
			kinds: []DeductionKind{DeductWebsiteWeekThin},
		},
		{
			name: "default-2: a unit that did its part keeps full points", dept: qb, code: "A2", score: "10", mutate: d2(nil),
		},
	})
}

// Not rated (不参评) under default-2: no slot and no item led. Leading an
// item published only on request still rates a department: it has
// quarterly reports to file.
func TestDefault2NotRated(t *testing.T) {
	for _, tc := range []struct {
		name    string
		mutate  func(in *Input)
		dept    uint
		unrated bool
	}{
		{name: "a station in no catalog cell, with records", dept: zs, unrated: true},
		{name: "a co-responsible unit is rated", dept: sy},
		{
			name: "leading an item on request only is a duty", dept: zs,
			mutate: func(in *Input) { in.Items[2].Leads = []string{"幸福派出所"} },
		},
		{
			name: "named through a group as co-responsible is a duty", dept: zs,
			mutate: func(in *Input) { in.Groups["各分县局"] = append(in.Groups["各分县局"], zs) },
		},
		{
			name: "default-1 rates everyone", dept: zs,
			mutate: func(in *Input) { in.Scheme = shippedScheme(t, "default-1") },
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := default2Input(t)
			if tc.mutate != nil {
				tc.mutate(&in)
			}
			d := dept(t, mustScore(t, in), tc.dept)
			if d.Unrated != tc.unrated {
				t.Fatalf("unrated = %v, want %v", d.Unrated, tc.unrated)
			}
			if tc.unrated && (d.Grade != "" || d.Rank != 0) {
				t.Errorf("not rated, yet graded %q and ranked %d", d.Grade, d.Rank)
			}
		})
	}
}

// A department not rated takes no rank and no share of 优秀: with four
// rated departments and a quota of 0.5, two keep 优秀 whatever the station.
func TestDefault2RanksAndQuotaCountRatedOnly(t *testing.T) {
	in := default2Input(t)
	// Give the two sub-bureaus their co-responsible slots, so that every
	// rated department is perfect.
	for _, unit := range []uint{sc, sy} {
		for _, seq := range []int{5, 23} {
			for _, ch := range []string{"公开栏", "网站"} {
				publish(&in, unit, seq, ch, day("2024-03-04"))
			}
		}
	}
	for monday := day("2024-01-01"); monday <= day("2024-12-31"); monday += 7 {
		publish(&in, sy, 0, "网站", monday)
		publish(&in, sy, 0, "网站", monday+1)
	}
	lose(&in, za, 20, 1, 0) // 治安支队 99.5
	half := Decimal{rat("0.5")}
	in.Scheme.ExcellentQuota = &half
	res := mustScore(t, in)

	got := map[string]struct {
		grade Grade
		rank  int
	}{}
	for _, d := range res.Departments {
		got[d.Name] = struct {
			grade Grade
			rank  int
		}{d.Grade, d.Rank}
	}
	want := map[string]struct {
		grade Grade
		rank  int
	}{
		"宿城分局": {GradeExcellent, 1}, "宿豫分局": {GradeExcellent, 1}, "指挥中心情报信息处": {GradePass, 1},
		"治安支队": {GradePass, 4}, "幸福派出所": {"", 0},
	}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s: %v, want %v", name, got[name], w)
		}
	}
}
