package handlers_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accountability"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/scoreruns"
	"github.com/gongkai/gongkai/scoring"
	"github.com/gongkai/gongkai/seed"
)

// withYear gives the bureau the default scheme, the 2024 calendar and a few
// records: the own department misses one slot and publishes once, late.
func withYear(t *testing.T, b *bureau) (pubOther uint) {
	t.Helper()
	ctx := context.Background()
	modelstest.Must(t, b.store.EnsureShippedSchemes(ctx, seed.Schemes(), b.clock.Now()))
	modelstest.SaveHolidays(t, b.store, 2024)
	formed, published := time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC), time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	modelstest.Must(t, b.store.DB.Create(&models.Publication{DepartmentID: b.own.ID, IndexNo: "own-1", Seq: 23, Title: "典型案例通报", Channel: "网站", Formed: &formed, Published: published}).Error)
	other := models.Publication{DepartmentID: b.other.ID, IndexNo: "other-1", Seq: 23, Title: "刑警内部稿", Channel: "网站", Published: published}
	modelstest.Must(t, b.store.DB.Create(&other).Error)
	return other.ID
}

func TestOfficeRecomputesAndEveryoneReadsStoredScores(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		otherPub := withYear(t, b)
		office := b.client(t)
		office.signIn("office", testPassword)

		if _, body := office.get("/scores?year=2024"); !strings.Contains(body, "2024 年度尚未计算得分") {
			t.Fatal("before computing, the page should say there are no scores")
		}
		resp, _ := office.post("/scores/compute", url.Values{"_csrf": {office.token("/scores")}, "year": {"2024"}, "as_of": {"2025-02-01"}})
		if resp.StatusCode != 303 {
			t.Fatalf("compute: %d", resp.StatusCode)
		}
		_, ranking := office.get("/scores?year=2024")
		if !strings.Contains(ranking, "治安支队") || !strings.Contains(ranking, "刑警支队") || !strings.Contains(ranking, "得分已重新计算") {
			t.Fatal("ranking after computing lacks the departments or the confirmation")
		}
		if _, log := office.get("/audit?entity=scores"); !strings.Contains(log, "计算得分") || !strings.Contains(log, "2024年度（截至 2025-02-01）") {
			t.Error("the recomputation is not in the audit log")
		}

		head := b.client(t)
		head.signIn("head", testPassword)
		_, own := head.get("/scores?year=2024")
		if strings.Contains(own, "刑警支队") {
			t.Error("a head's ranking shows another department")
		}
		_, page := head.get("/departments/" + itoa(b.own.ID) + "?year=2024")
		for _, want := range []string{"扣分明细", "A2", "典型案例通报", "/records/publication/"} {
			if !strings.Contains(page, want) {
				t.Errorf("department page lacks %q", want)
			}
		}
		if resp, body := head.get("/records/publication/" + itoa(otherPub)); resp.StatusCode != 404 || strings.Contains(body, "刑警内部稿") {
			t.Errorf("head reading another department's record: %d", resp.StatusCode)
		}
		if resp, _ := head.get("/api/v1/scores?year=2024&as_of=2025-02-01"); resp.StatusCode != 403 {
			t.Errorf("head calling the scores API: %d, want 403", resp.StatusCode)
		}
		bad, _ := head.post("/scores/compute", url.Values{"_csrf": {head.token("/scores")}, "year": {"2024"}, "as_of": {"2025-02-01"}})
		if bad.StatusCode != 403 {
			t.Errorf("head recomputing: %d, want 403", bad.StatusCode)
		}
	})
}

