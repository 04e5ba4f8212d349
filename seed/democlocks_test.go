package seed_test

import (
	"context"
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accountability"
	"github.com/gongkai/gongkai/models/clocks"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/records"
	"github.com/gongkai/gongkai/models/scoreruns"
	"github.com/gongkai/gongkai/scoring"
	"github.com/gongkai/gongkai/seed"
)

// The demo shows issue 14's processes in a realistic state: a publication
// reviewed 免于公开 and published anyway waits for the office, a silent
// coordination counts as consent, a draft review is pending, online
// requests carry their forwarding.
func TestDemoShowsTheClocks(t *testing.T) {
	ctx := context.Background()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		demo(t, s, demoToday)
		closed := seed.ClosedYear(demoToday)
		from, to := scoring.NewDate(closed, 1, 1).Time(), scoring.NewDate(closed+1, 1, 1).Time()
		office := models.Viewer{Role: models.RoleOffice}
		flags, err := records.New(s).Flags(ctx, office, 0)
		modelstest.Must(t, err)
		// One a year: the closed year's and this year's.
		if len(flags) != demoToday.Year()-closed+1 || flags[0].Title != "娱乐场所专项整治行动情况通报" || flags[0].Decision != nil {
			t.Errorf("demo flags %+v, want each year's publication reviewed 免于公开, open", flags)
		}
		var c clocks.Coordination
		modelstest.Must(t, s.DB.Where("subject = ? AND sent < ?", "辖区治安重点地区排查整治公告", to).First(&c).Error)
		rv, err := records.New(s).Record(ctx, office, "coordination", c.ID, scoring.NewDate(closed+1, 2, 2))
		modelstest.Must(t, err)
		if rv.Coordinations[0].Holds != "视为同意" {
			t.Errorf("silent coordination holds %q", rv.Coordinations[0].Holds)
		}
		var n int64
		modelstest.Must(t, s.DB.Model(&models.Request{}).Where("channel = ? AND forwarded IS NOT NULL", "网络").Count(&n).Error)
		if n == 0 {
			t.Error("no online request was forwarded")
		}
		modelstest.Must(t, s.DB.Model(&clocks.PressConference{}).Where("held >= ? AND held < ?", from, to).Count(&n).Error)
		if n != 13 {
			t.Errorf("%d press conferences in %d, want 13", n, closed)
		}
		modelstest.Must(t, s.DB.Model(&clocks.SecrecyReview{}).Where("decided IS NULL AND requested >= ? AND requested < ?", from, to).Count(&n).Error)
		if n != 1 {
			t.Errorf("%d pending reviews of %d, want the one draft", n, closed)
		}
		modelstest.Must(t, s.DB.Model(&models.Publication{}).Where("attribute = ? AND attribute_reason <> '' AND published >= ? AND published < ?", "不予公开", from, to).Count(&n).Error)
		if n != 1 {
			t.Errorf("%d records 不予公开 with a reason in %d, want 1", n, closed)
		}
	})
}

// A copy of the default scheme that adds the four optional indicators,
// points taken from A1, scores the demo year with them: 政治部宣传处 missed
// August's press conference, 治安支队 left 宿城分局's coordination unanswered
// (视为同意), 宿城分局 forwarded an online request late.
func TestDemoScoredWithTheOptionalIndicators(t *testing.T) {
	ctx := context.Background()
	office := models.Viewer{Name: "办公室", Role: models.RoleOffice}
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		demo(t, s, demoToday)
		sv, err := s.CopyScheme(ctx, office, "", "demo-clocks", "")
		modelstest.Must(t, err)
		sch, err := sv.Scheme()
		modelstest.Must(t, err)
		for k := range sch.Indicators {
			if sch.Indicators[k].Code == "A1" {
				sch.Indicators[k].Points = scoring.DecimalOf(12)
			}
		}
		for _, code := range []string{"A5", "B3", "D4", "D5"} {
			sch.Indicators = append(sch.Indicators, scoring.Indicator{Code: code, Name: "新增指标" + code, NameEN: "Added " + code, Points: scoring.DecimalOf(2)})
		}
		sch.Params.Press = &scoring.PressParams{Departments: []string{"政治部宣传处", "治安支队"}, MinPerMonth: 1}
		body, err := json.Marshal(sch)
		modelstest.Must(t, err)
		_, err = s.SaveSchemeDraft(ctx, office, body, sv.BasedOn)
		modelstest.Must(t, err)
		closed := seed.ClosedYear(demoToday)
		run, _, err := scoreruns.New(s).Deciding(accountability.Decisions(s)).ComputeScores(ctx, office, scoreruns.ScoreRequest{Year: closed, AsOf: scoring.NewDate(closed+1, 2, 2), SchemeVersion: "demo-clocks"}, time.Now())
		modelstest.Must(t, err)
		stored, err := scoreruns.New(s).RunResults(ctx, office, run.ID) // the deductions are stored with the run
		modelstest.Must(t, err)
		kinds := func(code, indicator string) (out []scoring.DeductionKind) {
			for _, row := range stored {
				d, err := row.Result()
				modelstest.Must(t, err)
				if d.Code != code {
					continue
				}
				for _, ind := range d.Indicators {
					if ind.Code == indicator {
						for _, ded := range ind.Deductions {
							out = append(out, ded.Kind)
						}
					}
				}
			}
			return out
		}
		if got := kinds("SJ04", "A5"); !slices.Equal(got, []scoring.DeductionKind{scoring.DeductPressMonthMissing}) {
			t.Errorf("政治部宣传处 A5: %v, want August missing", got)
		}
		if got := kinds("SJ09", "D5"); !slices.Contains(got, scoring.DeductCoordinationSilent) {
			t.Errorf("治安支队 D5: %v, want the silent coordination", got)
		}
		if got := kinds("FJ01", "B3"); !slices.Contains(got, scoring.DeductForwardLate) {
			t.Errorf("宿城分局 B3: %v, want a late forwarding", got)
		}
		if got := kinds("SJ09", "D4"); !slices.Equal(got, []scoring.DeductionKind{scoring.DeductReviewOverdueOpen}) {
			t.Errorf("治安支队 D4: %v, want the draft still waiting", got)
		}
	})
}
