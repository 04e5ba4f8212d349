package audit_test

import (
	"context"
	"testing"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/audit"
	"github.com/gongkai/gongkai/models/modelstest"
)

// Changes moves with each audited change and only with one that commits;
// ChangesTo moves only with a change of the entities it names. The caches
// of issue 27 are keyed by them.
func TestChangesMoveWithEachCommittedChange(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		a := audit.New(s)
		change := func(entity string, refuse bool) error {
			return s.Audited(ctx, models.System, func(tx *models.Tx) error {
				if err := tx.Record("update", entity, 1, nil, map[string]int{"n": 1}); err != nil {
					return err
				}
				if refuse {
					return models.Invalid("", "refuse.duplicate")
				}
				return nil
			})
		}
		stamps := func() (all, plans int64) {
			t.Helper()
			all, err := a.Changes(ctx)
			modelstest.Must(t, err)
			plans, err = a.ChangesTo(ctx, "assessment_plan", "scores")
			modelstest.Must(t, err)
			return all, plans
		}
		all0, plans0 := stamps()
		modelstest.Must(t, change("department", false))
		if all, plans := stamps(); all != all0+1 || plans != plans0 {
			t.Errorf("a department changed: Changes %d → %d (want +1), ChangesTo(plans) %d → %d (want unmoved)", all0, all, plans0, plans)
		}
		modelstest.Must(t, change("scores", false))
		if all, plans := stamps(); all != all0+2 || plans != all {
			t.Errorf("a run stored: Changes %d → %d (want +2), ChangesTo(plans) %d (want %d)", all0, all, plans, all)
		}
		if change("assessment_plan", true) == nil {
			t.Fatal("the refused change committed")
		}
		if all, plans := stamps(); all != all0+2 || plans != all0+2 {
			t.Errorf("a change rolled back moved the stamps: Changes %d, ChangesTo %d, want both %d", all, plans, all0+2)
		}
	})
}
