package seed_test

import (
	"context"
	"testing"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/seed"
)

func TestDemoLoadsThroughTheImportPathOnce(t *testing.T) {
	ctx := context.Background()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		loaded, err := seed.Demo(ctx, s)
		if err != nil || !loaded {
			t.Fatalf("first start: loaded=%v err=%v", loaded, err)
		}
		counts, err := s.Counts(ctx)
		modelstest.Must(t, err)
		if counts.Departments != 27 || counts.Items != 46 || counts.Users != int64(len(seed.DemoUsers)) {
			t.Errorf("demo counts = %+v", counts)
		}
		var runs []models.ImportRun
		modelstest.Must(t, s.DB.Where("source = ?", "seed").Find(&runs).Error)
		if len(runs) < 10 {
			t.Errorf("demo used the import path %d times, want one run per file", len(runs))
		}
		for _, r := range runs {
			if r.Status != models.RunDone {
				t.Errorf("demo file %s: %s %s", r.FileName, r.Status, r.Message)
			}
		}
		run, err := s.LatestRun(ctx, seed.DemoYearNumber)
		modelstest.Must(t, err)
		rows, err := s.RunScores(ctx, models.System, run.ID)
		modelstest.Must(t, err)
		grades := map[string]int{}
		for _, r := range rows {
			grades[r.Grade]++
		}
		if len(rows) != 27 || grades["不合格"] == 0 || len(grades) < 3 {
			t.Errorf("demo grades %v over %d departments: the demo should show a spread, including the veto", grades, len(rows))
		}

		again, err := seed.Demo(ctx, s)
		if err != nil || again {
			t.Errorf("second start: loaded=%v err=%v, want left alone", again, err)
		}
	})
}
