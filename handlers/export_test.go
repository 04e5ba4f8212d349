package handlers_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/modelstest"
)

// Every list's export answers the roles its page answers, as a workbook
// whose first row is the Chinese header, bold and frozen.
func TestListsExportToXLSXForTheRolesOfTheirPages(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		office := b.client(t)
		office.signIn("office", testPassword)
		for _, tc := range []struct {
			path, sheet, header, contains string
		}{
			{"/export/departments.xlsx", "部门", "编码", "何军"},
			{"/export/catalog.xlsx", "责任分解表", "序号", "治安案件办理情况(典型案例)"},
			{"/export/users.xlsx", "用户", "用户名", "部门负责人"},
			{"/export/audit.xlsx", "操作日志", "时间", "用户"},
			{"/export/imports.xlsx", "导入记录", "开始时间", ""},
		} {
			resp, body := office.get(tc.path)
			if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
				t.Fatalf("GET %s: %d %s", tc.path, resp.StatusCode, resp.Header.Get("Content-Type"))
			}
			f := openXLSX(t, body)
			if got, _ := f.GetCellValue(tc.sheet, "A1"); got != tc.header {
				t.Errorf("%s: A1 = %q, want %q", tc.path, got, tc.header)
			}
			if panes, err := f.GetPanes(tc.sheet); err != nil || !panes.Freeze || panes.YSplit != 1 {
				t.Errorf("%s: header row not frozen: %+v %v", tc.path, panes, err)
			}
			if style, _ := f.GetCellStyle(tc.sheet, "A1"); style == 0 {
				t.Errorf("%s: header row has no style", tc.path)
			} else if st, _ := f.GetStyle(style); st.Font == nil || !st.Font.Bold {
				t.Errorf("%s: header row not bold", tc.path)
			}
			if rows, _ := f.GetRows(tc.sheet); tc.contains != "" && !strings.Contains(strings.Join(flatten(rows), "|"), tc.contains) {
				t.Errorf("%s lacks %q", tc.path, tc.contains)
			}
		}
		// The catalog export carries the page's filters.
		_, body := office.get("/export/catalog.xlsx?cadence=" + url.QueryEscape("长期"))
		if rows, _ := openXLSX(t, body).GetRows("责任分解表"); len(rows) != 1 {
			t.Errorf("catalog filtered to 长期: %d rows, want the header only", len(rows))
		}

		for _, tc := range []struct {
			role, path string
			want       int
		}{
			{"head", "/export/users.xlsx", 403},
			{"auditor", "/export/users.xlsx", 403},
			{"leader", "/export/audit.xlsx", 403},
			{"auditor", "/export/audit.xlsx", 200},
			{"discipline", "/export/imports.xlsx", 403},
			{"head", "/export/imports.xlsx", 200},
		} {
			c := b.client(t)
			c.signIn(tc.role, testPassword)
			if resp, _ := c.get(tc.path); resp.StatusCode != tc.want {
				t.Errorf("%s GET %s: %d, want %d", tc.role, tc.path, resp.StatusCode, tc.want)
			}
		}
		head := b.client(t)
		head.signIn("head", testPassword)
		_, body = head.get("/export/departments.xlsx")
		if rows, _ := openXLSX(t, body).GetRows("部门"); len(rows) != 2 || rows[1][1] != "治安支队" {
			t.Errorf("a head's department export = %v, want their own only", rows)
		}
	})
}

