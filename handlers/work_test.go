package handlers_test

import (
	"context"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/documents"
	"github.com/gongkai/gongkai/models/imports"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/reports"
	"github.com/gongkai/gongkai/models/sources"
	"github.com/gongkai/gongkai/seed"
)

// with2026 gives the bureau the shipped schemes, the 2026 calendar, and
// each department a publication and an open request in 2026 Q1.
func with2026(t *testing.T, b *bureau) {
	t.Helper()
	ctx := context.Background()
	modelstest.Must(t, b.store.EnsureShippedSchemes(ctx, seed.Schemes(), b.clock.Now()))
	modelstest.SaveHolidays(t, b.store, 2025)
	modelstest.SaveHolidays(t, b.store, 2026)
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }
	modelstest.Must(t, b.store.DB.Create(&[]models.Publication{
		{DepartmentID: b.own.ID, IndexNo: "own-26", Seq: 23, Title: "典型案例通报", Channel: "网站", Published: day(2, 10)},
		{DepartmentID: b.other.ID, IndexNo: "other-26", Seq: 23, Title: "刑警内部稿", Channel: "网站", Published: day(2, 11)},
	}).Error)
	modelstest.Must(t, b.store.DB.Create(&[]models.Request{
		{DepartmentID: b.own.ID, RequestNo: "R-OWN", Received: day(2, 27), Channel: "网络"},
		{DepartmentID: b.other.ID, RequestNo: "R-OTHER", Received: day(2, 27), Channel: "信函"},
	}).Error)
}

var (
	fieldOf   = regexp.MustCompile(`<td>([^<]*?)(?:<small>[^<]*</small>)?</td><td class="unit">[^<]*</td>\s*<td class="num filed[^"]*"><input name="(fig_\d+)" value="([^"]*)"`)
	errorNear = regexp.MustCompile(`name="fig_\d+" value="abc"[^>]*aria-invalid="true"><span class="field-error" role="alert">([^<]+)</span>`)
)

// quarterlyForm fills every line the head types with n, as a browser
// would submit the form of page.
func quarterlyForm(t *testing.T, page, tok string, year, quarter, n string) url.Values {
	t.Helper()
	f := url.Values{"_csrf": {tok}, "year": {year}, "quarter": {quarter}, "head": {"张卫"}, "filler": {"何军"}, "phone": {"0527-84301009"}}
	ms := fieldOf.FindAllStringSubmatch(page, -1)
	if len(ms) < 10 {
		t.Fatalf("the filing form offers %d lines to type, want the Annex 2 lines the records cannot give", len(ms))
	}
	for _, m := range ms {
		f.Set(m[2], n)
	}
	return f
}

