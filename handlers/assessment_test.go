package handlers_test

import (
	"bytes"
	"context"
	"html"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accounts"
	"github.com/gongkai/gongkai/models/assessment"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/scoreruns"
	"github.com/gongkai/gongkai/seed"
)

// postFiles sends a multipart form with files, as a browser's file input.
func (c *client) postFiles(path string, fields url.Values, files map[string][]byte) (*http.Response, string) {
	c.t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, vs := range fields {
		for _, v := range vs {
			_ = w.WriteField(k, v)
		}
	}
	for name, data := range files {
		fw, err := w.CreateFormFile("files", name)
		if err != nil {
			c.t.Fatal(err)
		}
		fw.Write(data)
	}
	w.Close()
	req := httptest.NewRequest(http.MethodPost, path, &buf)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return c.do(req)
}

func planForm(tok string) url.Values {
	return url.Values{"_csrf": {tok}, "year": {"2024"}, "scope": {"full"}, "as_of": {"2025-02-01"}, "notice": {"2026-03-02"},
		"self_due": {"2026-03-10"}, "objection_due": {"2026-03-12"}, "review": {"2026-03-17"}, "team": {"吴良亮、刘敏"}}
}

// approvedPlan has the office draft a plan of 2024 and the leading group
// approve it, over HTTP; it returns the plan's page and the office's and
// the head's signed-in clients.
func approvedPlan(t *testing.T, b *bureau) (plan string, office, head *client) {
	t.Helper()
	office, leader, head := b.client(t), b.client(t), b.client(t)
	office.signIn("office", testPassword)
	leader.signIn("leader", testPassword)
	head.signIn("head", testPassword)
	resp, _ := office.post("/assessment", planForm(office.token("/assessment")))
	plan = resp.Header.Get("Location")
	if resp.StatusCode != fiber.StatusSeeOther {
		t.Fatalf("create plan: %d", resp.StatusCode)
	}
	for _, c := range []struct {
		who    *client
		action string
	}{{office, "submit"}, {leader, "approve"}} {
		if resp, _ := c.who.post(plan+"/step", url.Values{"_csrf": {c.who.token(plan)}, "action": {c.action}}); resp.StatusCode != fiber.StatusSeeOther {
			t.Fatalf("%s: %d", c.action, resp.StatusCode)
		}
	}
	return plan, office, head
}

var samplePDF = []byte("%PDF-1.4\n%%EOF\n")

