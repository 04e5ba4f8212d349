package assessment

import (
	"errors"
	"math/big"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/scoring"
)

// Every step from every state: where it leads, or that it is refused.
func TestNext(t *testing.T) {
	want := map[Status]map[Action]Status{
		Draft:           {Submit: Submitted},
		Returned:        {Submit: Submitted},
		Submitted:       {Approve: Approved, Return: Returned},
		Approved:        {Propose: Proposed},
		Proposed:        {ApproveGrades: Final, ReturnGrades: Approved},
		Final:           {RequestReopen: ReopenRequested, Publish: Published},
		ReopenRequested: {ApproveReopen: Approved, RefuseReopen: Final},
		Published:       {RequestReopen: ReopenRequested},
	}
	for _, s := range Statuses {
		for _, a := range Actions {
			got, err := Next(s, a)
			to, ok := want[s][a]
			var es *ErrStep
			switch {
			case ok && (err != nil || got != to):
				t.Errorf("%s --%s--> %q, %v; want %s", s, a, got, err, to)
			case !ok && !errors.As(err, &es):
				t.Errorf("%s --%s--> %q, want refused", s, a, got)
			}
		}
	}
}

// Only the leading group approves or sends back; only the office drafts,
// proposes, asks to re-open and publishes; heads, the discipline office and
// auditors take no step.
func TestMayTake(t *testing.T) {
	office := []Action{Submit, Propose, RequestReopen, Publish}
	leader := []Action{Approve, Return, ApproveGrades, ReturnGrades, ApproveReopen, RefuseReopen}
	for _, tc := range []struct {
		role models.Role
		may  []Action
	}{
		{models.RoleOffice, office}, {models.RoleLeader, leader},
		{models.RoleHead, nil}, {models.RoleDiscipline, nil}, {models.RoleAuditor, nil},
	} {
		for _, a := range Actions {
			want := false
			for _, m := range tc.may {
				want = want || m == a
			}
			if got := MayTake(models.Viewer{Role: tc.role}, a); got != want {
				t.Errorf("%s may %s: %v, want %v", tc.role, a, got, want)
			}
		}
	}
	if got := AvailableTo(models.Viewer{Role: models.RoleOffice}, Submitted); len(got) != 0 {
		t.Errorf("the office can take %v on its own submitted plan", got)
	}
}

func TestReasons(t *testing.T) {
	for _, a := range Actions {
		want := a == Return || a == ReturnGrades || a == RequestReopen || a == RefuseReopen
		if NeedsReason(a) != want {
			t.Errorf("%s needs a reason: %v", a, !want)
		}
	}
}

// Art. 8: notice at least 15 days before the on-site review; the refusal
// names the earliest review date allowed.
func TestFifteenDayNotice(t *testing.T) {
	d := func(s string) scoring.Date { x, _ := scoring.ParseDate(s); return x }
	base := Dates{AsOf: d("2026-02-02"), Notice: d("2026-02-10"), SelfDue: d("2026-02-20"), ObjectionDue: d("2026-02-24")}
	for _, tc := range []struct {
		review string
		ok     bool
		says   string
	}{
		{"2026-02-25", true, ""},
		{"2026-03-10", true, ""},
		{"2026-02-24", false, "最早为2026-02-25"},
		{"2026-02-11", false, "最早为2026-02-25"},
	} {
		ds := base
		ds.Review = d(tc.review)
		err := ds.Check()
		if (err == nil) != tc.ok || (err != nil && !strings.Contains(err.Error(), tc.says)) {
			t.Errorf("review %s: %v", tc.review, err)
		}
	}
	bad := base
	bad.Review, bad.SelfDue = d("2026-03-10"), d("2026-02-01")
	if bad.Check() == nil {
		t.Error("self-inspection due before the notice accepted")
	}
	if EarliestReview(d("2026-12-20")) != d("2027-01-04") {
		t.Error("earliest review across a year end")
	}
}

func dec(s string) scoring.Decimal {
	d, err := scoring.ParseDecimal(s)
	if err != nil {
		panic(err)
	}
	return d
}

func rat(s string) *big.Rat { r, _ := new(big.Rat).SetString(s); return r }

func result(dept uint, name string, a1, a2 string) scoring.DepartmentResult {
	return scoring.DepartmentResult{Dept: dept, Name: name, Indicators: []scoring.IndicatorResult{
		{Code: "A1", Max: rat("20"), Score: rat(a1)}, {Code: "A2", Max: rat("10"), Score: rat(a2)}, {Code: "B1", Max: rat("70"), Score: rat("70")},
	}, Total: new(big.Rat).Add(new(big.Rat).Add(rat(a1), rat(a2)), rat("70"))}
}

