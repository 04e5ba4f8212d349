package seed_test

import (
	"context"
	"testing"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/columns"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/scoring"
)

// The demo's columns: the office's home has one column not updated and
// one empty to show, and the others are up to date.
func TestDemoColumns(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		demo(t, s, demoToday)
		all, err := columns.New(s).Upkeep(ctx, models.System, scoring.DateOf(demoToday))
		modelstest.Must(t, err)
		state := map[string]scoring.ColumnState{}
		posts := 0
		for _, u := range all {
			state[u.Name] = u.State
			posts += u.Posts
		}
		if len(all) != 4 || state["警务资讯"] != scoring.ColumnStale || state["政策解读"] != scoring.ColumnEmpty || state["通知公告"] != scoring.ColumnFresh {
			t.Errorf("demo columns %v, want 警务资讯 not updated, 政策解读 empty, the others up to date", state)
		}
		for _, u := range all {
			if u.Cadence == scoring.CadenceDynamic && u.Name != "警务资讯" && u.State != scoring.ColumnFresh {
				t.Errorf("the busiest department's column %s is %s", u.Name, u.State)
			}
		}
		if posts < 5 {
			t.Errorf("%d publications in the demo's columns", posts)
		}
	})
}
