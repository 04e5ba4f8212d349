package scoring

import (
	"maps"
	"slices"
	"testing"
)

// lose replaces a department's complaints by total of them, the first
// unreplied of which were never replied to and the first unclosed never
// closed: it loses 10 × unreplied/total of C1 and 10 × unclosed/total of C2.
func lose(in *Input, dept uint, total, unreplied, unclosed int) {
	in.Complaints = slices.DeleteFunc(in.Complaints, func(c Complaint) bool { return c.Dept == dept })
	for k := range total {
		c := Complaint{Dept: dept, No: "C", Received: day("2024-05-06"), Replied: day("2024-05-07"), Closed: day("2024-05-07")}
		if k < unreplied {
			c.Replied = 0
		}
		if k < unclosed {
			c.Closed = 0
		}
		addComplaint(in, c)
	}
}

func TestGrades(t *testing.T) {
	for _, tc := range []struct {
		name      string
		mutate    func(in *Input)
		total     string
		grade     Grade
		veto      bool
		capReason CapReason
	}{
		{name: "perfect", total: "100", grade: GradeExcellent},
		{name: "exactly 90 is excellent", total: "90", grade: GradeExcellent,
			mutate: func(in *Input) { lose(in, za, 1, 1, 0) }},
		{name: "just under 90 is pass", total: "89.999", grade: GradePass,
			mutate: func(in *Input) { lose(in, za, 10000, 10000, 1) }},
		{name: "a veto incident fails a perfect score", total: "100", grade: GradeFail, veto: true,
			mutate: func(in *Input) {
				in.Incidents = append(in.Incidents, Incident{ID: 1, Dept: za, Date: day("2024-08-01"), Kind: "泄密"})
			}},
		{name: "an incident of the year before does not veto", total: "100", grade: GradeExcellent,
			mutate: func(in *Input) {
				in.Incidents = append(in.Incidents, Incident{ID: 1, Dept: za, Date: day("2023-08-01"), Kind: "弄虚作假"})
			}},
		{name: "a capping decision holds excellent to pass", total: "100", grade: GradePass, capReason: CapDecision,
			mutate: func(in *Input) {
				in.Decisions = append(in.Decisions, Decision{ID: 1, Dept: za, Decided: day("2024-04-01"), Sanctions: []string{"书面检查", "通报批评"}})
			}},
		{name: "warning and written self-examination do not cap", total: "100", grade: GradeExcellent,
			mutate: func(in *Input) {
				in.Decisions = append(in.Decisions, Decision{ID: 1, Dept: za, Decided: day("2024-04-01"), Sanctions: []string{"告诫", "书面检查"}})
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := perfectInput(t)
			if tc.mutate != nil {
				tc.mutate(&in)
			}
			d := dept(t, mustScore(t, in), za)
			if d.Total.Cmp(rat(tc.total)) != 0 || d.Grade != tc.grade || d.Veto != tc.veto || d.CapReason != tc.capReason || d.Capped != (tc.capReason != "") {
				t.Errorf("got %s %s veto=%v cap=%v %q, want %s %s veto=%v cap %q",
					d.Total.RatString(), d.Grade, d.Veto, d.Capped, d.CapReason, tc.total, tc.grade, tc.veto, tc.capReason)
			}
		})
	}
}

func TestGradeThresholds(t *testing.T) {
	g := Thresholds{Excellent: Decimal{rat("90")}, Pass: Decimal{rat("75")}, BasicPass: Decimal{rat("60")}}
	for total, want := range map[string]Grade{"100": GradeExcellent, "90": GradeExcellent, "89.999": GradePass,
		"75": GradePass, "74.99": GradeBasicPass, "60": GradeBasicPass, "59.995": GradeFail, "0": GradeFail} {
		if got := g.of(rat(total)); got != want {
			t.Errorf("%s → %s, want %s", total, got, want)
		}
	}
}