// The assessment over HTTP: each role only its own step; a head files a
// self-inspection with an attachment and an objection, the office accepts
// it, the leading group approves the grades, the public page shows them.
func TestAssessmentOverHTTP(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		b := newBureau(t, s)
		withYear(t, b)
		_, err := accounts.New(s).CreateUser(ctx, models.System, accounts.NewUser{Username: "head2", Name: "曾强", Role: models.RoleHead, DepartmentID: b.other.ID, Password: testPassword})
		modelstest.Must(t, err)
		office, leader, head, head2, anon := b.client(t), b.client(t), b.client(t), b.client(t), b.client(t)
		office.signIn("office", testPassword)
		leader.signIn("leader", testPassword)
		head.signIn("head", testPassword)
		head2.signIn("head2", testPassword)

		form := planForm(office.token("/assessment/new"))
		form.Set("review", "2026-03-16")
		if resp, body := office.post("/assessment", form); resp.StatusCode != fiber.StatusUnprocessableEntity || !strings.Contains(body, "最早为2026-03-17") || !strings.Contains(body, `value="2026-03-16"`) {
			t.Errorf("a plan with 14 days' notice was not refused, as typed, with the earliest review date: %d", resp.StatusCode)
		}
		if resp, _ := leader.post("/assessment", planForm(leader.token("/assessment"))); resp.StatusCode != fiber.StatusForbidden {
			t.Errorf("the leading group drafted a plan: %d", resp.StatusCode)
		}
		resp, _ := office.post("/assessment", planForm(office.token("/assessment")))
		plan := resp.Header.Get("Location")
		if resp.StatusCode != fiber.StatusSeeOther || !strings.HasPrefix(plan, "/assessment/") {
			t.Fatalf("create plan: %d %s", resp.StatusCode, plan)
		}
		step := func(c *client, action, reason string) int {
			resp, _ := c.post(plan+"/step", url.Values{"_csrf": {c.token(plan)}, "action": {action}, "reason": {reason}})
			return resp.StatusCode
		}
		status := func() assessment.Status {
			var p assessment.Plan
			modelstest.Must(t, s.DB.Omit("catalog").Last(&p).Error)
			return p.Status
		}
		if code := step(head, "submit", ""); code != fiber.StatusForbidden && code != fiber.StatusNotFound {
			t.Errorf("a head submitted: %d", code)
		}
		// The office edits the notice's 发文稿 before the approval issues it.
		draft := plan + "/notice-draft"
		if _, body := office.get(draft); !strings.Contains(body, "草稿") || !strings.Contains(body, "gw-issuer") {
			t.Error("the draft of the notice is not shown in the document's layout, marked 草稿")
		}
		if resp, _ := head.get(draft); resp.StatusCode != fiber.StatusForbidden {
			t.Errorf("a head opened the notice's draft: %d", resp.StatusCode)
		}
		_, draftPage := office.get(draft)
		text := html.UnescapeString(regexp.MustCompile(`(?s)<textarea[^>]*name="body"[^>]*>(.*?)</textarea>`).FindStringSubmatch(draftPage)[1])
		office.step(draft, draft, url.Values{"body": {strings.TrimSpace(text) + "\n四、请指定一名联络员。"}})
		step(office, "submit", "")
		step(office, "approve", "") // the office cannot approve its own plan
		if status() != assessment.Submitted {
			t.Fatalf("after the office tried to approve: %s", status())
		}
		if _, home := leader.get("/"); !strings.Contains(home, "待领导小组审定方案") {
			t.Error("the leader's home does not show the plan waiting")
		}
		step(leader, "approve", "")
		if status() != assessment.Approved {
			t.Fatalf("after approval: %s", status())
		}
		if resp, _ := office.get(plan + "/step"); resp.StatusCode < 400 {
			t.Errorf("GET on a step: %d", resp.StatusCode)
		}

		own, other := itoa(b.own.ID), itoa(b.other.ID)
		if _, body := head.get(plan + "/notice/" + own); !strings.Contains(body, "四、请指定一名联络员。") || !strings.Contains(body, "公开办〔") || strings.Contains(body, "草稿") {
			t.Error("the head's notice is not the one issued from the office's draft")
		}
		form = url.Values{"_csrf": {office.token(draft)}, "body": {"改过的正文"}}
		if resp, body := office.post(draft, form); resp.StatusCode != fiber.StatusUnprocessableEntity || !strings.Contains(errorOf(body), "已发文，不能再修改") {
			t.Errorf("the draft was edited after issue: %d %q", resp.StatusCode, errorOf(body))
		}
		page := plan + "/departments/" + own
		if _, home := head.get("/"); !strings.Contains(home, "关于开展2024年度政府信息公开工作考核的通知") {
			t.Error("the head's home does not show the notice")
		}
		if resp, _ := head.get(plan + "/departments/" + other); resp.StatusCode != fiber.StatusNotFound {
			t.Errorf("a head opened another department's assessment: %d", resp.StatusCode)
		}
		if resp, _ := head.get(plan); resp.StatusCode != fiber.StatusSeeOther || resp.Header.Get("Location") != page {
			t.Errorf("a head opening the plan: %d → %s", resp.StatusCode, resp.Header.Get("Location"))
		}
		tok := head.token(page)
		if resp, _ := head.post(plan+"/notice/"+own, url.Values{"_csrf": {tok}}); resp.StatusCode != fiber.StatusSeeOther {
			t.Errorf("sign notice: %d", resp.StatusCode)
		}
		report := []byte("%PDF-1.4\n" + strings.Repeat("%", 211847-len(samplePDF)) + "\n%%EOF\n") // 207 KB
		resp, _ = head.postFiles(page+"/self", url.Values{"_csrf": {tok}, "text": {"本部门自查情况"}}, map[string][]byte{"自查报告.pdf": report})
		if resp.StatusCode != fiber.StatusSeeOther {
			t.Fatalf("file self-inspection: %d", resp.StatusCode)
		}
		resp, body := head.postFiles(page+"/self", url.Values{"_csrf": {tok}, "text": {"冒充"}}, map[string][]byte{"报告.pdf": []byte("MZ not a pdf")})
		if resp.StatusCode != fiber.StatusUnprocessableEntity || !strings.Contains(body, "内容与扩展名不符") || !strings.Contains(body, ">冒充</textarea>") {
			t.Errorf("a file whose content is no PDF was not refused with the reason, the text as typed: %d", resp.StatusCode)
		}
		if _, body := head.get(page); strings.Contains(body, "冒充") {
			t.Error("a refused self-inspection was saved")
		}
		_, body = head.get(page)
		m := regexp.MustCompile(`/assessment/attachments/(\d+)`).FindStringSubmatch(body)
		if m == nil {
			t.Fatal("the attachment is not listed")
		}
		if !strings.Contains(body, "207 KB") || strings.Contains(body, "211847") {
			t.Error("the attachment's size is not written for people (207 KB)")
		}
		if resp, data := head.get(m[0]); resp.StatusCode != 200 || data != string(report) || resp.Header.Get("Content-Type") != "application/pdf" {
			t.Errorf("download own attachment: %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		if resp, _ := head2.get(m[0]); resp.StatusCode != fiber.StatusNotFound {
			t.Errorf("another head downloads the attachment by id: %d", resp.StatusCode)
		}
		if resp, _ := anon.get(m[0]); resp.StatusCode != fiber.StatusSeeOther {
			t.Errorf("an anonymous download: %d", resp.StatusCode)
		}
		if resp, _ := head2.postFiles(page+"/self", url.Values{"_csrf": {head2.token("/")}, "text": {"代报"}}, nil); resp.StatusCode != fiber.StatusNotFound {
			t.Errorf("another head files for the department: %d", resp.StatusCode)
		}
		if resp, _ := head.postFiles(page+"/objections", url.Values{"deduction": {"A1/0"}, "reason": {"无令牌"}}, nil); resp.StatusCode != fiber.StatusForbidden {
			t.Errorf("an objection without the CSRF token: %d", resp.StatusCode)
		}
		resp, _ = head.postFiles(page+"/objections", url.Values{"_csrf": {tok}, "deduction": {"A2/0"}, "reason": {"该信息系节假日顺延，未超期"}}, nil)
		if resp.StatusCode != fiber.StatusSeeOther {
			t.Fatalf("objection: %d", resp.StatusCode)
		}
		_, body = office.get(page)
		before := regexp.MustCompile(`id="adjusted-total"><b>([0-9.]+)`).FindStringSubmatch(body)
		oid := regexp.MustCompile(`/assessment/objections/(\d+)/answer`).FindStringSubmatch(body)
		if before == nil || oid == nil {
			t.Fatalf("the office's page lacks the adjusted total or the answer form")
		}
		if resp, _ := head.post(oid[0], url.Values{"_csrf": {tok}, "decision": {"accept"}, "answer": {"自己采纳"}}); resp.StatusCode != fiber.StatusForbidden {
			t.Errorf("a head answered an objection: %d", resp.StatusCode)
		}
		office.post(oid[0], url.Values{"_csrf": {office.token(page)}, "decision": {"accept"}, "answer": {"经核实，撤销扣分"}})
		_, body = head.get(page)
		after := regexp.MustCompile(`id="adjusted-total"><b>([0-9.]+)`).FindStringSubmatch(body)
		if after == nil || after[1] == before[1] || !strings.Contains(body, "经核实，撤销扣分") || !strings.Contains(body, "未审定") {
			t.Errorf("after the objection was accepted the head sees %v (was %v)", after, before)
		}

		// Issue 20 item 6: before the windows close and every unit signs,
		// the plan page says what proposing waits for, beside the button; the
		// office reminds (催办) the unit that has not signed, whose head sees
		// it; proposing is refused without a reason, and the reason given is
		// what the leading group reads on its approval page.
		_, body = office.get(plan)
		for _, want := range []string{"提出初步等次须待以下事项完成", "自查材料报送期限（2026-03-10）尚未届满", "1 个单位尚未签收考核通知", `/departments/` + other + `/remind`} {
			if !strings.Contains(body, want) {
				t.Errorf("the office's plan page lacks %q", want)
			}
		}
		if resp, _ := office.post(plan+"/departments/"+other+"/remind", url.Values{"_csrf": {office.token(plan)}}); resp.StatusCode != fiber.StatusSeeOther {
			t.Errorf("催办: %d", resp.StatusCode)
		}
		if resp, _ := office.post(plan+"/departments/"+own+"/remind", url.Values{"_csrf": {office.token(plan)}}); resp.StatusCode != fiber.StatusUnprocessableEntity {
			t.Errorf("催办 a unit that signed: %d", resp.StatusCode)
		}
		if _, home := head2.get("/"); !strings.Contains(home, "领导小组办公室已于 2026-03-02 催办签收考核通知") {
			t.Error("the reminded head's home does not say so")
		}
		if _, home := head.get("/"); strings.Contains(home, "催办签收") {
			t.Error("a head who signed is told of a reminder")
		}
		resp, body = office.post(plan+"/step", url.Values{"_csrf": {office.token(plan)}, "action": {"propose"}})
		if resp.StatusCode != fiber.StatusUnprocessableEntity || !strings.Contains(body, "尚不能提出初步等次") {
			t.Errorf("grades proposed early without a reason: %d", resp.StatusCode)
		}
		step(office, "propose", "年度工作会议提前召开，经分管领导同意提前提出")
		if _, page := leader.get(plan); !strings.Contains(page, "办公室提前提出初步等次的理由") || !strings.Contains(page, "年度工作会议提前召开") || !strings.Contains(page, "实地考核（2026-03-17）尚未进行") {
			t.Error("the leading group's approval page does not show why the grades came early")
		}
		if _, page := head.get(page); !strings.Contains(page, "初步等次已提出，考核已进入评定阶段") {
			t.Error("the head's forms vanished without a word")
		}
		if _, home := leader.get("/"); !strings.Contains(home, "待领导小组审定等次") || !strings.Contains(home, `class="grade`) {
			t.Error("the leader's home does not show the proposed grades")
		}
		step(leader, "approve_grades", "")
		if status() != assessment.Final {
			t.Fatalf("after grades approval: %s", status())
		}
		if _, body := head.get("/departments/" + own); !strings.Contains(body, "已审定") {
			t.Error("the department page does not say 已审定")
		}
		if resp, body := office.get(plan + "/results.docx"); resp.StatusCode != 200 || !strings.HasPrefix(body, "PK") {
			t.Errorf("results DOCX: %d", resp.StatusCode)
		}
		if resp, _ := head.get(plan + "/results"); resp.StatusCode != fiber.StatusNotFound {
			t.Errorf("a head reads the bureau's results before publication: %d", resp.StatusCode)
		}
		// The units are on /public with their figures (issue 25); no grade is.
		if _, body := anon.get("/public"); strings.Contains(body, "考核结果的通报") || strings.Contains(body, `class="grade `) {
			t.Error("unpublished grades on the public page")
		}
		step(office, "publish", "")
		resp, body = anon.get("/public")
		if resp.StatusCode != 200 || !strings.Contains(body, "关于2024年度政府信息公开工作考核结果的通报") || !strings.Contains(body, "治安支队") {
			t.Errorf("public page after publication: %d", resp.StatusCode)
		}
		if len(resp.Cookies()) != 0 || strings.Contains(body, "<form") || strings.Contains(body, "_csrf") || strings.Contains(body, "/assessment/") {
			t.Error("the public page sets a cookie, shows a form or links into the app")
		}
		if !strings.Contains(resp.Header.Get("Cache-Control"), "public") {
			t.Errorf("public page Cache-Control %q", resp.Header.Get("Cache-Control"))
		}
		for _, path := range []string{"/assessment", plan, page, plan + "/results"} {
			if resp, _ := anon.get(path); resp.StatusCode != fiber.StatusSeeOther || resp.Header.Get("Location") != "/login" {
				t.Errorf("anonymous %s: %d", path, resp.StatusCode)
			}
		}
	})
}