func TestHeadFilesQuarterlyReport(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		with2026(t, b)
		head := b.client(t)
		head.signIn("head", testPassword)

		resp, page := head.get("/reports/quarterly/file?year=2026&quarter=1")
		if resp.StatusCode != 200 {
			t.Fatalf("filing page: %d", resp.StatusCode)
		}
		// Prefilled from the records: the own department's one publication,
		// not the other's.
		if !regexp.MustCompile(`（一）主动公开警务信息数<small>[^<]*</small></td><td class="unit">条</td>\s*<td class="num">1</td>`).MatchString(page) {
			t.Error("the form does not show the publication count the records give (1)")
		}
		if strings.Contains(page, "刑警支队") {
			t.Error("the filing page shows another department")
		}
		if !strings.Contains(page, "报送期限：2026-03-20") || !strings.Contains(page, "尚未报送") {
			t.Error("the page does not say when the report is due and that it is not filed")
		}

		if resp, body := head.get("/reports/quarterly/file?year=2026&quarter=4"); resp.StatusCode != 400 || !strings.Contains(body, "该期间尚未开始") {
			t.Errorf("filing a quarter not begun: %d, want 400: %s", resp.StatusCode, body)
		}

		// A wrong figure: the form comes back as typed, the error beside it.
		tok := csrfField.FindStringSubmatch(page)[1]
		form := quarterlyForm(t, page, tok, "2026", "1", "2")
		first := fieldOf.FindStringSubmatch(page)[2]
		form.Set(first, "abc")
		form.Set("filler", "何军（代）")
		resp, again := head.post("/reports/quarterly/file", form)
		if resp.StatusCode != 422 {
			t.Fatalf("a wrong figure: %d, want 422", resp.StatusCode)
		}
		if m := errorNear.FindStringSubmatch(again); m == nil || m[1] != "请填写不小于 0 的整数" {
			t.Errorf("the error is not beside the field: %v", m)
		}
		if !strings.Contains(again, `value="何军（代）"`) || strings.Count(again, `value="2"`) < 10 {
			t.Error("the rejected form lost what the head typed")
		}
		var n int64
		s.DB.Model(&models.QuarterlyReport{}).Count(&n)
		if n != 0 {
			t.Fatal("a rejected form filed a report")
		}

		// Filed on 2 March: the submission date D1 reads.
		form.Set(first, "2")
		if resp, _ := head.post("/reports/quarterly/file", form); resp.StatusCode != 303 {
			t.Fatalf("filing: %d, want 303", resp.StatusCode)
		}
		var q models.QuarterlyReport
		modelstest.Must(t, s.DB.Where("department_id = ? AND year = 2026 AND quarter = 1", b.own.ID).First(&q).Error)
		if q.Submitted == nil || q.Submitted.Format(time.DateOnly) != "2026-03-02" || !strings.Contains(q.Figures, `"专职人员数":2`) {
			t.Fatalf("filed report: submitted %v, figures %s", q.Submitted, q.Figures)
		}
		_, report := head.get("/reports/quarterly?year=2026&quarter=1")
		if !regexp.MustCompile(`1、专职人员数<small>[^<]*</small></td><td class="unit">人</td><td class="num filed">2</td>`).MatchString(report) {
			t.Error("the quarterly report does not show the filed figure")
		}

		// Q2 filed on 23 June, three days after its date.
		b.clock.Advance(time.Date(2026, 6, 23, 9, 0, 0, 0, time.UTC).Sub(b.clock.Now()))
		_, page2 := head.get("/reports/quarterly/file?year=2026&quarter=2")
		if resp, _ := head.post("/reports/quarterly/file", quarterlyForm(t, page2, csrfField.FindStringSubmatch(page2)[1], "2026", "2", "0")); resp.StatusCode != 303 {
			t.Fatalf("filing Q2: %d", resp.StatusCode)
		}

		// A correction needs a reason, keeps the date, and is a new version.
		_, page = head.get("/reports/quarterly/file?year=2026&quarter=1")
		if !strings.Contains(page, "已于 2026-03-02 报送") {
			t.Error("the page does not say when the report was filed")
		}
		form = quarterlyForm(t, page, csrfField.FindStringSubmatch(page)[1], "2026", "1", "3")
		if resp, body := head.post("/reports/quarterly/file", form); resp.StatusCode != 422 || !strings.Contains(body, "报表已报送，更正须说明理由") {
			t.Fatalf("a correction without a reason: %d", resp.StatusCode)
		}
		form.Set("reason", "专职人员数填错")
		if resp, _ := head.post("/reports/quarterly/file", form); resp.StatusCode != 303 {
			t.Fatalf("correction: %d", resp.StatusCode)
		}
		var versions []reports.ReportFiling
		modelstest.Must(t, s.DB.Where("kind = ? AND department_id = ? AND quarter = 1", reports.FilingQuarterly, b.own.ID).Order("version").Find(&versions).Error)
		modelstest.Must(t, s.DB.First(&q, q.ID).Error)
		if len(versions) != 2 || versions[1].Reason != "专职人员数填错" || !strings.Contains(versions[0].Figures, `{"label":"（一）主动公开警务信息数","value":"1"}`) || q.Submitted.Format(time.DateOnly) != "2026-03-02" || !strings.Contains(q.Figures, `"专职人员数":3`) {
			t.Fatalf("after the correction: %d versions, submitted %v, figures %s", len(versions), q.Submitted, q.Figures)
		}
		var audit []models.AuditEntry
		modelstest.Must(t, s.DB.Where("entity = ?", "quarterly_report").Order("id").Find(&audit).Error)
		if len(audit) != 3 || audit[0].Action != "file" || audit[2].Action != "correct" || !strings.Contains(audit[2].After, "专职人员数填错") {
			t.Errorf("audit log of the filings: %+v", audit)
		}

		// Each version is stored as filed (issue 20 item 5): a document per
		// version, the correction naming the version it corrects.
		var filed []documents.Document
		modelstest.Must(t, s.DB.Where("kind = ? AND subject_id IN ?", reports.KindFiling, []uint{versions[0].ID, versions[1].ID}).Order("id").Find(&filed).Error)
		if len(filed) != 2 || filed[1].RefID != filed[0].ID || !strings.Contains(filed[0].HTML, "2026年第1季度政府信息公开工作统计报表") ||
			!strings.Contains(filed[1].HTML, "专职人员数填错") || !strings.Contains(filed[1].HTML, filed[0].Number) {
			t.Errorf("the filed versions as documents: %d", len(filed))
		}

		// D1 scores the filing dates: Q1 on time, Q2 late by 3 days, Q3
		// and Q4 missing at the year's end.
		office := b.client(t)
		office.signIn("office", testPassword)
		b.clock.Advance(time.Date(2027, 1, 4, 9, 0, 0, 0, time.UTC).Sub(b.clock.Now())) // a cut-off is never after today
		if resp, _ := office.post("/scores/compute", url.Values{"_csrf": {office.token("/scores")}, "year": {"2026"}, "as_of": {"2026-12-31"}}); resp.StatusCode != 303 {
			t.Fatalf("compute: %d", resp.StatusCode)
		}
		_, dept := head.get("/departments/" + itoa(b.own.ID) + "?year=2026")
		for want, shown := range map[string]bool{"2026年第1季度报表": false, "2026年第2季度报表迟报 3 天": true, "2026年第3季度报表未报送": true} {
			if strings.Contains(dept, want) != shown {
				t.Errorf("D1 on the department page: %q shown %v, want %v", want, !shown, shown)
			}
		}

		// Only the head files, and only a department that leads an item.
		if resp, _ := office.get("/reports/quarterly/file?year=2026&quarter=1"); resp.StatusCode != 403 {
			t.Errorf("office opening the filing form: %d, want 403", resp.StatusCode)
		}
	})
}

