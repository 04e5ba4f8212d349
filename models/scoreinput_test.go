package models_test

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accountability"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/scoreruns"
	"github.com/gongkai/gongkai/scoring"
)

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func ptr(s string) *time.Time { t := date(s); return &t }

// The converter must give scoring the same civil dates the office entered,
// on both engines, with missing dates as zero.
func TestScoringInputKeepsDatesAndYearBounds(t *testing.T) {
	ctx := context.Background()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		d := models.Department{Code: "SJ09", Name: "治安支队", Kind: models.KindCityDept,
			Groups: []models.Group{{Name: "相关警种部门"}}}
		modelstest.Must(t, s.DB.Create(&d).Error)
		modelstest.Must(t, s.DB.Create(&models.CatalogItem{Seq: 23, Level1: "对外公开", Level2: "行政执法", Title: "治安案件", Channels: "公开栏、网站", Cadence: "及时公开", Lead: "治安支队"}).Error)
		modelstest.Must(t, s.DB.Create(&[]models.Publication{
			{DepartmentID: d.ID, IndexNo: "a", Seq: 23, Title: "早年", Channel: "网站", Published: date("2023-06-01")},
			{DepartmentID: d.ID, IndexNo: "b", Seq: 23, Title: "当年", Channel: "网站", Formed: ptr("2024-02-04"), Published: date("2024-03-05"), Review: "公开", ReviewDate: ptr("2024-03-01")},
			// 2 January 2025 is in the last website week of 2024 (30 December to 5 January).
			{DepartmentID: d.ID, IndexNo: "c", Seq: 23, Title: "次年", Channel: "网站", Published: date("2025-01-02")},
			{DepartmentID: d.ID, IndexNo: "d", Seq: 23, Title: "次年第二周", Channel: "网站", Published: date("2025-01-06")},
		}).Error)
		modelstest.Must(t, s.DB.Create(&[]models.Request{
			{DepartmentID: d.ID, RequestNo: "r1", Received: date("2024-09-30"), Channel: "网络", Extended: true, PauseStart: ptr("2024-10-08"), PauseEnd: ptr("2024-10-10")},
			{DepartmentID: d.ID, RequestNo: "r0", Received: date("2023-12-01"), Channel: "信函", ReconOutcome: "纠正", ReconDecided: ptr("2024-05-06")},
			// Upheld on reconsideration in 2023, corrected in court in 2024: one act overturned, in 2024.
			{DepartmentID: d.ID, RequestNo: "r2", Received: date("2023-02-01"), Channel: "信函", ReconOutcome: "维持", ReconDecided: ptr("2023-05-06"),
				SuitKind: "复议后起诉", SuitOutcome: "纠正", SuitDecided: ptr("2024-07-01")},
			{DepartmentID: d.ID, RequestNo: "rx", Received: date("2023-12-01"), Channel: "信函"},
		}).Error)

		in, err := scoreruns.New(s).Deciding(accountability.Decisions(s)).ScoringInput(ctx, 2024)
		modelstest.Must(t, err)
		if len(in.Departments) != 1 || in.Groups["相关警种部门"][0] != d.ID {
			t.Fatalf("departments %v groups %v", in.Departments, in.Groups)
		}
		if len(in.Publications) != 3 {
			t.Fatalf("publications up to the end of 2024's last website week = %d, want 3 (earlier years count, the days of 2025 in that week too, later do not)", len(in.Publications))
		}
		for _, p := range in.Publications {
			if p.Title == "当年" && (p.Formed.String() != "2024-02-04" || p.Published.String() != "2024-03-05" || p.ReviewDate.String() != "2024-03-01") {
				t.Errorf("dates changed on the way: formed %s published %s reviewed %s", p.Formed, p.Published, p.ReviewDate)
			}
			if p.Title == "早年" && !p.Formed.IsZero() {
				t.Errorf("missing formed date read as %s", p.Formed)
			}
		}
		if len(in.Requests) != 3 {
			t.Fatalf("requests = %d, want the one received in 2024 and the two overturned in 2024", len(in.Requests))
		}
		for _, r := range in.Requests {
			if r.No == "r1" && (!r.Extended || r.PauseStart != mustDate(t, "2024-10-08") || !r.Answered.IsZero()) {
				t.Errorf("request r1 read as %+v", r)
			}
			if want := map[string]string{"r0": "2024-05-06", "r2": "2024-07-01"}[r.No]; want != "" && (r.Outcome != "被依法纠错" || r.OutcomeDate != mustDate(t, want)) {
				t.Errorf("request %s: B2 reads %q on %s, want 被依法纠错 on %s", r.No, r.Outcome, r.OutcomeDate, want)
			}
		}
	})
}