// Accepted objections and adjustments move indicators within 0..max, and
// totals follow; the automatic results stay as they were.
func TestAdjusted(t *testing.T) {
	auto := []scoring.DepartmentResult{result(1, "甲", "15", "8"), result(2, "乙", "20", "2"), {Dept: 3, Unrated: true}}
	got := Adjusted(auto, []Change{
		{Dept: 1, Indicator: "A1", Points: rat("3")},
		{Dept: 1, Indicator: "A1", Points: rat("5")},  // beyond the maximum: held at 20
		{Dept: 2, Indicator: "A2", Points: rat("-5")}, // below zero: held at 0
		{Dept: 3, Indicator: "A1", Points: rat("5")},  // not rated: ignored
	})
	for _, tc := range []struct {
		i     int
		total string
	}{{0, "98"}, {1, "90"}} {
		if got[tc.i].Total.Cmp(rat(tc.total)) != 0 {
			t.Errorf("dept %d adjusted total %s, want %s", got[tc.i].Dept, got[tc.i].Total.RatString(), tc.total)
		}
	}
	if auto[0].Total.Cmp(rat("93")) != 0 || auto[0].Indicators[0].Score.Cmp(rat("15")) != 0 {
		t.Errorf("automatic result changed: %s", auto[0].Total.RatString())
	}
	if !got[2].Unrated || got[2].Total != nil {
		t.Error("an unrated department got a total")
	}
}

// The scheme's share of 优秀 applies to the preliminary grades.
func TestPreliminaryQuota(t *testing.T) {
	q := dec("0.5")
	s := &scoring.Scheme{Grades: scoring.Thresholds{Excellent: dec("90"), Pass: dec("75"), BasicPass: dec("60")}, ExcellentQuota: &q}
	auto := []scoring.DepartmentResult{result(1, "甲", "20", "10"), result(2, "乙", "20", "9"), result(3, "丙", "19", "9"), result(4, "丁", "5", "5")}
	got := Preliminary(s, auto)
	grades := map[uint]scoring.Grade{}
	for _, d := range got {
		grades[d.Dept] = d.Grade
	}
	if grades[1] != scoring.GradeExcellent || grades[2] != scoring.GradeExcellent || grades[3] != scoring.GradePass || grades[4] != scoring.GradePass {
		t.Errorf("grades under a 50%% quota: %v", grades)
	}
}

func TestCriticised(t *testing.T) {
	s := &scoring.Scheme{Grades: scoring.Thresholds{BasicPass: dec("60")}}
	for _, tc := range []struct {
		a1, a2 string
		want   []Criticism
	}{
		{"20", "10", nil},
		{"12", "6", nil},
		{"11.9", "6", []Criticism{NotPublished}},
		{"12", "5", []Criticism{PublishedLate}},
		{"0", "0", []Criticism{NotPublished, PublishedLate}},
	} {
		d := result(1, "甲", tc.a1, tc.a2)
		d.Grade = scoring.GradeFail
		got := Criticised(s, d)
		if len(got) != len(tc.want) || (len(got) > 0 && got[0] != tc.want[0]) {
			t.Errorf("A1 %s A2 %s: %v, want %v", tc.a1, tc.a2, got, tc.want)
		}
	}
}

// A unit that passed is not criticised, whatever its coverage.
func TestOnlyFailedUnitsAreCriticised(t *testing.T) {
	s := &scoring.Scheme{Grades: scoring.Thresholds{BasicPass: dec("60")}}
	d := result(1, "甲", "0", "0")
	for _, g := range []scoring.Grade{scoring.GradeExcellent, scoring.GradePass, scoring.GradeBasicPass} {
		d.Grade = g
		if got := Criticised(s, d); got != nil {
			t.Errorf("%s criticised for %v", g, got)
		}
	}
}

func TestUnitIneligible(t *testing.T) {
	for _, tc := range []struct {
		g    Grade
		want string
	}{
		{Grade{Grade: "优秀"}, ""},
		{Grade{Grade: "不合格", Veto: true}, "一票否决"},
		{Grade{Grade: "合格", CapReason: "decision"}, "取消评先选优资格"},
		{Grade{Grade: "合格", Ineligible: true}, "取消评先选优资格"},
		{Grade{Grade: "合格", CapReason: "quota"}, ""},
		{Grade{Grade: "基本合格"}, "优秀或合格"},
		{Grade{Unrated: true}, "不参评"},
	} {
		got := ""
		if err := UnitIneligible(tc.g); err != nil {
			got = err.Error()
		}
		if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
			t.Errorf("%+v: %q, want %q", tc.g, got, tc.want)
		}
	}
}

