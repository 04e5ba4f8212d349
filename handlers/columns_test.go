package handlers_test

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/columns"
	"github.com/gongkai/gongkai/models/modelstest"
)

// The office registers 治安支队's website columns; the clerk puts a post
// in one; the office's home lists the column gone stale (栏目不更新) and
// the empty one, with links, and not the one kept up to date.
func TestColumnsStaleOnTheOfficeHome(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s) // today: 2 March 2026
		office := b.client(t)
		office.signIn("office", testPassword)
		add := func(name, cadence string) (int, string) {
			tok := office.token("/columns")
			resp, body := office.post("/columns", url.Values{"_csrf": {tok}, "name": {name}, "channel": {"网站"}, "department": {itoa(b.own.ID)}, "cadence": {cadence}})
			return resp.StatusCode, body
		}
		for _, c := range [][2]string{{"工作动态", "动态"}, {"警务资讯", "动态"}, {"通知公告", "通知公告"}} {
			if code, _ := add(c[0], c[1]); code != fiber.StatusSeeOther {
				t.Fatalf("registering %s: %d", c[0], code)
			}
		}
		if code, body := add("工作动态", "动态"); code != fiber.StatusUnprocessableEntity || !strings.Contains(body, "该公开形式下已有同名栏目") {
			t.Errorf("a duplicate column: %d, want 422 with the reason beside the name", code)
		}
		cols, err := columns.New(s).List(t.Context())
		modelstest.Must(t, err)
		id := map[string]uint{}
		for _, c := range cols {
			id[c.Name] = c.ID
		}

		day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
		pubs := []models.Publication{
			{DepartmentID: b.own.ID, IndexNo: "DT-1", Title: "冬季治安巡逻", Channel: "网站", Published: day("2026-02-24")},
			{DepartmentID: b.own.ID, IndexNo: "ZX-1", Title: "防范电信诈骗提示", Channel: "网站", Published: day("2026-01-05")},
			{DepartmentID: b.own.ID, IndexNo: "GS-1", Title: "办公地址", Channel: "公开栏", Published: day("2026-01-05")},
		}
		modelstest.Must(t, s.DB.Create(&pubs).Error)

		clerk := b.client(t)
		clerk.signIn("clerk", testPassword)
		assign := func(pub models.Publication, column string) (int, string) {
			page := "/records/publication/" + itoa(pub.ID)
			tok := clerk.token(page)
			resp, body := clerk.post("/publications/"+itoa(pub.ID)+"/column", url.Values{"_csrf": {tok}, "column": {column}})
			return resp.StatusCode, body
		}
		if code, _ := assign(pubs[0], itoa(id["工作动态"])); code != fiber.StatusSeeOther {
			t.Fatalf("the clerk putting a post in 工作动态: %d", code)
		}
		if code, _ := assign(pubs[1], itoa(id["警务资讯"])); code != fiber.StatusSeeOther {
			t.Fatalf("the clerk putting a post in 警务资讯: %d", code)
		}
		if code, body := assign(pubs[2], itoa(id["工作动态"])); code != fiber.StatusUnprocessableEntity || !strings.Contains(body, "栏目“工作动态”属于网站，而这条信息的公开形式是公开栏") {
			t.Errorf("a notice-board post in a website column: %d", code)
		}
		if _, body := clerk.get("/records/publication/" + itoa(pubs[0].ID)); !strings.Contains(body, "网站 · 工作动态") {
			t.Error("the record page does not show the post's column")
		}
		if resp, _ := clerk.get("/columns"); resp.StatusCode != fiber.StatusForbidden {
			t.Errorf("the clerk opening /columns: %d, want 403", resp.StatusCode)
		}

		_, home := office.get("/")
		i := strings.Index(home, `id="columns-lapsed"`)
		if i < 0 {
			t.Fatal("the office's home has no list of lapsed columns")
		}
		lapsed := home[i:]
		lapsed = lapsed[:strings.Index(lapsed, "</ul>")]
		for _, want := range []string{
			`<a href="/columns#column-` + itoa(id["警务资讯"]) + `">网站 · 警务资讯</a>`, "最近一次更新为 2026-01-05，已超过更新周期（动态类（两周））",
			`<a href="/columns#column-` + itoa(id["通知公告"]) + `">网站 · 通知公告</a>`, "空白栏目，从未发布信息",
		} {
			if !strings.Contains(lapsed, want) {
				t.Errorf("the office's home lacks %s in:\n%s", want, lapsed)
			}
		}
		if strings.Contains(lapsed, "工作动态") {
			t.Error("the office's home lists 工作动态, updated a week ago")
		}
		if _, page := office.get("/columns"); !strings.Contains(page, `id="column-`+itoa(id["警务资讯"])+`"`) || !strings.Contains(page, "栏目不更新") {
			t.Error("/columns does not show 警务资讯 not updated")
		}
	})
}

// The shipped schemes score A4 per department; the office turns per-column
// scoring on in a new version, whose page says so in words and whose
// comparison with default-2 names the change.
func TestOfficeTurnsOnA4PerColumn(t *testing.T) {
	t.Parallel()
	s := modelstest.Open(t, "sqlite")
	b := newBureau(t, s)
	withYear(t, b)
	office := b.client(t)
	office.signIn("office", testPassword)
	if _, page := office.get("/schemes/default-2"); strings.Contains(page, "按栏目计分：每周末栏目仍在更新周期内") {
		t.Error("default-2 scores A4 per column")
	}
	form := copyDefault2(t, office)
	if form.Get("A4.per_column") != "" {
		t.Fatal("the copy of default-2 has per-column scoring on")
	}
	form.Set("A4.per_column", "1")
	if !saveVersion2027(t, s, office, form).Params.Website.PerColumn {
		t.Error("the saved version does not score A4 per column")
	}
	_, page := office.get("/schemes/2027")
	if !strings.Contains(page, "拥有网站栏目的部门按栏目计分：每周末栏目仍在更新周期内为达标周") {
		t.Error("the version's A4 rule does not say it scores per column")
	}
	if changes := section(t, page, "changes"); !strings.Contains(changes, "网站更新按栏目计分") || !strings.Contains(changes, "<ins>是</ins>") {
		t.Errorf("the comparison does not name the change:\n%s", changes)
	}
}