// The quota is off by default. With a share of 0.5 of four departments,
// two keep 优秀: the best total, then the tie broken by name.
func TestExcellentQuota(t *testing.T) {
	in := perfectInput(t)
	lose(&in, sy, 20, 1, 0) // 宿豫分局 99.5, ahead of 治安支队 by name but not by total
	res := mustScore(t, in)
	for _, d := range res.Departments {
		if d.Grade != GradeExcellent || d.Capped {
			t.Errorf("no quota: %s is %s", d.Name, d.Grade)
		}
	}

	in.Scheme = in.Scheme.Clone()
	half := Decimal{rat("0.5")}
	in.Scheme.ExcellentQuota = &half
	lose(&in, qb, 20, 1, 0) // 指挥中心情报信息处 99.5 too; 治安支队 and 宿城分局 stay at 100
	res = mustScore(t, in)
	grades := map[string]Grade{}
	for _, d := range res.Departments {
		grades[d.Name] = d.Grade
		if (d.Grade == GradePass) != (d.CapReason == CapQuota) {
			t.Errorf("%s: %s, cap %q", d.Name, d.Grade, d.CapReason)
		}
	}
	want := map[string]Grade{"治安支队": GradeExcellent, "宿城分局": GradeExcellent, "宿豫分局": GradePass, "指挥中心情报信息处": GradePass}
	if !maps.Equal(grades, want) {
		t.Errorf("grades %v, want %v", grades, want)
	}

	// A tie at the boundary goes by name: of the two at 100, 宿城分局 comes
	// first in Unicode order (宿 U+5BBF < 治 U+6CBB).
	quarter := Decimal{rat("0.25")}
	in.Scheme.ExcellentQuota = &quarter
	res = mustScore(t, in)
	if dept(t, res, sc).Grade != GradeExcellent || dept(t, res, za).Grade != GradePass {
		t.Errorf("tie: 宿城分局 %s, 治安支队 %s", dept(t, res, sc).Grade, dept(t, res, za).Grade)
	}
}

func TestTotalRoundsHalfUp(t *testing.T) {
	in := perfectInput(t)
	lose(&in, qb, 16, 1, 0) // C1 = 10 × 15/16 = 9.375
	d := dept(t, mustScore(t, in), qb)
	if Round2(d.Total) != "99.38" || d.Total.Cmp(rat("99.375")) != 0 {
		t.Errorf("total %s shown as %s, want 99.375 shown as 99.38", d.Total.RatString(), Round2(d.Total))
	}
	if d.Grade != GradeExcellent {
		t.Errorf("99.375 graded %s, want %s", d.Grade, GradeExcellent)
	}
}

func TestRanks(t *testing.T) {
	in := perfectInput(t)
	lose(&in, za, 20, 1, 0)
	lose(&in, qb, 20, 1, 0)
	// Totals in input order: 99.5, 100, 100, 99.5.
	var got []int
	for _, d := range mustScore(t, in).Departments {
		got = append(got, d.Rank)
	}
	if !slices.Equal(got, []int{3, 1, 1, 3}) {
		t.Errorf("ranks = %v", got)
	}
}

func TestCalendarGapsAreReported(t *testing.T) {
	for _, tc := range []struct {
		name   string
		mutate func(in *Input)
		want   []int
	}{
		{name: "notices for every year touched"},
		{
			name: "a publication formed in 2006 counts days of a year without notice",
			mutate: func(in *Input) {
				p := publish(in, qb, 38, "微信", day("2024-03-04"))
				p.Formed = day("2006-12-20")
			},
			want: []int{2006},
		},
		{
			name: "scoring 2027: no notice for the year",
			mutate: func(in *Input) {
				in.Year, in.AsOf = 2027, day("2028-01-20")
				in.Requests = append(in.Requests, Request{ID: 99, Dept: za, Received: day("2027-03-01"), Answered: day("2027-03-05")})
			},
			want: []int{2027},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := perfectInput(t)
			if tc.mutate != nil {
				tc.mutate(&in)
			}
			if got := mustScore(t, in).CalendarGaps; !slices.Equal(got, tc.want) {
				t.Errorf("CalendarGaps = %v, want %v", got, tc.want)
			}
		})
	}
}
