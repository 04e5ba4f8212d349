package accountability_test

import (
	"fmt"
	"testing"

	"github.com/gongkai/gongkai/models/accountability"
)

// Proposals group by year, newest first, then by department in the order
// they come, with counts.
func TestGroupProposals(t *testing.T) {
	ps := []accountability.Proposal{
		{Key: "a", Year: 2024, DepartmentID: 1, Department: "治安支队"},
		{Key: "b", Year: 2025, DepartmentID: 2, Department: "刑警支队"},
		{Key: "c", Year: 2024, DepartmentID: 1, Department: "治安支队"},
		{Key: "d", Year: 2025, DepartmentID: 1, Department: "治安支队"},
		{Key: "e", Year: 2024, DepartmentID: 2, Department: "刑警支队"},
	}
	var got []string
	for _, y := range accountability.GroupProposals(ps, 1).Years {
		got = append(got, fmt.Sprintf("%d:%d", y.Year, y.Count))
		for _, d := range y.Departments {
			keys := ""
			for _, p := range d.Proposals {
				keys += p.Key
			}
			got = append(got, d.Department+"="+keys)
		}
	}
	want := fmt.Sprint([]string{"2025:2", "刑警支队=b", "治安支队=d", "2024:3", "治安支队=ac", "刑警支队=e"})
	if fmt.Sprint(got) != want {
		t.Errorf("groups = %v, want %v", got, want)
	}
}

// A bureau's proposals are shown fifty a page, newest year first; a year's
// count is all its proposals, on each page it spans.
func TestGroupProposalsAPageAtATime(t *testing.T) {
	var ps []accountability.Proposal
	for i := range 120 {
		y := 2024 + i%2 // 60 of 2025 and 60 of 2024, mixed as they come
		ps = append(ps, accountability.Proposal{Key: fmt.Sprint(i), Year: y, DepartmentID: uint(i % 7), Department: fmt.Sprint("单位", i%7)})
	}
	for _, tc := range []struct {
		page, wantPage  int
		years           string // year:count as shown
		listed, inFirst int    // proposals on the page, of its first year
	}{
		{1, 1, "[2025:60]", 50, 50},
		{2, 2, "[2025:60 2024:60]", 50, 10},
		{3, 3, "[2024:60]", 20, 20},
		{9, 3, "[2024:60]", 20, 20},
		{0, 1, "[2025:60]", 50, 50},
	} {
		got := accountability.GroupProposals(ps, tc.page)
		var years []string
		listed, inFirst := 0, 0
		for i, y := range got.Years {
			years = append(years, fmt.Sprintf("%d:%d", y.Year, y.Count))
			for _, d := range y.Departments {
				listed += len(d.Proposals)
				if i == 0 {
					inFirst += len(d.Proposals)
				}
			}
		}
		if got.Page != tc.wantPage || got.Pages != 3 || fmt.Sprint(years) != tc.years || listed != tc.listed || inFirst != tc.inFirst {
			t.Errorf("page %d: page %d of %d, years %v, %d listed (%d of the first year); want page %d of 3, %s, %d (%d)",
				tc.page, got.Page, got.Pages, years, listed, inFirst, tc.wantPage, tc.years, tc.listed, tc.inFirst)
		}
	}
}