// The last website week of 2025 runs from Monday 29 December to Sunday 4
// January 2026: a county bureau that posts twice in each of the 52 weeks,
// the last week's posts on 2 and 3 January 2026, has a perfect A4 (5, not
// 5 × 51/52), and those posts count for nothing else of 2025.
func TestLastWebsiteWeekReadsJanuary(t *testing.T) {
	ctx := context.Background()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		d := models.Department{Code: "FJ01", Name: "宿城分局", Kind: models.KindCountyBureau}
		modelstest.Must(t, s.DB.Create(&d).Error)
		modelstest.Must(t, s.DB.Create(&models.CatalogItem{Seq: 23, Level1: "对外公开", Level2: "行政执法", Title: "治安案件", Channels: "网站", Cadence: "及时公开", Lead: "宿城分局"}).Error)
		var pubs []models.Publication
		post := func(on time.Time) {
			pubs = append(pubs, models.Publication{DepartmentID: d.ID, IndexNo: fmt.Sprint("w", len(pubs)), Title: "工作动态", Channel: "网站",
				Formed: ptr(on.AddDate(0, 0, -1).Format(time.DateOnly)), Published: on, Review: "公开", ReviewDate: ptr(on.AddDate(0, 0, -1).Format(time.DateOnly))})
		}
		for monday := date("2025-01-06"); monday.Year() == 2025; monday = monday.AddDate(0, 0, 7) {
			if monday.Month() == time.December && monday.Day() == 29 {
				post(date("2026-01-02"))
				post(date("2026-01-03"))
				continue
			}
			post(monday)
			post(monday.AddDate(0, 0, 1))
		}
		pubs[0].Seq = 23 // fills the prompt slot
		modelstest.Must(t, s.DB.Create(&pubs).Error)
		body, err := os.ReadFile("../seed/schemes/default-2.json")
		modelstest.Must(t, err)
		modelstest.Must(t, s.EnsureShippedSchemes(ctx, [][]byte{body}, time.Now()))

		_, res, err := scoreruns.New(s).Deciding(accountability.Decisions(s)).ComputeScores(ctx, models.System, scoreruns.ScoreRequest{Year: 2025, AsOf: mustDate(t, "2026-02-02")}, time.Now())
		modelstest.Must(t, err)
		want := map[string]string{"A4": "5", "A2": "10", "A3": "5", "D2": "4"}
		for _, ind := range res.Departments[0].Indicators {
			if w, ok := want[ind.Code]; ok && ind.Score.RatString() != w {
				t.Errorf("%s = %s, want %s: %v", ind.Code, ind.Score.RatString(), w, ind.Deductions)
			}
		}
	})
}

func mustDate(t *testing.T, s string) scoring.Date {
	t.Helper()
	d, err := scoring.ParseDate(s)
	modelstest.Must(t, err)
	return d
}

// The calendar is kept between requests, but a notice the office stores is
// in the very next calendar, on every engine.
func TestCalendarFollowsStoredNotices(t *testing.T) {
	ctx := context.Background()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		before, err := s.Calendar(ctx)
		modelstest.Must(t, err)
		if before.HasYear(2025) {
			t.Fatal("an empty database has the 2025 notice")
		}
		modelstest.SaveHolidays(t, s, 2025)
		after, err := s.Calendar(ctx)
		modelstest.Must(t, err)
		if !after.HasYear(2025) {
			t.Fatal("the calendar does not know the notice just stored")
		}
		if again, _ := s.Calendar(ctx); again != after {
			t.Error("the calendar was built again though no notice changed")
		}
	})
}

// The whole catalog is kept between requests too, and a changed item shows
// at once; a caller that filters its copy does not change the next one's.
func TestCatalogFollowsChanges(t *testing.T) {
	ctx := context.Background()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		item := models.CatalogItem{Seq: 1, Level1: "对外公开", Level2: "机构职能", Title: "机构职能", Channels: "网站", Cadence: "长期公开", Lead: "政治部"}
		modelstest.Must(t, s.DB.Create(&item).Error)
		first, err := s.Catalog(ctx, models.CatalogFilter{})
		modelstest.Must(t, err)
		first[0].Title = "被调用方改写"
		modelstest.Must(t, s.DB.Model(&item).Update("lead", "办公室").Error)
		again, err := s.Catalog(ctx, models.CatalogFilter{})
		modelstest.Must(t, err)
		if len(again) != 1 || again[0].Lead != "办公室" || again[0].Title != "机构职能" {
			t.Fatalf("catalog after a change = %+v, want the item led by 办公室 with its own title", again)
		}
	})
}

// The current scheme is kept between requests, and a version the leading
// group approves is the current one at once.
func TestCurrentSchemeFollowsApprovals(t *testing.T) {
	ctx := context.Background()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		if none, err := s.CurrentScheme(ctx); err != nil || none != nil {
			t.Fatalf("current scheme before any: %v %v", none, err)
		}
		body, err := os.ReadFile("../seed/schemes/default-2.json")
		modelstest.Must(t, err)
		modelstest.Must(t, s.EnsureShippedSchemes(ctx, [][]byte{body}, time.Now()))
		before, err := s.CurrentScheme(ctx)
		modelstest.Must(t, err)
		if before == nil {
			t.Fatal("no current scheme after the shipped one is stored")
		}
		if again, _ := s.CurrentScheme(ctx); again != before {
			t.Error("the scheme was decoded again though no version changed")
		}
		_, err = s.CopyScheme(ctx, models.System, before.Version, "bureau-2026", "本局2026年方案")
		modelstest.Must(t, err)
		if draft, _ := s.CurrentScheme(ctx); draft.Version != before.Version {
			t.Errorf("a draft became the current scheme: %s", draft.Version)
		}
		modelstest.Must(t, s.ApproveScheme(ctx, models.System, "bureau-2026", time.Now()))
		if after, _ := s.CurrentScheme(ctx); after.Version != "bureau-2026" {
			t.Errorf("current scheme after approval: %s", after.Version)
		}
	})
}
