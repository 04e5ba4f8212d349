package handlers_test

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accounts"
	"github.com/gongkai/gongkai/models/campaigns"
	"github.com/gongkai/gongkai/models/modelstest"
)

// campaignLines are part of seed 002's plan dated around the bureau's
// today (2 March 2026): 集中填报 to 5 March, 检查督促 to 9 March.
const (
	campaignPhases = "集中填报阶段｜2026-03-03｜2026-03-05｜集中填报、公开和更新一批政务公开信息\n检查督促阶段｜2026-03-05｜2026-03-09｜检查并通报有关情况"
	campaignTasks  = "1｜法规文件｜全面梳理和完善应予公开的法律、法规、规范性文件和执法依据｜-｜治安支队、刑警支队｜2026-03-05\n" +
		"2｜公共服务｜公开各项便民利民措施和办事指南｜-｜治安支队｜2026-03-09"
)

// The office drafts seed 002's plan over HTTP (a form out of order is
// refused naming the phase; no CSRF token, no draft), the leading group
// approves it once; a head reports its own unit's task with a file, not
// another unit's, and another unit's head sees neither the report nor the
// file; the office checks at the phase's end only, then issues and posts
// the 通报, which anyone reads at /public/documents/:id, cacheable and
// without a cookie; the board puts the unit behind first.
func TestCampaignOverHTTP(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		_, err := accounts.New(s).CreateUser(t.Context(), models.System, accounts.NewUser{Username: "head2", Name: "彭军", Role: models.RoleHead, DepartmentID: b.other.ID, Password: testPassword})
		modelstest.Must(t, err)
		office, leader, head, head2, anon := b.client(t), b.client(t), b.client(t), b.client(t), b.client(t)
		office.signIn("office", testPassword)
		leader.signIn("leader", testPassword)
		head.signIn("head", testPassword)
		head2.signIn("head2", testPassword)

		form := func(phases string) url.Values {
			return url.Values{"_csrf": {office.token("/campaigns")}, "title": {"关于进一步推进全市公安机关政务公开工作实施方案"}, "scope": {"市局各部门"},
				"phases": {phases}, "tasks": {campaignTasks}}
		}
		if resp, _ := office.post("/campaigns", url.Values{"title": {"无令牌"}, "phases": {campaignPhases}, "tasks": {campaignTasks}}); resp.StatusCode != fiber.StatusForbidden {
			t.Errorf("a draft without a CSRF token: %d", resp.StatusCode)
		}
		bad := strings.Replace(campaignPhases, "检查督促阶段｜2026-03-05", "检查督促阶段｜2026-03-04", 1)
		if resp, body := office.post("/campaigns", form(bad)); resp.StatusCode != fiber.StatusUnprocessableEntity ||
			!strings.Contains(body, "第2个阶段「检查督促阶段」开始于上一阶段「集中填报阶段」结束之前") {
			t.Errorf("phases out of order: %d", resp.StatusCode)
		}
		if resp, _ := head.post("/campaigns", url.Values{"_csrf": {head.token("/campaigns")}, "title": {"x"}}); resp.StatusCode != fiber.StatusForbidden {
			t.Errorf("a head drafts: %d", resp.StatusCode)
		}
		resp, _ := office.post("/campaigns", form(campaignPhases))
		if resp.StatusCode != fiber.StatusSeeOther {
			t.Fatalf("the office drafts: %d", resp.StatusCode)
		}
		page := resp.Header.Get("Location")
		_, draft := office.get(page)
		if !strings.Contains(draft, "集中填报阶段｜2026-03-03｜2026-03-05｜") || !strings.Contains(draft, "治安支队、刑警支队｜2026-03-05") {
			t.Error("the draft's page does not offer its phases and tasks to change")
		}
		edit := form(campaignPhases)
		edit.Set("scope", "市局各部门、各分县局")
		edit.Set("_csrf", office.token(page))
		if resp, _ := office.post(page, edit); resp.StatusCode != fiber.StatusSeeOther {
			t.Errorf("changing the draft: %d", resp.StatusCode)
		}
		if resp, _ := office.post(page+"/submit", url.Values{"_csrf": {office.token(page)}}); resp.StatusCode != fiber.StatusSeeOther {
			t.Fatalf("submit: %d", resp.StatusCode)
		}
		if _, home := leader.get("/"); !strings.Contains(home, `id="campaigns-to-approve"`) {
			t.Error("the leading group's home does not list the plan to approve")
		}
		if resp, _ := leader.post(page+"/approve", url.Values{"_csrf": {leader.token(page)}}); resp.StatusCode != fiber.StatusSeeOther {
			t.Fatalf("approve: %d", resp.StatusCode)
		}
		if resp, body := leader.post(page+"/approve", url.Values{"_csrf": {leader.token(page)}}); resp.StatusCode != fiber.StatusUnprocessableEntity || !strings.Contains(body, "已经批准，不能重复审批") {
			t.Errorf("approving twice: %d", resp.StatusCode)
		}

		if _, inbox := leader.get("/inbox"); !strings.Contains(inbox, "办公室提交了专项行动方案《关于进一步推进全市公安机关政务公开工作实施方案》，请审批") {
			t.Error("the leading group's inbox does not tell of the plan submitted")
		}
		if _, inbox := head.get("/inbox"); !strings.Contains(inbox, "已批准实施，请按期完成本单位任务并报送进展") {
			t.Error("the head's inbox does not tell of the plan approved")
		}
		st := campaigns.New(s)
		list, _ := st.List(t.Context(), models.System)
		c := list[0].ID
		parts, _ := st.Parts(t.Context(), models.System, c, 0)
		var own, other uint
		for _, p := range parts {
			if p.TaskSeq == 1 && p.DepartmentID == b.own.ID {
				own = p.ID
			}
			if p.TaskSeq == 1 && p.DepartmentID == b.other.ID {
				other = p.ID
			}
		}
		if _, home := head.get("/"); !strings.Contains(home, `id="campaign-tasks"`) || !strings.Contains(home, "法规文件") {
			t.Error("the head's home does not list the unit's campaign tasks")
		}
		report := func(c *client, part uint) (*url.Values, int, string) {
			f := url.Values{"_csrf": {c.token(page)}, "note": {"已梳理规范性文件12件并在网站公开"}}
			resp, body := c.postFiles(page+"/parts/"+itoa(part)+"/report", f, map[string][]byte{"目录.pdf": []byte("%PDF-1.4\n%%EOF\n")})
			return &f, resp.StatusCode, body
		}
		if _, code, _ := report(head, own); code != fiber.StatusSeeOther {
			t.Fatalf("the head reports its unit's task: %d", code)
		}
		if _, code, _ := report(head, other); code != fiber.StatusNotFound {
			t.Errorf("the head reports another unit's task: %d, want 404", code)
		}
		reps, _ := st.Reports(t.Context(), models.System, c)
		file := page + "/reports/" + itoa(reps[0].ID) + "/file"
		if resp, _ := head2.get(file); resp.StatusCode != fiber.StatusNotFound {
			t.Errorf("another unit's head downloads the evidence: %d", resp.StatusCode)
		}
		if _, body := head2.get(page); strings.Contains(body, "已梳理规范性文件12件") {
			t.Error("another unit's head reads the report")
		}
		if resp, _ := head.get(file); resp.StatusCode != fiber.StatusOK {
			t.Errorf("the head downloads its evidence: %d", resp.StatusCode)
		}

		phases, _ := st.Phases(t.Context(), c)
		check := func() (int, string) {
			f := url.Values{"_csrf": {office.token(page)}, "outcome_" + itoa(own): {"done"}, "outcome_" + itoa(other): {"undone"},
				"finding_" + itoa(other): {"未报送法规文件目录"}}
			resp, body := office.post(page+"/phases/"+itoa(phases[0].ID)+"/check", f)
			return resp.StatusCode, body
		}
		if code, body := check(); code != fiber.StatusUnprocessableEntity || !strings.Contains(body, "「集中填报阶段」到2026-03-05才结束，结束前不能检查") {
			t.Errorf("a check before the phase's end: %d", code)
		}
		b.clock.Advance(3 * 24 * time.Hour) // 5 March
		if code, _ := check(); code != fiber.StatusSeeOther {
			t.Fatalf("the check: %d", code)
		}
		if _, code, body := report(head, own); code != fiber.StatusUnprocessableEntity || !strings.Contains(body, "「集中填报阶段」已经检查，不能再报送进展") {
			t.Errorf("a report after the check: %d", code)
		}
		resp, _ = office.post(page+"/phases/"+itoa(phases[0].ID)+"/bulletin", url.Values{"_csrf": {office.token(page)}})
		doc := resp.Header.Get("Location")
		if resp.StatusCode != fiber.StatusSeeOther || !strings.Contains(doc, "/documents/") {
			t.Fatalf("the bulletin: %d %s", resp.StatusCode, doc)
		}
		public := "/public/documents/" + doc[strings.LastIndex(doc, "/")+1:]
		if resp, _ := anon.get(public); resp.StatusCode != fiber.StatusNotFound {
			t.Errorf("an unposted bulletin on /public: %d", resp.StatusCode)
		}
		if resp, _ := office.post(doc+"/post", url.Values{"_csrf": {office.token(doc)}}); resp.StatusCode != fiber.StatusSeeOther {
			t.Fatalf("posting: %d", resp.StatusCode)
		}
		resp, body := anon.get(public)
		if resp.StatusCode != fiber.StatusOK || !strings.Contains(body, "公开通报〔2026〕1号") || !strings.Contains(body, "刑警支队") || !strings.Contains(body, "予以通报批评") {
			t.Errorf("the posted bulletin on /public: %d", resp.StatusCode)
		}
		if cc := resp.Header.Get("Cache-Control"); !strings.HasPrefix(cc, "public") || resp.Header.Get("Set-Cookie") != "" {
			t.Errorf("/public/documents: Cache-Control %q, Set-Cookie %q", cc, resp.Header.Get("Set-Cookie"))
		}
		if resp, _ := head.get(doc + "/docx"); resp.StatusCode != fiber.StatusOK {
			t.Errorf("the bulletin's DOCX: %d", resp.StatusCode)
		}
		_, board := office.get(page + "/board")
		if i, j := strings.Index(board, ">刑警支队<"), strings.Index(board, ">治安支队<"); i < 0 || j < 0 || i > j {
			t.Errorf("the board does not put 刑警支队 first (%d, %d)", i, j)
		}
	})
}
