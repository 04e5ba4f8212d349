package handlers_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accountability"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/scoreruns"
	"github.com/gongkai/gongkai/scoring"
)

// A department's score section is rendered once and kept (issue 27); a new
// score run, an import that retitles a catalog item and a language switch
// each show on the very next view.
func TestDepartmentSectionFollowsRunImportAndLanguage(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		scored(t, b) // as of 2025-02-01
		c := b.client(t)
		c.signIn("office", testPassword)
		page := "/departments/" + itoa(b.own.ID) + "?year=2024"
		section := func() string {
			t.Helper()
			resp, body := c.get(page)
			start, end := strings.Index(body, `id="score"`), strings.Index(body, `id="pending"`)
			if resp.StatusCode != 200 || start < 0 || end < start {
				t.Fatalf("department page: %d, no score section", resp.StatusCode)
			}
			return body[start:end]
		}
		if first := section(); !strings.Contains(first, "截至 2025-02-01") || !strings.Contains(first, "目录覆盖情况") {
			t.Fatalf("first view lacks the run's as-of date or the coverage grid: %.300s", first)
		}
		section() // served from the cache

		b.clock.Advance(time.Hour)
		req := scoreruns.ScoreRequest{Year: 2024, AsOf: scoring.NewDate(2025, 3, 1)}
		_, _, err := scoreruns.New(s).Deciding(accountability.Decisions(s)).ComputeScores(context.Background(), models.System, req, b.clock.Now())
		modelstest.Must(t, err)
		if sec := section(); !strings.Contains(sec, "截至 2025-03-01") || strings.Contains(sec, "截至 2025-02-01") {
			t.Errorf("after a new run the section still shows the old one: %.300s", sec)
		}

		const retitled = "治安案件办理结果公开（重新导入）"
		catalog := "序号,一级目录,二级目录,三级目录,公开形式,公开时限,牵头责任部门\n23,对外公开,行政执法," + retitled + ",公开栏、网站,及时公开,治安支队\n"
		c.uploadImport("catalog", "目录.csv", catalog, false)
		if sec := section(); !strings.Contains(sec[strings.Index(sec, `id="coverage"`):], retitled) {
			t.Error("after a catalog import the coverage grid keeps the old title")
		}

		c.get("/lang?to=en&back=/")
		if sec := section(); !strings.Contains(sec, "Catalog coverage") || strings.Contains(sec, "目录覆盖情况") {
			t.Error("after switching to English the section is still Chinese")
		}
	})
}

// A department's page is kept while nothing changes (issue 27) and any
// audited change shows on the very next view: here a liaison saved by the
// head, seen by the office, whose copy of the page was read before.
func TestDepartmentPageFollowsAChangeOfTheUnit(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		c := b.client(t)
		c.signIn("office", testPassword)
		page := "/departments/" + itoa(b.own.ID)
		if _, body := c.get(page); !strings.Contains(body, "何军") {
			t.Fatal("the page lacks the unit's liaison")
		}
		c.get(page) // served from the cache
		head := models.Viewer{UserID: 3, Name: "张卫", Role: models.RoleHead, DepartmentID: b.own.ID}
		modelstest.Must(t, s.UpdateLiaison(context.Background(), head, b.own.ID, models.LiaisonUpdate{Head: "张卫", Liaison: "周敏", Mobile: "13905240199"}, b.clock.Now()))
		if _, body := c.get(page); !strings.Contains(body, "周敏") || strings.Contains(body, "何军") {
			t.Error("after the head saved a new liaison the office's view of the page still shows the old one")
		}
		other := "/departments/" + itoa(b.other.ID)
		c.get(other)
		h := b.client(t)
		h.signIn("head", testPassword)
		if resp, _ := h.get(other); resp.StatusCode != 404 {
			t.Errorf("a head opened another unit's page, cached for the office: %d", resp.StatusCode)
		}
	})
}
