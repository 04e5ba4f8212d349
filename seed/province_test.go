package seed_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
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

// A generated province is the same for the same seed, loads through the
// import path without a rejected row, and under default-2 every county
// bureau and police station is rated on the items it shares.
func TestProvinceLoadsAndIsRated(t *testing.T) {
	ctx := context.Background()
	year := seed.ClosedYear(demoToday)
	opt := seed.ProvinceOptions{Year: year, Units: 80, Publications: 6000, Requests: 400, Complaints: 800, Seed: 7}
	dirs := [2]string{t.TempDir(), t.TempDir()}
	var files []seed.Written
	for i, dir := range dirs {
		fs, err := seed.WriteProvince(dir, opt)
		modelstest.Must(t, err)
		if i == 0 {
			files = fs
		}
	}
	for _, f := range files {
		a, err := os.ReadFile(f.Path)
		modelstest.Must(t, err)
		b, err := os.ReadFile(filepath.Join(dirs[1], filepath.Base(f.Path)))
		modelstest.Must(t, err)
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two runs with the same seed", filepath.Base(f.Path))
		}
	}

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
		_, res, err := scoreruns.New(s).Deciding(accountability.Decisions(s)).ComputeScores(ctx, models.System, scoreruns.ScoreRequest{Year: year, AsOf: scoring.NewDate(year+1, time.February, 2)}, time.Now())
		modelstest.Must(t, err)
		grades := map[scoring.Grade]int{}
		for _, d := range res.Departments {
			if d.Unrated {
				t.Errorf("%s is not rated", d.Name)
			}
			grades[d.Grade]++
		}
		if len(res.Departments) != opt.Units || len(grades) < 3 {
			t.Errorf("%d units graded %v: want %d units and a spread of grades", len(res.Departments), grades, opt.Units)
		}
	})
}
