package scoring

import "math/big"

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
	// (or names of the scheme's press-conference departments) but name no
	// department or group; they bind nobody.
	Unresolved []string
}

// DepartmentResult is the score of one department.
type DepartmentResult struct {
	Dept uint
	Code string
	Name string
	// Unrated: the department is not rated (不参评) this year, because the
	// catalog gives it nothing to do (no slot, no item led) and the scheme
	// rates only departments with duties. It then has no Indicators, no
	// Total (nil), no Grade and Rank 0.
	Unrated bool
	// Indicators are A1..D3 in scheme order.
	Indicators []IndicatorResult
	// Total is the exact sum of the indicator scores.
	Total *big.Rat
	Grade Grade
	// Rank is the department's place among the rated departments of the
	// run by total, highest first, equal totals sharing a rank; 0 when not
	// rated. It is decided once, with the run, so that everyone who sees
	// the department sees the same rank.
	Rank int
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
	// NotDue are the slots a monitoring run set aside because they were not
	// yet due at its cut-off (SlotDue), filled or not; empty at year end.
	NotDue []SlotResult `json:",omitempty"`
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

// Grades are the four grades, best first: the one order every count, chart
// and table of grades follows.
func Grades() []Grade {
	return []Grade{GradeExcellent, GradePass, GradeBasicPass, GradeFail}
}

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
