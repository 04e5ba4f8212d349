package handlers_test

import (
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/modelstest"
)

// The office works an annual report to final: the uncategorised request
// blocks it and is listed; categorised, the report balances and is marked
// final; figures are filed; every step is audit-logged. The page reads in
// both languages.
func TestAnnualReportBalanceCategoriseAndFinal(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		withQuarter(t, b) // Q2-1: answered 同意公开, no applicant type
		c := b.client(t)
		c.signIn("office", testPassword)
		page := "/reports/annual?year=2025&department=" + itoa(b.own.ID)
		_, body := c.get(page)
		for _, want := range []string{"勾稽关系与定稿", "有 1 件申请尚未归入全国统一的申请人类型或办理结果", "三、收到和处理政府信息公开申请情况",
			`rowspan="22"`, "四、政府信息公开行政复议、行政诉讼情况", "未经复议直接起诉"} {
			if !strings.Contains(body, want) {
				t.Errorf("annual page lacks %q", want)
			}
		}
		form := url.Values{"_csrf": {c.token(page)}, "year": {"2025"}, "department": {itoa(b.own.ID)}, "final": {"1"}}
		if resp, body := c.post("/reports/annual/final", form); resp.StatusCode != 422 || !strings.Contains(errorOf(body), "报告不能定稿") {
			t.Errorf("an uncategorised report marked final: %d %q, want 422 with the reason", resp.StatusCode, errorOf(body))
		}
		if _, body := c.get(page); strings.Contains(body, "已定稿：") {
			t.Error("an uncategorised report was marked final")
		}

		list := "/reports/annual/requests?year=2025&department=" + itoa(b.own.ID)
		_, body = c.get(list)
		id := regexp.MustCompile(`action="/reports/annual/requests/(\d+)"`).FindStringSubmatch(body)
		if !strings.Contains(body, "Q2-1") || id == nil {
			t.Fatalf("the uncategorised request is not listed with a form: %.400s", body)
		}
		cat := url.Values{"_csrf": {c.token(list)}, "year": {"2025"}, "department": {itoa(b.own.ID)}, "applicant": {"自然人"}}
		if resp, _ := c.post("/reports/annual/requests/"+id[1], cat); resp.StatusCode != 303 {
			t.Fatalf("categorise: %d", resp.StatusCode)
		}
		if _, body := c.get(list); !strings.Contains(body, "已保存归类") || !strings.Contains(body, "本年度的申请均已归类") {
			t.Error("categorising did not clear the list")
		}
		// The record says how the report counts it, and who categorised it.
		if _, body := c.get("/records/request/" + id[1]); !strings.Contains(body, "办公室归类") || !strings.Contains(body, "<dd>自然人</dd>") || !strings.Contains(body, "<dd>予以公开</dd>") {
			t.Errorf("record page lacks the categories it is counted by: %.600s", body)
		}
		form.Set("_csrf", c.token(page))
		c.post("/reports/annual/final", form)
		if _, body := c.get(page); !strings.Contains(body, "报告已定稿") || !strings.Contains(body, "已定稿：办公室") || !strings.Contains(body, "报告已定稿，文字不能修改") {
			t.Error("a balanced, categorised report is not final")
		}

		fig := url.Values{"_csrf": {c.token(page)}, "year": {"2025"}, "department": {itoa(b.own.ID)}, "figure_licences": {"315"}, "figure_fees": {"abc"}}
		// A bad figure comes back as typed, its error beside it.
		if resp, body := c.post("/reports/annual/figures", fig); resp.StatusCode != 422 || !strings.Contains(body, "请填写不小于 0 的金额，最多 4 位小数") ||
			!strings.Contains(body, `name="figure_fees" value="abc"`) || !strings.Contains(body, `name="figure_licences" value="315"`) {
			t.Errorf("a bad figure: %d, not refused beside its field with the typed values kept", resp.StatusCode)
		}
		fig.Set("figure_fees", "2.5")
		c.post("/reports/annual/figures", fig)
		if _, body := c.get(page); !strings.Contains(body, "已保存填报的数字") || !strings.Contains(body, ">315<") {
			t.Error("filed figures are not in table 二")
		}
		for _, entity := range []string{"annual_final", "request_category", "annual_figures"} {
			if _, log := c.get("/audit?entity=" + entity); !strings.Contains(log, "办公室") {
				t.Errorf("no %s entry in the audit log", entity)
			}
		}
		resp, xlsx := c.get("/reports/annual.xlsx?year=2025&department=" + itoa(b.own.ID))
		if resp.StatusCode != 200 {
			t.Fatalf("xlsx: %d", resp.StatusCode)
		}
		if got := cellAfter(t, openXLSX(t, xlsx), "三、收到和处理政府信息公开申请情况", "一、本年新收政府信息公开申请数量", "J"); got != "1" {
			t.Errorf("xlsx 一 总计 = %q, want 1", got)
		}

		c.get("/lang?to=en")
		if _, body := c.get(page); !strings.Contains(body, "Balance and final") || !strings.Contains(body, "Final: 办公室") {
			t.Error("the annual page does not switch to English")
		}
		// A head reads their own report, cannot mark it final or reach others'.
		head := b.client(t)
		head.signIn("head", testPassword)
		if resp, _ := head.post("/reports/annual/final", url.Values{"_csrf": {head.token("/reports/annual")}, "year": {"2025"}, "department": {itoa(b.own.ID)}, "final": {"0"}}); resp.StatusCode != 403 {
			t.Errorf("head withdrawing final: %d, want 403", resp.StatusCode)
		}
		if resp, _ := head.get("/reports/annual/requests?year=2025&department=" + itoa(b.other.ID)); resp.StatusCode != 404 {
			t.Errorf("head reading another department's requests: %d, want 404", resp.StatusCode)
		}
	})
}