func TestRejectedLiaisonFormKeepsWhatWasTyped(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		head := b.client(t)
		head.signIn("head", testPassword)
		own := "/departments/" + itoa(b.own.ID)
		form := url.Values{"_csrf": {head.token(own)}, "head": {"张卫"}, "leader": {"徐平"}, "liaison": {"新联络人"}, "phone": {"电话坏了"}, "mobile": {"13905240109"}, "notes": {"周末值班"}}
		resp, body := head.post(own+"/liaison", form)
		if resp.StatusCode != 422 {
			t.Fatalf("bad phone: %d, want 422", resp.StatusCode)
		}
		for _, want := range []string{`value="新联络人"`, `value="电话坏了"`, ">周末值班</textarea>", `id="err-phone" role="alert">电话号码只能包含数字`} {
			if !strings.Contains(body, want) {
				t.Errorf("the rejected form lacks %q", want)
			}
		}
		form.Set("phone", "0527-84301009")
		if resp, _ := head.post(own+"/liaison", form); resp.StatusCode != 303 {
			t.Fatalf("saving: %d", resp.StatusCode)
		}
		_, sheet := head.get(own + "/liaison")
		for _, want := range []string{"警务信息公开工作联络表", "<td>治安支队</td><td>新联络人</td><td>徐平</td><td>0527-84301009</td><td>13905240109</td><td>周末值班</td>", "填报日期：2026-03-02"} {
			if !strings.Contains(sheet, want) {
				t.Errorf("the printable Annex 3 lacks %q", want)
			}
		}
	})
}

// Annex 3 downloads as a Word document holding the department's liaison
// details, for those who fill it in: its own head and the office.
func TestLiaisonFormDownloadsAsDOCX(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		modelstest.Must(t, s.UpdateLiaison(context.Background(), models.System, b.own.ID,
			models.LiaisonUpdate{Head: "张卫", Leader: "徐平", Liaison: "何军", Phone: "0527-84301009", Mobile: "13905240109", Notes: "周末值班"}, b.clock.Now()))
		own, other := "/departments/"+itoa(b.own.ID), "/departments/"+itoa(b.other.ID)
		for _, role := range []string{"head", "office"} {
			c := b.client(t)
			c.signIn(role, testPassword)
			if _, sheet := c.get(own + "/liaison"); !strings.Contains(sheet, `href="`+own+`/liaison.docx"`) {
				t.Errorf("%s: the printable Annex 3 does not offer the DOCX", role)
			}
			resp, docx := c.get(own + "/liaison.docx")
			if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/vnd.openxmlformats-officedocument.wordprocessingml.document" {
				t.Fatalf("%s: docx: %d %s", role, resp.StatusCode, resp.Header.Get("Content-Type"))
			}
			if cd := resp.Header.Get("Content-Disposition"); !strings.Contains(cd, url.PathEscape("治安支队警务信息公开工作联络表.docx")) {
				t.Errorf("%s: docx named %q", role, cd)
			}
			text := docxText(t, docx)
			for _, want := range []string{"附件3", "警务信息公开工作联络表", "填报日期：2026-03-02", "单位（部门）具体责任人员分管领导联系电话手机号码相关信息",
				"治安支队何军徐平0527-8430100913905240109周末值班", "单位负责人：张卫"} {
				if !strings.Contains(text, want) {
					t.Errorf("%s: document.xml lacks %q", role, want)
				}
			}
		}
		head := b.client(t)
		head.signIn("head", testPassword)
		if resp, _ := head.get(other + "/liaison.docx"); resp.StatusCode != 404 {
			t.Errorf("a head downloads another department's Annex 3: %d, want 404", resp.StatusCode)
		}
		for _, role := range []string{"leader", "discipline", "auditor"} {
			c := b.client(t)
			c.signIn(role, testPassword)
			if resp, _ := c.get(own + "/liaison.docx"); resp.StatusCode != 403 {
				t.Errorf("%s downloads Annex 3: %d, want 403", role, resp.StatusCode)
			}
			if _, sheet := c.get(own + "/liaison"); strings.Contains(sheet, "liaison.docx") {
				t.Errorf("%s is offered the DOCX", role)
			}
		}
	})
}