// raw finds what a Chinese page must never show: message keys and the
// assessment's machine codes.
var raw = regexp.MustCompile(`\b(asmt|public)\.[a-z_.]+|>[^<]*\b(draft|submitted|returned|approved|proposed|final|reopen|published|accepted|rejected|noted|reported|not_published|published_late|approve_grades|request_reopen)\b[^<]*<`)

// rawKey finds a message key shown as itself, in either language.
var rawKey = regexp.MustCompile(`\b(asmt|public)\.[a-z_.]+`)

// Every assessment page of the demo opens for the roles that may see it,
// in Chinese without machine text.
func TestDemoAssessmentPages(t *testing.T) {
	b := demoBureau(t)
	s := b.store
	var p assessment.Plan
	modelstest.Must(t, s.DB.Omit("catalog").First(&p).Error)
	var own, other models.Department
	modelstest.Must(t, s.DB.Where("code = ?", "SJ09").First(&own).Error)
	modelstest.Must(t, s.DB.Where("code = ?", "FJ01").First(&other).Error)
	plan := "/assessment/" + itoa(p.ID)
	pages := map[string][]string{
		"office":  {"/", "/assessment", plan, plan + "/departments/" + itoa(own.ID), plan + "/departments/" + itoa(other.ID), plan + "/results", plan + "/notice/" + itoa(own.ID), "/departments/" + itoa(own.ID)},
		"leader":  {"/", plan, plan + "/results"},
		"auditor": {plan, plan + "/departments/" + itoa(own.ID)},
		"head":    {"/", "/assessment", plan + "/departments/" + itoa(own.ID), plan + "/notice/" + itoa(own.ID), "/departments/" + itoa(own.ID)},
	}
	for user, paths := range pages {
		c := b.client(t)
		c.signIn(user, seed.DemoPassword)
		for _, path := range paths {
			resp, body := c.get(path)
			if resp.StatusCode != 200 {
				t.Errorf("%s %s: %d", user, path, resp.StatusCode)
				continue
			}
			if m := raw.FindString(body); m != "" {
				t.Errorf("%s %s shows machine text %q", user, path, m)
			}
		}
	}
	en := b.client(t)
	en.cookies["lang"] = &http.Cookie{Name: "lang", Value: "en"}
	en.signIn("office", seed.DemoPassword)
	for _, path := range pages["office"] {
		if resp, body := en.get(path); resp.StatusCode != 200 || rawKey.FindString(body) != "" {
			t.Errorf("English %s: %d", path, resp.StatusCode)
		}
	}
	head := b.client(t)
	head.signIn("head", seed.DemoPassword)
	for _, path := range []string{plan + "/departments/" + itoa(other.ID), plan + "/notice/" + itoa(other.ID), plan + "/results"} {
		if resp, _ := head.get(path); resp.StatusCode != fiber.StatusNotFound {
			t.Errorf("head %s: %d, want 404", path, resp.StatusCode)
		}
	}
	var files []assessment.Attachment
	modelstest.Must(t, s.DB.Omit("data").Where("department_id = ?", other.ID).Find(&files).Error)
	for _, f := range files {
		if resp, _ := head.get("/assessment/attachments/" + itoa(f.ID)); resp.StatusCode != fiber.StatusNotFound {
			t.Errorf("head downloads another department's attachment %d: %d", f.ID, resp.StatusCode)
		}
	}
	_, home := head.get("/")
	if !strings.Contains(home, "考核结果通知") {
		t.Error("the head's home does not notify the grade")
	}
	_, pub := b.client(t).get("/public")
	if !strings.Contains(pub, "何军") || !strings.Contains(pub, "通报批评") || raw.FindString(pub) != "" {
		t.Error("the public page lacks the commended person or the criticised units, or shows machine text")
	}
}

