package seed_test

import (
	"context"
	"testing"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/imports"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/reports"
	"github.com/gongkai/gongkai/models/scoreruns"
	"github.com/gongkai/gongkai/seed"
)

func TestDemoLoadsThroughTheImportPathOnce(t *testing.T) {
	ctx := context.Background()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		demo(t, s, demoToday)
		year := seed.ClosedYear(demoToday)
		counts, err := s.Counts(ctx)
		modelstest.Must(t, err)
		// One account per role, and a head for each department that has none
		// among them (issue 9: every assessed department signs and files).
		if counts.Departments != 28 || counts.Items != 46 || counts.Users != int64(len(seed.DemoUsers))+counts.Departments-2 {
			t.Errorf("demo counts = %+v", counts)
		}
		var runs []imports.ImportRun
		modelstest.Must(t, s.DB.Where("source = ?", "seed").Find(&runs).Error)
		if len(runs) < 10 {
			t.Errorf("demo used the import path %d times, want one run per file", len(runs))
		}
		for _, r := range runs {
			if r.Status != imports.RunDone {
				t.Errorf("demo file %s: %s %s", r.FileName, r.Status, r.Message)
			}
		}
		run, err := scoreruns.New(s).LatestRun(ctx, year)
		modelstest.Must(t, err)
		rows, err := scoreruns.New(s).RunScores(ctx, models.System, run.ID)
		modelstest.Must(t, err)
		grades := map[string]int{}
		unrated, vetoed, capped := 0, 0, 0
		for _, r := range rows {
			if !r.Rated() {
				unrated++
				continue
			}
			grades[r.Grade]++
			vetoed += btoi(r.Veto)
			capped += btoi(r.Capped)
		}
		if len(rows) != 28 || len(grades) != 4 || unrated == 0 || vetoed == 0 || capped == 0 {
			t.Errorf("demo grades %v over %d departments, %d not rated, %d vetoed, %d capped: the demo should show every grade, a unit not rated, a veto and a cap",
				grades, len(rows), unrated, vetoed, capped)
		}

		// The demo's annual report of the closed year in the national format is full
		// and balances: every applicant type, results, carried-over requests,
		// reconsiderations and lawsuits, filed figures.
		r, err := reports.Annual(ctx, s, models.System, reports.AnnualQuery{Year: year})
		modelstest.Must(t, err)
		n := r.National
		if !n.CanBeFinal() {
			t.Errorf("demo annual report: imbalances %+v, %d uncategorised", n.Imbalances, len(n.Uncategorised))
		}
		for col := range 6 {
			if n.Requests.Cell(0, col) == 0 {
				t.Errorf("demo: no new request in column %d of table 三", col)
			}
		}
		if n.Requests.Cell(1, 6) == 0 || n.Requests.Cell(24, 6) == 0 {
			t.Errorf("demo: carried in %d, carried out %d; want both", n.Requests.Cell(1, 6), n.Requests.Cell(24, 6))
		}
		for proc, outcomes := range n.Remedies {
			if outcomes[4] == 0 {
				t.Errorf("demo: no proceeding of kind %d in table 四: %v", proc, n.Remedies)
			}
		}
		if _, ok := n.Filed["licences"]; !ok {
			t.Errorf("demo: filed figures %v", n.Filed)
		}

		again, err := seed.Demo(ctx, s, demoToday)
		if err != nil || again {
			t.Errorf("second start: loaded=%v err=%v, want left alone", again, err)
		}
	})
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
