package handlers_test

import (
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/seed"
)

// The pages issue 29 asked for, as a person sees them: the office's
// assessment section, the auditor's day, the leader's approval of a
// focused plan listing its units, the proposals grouped on /cases, the
// objection form's deductions grouped by indicator, and a self-inspection
// that keeps its valid attachment when a fake one is refused.
func TestBrowserIssue29Pages(t *testing.T) {
	exec := chromiumPath(t)
	// A bureau whose assessment is under way: no unit has signed or filed.
	fx := newBureau(t, modelstest.Open(t, "sqlite"))
	withYear(t, fx)
	plan, _, _ := approvedPlan(t, fx)
	fxBase := serve(t, fx.app)
	deptPage := plan + "/departments/" + itoa(fx.own.ID)
	// A bureau whose focused plan waits for the leading group.
	fc := newBureau(t, modelstest.Open(t, "sqlite"))
	withYear(t, fc)
	office := fc.client(t)
	office.signIn("office", testPassword)
	form := planForm(office.token("/assessment/new"))
	form.Set("scope", "focus")
	form.Set("departments", itoa(fc.own.ID))
	resp, _ := office.post("/assessment", form)
	focused := resp.Header.Get("Location")
	if resp, _ := office.post(focused+"/step", url.Values{"_csrf": {office.token(focused)}, "action": {"submit"}}); resp.StatusCode != fiber.StatusSeeOther {
		t.Fatalf("submit the focused plan: %d", resp.StatusCode)
	}
	fcBase := serve(t, fc.app)
	demo := demoServer(t)

	b := newBrowser(t, exec) // one browser: starting chromium is the slow part
	as := func(t *testing.T, base, user, password string) {
		t.Helper()
		if err := chromedp.Run(b.ctx, network.ClearBrowserCookies()); err != nil {
			t.Fatal(err)
		}
		b.signInWith(t, base, user, password)
	}

	t.Run("office's assessment section", func(t *testing.T) {
		as(t, fxBase, "office", testPassword)
		var text string
		var links []string
		err := chromedp.Run(b.ctx, chromedp.Navigate(fxBase+"/"), chromedp.WaitVisible(`#office-assessment`),
			chromedp.Text(`#office-assessment`, &text),
			chromedp.Evaluate(`[...document.querySelectorAll('#office-assessment ul.not-signed a')].map(a => a.getAttribute('href'))`, &links))
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"2024年度考核进度", "未签收考核通知的部门（2个）", "未报送自查报告的部门（2个，2026-03-10截止）", "未报告整改情况的问题（0个）", fx.own.Name, fx.other.Name} {
			if !strings.Contains(text, want) {
				t.Errorf("the office's assessment section lacks %q: %.400s", want, text)
			}
		}
		b.screenshot(t, "home_office_assessment.png")
		if len(links) != 2 || !strings.Contains(strings.Join(links, " "), deptPage) {
			t.Fatalf("the units not signed are not linked to their pages: %v", links)
		}
		var self string
		if err := chromedp.Run(b.ctx, chromedp.Navigate(fxBase+deptPage), chromedp.WaitVisible(`#self`), chromedp.Text(`#self h2`, &self)); err != nil || self == "" {
			t.Errorf("the link does not open the unit's assessment page: %v", err)
		}
		// The demo's office sees its current assessment too.
		as(t, demo, "office", seed.DemoPassword)
		if err := chromedp.Run(b.ctx, chromedp.WaitVisible(`#office-assessment`), chromedp.Text(`#office-assessment h2`, &text)); err != nil || !regexp.MustCompile(`\d{4}年度考核进度`).MatchString(text) {
			t.Errorf("the demo office's home has no assessment section: %v %q", err, text)
		}
	})

	t.Run("self-inspection keeps its valid file", func(t *testing.T) {
		as(t, fxBase, "head", testPassword)
		dir := t.TempDir()
		pdf, png := filepath.Join(dir, "自查报告.pdf"), filepath.Join(dir, "截图.png")
		modelstest.Must(t, os.WriteFile(pdf, []byte("这不是PDF"), 0o600))
		modelstest.Must(t, os.WriteFile(png, []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"), 0o600))
		var kept, banner string
		var ticked bool
		err := chromedp.Run(b.ctx, chromedp.Navigate(fxBase+deptPage), chromedp.WaitVisible(`form.self-form`),
			chromedp.SendKeys(`form.self-form textarea[name=text]`, "本部门自查情况良好"),
			chromedp.SetUploadFiles(`form.self-form input[name=files]`, []string{pdf, png}),
			chromedp.Submit(`form.self-form textarea[name=text]`),
			chromedp.WaitVisible(`#kept-files`),
			chromedp.Text(`#kept-files`, &kept),
			chromedp.Text(`form.self-form p.error`, &banner),
			chromedp.Evaluate(`document.querySelector('#kept-files input[name=kept]').checked`, &ticked))
		if err != nil {
			t.Fatalf("submit a fake PDF and a valid PNG: %v", err)
		}
		if !strings.Contains(kept, "截图.png") || strings.Contains(kept, "自查报告.pdf") || !ticked {
			t.Errorf("the refused form keeps %q (ticked %v), want the PNG alone", kept, ticked)
		}
		if !strings.Contains(banner, "通过检查的文件已保留") {
			t.Errorf("the refused form says %q", banner)
		}
		b.screenshot(t, "self_inspection_kept.png")
		b.mu.Lock() // the refusal's 422 is the answer expected
		b.failed = slices.DeleteFunc(b.failed, func(u string) bool { return strings.HasSuffix(u, deptPage+"/self") })
		b.mu.Unlock()
		var self string
		err = chromedp.Run(b.ctx, chromedp.Submit(`form.self-form textarea[name=text]`), chromedp.WaitVisible(`p.flash`),
			chromedp.Text(`#self`, &self))
		if err != nil || !strings.Contains(self, "截图.png") || !strings.Contains(self, "本部门自查情况良好") {
			t.Errorf("the next submission does not file the kept PNG: %v %.300s", err, self)
		}
	})

	t.Run("objections grouped by indicator", func(t *testing.T) {
		var labels []string
		var loose int
		err := chromedp.Run(b.ctx, chromedp.Navigate(fxBase+deptPage), chromedp.WaitVisible(`select[name=deduction]`),
			chromedp.Evaluate(`[...document.querySelectorAll('select[name=deduction] optgroup')].map(g => g.label + '|' + g.querySelectorAll('option').length)`, &labels),
			chromedp.Evaluate(`document.querySelectorAll('select[name=deduction] > option').length`, &loose))
		if err != nil {
			t.Fatal(err)
		}
		label := regexp.MustCompile(`^[A-Z]\d+ .+（(\d+)条）\|(\d+)$`)
		for _, l := range labels {
			if m := label.FindStringSubmatch(l); m == nil || m[1] != m[2] {
				t.Errorf("indicator group %q: not named with its count of deductions", l)
			}
		}
		if len(labels) == 0 || loose != 0 {
			t.Errorf("%d indicator groups, %d deductions outside one", len(labels), loose)
		}
	})

	t.Run("leader's approval lists the units", func(t *testing.T) {
		as(t, fcBase, "leader", testPassword)
		var units string
		var approve bool
		err := chromedp.Run(b.ctx, chromedp.Navigate(fcBase+focused), chromedp.WaitVisible(`#units`), chromedp.Text(`#units`, &units),
			chromedp.Evaluate(`!!document.querySelector('[data-action=approve]')`, &approve))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(units, fc.own.Name) || strings.Contains(units, fc.other.Name) || !approve {
			t.Errorf("the leader approving the focused plan reads units %q (asked to approve: %v)", units, approve)
		}
		b.screenshot(t, "plan_focused_leader.png")
	})

	t.Run("grouped proposals", func(t *testing.T) {
		as(t, demo, "discipline", seed.DemoPassword)
		var groups []string
		var years []string
		err := chromedp.Run(b.ctx, chromedp.Navigate(demo+"/cases"), chromedp.WaitVisible(`section.proposal-year`),
			chromedp.Evaluate(`[...document.querySelectorAll('section.proposal-year > h3')].map(h => h.textContent)`, &years),
			chromedp.Evaluate(`[...document.querySelectorAll('details.proposal-group')].map(d => d.querySelector('summary').textContent + '|' + d.querySelectorAll('.proposal.card').length)`, &groups))
		if err != nil {
			t.Fatal(err)
		}
		count := regexp.MustCompile(`（(\d+)条）\|(\d+)$`)
		for _, g := range groups {
			if m := count.FindStringSubmatch(g); m == nil || m[1] != m[2] {
				t.Errorf("proposal group %q does not count what it lists", g)
			}
		}
		for i := 1; i < len(years); i++ {
			if years[i] >= years[i-1] {
				t.Errorf("years out of order (newest first): %v", years)
			}
		}
		if len(groups) < 2 || len(years) < 1 {
			t.Errorf("proposals not grouped: %d years, %d groups", len(years), len(groups))
		}
		b.screenshot(t, "cases_grouped.png")
	})

	t.Run("auditor's day", func(t *testing.T) {
		as(t, demo, "auditor", seed.DemoPassword)
		var fetched int
		err := chromedp.Run(b.ctx, chromedp.Evaluate(`fetch('/export/audit.xlsx').then(r => r.status)`, &fetched,
			func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }))
		if err != nil || fetched != 200 {
			t.Fatalf("export the audit log: %v %d", err, fetched)
		}
		var chain, anchor, exports string
		var grades []string
		err = chromedp.Run(b.ctx, chromedp.Navigate(demo+"/"), chromedp.WaitVisible(`#auditor-day`),
			chromedp.Text(`#auditor-day p.chain`, &chain),
			chromedp.Text(`#auditor-day p.anchor code`, &anchor),
			chromedp.Text(`#auditor-day ul[data-entity=download]`, &exports),
			chromedp.Evaluate(`[...document.querySelectorAll('#auditor-day ul[data-entity=assessment_plan] a')].map(a => a.getAttribute('href'))`, &grades))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(chain, "日志链完整") {
			t.Errorf("the chain's state reads %q", chain)
		}
		if !regexp.MustCompile(`^\d+:[0-9a-f]{64}$`).MatchString(strings.TrimSpace(anchor)) {
			t.Errorf("the anchor reads %q", anchor)
		}
		if !strings.Contains(exports, "/export/audit.xlsx") || !strings.Contains(exports, "审计") {
			t.Errorf("the export is not among the latest: %q", exports)
		}
		if len(grades) == 0 {
			t.Fatal("no change of grades listed")
		}
		var title string
		if err := chromedp.Run(b.ctx, chromedp.Navigate(demo+grades[0]), chromedp.WaitVisible(`main h1`), chromedp.Text(`main h1`, &title)); err != nil || title == "" {
			t.Errorf("the grade change's link does not open its assessment: %v", err)
		}
		for _, topic := range []string{"scores", "accountability_case", "user"} {
			var n int
			if err := chromedp.Run(b.ctx, chromedp.Navigate(demo+"/"), chromedp.WaitVisible(`#auditor-day`),
				chromedp.Evaluate(`document.querySelectorAll('#auditor-day ul[data-entity=`+topic+`] li a').length`, &n)); err != nil || n == 0 {
				t.Errorf("no linked change of %s on the auditor's day: %v", topic, err)
			}
		}
		b.screenshot(t, "home_auditor.png")
	})
	b.check(t)
}
