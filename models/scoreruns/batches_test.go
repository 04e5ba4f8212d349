package scoreruns_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accountability"
	"github.com/gongkai/gongkai/models/ingest"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/scoreruns"
	"github.com/gongkai/gongkai/scoring"
	"github.com/gongkai/gongkai/seed"
)

// A year scored a few departments at a time stores and returns what
// scoring the whole year at once gives: each department's detail byte for
// byte, its figures, grade and rank, the run's gaps and unresolved names
// (scoring's TestScorerInBatchesEqualsScore has the columns' posts).
func TestBatchedRunEqualsWholeRun(t *testing.T) {
	ctx := context.Background()
	year := seed.ClosedYear(time.Now())
	files, err := seed.WriteProvince(t.TempDir(), seed.ProvinceOptions{Year: year, Units: 60, Publications: 4000, Requests: 300, Complaints: 600, Seed: 27})
	modelstest.Must(t, err)
	asOf := scoring.NewDate(year+1, time.February, 2)
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		modelstest.Must(t, seed.Facts(ctx, s))
		im := ingest.New(s)
		for _, f := range files {
			r, err := os.Open(f.Path)
			modelstest.Must(t, err)
			rep, err := im.File(ctx, f.Kind, filepath.Base(f.Path), r, ingest.Options{Source: "cli", FileName: filepath.Base(f.Path), Viewer: models.System})
			r.Close()
			if err != nil || rep.Rejected > 0 {
				t.Fatalf("%s: %v, %d rejected", filepath.Base(f.Path), err, rep.Rejected)
			}
		}
		store := scoreruns.New(s).Deciding(accountability.Decisions(s))
		in, err := store.ScoringInput(ctx, year)
		modelstest.Must(t, err)
		scheme, err := s.SchemeByVersion(ctx, "")
		modelstest.Must(t, err)
		in.Scheme, err = scheme.Scheme()
		modelstest.Must(t, err)
		in.Calendar, err = s.Calendar(ctx)
		modelstest.Must(t, err)
		in.AsOf = asOf
		whole, err := scoring.Score(*in)
		modelstest.Must(t, err)

		for _, batch := range []int{0, 7, 1} {
			run, res, err := store.InBatches(batch).ComputeScores(ctx, models.System, scoreruns.ScoreRequest{Year: year, AsOf: asOf}, time.Now())
			modelstest.Must(t, err)
			if got, want := mustJSON(t, res.CalendarGaps, res.Unresolved, res.SchemeVersion), mustJSON(t, whole.CalendarGaps, whole.Unresolved, whole.SchemeVersion); got != want {
				t.Errorf("batch %d: run %s, whole %s", batch, got, want)
			}
			stored, err := store.RunResults(ctx, models.System, run.ID)
			modelstest.Must(t, err)
			details := map[uint]string{}
			for _, row := range stored {
				details[row.DepartmentID] = row.Detail
			}
			if len(res.Departments) != len(whole.Departments) || len(stored) != len(whole.Departments) {
				t.Fatalf("batch %d: %d results, %d stored, want %d", batch, len(res.Departments), len(stored), len(whole.Departments))
			}
			for i, w := range whole.Departments {
				if want := mustJSON(t, w); details[w.Dept] != want {
					t.Fatalf("batch %d: %s stored a detail of %d bytes unlike scoring's whole run's (%d bytes)", batch, w.Code, len(details[w.Dept]), len(want))
				}
				w.Slots, w.Indicators = nil, slices.Clone(w.Indicators)
				for k := range w.Indicators {
					w.Indicators[k].Deductions = nil
				}
				if got, want := mustJSON(t, res.Departments[i]), mustJSON(t, w); got != want {
					t.Fatalf("batch %d: %s returned\n%s\nwant\n%s", batch, w.Code, got, want)
				}
			}
			// The figures charts read, stored and as a run stored before
			// them reads them from its explanations, tell what scoring said.
			for _, older := range []bool{false, true} {
				if older {
					modelstest.Must(t, s.DB.Exec("UPDATE department_scores SET figures = '' WHERE run_id = ?", run.ID).Error)
				}
				figures, err := store.RunFigures(ctx, run.ID)
				modelstest.Must(t, err)
				byDept := map[uint]*scoring.DepartmentResult{}
				for _, f := range figures {
					byDept[f.Dept] = f
				}
				for _, w := range whole.Departments {
					f := byDept[w.Dept]
					if f == nil || f.Leads != w.Leads || f.Unrated != w.Unrated || f.Rank != w.Rank || len(f.Indicators) != len(w.Indicators) {
						t.Fatalf("batch %d, older %v: %s figures %+v, want leads %v, unrated %v, rank %d, %d indicators", batch, older, w.Code, f, w.Leads, w.Unrated, w.Rank, len(w.Indicators))
					}
					for k, ind := range w.Indicators {
						if got := f.Indicators[k]; got.Code != ind.Code || got.Score.Cmp(ind.Score) != 0 || got.Max.Cmp(ind.Max) != 0 {
							t.Errorf("batch %d, older %v: %s %s figures %s/%s, scoring %s/%s", batch, older, w.Code, ind.Code, got.Score.RatString(), got.Max.RatString(), ind.Score.RatString(), ind.Max.RatString())
						}
					}
				}
			}
		}
	})
}

// mustJSON encodes one value as itself, more as a list.
func mustJSON(t *testing.T, v ...any) string {
	t.Helper()
	var x any = v
	if len(v) == 1 {
		x = v[0]
	}
	b, err := json.Marshal(x)
	modelstest.Must(t, err)
	return string(b)
}
