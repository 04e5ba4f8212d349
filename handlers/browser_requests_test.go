package handlers_test

import (
	"bytes"
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accountability"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/reports"
	"github.com/gongkai/gongkai/models/scoreruns"
	"github.com/gongkai/gongkai/scoring"
)

// A clerk of 治安支队 registers a request on 2 November 2026, issues a
// 补正告知书, records the correction, consults a third party, asks for an
// extension that the office approves, and refuses it as a state secret
// with a 答复书 on 4 December: after the plain 15 working days and after
// the pauses alone (3 December), inside the extended deadline (24
// December). The request then counts in B1 on time, in Annex 2 under
// 不同意公开（涉及国家秘密）, and in the national report under 不予公开：属于
// 国家秘密 × 自然人; its four letters are numbered and print.
func TestBrowserRequestWorked(t *testing.T) {
	exec := chromiumPath(t)
	ctx := context.Background()
	store, base := demoStoreServer(t)
	var sj09 models.Department
	modelstest.Must(t, store.DB.Where("code = ?", "SJ09").First(&sj09).Error)
	q4 := func() int {
		r, err := reports.Quarterly(ctx, store, models.System, reports.QuarterlyQuery{Year: 2026, Quarter: 4, DepartmentID: sj09.ID})
		modelstest.Must(t, err)
		return r.Activity.Requests.Answers.Refusals.StateSecret
	}
	row := 2 + slices.Index(reports.ResultCategories(), "不予公开：属于国家秘密")
	col := slices.Index(reports.ApplicantTypes, reports.ApplicantNatural)
	national := func() int {
		r, err := reports.Annual(ctx, store, models.System, reports.AnnualQuery{Year: 2026, DepartmentID: sj09.ID})
		modelstest.Must(t, err)
		return r.National.Requests.Cell(row, col)
	}
	secretsBefore, cellBefore := q4(), national()

	clerk := newBrowser(t, exec)
	clerk.signIn(t, base, "clerk")
	var page, state string
	step := func(b *browser, form string, fill ...chromedp.Action) {
		t.Helper()
		actions := append([]chromedp.Action{chromedp.Navigate(base + page), chromedp.WaitReady(form)}, fill...)
		actions = append(actions, chromedp.Submit(form+" button"), chromedp.WaitReady(`#request-state`), chromedp.Text(`#request-state`, &state))
		if err := chromedp.Run(b.ctx, actions...); err != nil {
			t.Fatalf("%s: %v", form, err)
		}
	}
	err := chromedp.Run(clerk.ctx,
		chromedp.Navigate(base+"/requests/new"),
		chromedp.WaitReady(`#register-request`),
		chromedp.SetValue(`#register-request input[name=received]`, "2026-11-02"),
		chromedp.SetValue(`#register-request select[name=channel]`, "当面"),
		chromedp.SetValue(`#register-request select[name=applicant]`, "自然人"),
		chromedp.SendKeys(`#register-request input[name=name]`, "刘明"),
		chromedp.SendKeys(`#register-request input[name=id_no]`, "320102198801019876"),
		chromedp.SendKeys(`#register-request input[name=contact]`, "13805270000"),
		chromedp.SetValue(`#register-request textarea[name=content]`, "某专项行动的部署方案"),
		chromedp.Submit(`#register-request button`),
		chromedp.WaitReady(`#request-state`),
		chromedp.Location(&page),
	)
	if err != nil {
		t.Fatalf("register: %v", err)
	}
	page = strings.TrimPrefix(page, base)
	step(clerk, `#form-correction`, chromedp.SetValue(`#form-correction input[name=date]`, "2026-11-03"),
		chromedp.SetValue(`#form-correction textarea[name=note]`, "请写明所需方案的名称或者文号"))
	if state != "等待补正" {
		t.Errorf("after the correction notice: %q", state)
	}
	step(clerk, `#form-corrected`, chromedp.SetValue(`#form-corrected input[name=date]`, "2026-11-05"))
	step(clerk, `#form-consult`, chromedp.SetValue(`#form-consult input[name=date]`, "2026-11-06"),
		chromedp.SetValue(`#form-consult input[name=party]`, "宿迁某安防有限公司"), chromedp.SetValue(`#form-consult textarea[name=note]`, "方案涉及该公司承建项目"))
	if state != "征求第三方意见中" {
		t.Errorf("after the consultation: %q", state)
	}
	step(clerk, `#form-reply`, chromedp.SetValue(`#form-reply input[name=date]`, "2026-11-12"))
	step(clerk, `#form-extension`, chromedp.SetValue(`#form-extension input[name=date]`, "2026-11-13"),
		chromedp.SetValue(`#form-extension textarea[name=note]`, "需报请上级确定密级"))
	if state != "延期待批" {
		t.Errorf("after asking the extension: %q", state)
	}

	office := newBrowser(t, exec)
	office.signIn(t, base, "office")
	var waiting string
	if err := chromedp.Run(office.ctx, chromedp.Navigate(base+"/"), chromedp.Text(`#extensions-waiting`, &waiting)); err != nil {
		t.Fatalf("office's home: %v", err)
	}
	step(office, `#decide-extension`, chromedp.SetValue(`#decide-extension input[name=date]`, "2026-11-16"))
	var due string
	step(clerk, `#form-answer`, chromedp.SetValue(`#form-answer input[name=date]`, "2026-12-04"),
		chromedp.SetValue(`#form-answer select[name=answer]`, "不同意公开"),
		chromedp.SetValue(`#form-answer select[name=result]`, "不予公开：属于国家秘密"),
		chromedp.SetValue(`#form-answer select[name=exemption]`, "国家秘密"),
		chromedp.SetValue(`#form-answer input[name=delivered]`, "2026-12-04"),
		chromedp.SetValue(`#form-answer select[name=method]`, "邮寄"))
	var letters []string
	err = chromedp.Run(clerk.ctx,
		chromedp.Text(`#request-due`, &due),
		chromedp.Evaluate(`[...document.querySelectorAll('#request-letters li')].map(li => li.textContent)`, &letters),
	)
	if err != nil {
		t.Fatal(err)
	}
	if state != "已答复" || strings.TrimSpace(due) != "2026-12-24" {
		t.Errorf("answered: state %q, due %q, want 已答复 by 2026-12-24", state, due)
	}
	number := regexp.MustCompile(`治安支队依申〔2026〕\d+号`)
	var titles []string
	for _, l := range letters {
		if !number.MatchString(l) {
			t.Errorf("letter %q is not numbered", l)
		}
		for _, title := range []string{"补正告知书", "征求第三方意见书", "延长政府信息公开答复期限告知书", "政府信息公开申请答复书"} {
			if strings.Contains(l, title) {
				titles = append(titles, title)
			}
		}
	}
	if len(titles) != 4 {
		t.Errorf("letters %v, want the four", letters)
	}
	if !strings.Contains(waiting, "YS2026-") {
		t.Errorf("the office's home did not list the extension: %q", waiting)
	}

	// The answer letter, as the applicant receives it, prints on A4 without the app.
	var letter string
	err = chromedp.Run(clerk.ctx,
		chromedp.Click(`#request-letters li:last-child a`),
		chromedp.WaitReady(`article.gw`),
		chromedp.Text(`article.gw`, &letter),
	)
	if err != nil {
		t.Fatalf("answer letter: %v", err)
	}
	for _, want := range []string{"政府信息公开申请答复书", "刘明", "国家秘密", "第十四条", "2026年12月4日"} {
		if !strings.Contains(letter, want) {
			t.Errorf("answer letter lacks %q", want)
		}
	}
	shown, _, pdf := clerk.printed(t, `header.top, nav, .noprint, .flash`)
	if shown != 0 || !bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Errorf("printed letter: %d pieces of the app shown, PDF %d bytes", shown, len(pdf))
	}
	clerk.check(t)
	office.check(t)

	// B1 on time: the office's score run of 2026 deducts nothing for it.
	var q models.Request
	modelstest.Must(t, store.DB.Where("department_id = ? AND applicant_name = ?", sj09.ID, "刘明").First(&q).Error)
	run, _, err := scoreruns.New(store).Deciding(accountability.Decisions(store)).ComputeScores(ctx, models.System,
		scoreruns.ScoreRequest{Year: 2026, AsOf: scoring.DateOf(demoDay)}, demoDay)
	modelstest.Must(t, err)
	stored, err := scoreruns.New(store).RunResults(ctx, models.System, run.ID) // the deductions are stored with the run
	modelstest.Must(t, err)
	counted := false
	for _, row := range stored {
		d, err := row.Result()
		modelstest.Must(t, err)
		for _, ind := range d.Indicators {
			for _, x := range ind.Deductions {
				if x.Record.Kind == scoring.RecordRequest && x.Record.ID == q.ID {
					t.Errorf("%s deducts for the request: %+v", ind.Code, x)
				}
			}
			if d.Dept == sj09.ID && ind.Code == "B1" {
				counted = true
			}
		}
	}
	if !counted {
		t.Errorf("治安支队 has no B1 in the 2026 run")
	}
	if got := q4(); got != secretsBefore+1 {
		t.Errorf("Annex 2 refusals for a state secret in 2026 Q4: %d, want %d", got, secretsBefore+1)
	}
	if got := national(); got != cellBefore+1 {
		t.Errorf("national report 不予公开：属于国家秘密 × 自然人: %d, want %d", got, cellBefore+1)
	}
}
