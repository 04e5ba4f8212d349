package accountability

import (
	"context"
	"fmt"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/scoreruns"
	"github.com/gongkai/gongkai/scoring"
)

// Decisions reads, for scoring, the decisions dated in a year that stand:
// those of the discipline office's cases, paper decisions imported among
// them, decided and not revoked (a revoked decision no longer caps a
// grade). Score runs compute with it: scoreruns.New(m).Deciding(Decisions(m)).
func Decisions(m *models.Store) scoreruns.Decisions {
	return func(ctx context.Context, y int) ([]scoring.Decision, error) {
		first, last := scoring.YearSpan(y)
		var cases []Case
		err := m.DB.WithContext(ctx).Select("id", "case_no", "department_id", "decided", "sanctions").
			Where("status IN ? AND decided BETWEEN ? AND ?", standingStates, first.Time(), last.Time()).Order("id").Find(&cases).Error
		if err != nil {
			return nil, fmt.Errorf("read accountability decisions: %w", err)
		}
		out := make([]scoring.Decision, 0, len(cases))
		for _, c := range cases {
			out = append(out, scoring.Decision{ID: c.ID, Dept: c.DepartmentID, CaseNo: c.CaseNo, Decided: scoring.DateOf(*c.Decided), Sanctions: models.SplitNames(c.Sanctions)})
		}
		return out, nil
	}
}
