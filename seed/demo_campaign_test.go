package seed_test

import (
	"context"
	"testing"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/campaigns"
	"github.com/gongkai/gongkai/models/documents"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/scoring"
)

// The demo runs seed 002's plan: approved, its ten categories in the
// second phase, the first two phases checked with their 通报 (the first on
// /public), the third waiting for the office's check, 刑警支队 behind.
func TestDemoCampaign(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		demo(t, s, demoToday)
		st := campaigns.New(s)
		list, err := st.List(ctx, models.System)
		modelstest.Must(t, err)
		if len(list) != 1 || list[0].Status != campaigns.Approved {
			t.Fatalf("demo campaigns %+v", list)
		}
		c := list[0].ID
		phases, _ := st.Phases(ctx, c)
		tasks, _ := st.Tasks(ctx, c)
		categories := map[string]bool{}
		for _, task := range tasks {
			if task.PhaseID == phases[1].ID {
				categories[task.Category] = true
			}
		}
		if len(phases) != 4 || !phases[0].Checked() || !phases[1].Checked() || phases[2].Checked() || len(categories) != 9 {
			t.Errorf("phases %+v, %d categories named (工作动态 twice)", phases, len(categories))
		}
		docs, _ := st.Bulletins(ctx, c)
		posted, _ := documents.Postings(ctx, s.DB, campaigns.BulletinKind)
		if len(docs) != 2 || len(posted) != 1 || posted[0].ID != docs[0].ID {
			t.Errorf("%d bulletins, %d posted", len(docs), len(posted))
		}
		due, _ := st.ToCheck(ctx, models.System, scoring.DateOf(demoToday))
		if len(due) != 1 || due[0].Name != "检查督促阶段" {
			t.Errorf("phases to check %+v", due)
		}
		b, _ := st.Board(ctx, models.System, c, 0, scoring.DateOf(demoToday))
		if len(b.Rows) == 0 || b.Rows[0].Department != "刑警支队" {
			t.Errorf("board rows %+v", b.Rows)
		}
	})
}
