package scoring

import (
	"math/big"
	"slices"
)

// Result is the outcome of one assessment run.
type Result struct {
	SchemeVersion string
	Year          int
	AsOf          Date
	// CalendarGaps lists, ascending, the years whose working days were
	// counted weekends-only because no holiday notice was given for them.
	CalendarGaps []int
	// Departments are in the order of Input.Departments.
	Departments []DepartmentResult
	// Unresolved lists catalog names that should make departments obligated
	// but name no department or group; their items bind nobody.
	Unresolved []string
}

// DepartmentResult is the score of one department.
type DepartmentResult struct {
	Dept uint
	Code string
	Name string
	// Indicators are A1..D3 in scheme order.
	Indicators []IndicatorResult
	// Total is the exact sum of the indicator scores.
	Total *big.Rat
	Grade Grade
	// Veto: an incident of a veto kind in the year failed the department;
	// VetoIncidents are their IDs.
	Veto          bool
	VetoIncidents []uint
	// Capped: the department reached 优秀 by its total but got 合格, for
	// the reason in CapReason; CapDecisions are the decisions that made it
	// ineligible, if that was the reason.
	Capped       bool
	CapReason    CapReason
	CapDecisions []uint
	// Leads: the department leads a catalog item, so it files quarterly
	// reports and a missing one voids its quarter.
	Leads bool
	// Slots are every slot the catalog gives the department, by item and
	// period, for the coverage grid.
	Slots []SlotResult
}

// IndicatorResult is the score of one indicator with its explanation.
type IndicatorResult struct {
	Code, Name, NameEN string
	Max, Score         *big.Rat
	Deductions         []Deduction
}

// CapReason says why a department was held below 优秀.
type CapReason string

// The reasons for a cap.
const (
	// CapDecision: an accountability decision in the year made the
	// department ineligible for 优秀 (取消评先选优资格 and the like).
	CapDecision CapReason = "decision"
	// CapQuota: the scheme's share of 优秀 was used up by better totals.
	CapQuota CapReason = "quota"
)

// Grade is one of the four grades of seed 003 art. 6.
type Grade string

// The grades, best first.
const (
	GradeExcellent Grade = "优秀"
	GradePass      Grade = "合格"
	GradeBasicPass Grade = "基本合格"
	GradeFail      Grade = "不合格"
)

// English returns the grade's English name.
func (g Grade) English() string {
	switch g {
	case GradeExcellent:
		return "excellent"
	case GradePass:
		return "pass"
	case GradeBasicPass:
		return "basic pass"
	case GradeFail:
		return "fail"
	}
	return string(g)
}

// Ranks returns the rank of each department, in the order of Departments:
// 1 for the highest total, equal totals sharing a rank (1, 2, 2, 4).
func (r *Result) Ranks() []int {
	order := make([]int, len(r.Departments))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return r.Departments[b].Total.Cmp(r.Departments[a].Total)
	})
	ranks := make([]int, len(order))
	for pos, i := range order {
		if pos > 0 && r.Departments[i].Total.Cmp(r.Departments[order[pos-1]].Total) == 0 {
			ranks[i] = ranks[order[pos-1]]
		} else {
			ranks[i] = pos + 1
		}
	}
	return ranks
}