// The office manages the channels; imports then accept them.
func TestOfficeManagesChannels(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		c := b.client(t)
		c.signIn("office", testPassword)
		_, body := c.get("/channels")
		if !strings.Contains(body, "政府门户网站") || !strings.Contains(body, "电话") || strings.Contains(body, ">publication<") {
			t.Errorf("channels page: %.300s", body)
		}
		add := url.Values{"_csrf": {c.token("/channels")}, "kind": {"publication"}, "name": {"政务抖音"}}
		c.post("/channels", add)
		resp, body := c.post("/channels", add)
		if resp.StatusCode != 422 || !strings.Contains(body, "“政务抖音”已在列表中") || !strings.Contains(body, `value="政务抖音"`) {
			t.Errorf("adding a channel twice: %d %.600s", resp.StatusCode, body)
		}
		if _, body = c.get("/channels"); strings.Count(body, "政务抖音") != 1 {
			t.Errorf("the channel is listed %d times, want once", strings.Count(body, "政务抖音"))
		}
		if _, log := c.get("/audit?entity=channel"); !strings.Contains(log, "政务抖音") {
			t.Error("the new channel is not in the audit log")
		}
		head := b.client(t)
		head.signIn("head", testPassword)
		if resp, _ := head.get("/channels"); resp.StatusCode != 403 {
			t.Errorf("head on /channels: %d, want 403", resp.StatusCode)
		}
	})
}

// The homes of those who owe an annual report show when it is due.
func TestHomesShowAnnualReportDue(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s) // today is 2026-03-02
		head := b.client(t)
		head.signIn("head", testPassword)
		if _, body := head.get("/"); !strings.Contains(body, "2025年度政府信息公开工作年度报告") || !strings.Contains(body, "法定期限 2026-01-31") || !strings.Contains(body, "已超过期限，尚未定稿") {
			t.Errorf("head's home lacks the department's due date: %.500s", body)
		}
		office := b.client(t)
		office.signIn("office", testPassword)
		if _, body := office.get("/"); !strings.Contains(body, "法定期限 2026-03-31") || !strings.Contains(body, "尚未定稿") {
			t.Error("office's home lacks the bureau's due date")
		}
		leader := b.client(t)
		leader.signIn("leader", testPassword)
		if _, body := leader.get("/"); strings.Contains(body, "法定期限") {
			t.Error("the leading group owes no annual report")
		}
	})
}