// Once an assessment is under way, the ranking and exports show each
// assessed department's standing from the run it is assessed on (issue
// 20: one standing): the office recomputing the year changes neither what
// the office sees of it nor what the head was graded by.
func TestHeadSeesTheAssessedRunAfterARecomputation(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		withYear(t, b)
		_, office, head := approvedPlan(t, b)

		total := func(c *client) string {
			_, page := c.get("/scores?year=2024")
			i := strings.Index(page, ">治安支队<")
			if i < 0 {
				t.Fatal("治安支队 missing from the ranking")
			}
			cell := page[i:]
			cell = cell[strings.Index(cell, "<td>")+len("<td>"):]
			return cell[:strings.Index(cell, "</td>")]
		}
		before := total(head)
		// A filed annual report raises D3 by 3 points in a new run.
		submitted := time.Date(2025, 1, 8, 0, 0, 0, 0, time.UTC)
		modelstest.Must(t, s.DB.Create(&models.AnnualReport{DepartmentID: b.own.ID, Year: 2024, Submitted: &submitted}).Error)
		office.post("/scores/compute", url.Values{"_csrf": {office.token("/scores")}, "year": {"2024"}, "as_of": {"2025-02-01"}})
		var runs int64
		modelstest.Must(t, s.DB.Model(&scoreruns.ScoreRun{}).Where("year = ?", 2024).Count(&runs).Error)
		if runs != 2 {
			t.Fatalf("%d runs of 2024, want the plan's and the recomputation", runs)
		}
		if after := total(office); after != before {
			t.Errorf("the office's ranking moved from %s to %s with a recomputation, beside the assessment's", before, after)
		}
		if after := total(head); after != before {
			t.Errorf("the head's ranking moved from %s to %s with the office's recomputation", before, after)
		}
		_, body := head.get("/export/scores.xlsx?year=2024")
		rows, _ := openXLSX(t, body).GetRows("考核得分")
		want, _ := strconv.ParseFloat(before, 64)
		if len(rows) != 2 {
			t.Fatalf("the head's export = %v, want their own line", rows)
		}
		if got, _ := strconv.ParseFloat(rows[1][len(rows[1])-4], 64); got != want {
			t.Errorf("the head's export says %v, want the assessed total %s", got, before)
		}
	})
}

