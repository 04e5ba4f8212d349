package accountability

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/scoreruns"
	"github.com/gongkai/gongkai/scoring"
)

// The facts proposals read are kept per run: a new run of the year (the
// change that moves them) is read afresh, and the earlier run's facts stay
// as that run stored them. Only the deductions proposals read are kept.
func TestRunFactsFollowTheRun(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	store := func(t *testing.T, s *models.Store, overdue ...uint) uint {
		t.Helper()
		run := scoreruns.ScoreRun{Year: 2025, AsOf: time.Date(2026, 2, 2, 0, 0, 0, 0, time.UTC), SchemeVersion: "default-2", ComputedAt: time.Now().UTC(), ComputedBy: "system"}
		modelstest.Must(t, s.DB.Create(&run).Error)
		r := scoring.DepartmentResult{Dept: 7, Indicators: []scoring.IndicatorResult{{Code: "B1", Deductions: []scoring.Deduction{{Kind: scoring.DeductRequestLate, Record: scoring.RecordRef{ID: 1}}}}}}
		for _, id := range overdue {
			r.Indicators[0].Deductions = append(r.Indicators[0].Deductions, scoring.Deduction{Kind: scoring.DeductRequestOverdueOpen, Record: scoring.RecordRef{ID: id}})
		}
		b, err := json.Marshal(r)
		modelstest.Must(t, err)
		modelstest.Must(t, s.DB.Create(&scoreruns.DepartmentScore{RunID: run.ID, DepartmentID: 7, Detail: string(b)}).Error)
		return run.ID
	}
	overdueOf := func(t *testing.T, cs *Store, run uint) []uint {
		t.Helper()
		facts, err := cs.runFacts(ctx, run)
		modelstest.Must(t, err)
		var ids []uint
		for _, d := range facts[7].Indicators[0].Deductions {
			if d.Kind != scoring.DeductRequestOverdueOpen {
				t.Fatalf("kept a deduction proposals do not read: %s", d.Kind)
			}
			ids = append(ids, d.Record.ID)
		}
		return ids
	}
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		cs := New(s, nil)
		first := store(t, s, 11)
		if got := overdueOf(t, cs, first); len(got) != 1 || got[0] != 11 {
			t.Fatalf("first run: overdue %v, want [11]", got)
		}
		second := store(t, s, 11, 12)
		if got := overdueOf(t, cs, second); len(got) != 2 || got[1] != 12 {
			t.Fatalf("a new run: overdue %v, want [11 12]", got)
		}
		if got := overdueOf(t, cs, first); len(got) != 1 {
			t.Fatalf("the first run read again: overdue %v, want [11]", got)
		}
	})
}