func TestEachRoleHomeIsAToDoList(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		with2026(t, b)
		now := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
		b.clock.Advance(now.Sub(b.clock.Now()))
		modelstest.Must(t, s.DB.Create(&imports.ImportRun{StartedAt: now.Add(-time.Hour), UserName: "办公室", Source: "file", Kind: "publications", FileName: "坏文件.xlsx", Status: imports.RunFailed, Message: "文件无法读取"}).Error)
		last := now.Add(-2 * time.Hour)
		modelstest.Must(t, s.DB.Create(&sources.Source{Name: "刑警网站接口", DepartmentID: b.other.ID, Kind: "publications", URL: "http://127.0.0.1:9/x", LastPullAt: &last, LastStatus: imports.RunFailed, LastMessage: "连接被拒绝"}).Error)
		modelstest.Must(t, s.DB.Create(&models.SchemeVersion{Version: "draft-x", Name: "2027年度考核方案（草案）", Body: "{}", Status: models.SchemeDraft, BasedOn: "default-2"}).Error)

		for _, tc := range []struct {
			user            string
			sees, neverSees []string
		}{
			{"head", []string{"待办事项", "已逾期", "2025年度", "未来 10 个工作日内到期", "2026-03-20", "2026年第1季度", "/reports/quarterly/file?year=2026&amp;quarter=1", "R-OWN"},
				[]string{"刑警支队", "R-OTHER", "刑警网站接口", "坏文件"}},
			{"office", []string{"近 30 天失败或被拒绝的导入", "坏文件.xlsx", "文件无法读取", "刑警网站接口", "连接被拒绝", "逾期未报送的报表", "刑警支队", "待答复的异议"}, nil},
			{"leader", []string{"待审批的评分方案", "2027年度考核方案（草案）", "待领导小组审定"}, []string{"坏文件", "刑警网站接口"}},
			{"discipline", []string{"待办事项", "各状态案件数", "复核与申诉"}, []string{"坏文件", "刑警网站接口"}},
		} {
			c := b.client(t)
			c.signIn(tc.user, testPassword)
			resp, body := c.get("/")
			if resp.StatusCode != 200 {
				t.Fatalf("%s home: %d", tc.user, resp.StatusCode)
			}
			for _, want := range tc.sees {
				if !strings.Contains(body, want) {
					t.Errorf("%s home lacks %q", tc.user, want)
				}
			}
			for _, never := range tc.neverSees {
				if strings.Contains(body, never) {
					t.Errorf("%s home shows %q", tc.user, never)
				}
			}
		}
	})
}

func TestHeadFilesAnnualReport(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		with2026(t, b)
		head := b.client(t)
		head.signIn("head", testPassword)
		resp, page := head.get("/reports/annual/file?year=2025")
		if resp.StatusCode != 200 || !strings.Contains(page, "报送期限：2026-01-10") || !strings.Contains(page, "本年新收申请数") {
			t.Fatalf("annual filing page: %d", resp.StatusCode)
		}
		form := url.Values{"_csrf": {csrfField.FindStringSubmatch(page)[1]}, "year": {"2025"}, "head": {"张卫"}, "filler": {"何军"}, "phone": {"0527-84301009"}}
		for _, f := range reports.AnnualFigureSpecs {
			form.Set("fig_"+f.Key, "0")
		}
		form.Set("fig_rules_issued", "")
		if resp, body := head.post("/reports/annual/file", form); resp.StatusCode != 422 || !strings.Contains(body, "此项必填") {
			t.Fatalf("a blank figure: %d", resp.StatusCode)
		}
		form.Set("fig_rules_issued", "2")
		if resp, _ := head.post("/reports/annual/file", form); resp.StatusCode != 303 {
			t.Fatalf("filing: %d", resp.StatusCode)
		}
		var r models.AnnualReport
		modelstest.Must(t, s.DB.Where("department_id = ? AND year = 2025", b.own.ID).First(&r).Error)
		figs, err := reports.New(s).AnnualFiguresOf(context.Background(), 2025, []uint{b.own.ID})
		modelstest.Must(t, err)
		if r.Submitted == nil || r.Submitted.Format(time.DateOnly) != "2026-03-02" || figs["rules_issued"] != 2 {
			t.Fatalf("filed annual report: submitted %v, figures %v", r.Submitted, figs)
		}
		if _, page := head.get("/reports/annual/file?year=2025"); !strings.Contains(page, "已于 2026-03-02 报送") || !strings.Contains(page, "（逾期）") {
			t.Error("the page does not say the report was filed late")
		}
	})
}