func TestScoreExportsFollowTheStoredRun(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		withYear(t, b)
		office := b.client(t)
		office.signIn("office", testPassword)
		if resp, body := office.get("/export/scores.xlsx?year=2024"); resp.StatusCode != 404 || !strings.Contains(body, "2024 年度尚未计算得分") {
			t.Errorf("before computing: %d, want 404 saying so", resp.StatusCode)
		}
		if resp, _ := office.post("/scores/compute", url.Values{"_csrf": {office.token("/scores")}, "year": {"2024"}, "as_of": {"2025-02-01"}}); resp.StatusCode != 303 {
			t.Fatalf("compute: %d", resp.StatusCode)
		}
		_, body := office.get("/export/scores.xlsx?year=2024")
		f := openXLSX(t, body)
		rows, _ := f.GetRows("考核得分")
		if len(rows) != 3 || rows[0][0] != "名次" || !strings.HasPrefix(rows[0][3], "A1 ") {
			t.Fatalf("ranking = %v", rows)
		}

		head := b.client(t)
		head.signIn("head", testPassword)
		_, body = head.get("/export/scores.xlsx?year=2024")
		if rows, _ := openXLSX(t, body).GetRows("考核得分"); len(rows) != 2 || rows[1][2] != "治安支队" {
			t.Errorf("a head's ranking export = %v, want their own line only", rows)
		}
		if resp, body := head.get("/export/deductions.xlsx?year=2024&department=" + itoa(b.other.ID)); resp.StatusCode != 404 || strings.Contains(body, "刑警") {
			t.Errorf("head exporting another department's deductions: %d, want 404", resp.StatusCode)
		}
		resp, body := head.get("/export/deductions.xlsx?year=2024")
		if resp.StatusCode != 200 {
			t.Fatalf("head's own deductions: %d", resp.StatusCode)
		}
		rows, _ = openXLSX(t, body).GetRows("扣分明细")
		if len(rows) < 2 || rows[0][3] != "说明" || !strings.Contains(strings.Join(flatten(rows), "|"), "典型案例通报") {
			t.Errorf("deductions = %v, want the late publication explained", rows)
		}
		if resp, _ := head.get("/export/deductions.xlsx?year=1999"); resp.StatusCode != 400 {
			t.Errorf("year 1999: %d, want 400", resp.StatusCode)
		}
	})
}

// A head sees their department at the rank the office sees it at, on the
// scores page, on the department page and in the export: ranks are decided
// with the run, not counted over what the viewer may see.
func TestHeadSeesTheRankTheOfficeSees(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		// 经侦支队 leads an item published on request: no slot to miss, so
		// it outscores 治安支队, which published its one item late.
		better := models.Department{Code: "SJ11", Name: "经侦支队", Kind: models.KindCityDept}
		modelstest.Must(t, s.DB.Create(&better).Error)
		modelstest.Must(t, s.DB.Create(&models.CatalogItem{Seq: 24, Level1: "对外公开", Level2: "行政执法", Title: "办理结果",
			Channels: "网站", Cadence: "依申请向相对人公开", Lead: "经侦支队"}).Error)
		withYear(t, b)
		office := b.client(t)
		office.signIn("office", testPassword)
		if resp, _ := office.post("/scores/compute", url.Values{"_csrf": {office.token("/scores")}, "year": {"2024"}, "as_of": {"2025-02-01"}}); resp.StatusCode != 303 {
			t.Fatalf("compute: %d", resp.StatusCode)
		}
		head := b.client(t)
		head.signIn("head", testPassword)

		rankOnPage := func(c *client) string {
			_, page := c.get("/scores?year=2024")
			i := strings.Index(page, ">治安支队<")
			if i < 0 {
				t.Fatalf("治安支队 missing from the ranking")
			}
			row := page[strings.LastIndex(page[:i], "<tr>"):i]
			return row[len("<tr><td>"):strings.Index(row, "</td>")]
		}
		if o, h := rankOnPage(office), rankOnPage(head); o != "2" || h != "2" {
			t.Errorf("ranking page: office sees 治安支队 %s, head sees %s; want 2 for both", o, h)
		}
		if _, page := head.get("/departments/" + itoa(b.own.ID) + "?year=2024"); !strings.Contains(page, "第 2 名（共 2 个参评单位）") {
			t.Error("the head's department page does not say 第 2 名（共 2 个参评单位）")
		}
		rankInExport := func(c *client) string {
			_, body := c.get("/export/scores.xlsx?year=2024")
			rows, _ := openXLSX(t, body).GetRows("考核得分")
			for _, r := range rows {
				if len(r) > 2 && r[2] == "治安支队" {
					return r[0]
				}
			}
			return "missing"
		}
		if o, h := rankInExport(office), rankInExport(head); o != "2" || h != "2" {
			t.Errorf("export: office sees 治安支队 %s, head sees %s; want 2 for both", o, h)
		}
		// 刑警支队 has no duty in this catalog: listed apart, not ranked.
		if _, page := office.get("/scores?year=2024"); !strings.Contains(page, "不参评单位（1 个）") || !strings.Contains(page, "刑警支队") {
			t.Error("the ranking does not list 刑警支队 apart as not rated")
		}
	})
}

func flatten(rows [][]string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r...)
	}
	return out
}
