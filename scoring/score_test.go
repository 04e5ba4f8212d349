package scoring

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// slotItems lists a department's slots as "seq:label".
func slotItems(d DepartmentResult) []string {
	var s []string
	for _, slot := range d.Slots {
		s = append(s, fmt.Sprintf("%d:%s", slot.Item, inZH(slot.Period.Text())))
	}
	return s
}

func TestObligationsAndSlots(t *testing.T) {
	res := mustScore(t, perfectInput(t))
	// 26 names 宿城分局 twice (by group and by name): one slot. 99 is led by
	// code. 25 is on request only, and its lead 交警支队 names nobody.
	months := make([]string, 12)
	for m := range months {
		months[m] = fmt.Sprintf("99:2024年%d月", m+1)
	}
	for _, tc := range []struct {
		dept uint
		want []string
	}{
		{za, []string{"5:长期", "23:2024年度"}},
		{sc, append([]string{"26:长期"}, months...)},
		{sy, nil},
		{qb, []string{"38:2024年第1季度", "38:2024年第2季度", "38:2024年第3季度", "38:2024年第4季度"}},
	} {
		if got := slotItems(dept(t, res, tc.dept)); !slices.Equal(got, tc.want) {
			t.Errorf("dept %d slots %v, want %v", tc.dept, got, tc.want)
		}
	}
	if !slices.Equal(res.Unresolved, []string{"交警支队"}) {
		t.Errorf("Unresolved = %v", res.Unresolved)
	}
	if d := dept(t, res, sy); d.Leads || !dept(t, res, sc).Leads {
		t.Error("宿城分局 leads through a group; 宿豫分局 leads nothing")
	}
}

// With co-responsible units obligated, 宿豫分局 (in 各分县局) owes items 5
// and 23 and, publishing nothing, loses all of A1, A3 and A4; it still
// leads nothing, so D1 stays full. 市局相关部门 names nobody and is
// reported.
func TestCoResponsibleObligated(t *testing.T) {
	in := perfectInput(t)
	in.Scheme = in.Scheme.Clone()
	in.Scheme.CoResponsibleObligated = true
	res := mustScore(t, in)
	d := dept(t, res, sy)
	if got := slotItems(d); !slices.Equal(got, []string{"5:长期", "23:2024年度"}) {
		t.Errorf("slots %v", got)
	}
	for code, want := range map[string]string{"A1": "0", "A3": "0", "A4": "0", "D1": "8"} {
		if got := indicator(t, res, sy, code).Score; got.Cmp(rat(want)) != 0 {
			t.Errorf("%s = %s, want %s", code, got, want)
		}
	}
	if want := []string{"市局相关部门", "交警支队"}; !slices.Equal(res.Unresolved, want) {
		t.Errorf("Unresolved = %v, want %v in catalog order", res.Unresolved, want)
	}
}

func TestScoreRefusesInconsistentInput(t *testing.T) {
	for _, tc := range []struct {
		name   string
		mutate func(*Input)
		want   string
	}{
		{"no scheme", func(in *Input) { in.Scheme = nil }, "缺少评分方案"},
		{"no calendar", func(in *Input) { in.Calendar = nil }, "缺少工作日历"},
		{"no as-of", func(in *Input) { in.AsOf = 0 }, "缺少计算日期"},
		{"as-of before the year", func(in *Input) { in.AsOf = day("2023-12-31") }, "须不早于考核年度 2024 年的 1 月 1 日"},
		{"invalid scheme", func(in *Input) {
			in.Scheme = in.Scheme.Clone()
			in.Scheme.Indicators[0].Points = DecimalOf(15)
		}, "评分方案“default-1”有误：各项指标分值之和须为 100，现为 95"},
		{"duplicate department", func(in *Input) { in.Departments = append(in.Departments, Department{ID: za}) }, "部门 ID 1 重复"},
		{"unknown group member", func(in *Input) { in.Groups["各分县局"] = []uint{sc, 77} }, "分组“各分县局”含有未知的部门（ID 77）"},
		{"duplicate item", func(in *Input) { in.Items = append(in.Items, Item{Seq: 5}) }, "目录序号 5 重复"},
		{"record of unknown department", func(in *Input) { in.Complaints[0].Dept = 77 }, "投诉咨询记录 1 属于未知的部门（ID 77）"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := perfectInput(t)
			tc.mutate(&in)
			_, err := Score(in)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want %q", err, tc.want)
			}
		})
	}
}
func TestPerfectYearScoresHundred(t *testing.T) {
	res := mustScore(t, perfectInput(t))
	for _, d := range res.Departments {
		if Round2(d.Total) != "100.00" || d.Grade != GradeExcellent {
			t.Errorf("%s: %s %s\n%+v", d.Name, Round2(d.Total), d.Grade, d.Indicators)
		}
	}
	if len(res.CalendarGaps) != 0 {
		t.Errorf("CalendarGaps = %v, want none: 2024 and 2025 have notices", res.CalendarGaps)
	}
}