func TestScoresAPIReadsTheStoredRunAndStoresNothing(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		withYear(t, b)
		c := b.client(t)
		c.signIn("office", testPassword)
		runs := func() int64 {
			var n int64
			modelstest.Must(t, s.DB.Model(&scoreruns.ScoreRun{}).Count(&n).Error)
			return n
		}
		// A GET computes nothing, even with the office's session: a link
		// from another site must not make a new run everyone sees.
		if resp, body := c.get("/api/v1/scores?year=2024&as_of=2025-02-01"); resp.StatusCode != 404 || !strings.Contains(body, "尚无计算结果") {
			t.Fatalf("scores API before any run: %d %s, want 404", resp.StatusCode, body)
		}
		if n := runs(); n != 0 {
			t.Fatalf("GET /api/v1/scores stored %d runs", n)
		}
		resp, _ := c.post("/scores/compute", url.Values{"_csrf": {c.token("/scores")}, "year": {"2024"}, "as_of": {"2025-02-01"}})
		if resp.StatusCode != 303 {
			t.Fatalf("compute: %d", resp.StatusCode)
		}
		var first, latest struct {
			Scheme      string `json:"scheme"`
			RunID       uint   `json:"run_id"`
			Departments []struct {
				Code       string             `json:"code"`
				Indicators map[string]float64 `json:"indicators"`
				Total      float64            `json:"total"`
				Grade      string             `json:"grade"`
			} `json:"departments"`
		}
		resp, body := c.get("/api/v1/scores?year=2024&as_of=2025-02-01")
		if resp.StatusCode != 200 {
			t.Fatalf("scores API: %d %s", resp.StatusCode, body)
		}
		modelstest.Must(t, json.Unmarshal([]byte(body), &first))
		if len(first.Departments) != 2 || len(first.Departments[0].Indicators) != 11 || first.Scheme == "" {
			t.Fatalf("report shape: %s", body)
		}
		_, body = c.get("/api/v1/scores?year=2024")
		modelstest.Must(t, json.Unmarshal([]byte(body), &latest))
		if latest.RunID != first.RunID {
			t.Errorf("without as_of: run %d, want the latest stored run %d", latest.RunID, first.RunID)
		}
		if n := runs(); n != 1 {
			t.Errorf("%d runs stored, want the one the office computed", n)
		}
		if resp, body := c.get("/api/v1/scores?year=2024&as_of=2025-13-01"); resp.StatusCode != 400 || !strings.Contains(body, "不是有效日期") {
			t.Errorf("bad as_of: %d %s", resp.StatusCode, body)
		}
	})
}

// A province's ranking is read a page at a time (issue 27): fifty rows a
// page in rank order, the next page from the pager, the units not rated
// after the last, and the whole of it for print.
func TestRankingPagesAndPrintsWhole(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		withYear(t, b)
		units := make([]models.Department, 60)
		items := make([]models.CatalogItem, 60)
		for i := range units {
			units[i] = models.Department{Code: fmt.Sprintf("PQ%02d", i), Name: fmt.Sprintf("排名%02d派出所", i), Kind: models.KindStation}
			items[i] = models.CatalogItem{Seq: 100 + i, Level1: "对外公开", Level2: "行政执法", Title: fmt.Sprintf("事项%02d", i), Channels: "网站", Cadence: "依申请向相对人公开", Lead: units[i].Code}
		}
		modelstest.Must(t, s.DB.Create(&units).Error)
		modelstest.Must(t, s.DB.Create(&items).Error)
		_, _, err := scoreruns.New(s).Deciding(accountability.Decisions(s)).ComputeScores(context.Background(), models.System, scoreruns.ScoreRequest{Year: 2024, AsOf: scoring.NewDate(2025, 2, 1)}, b.clock.Now())
		modelstest.Must(t, err)
		c := b.client(t)
		c.signIn("office", testPassword)
		_, first := c.get("/scores?year=2024")
		if n := strings.Count(first, "<tr><td>"); n != 50 {
			t.Errorf("the first page of the ranking has %d rows, want 50", n)
		}
		if !strings.Contains(first, "第 1 页，共 2 页") || !strings.Contains(first, `href="/scores?year=2024&amp;page=2"`) || strings.Contains(first, `class="unrated"`) {
			t.Errorf("the first page lacks its pager or shows the units not rated: %s", first[strings.LastIndex(first, "</table>"):])
		}
		_, second := c.get("/scores?year=2024&page=2")
		if n := strings.Count(second, "<tr><td>"); n < 10 || n > 12 || !strings.Contains(second, `class="unrated"`) {
			t.Errorf("the second page has %d rows (want the rest) and the units not rated: %v", n, strings.Contains(second, `class="unrated"`))
		}
		_, whole := c.get("/scores?year=2024&all=1")
		if n := strings.Count(whole, "<tr><td>"); n != strings.Count(first, "<tr><td>")+strings.Count(second, "<tr><td>") || strings.Contains(whole, "第 1 页") {
			t.Errorf("the whole ranking has %d rows, want both pages' and no pager", n)
		}
	})
}
