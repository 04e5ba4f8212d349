package handlers_test

import (
	"context"
	"encoding/json"
	"html"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accountability"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/requests"
	"github.com/gongkai/gongkai/models/scoreruns"
	"github.com/gongkai/gongkai/scoring"
)

// scored gives the bureau a 2024 run, with a department whose name tries to
// break out of the page's markup.
func scored(t *testing.T, b *bureau) {
	t.Helper()
	withYear(t, b)
	evil := models.Department{Code: "EVIL", Name: `</script><img src=x onerror=alert(1)>`, Kind: models.KindStation}
	modelstest.Must(t, b.store.DB.Create(&evil).Error)
	// It leads an item, so it is rated and appears in every chart.
	modelstest.Must(t, b.store.DB.Create(&models.CatalogItem{Seq: 24, Level1: "对外公开", Level2: "行政执法", Title: "办理结果",
		Channels: "公开栏", Cadence: "依申请向相对人公开", Lead: "EVIL"}).Error)
	_, _, err := scoreruns.New(b.store).Deciding(accountability.Decisions(b.store)).ComputeScores(context.Background(), models.System, scoreruns.ScoreRequest{Year: 2024, AsOf: scoring.NewDate(2025, 2, 1)}, b.clock.Now())
	modelstest.Must(t, err)
}

func TestOverviewForEachRole(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		scored(t, b)
		for _, role := range []string{"office", "leader", "auditor", "discipline"} {
			c := b.client(t)
			c.signIn(role, testPassword)
			resp, page := c.get("/overview?year=2024")
			if resp.StatusCode != 200 {
				t.Fatalf("%s: %d", role, resp.StatusCode)
			}
			for _, want := range []string{`id="chart-grades"`, `id="chart-heatmap"`, `id="chart-monthly"`, `id="chart-timeliness"`, `id="chart-complaints"`, "查看数据", "/static/echarts/echarts.min.js"} {
				if !strings.Contains(page, want) {
					t.Errorf("%s's overview lacks %s", role, want)
				}
			}
			if strings.Contains(page, "<script>") || strings.Contains(page, `<img src=x`) {
				t.Errorf("%s's overview has inline script or an unescaped department name", role)
			}
		}
		head := b.client(t)
		head.signIn("head", testPassword)
		if resp, _ := head.get("/overview?year=2024"); resp.StatusCode != 303 || resp.Header.Get("Location") != "/departments/"+itoa(b.own.ID) {
			t.Errorf("head: %d → %q, want their own department", resp.StatusCode, resp.Header.Get("Location"))
		}
		if resp, _ := head.get("/overview/chart/ranking.json?year=2024"); resp.StatusCode != 303 && resp.StatusCode != 403 && resp.StatusCode != 404 {
			t.Errorf("head reading the bureau ranking: %d", resp.StatusCode)
		}
	})
}

func TestChartOptionsKeepHostileNamesAsText(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		scored(t, b)
		c := b.client(t)
		c.signIn("office", testPassword)
		resp, body := c.get("/overview/chart/ranking.json?year=2024")
		if resp.StatusCode != 200 || strings.Contains(body, "</script>") || !strings.Contains(body, `\u003c/script\u003e`) {
			t.Fatalf("ranking option: %d, raw </script> present=%v", resp.StatusCode, strings.Contains(body, "</script>"))
		}
		var option map[string]any
		modelstest.Must(t, json.Unmarshal([]byte(body), &option))
		if !strings.Contains(body, "治安支队") {
			t.Error("ranking lacks the departments")
		}
		// Inline options sit in an escaped attribute and decode to the same text.
		_, page := c.get("/overview?year=2024")
		i := strings.Index(page, `data-option="`)
		if i < 0 {
			t.Fatal("no inline chart option")
		}
		attr := page[i+len(`data-option="`):]
		attr = attr[:strings.IndexByte(attr, '"')]
		var inline map[string]any
		if err := json.Unmarshal([]byte(html.UnescapeString(attr)), &inline); err != nil {
			t.Errorf("inline option does not decode: %v", err)
		}
	})
}

func TestDepartmentPageComparesWithTheBureau(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		scored(t, b)
		c := b.client(t)
		c.signIn("head", testPassword)
		_, page := c.get("/departments/" + itoa(b.own.ID) + "?year=2024")
		for _, want := range []string{`id="chart-radar"`, "全局平均", `id="chart-trend"`, `id="coverage"`, "cov-filled"} {
			if !strings.Contains(page, want) {
				t.Errorf("department page lacks %s", want)
			}
		}
	})
}

// The overview is kept while nothing it shows changes (issue 27), and a
// request registered in the app, which no import announces, shows among the
// year's open requests on the very next view.
func TestOverviewFollowsARequestRegisteredInTheApp(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		scored(t, b)
		c := b.client(t)
		c.signIn("office", testPassword)
		overview := func() string {
			t.Helper()
			resp, body := c.get("/overview?year=2024")
			if resp.StatusCode != 200 {
				t.Fatalf("/overview: %d", resp.StatusCode)
			}
			return body
		}
		first := overview()
		overview() // from the cache
		clerk := models.Viewer{UserID: 99, Name: "李静", Role: models.RoleClerk, DepartmentID: b.own.ID}
		q, err := requests.New(s).Register(context.Background(), clerk, requests.Registration{Department: b.own.ID, Received: scoring.NewDate(2024, 11, 4),
			Channel: "当面", Applicant: "自然人", Name: "张三丰", Content: "某信息"}, scoring.DateOf(b.clock.Now()))
		modelstest.Must(t, err)
		if strings.Contains(first, q.RequestNo) {
			t.Fatalf("the request %s shows before it was registered", q.RequestNo)
		}
		if !strings.Contains(overview(), q.RequestNo) {
			t.Errorf("a request registered in the app is missing from the year's open requests: %s", q.RequestNo)
		}
	})
}