// Issue 20 item 6: proposing grades waits for the self-inspection and
// objection windows to close (the day after their due dates), the on-site
// review to take place, and every unit to sign; each wait says what and when.
func TestProposeWaits(t *testing.T) {
	d := Dates{AsOf: scoring.NewDate(2027, 1, 31), Notice: scoring.NewDate(2027, 2, 1), SelfDue: scoring.NewDate(2027, 2, 10),
		ObjectionDue: scoring.NewDate(2027, 2, 12), Review: scoring.NewDate(2027, 2, 17)}
	for _, tc := range []struct {
		today    scoring.Date
		unsigned int
		want     string
	}{
		{scoring.NewDate(2027, 2, 10), 3, "自查材料报送期限（2027-02-10）尚未届满；异议期限（2027-02-12）尚未届满；实地考核（2027-02-17）尚未进行；3 个单位尚未签收考核通知"},
		{scoring.NewDate(2027, 2, 11), 0, "异议期限（2027-02-12）尚未届满；实地考核（2027-02-17）尚未进行"},
		{scoring.NewDate(2027, 2, 13), 0, "实地考核（2027-02-17）尚未进行"},
		{scoring.NewDate(2027, 2, 17), 1, "1 个单位尚未签收考核通知"},
		{scoring.NewDate(2027, 2, 17), 0, ""},
	} {
		if got := WaitsText(d.ProposeWaits(tc.today, tc.unsigned)); got != tc.want {
			t.Errorf("%s, %d unsigned: %q, want %q", tc.today, tc.unsigned, got, tc.want)
		}
	}
}

// A head's forms close with a reason: objections after their due date,
// both once the grades are proposed; a late self-inspection is taken.
func TestClosedFor(t *testing.T) {
	p := &Plan{Status: Approved, SelfDue: scoring.NewDate(2027, 2, 10).Time(), ObjectionDue: scoring.NewDate(2027, 2, 12).Time()}
	for _, tc := range []struct {
		status Status
		form   string
		today  scoring.Date
		want   string // the reason; "" while open
	}{
		{Approved, FormObjection, scoring.NewDate(2027, 2, 12), ""},
		{Approved, FormObjection, scoring.NewDate(2027, 2, 13), "异议期已于 2027-02-12 截止"},
		{Approved, FormSelf, scoring.NewDate(2027, 3, 1), ""},
		{Proposed, FormSelf, scoring.NewDate(2027, 2, 1), "初步等次已提出"},
		{Final, FormObjection, scoring.NewDate(2027, 2, 1), "初步等次已提出"},
	} {
		p.Status = tc.status
		w := p.ClosedFor(tc.form, tc.today)
		switch {
		case tc.want == "" && w != nil:
			t.Errorf("%s %s on %s: closed: %v", tc.status, tc.form, tc.today, w.Refusal())
		case tc.want != "" && (w == nil || !strings.Contains(w.Refusal().Error(), tc.want)):
			t.Errorf("%s %s on %s: %v, want %q", tc.status, tc.form, tc.today, w, tc.want)
		}
	}
}

// A data cut-off never lies after today; a year-end plan's lies after 31
// December of its year.
func TestPlanCutOff(t *testing.T) {
	now := scoring.NewDate(2026, 12, 6).Time()
	in := PlanInput{Year: 2026, FullScope: true, Dates: Dates{Notice: scoring.NewDate(2027, 2, 1), SelfDue: scoring.NewDate(2027, 2, 10),
		ObjectionDue: scoring.NewDate(2027, 2, 12), Review: scoring.NewDate(2027, 2, 17)}}
	for _, tc := range []struct {
		asOf scoring.Date
		year int
		want string
	}{
		{scoring.NewDate(2027, 1, 31), 2026, "晚于今天（2026-12-06）"},
		{scoring.NewDate(2026, 12, 6), 2026, "2026"}, // within the year it assesses
		{scoring.NewDate(2026, 2, 1), 2025, ""},
	} {
		in.Year, in.Dates.AsOf = tc.year, tc.asOf
		err := in.validate(now)
		var ve *models.ValidationError
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("cut-off %s of %d: %v", tc.asOf, tc.year, err)
		case tc.want != "" && (!errors.As(err, &ve) || ve.Field != "as_of" || !strings.Contains(ve.Message, tc.want)):
			t.Errorf("cut-off %s of %d: %v, want %q", tc.asOf, tc.year, err, tc.want)
		}
	}
}
