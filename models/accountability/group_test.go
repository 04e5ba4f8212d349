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
	for _, y := range accountability.GroupProposals(ps) {
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