var yearField = regexp.MustCompile(`name="year" type="text" value="(\d+)"`)

// The new-plan form offers the latest year over that has no plan yet, never
// one that already has its assessment (issue 29).
func TestNewPlanFormOffersAYearWithoutAPlan(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		withYear(t, b)
		office := b.client(t)
		office.signIn("office", testPassword)
		offered := func() string {
			_, body := office.get("/assessment/new")
			m := yearField.FindStringSubmatch(body)
			if m == nil {
				t.Fatal("no year field on the new-plan form")
			}
			return m[1]
		}
		for _, tc := range []struct{ plan, asOf, next string }{
			{"2025", "2026-02-01", "2024"},
			{"2024", "2025-02-01", "2023"},
		} {
			form := planForm(office.token("/assessment/new"))
			form.Set("year", tc.plan)
			form.Set("as_of", tc.asOf)
			if resp, _ := office.post("/assessment", form); resp.StatusCode != fiber.StatusSeeOther {
				t.Fatalf("create the plan of %s: %d", tc.plan, resp.StatusCode)
			}
			if got := offered(); got != tc.next {
				t.Errorf("with a plan of %s the form offers %s, want %s", tc.plan, got, tc.next)
			}
		}
	})
}

// A plan's page and the audit log of the plan name its score run by year
// and day of computation, in either language, never by the run's id
// (issue 29).
func TestPlanPageNamesItsScoreRun(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		withYear(t, b)
		plan, office, _ := approvedPlan(t, b)
		auditor := b.client(t)
		auditor.signIn("auditor", testPassword)
		for _, tc := range []struct{ lang, want, never string }{
			{"zh", "2024年度得分（2026年3月2日计算）", "得分计算编号"},
			{"en", "2024 scores (computed 2026-03-02)", "score run"},
		} {
			office.get("/lang?to=" + tc.lang + "&back=/")
			_, body := office.get(plan)
			if !strings.Contains(body, tc.want) || strings.Contains(body, tc.never) {
				t.Errorf("%s plan page does not name its run %q", tc.lang, tc.want)
			}
			auditor.get("/lang?to=" + tc.lang + "&back=/")
			if _, body := auditor.get("/audit?entity=assessment_plan"); !strings.Contains(body, tc.want) {
				t.Errorf("%s audit log does not name the plan's run %q", tc.lang, tc.want)
			}
		}
	})
}
