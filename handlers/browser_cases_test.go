package handlers_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// openDetails opens every collapsed section of the page, as a person would
// by clicking its summary.
const openDetails = `document.querySelectorAll('details').forEach(d => d.open = true)`

// The discipline office accepts 宿城分局's proposed case, hears the person
// concerned, decides and issues the notice; 宿城分局's head sees the case
// and appeals; the discipline office records the outcome.
func TestBrowserAccountabilityCase(t *testing.T) {
	exec := chromiumPath(t)
	base := demoServer(t)

	d := newBrowser(t, exec)
	d.signIn(t, base, "discipline")
	var casePath string
	err := chromedp.Run(d.ctx,
		chromedp.Navigate(base+"/cases"),
		chromedp.Click(`div.proposal[data-key="unpublished:2025:20"] form[action="/cases/proposals/accept"] button`),
		chromedp.WaitReady(`#persons`),
		chromedp.Location(&casePath),
		chromedp.Evaluate(openDetails, nil),
		chromedp.SendKeys(`#add-person input[name=name]`, "石磊"),
		chromedp.SendKeys(`#add-person input[name=police_no]`, "321199"),
		chromedp.Submit(`#add-person input[name=police_no]`),
		chromedp.WaitReady(`form.statement`),
		chromedp.SetValue(`form.statement textarea[name=text]`, "承认第二季度两项目录事项未按时公开。"),
		chromedp.Submit(`form.statement textarea[name=text]`),
		chromedp.WaitReady(`span.heard`),
		chromedp.Click(`#hear`),
		chromedp.WaitReady(`#decide`),
		chromedp.Click(`#decide input[value="0:通报批评"]`),
		chromedp.Click(`#decide input[value$=":书面检查"]`),
		chromedp.SetValue(`#decide textarea[name=reasons]`, "应公开未公开，影响正常工作。"),
		chromedp.Click(`#decide-button`),
		chromedp.WaitReady(`#notify`),
		chromedp.Click(`#notify`),
		chromedp.WaitReady(`#decision .deadline`),
	)
	if err != nil {
		t.Fatalf("discipline office's procedure: %v", err)
	}
	var status string
	if err := chromedp.Run(d.ctx, chromedp.Text(`h1 .status`, &status)); err != nil || status != "已下达书面通知" {
		t.Fatalf("status after the notice: %q %v", status, err)
	}
	d.screenshot(t, "case.png")
	var notice string
	if err := chromedp.Run(d.ctx, chromedp.Navigate(casePath+"/notice"), chromedp.Text(`article.gw`, &notice)); err != nil || !strings.Contains(notice, "石磊") || !strings.Contains(notice, "30日内") {
		t.Errorf("notice: %v %.300s", err, notice)
	}
	d.check(t)

	h := newBrowser(t, exec)
	h.signIn(t, base, "head2")
	var list string
	err = chromedp.Run(h.ctx,
		chromedp.Navigate(base+"/cases"),
		chromedp.Text(`table.cases`, &list),
		chromedp.Navigate(casePath),
		chromedp.WaitReady(`#appeal-form`),
		chromedp.SetValue(`#appeal-form textarea[name=grounds]`, "两项事项已于第三季度补充公开，请求复核。"),
		chromedp.Click(`#appeal`),
		chromedp.WaitReady(`.appeal`),
	)
	if err != nil {
		t.Fatalf("head's appeal: %v", err)
	}
	if !strings.Contains(list, "宿城分局") || strings.Contains(list, "网安支队") {
		t.Errorf("head's list of cases: %.300s", list)
	}
	var page string
	if err := chromedp.Run(h.ctx, chromedp.Text(`main`, &page)); err != nil || strings.Contains(page, "调查记录") {
		t.Errorf("head's case page shows investigation notes or failed: %v", err)
	}
	h.check(t)

	// The appeal is decided 变更: the form opens with the sanctions decided,
	// 通报批评 becomes 批评教育.
	var ticked bool
	err = chromedp.Run(d.ctx,
		chromedp.Navigate(casePath),
		chromedp.WaitReady(`#outcome-form`),
		chromedp.SetValue(`#outcome-form select[name=outcome]`, "变更"),
		chromedp.Evaluate(openDetails, nil),
		chromedp.Evaluate(`document.querySelector('#outcome-form input[value="0:通报批评"]').checked && document.querySelector('#outcome-form input[value$=":书面检查"]').checked`, &ticked),
		chromedp.Click(`#outcome-form input[value="0:通报批评"]`),
		chromedp.Click(`#outcome-form input[value="0:批评教育"]`),
		chromedp.SetValue(`#outcome-form textarea[name=reasons]`, "两项事项已补充公开，情节较轻，改为批评教育。"),
		chromedp.Click(`#outcome`),
		chromedp.WaitReady(`.outcome`),
		chromedp.Text(`h1 .status`, &status),
	)
	if err != nil || status != "复核申诉已办结" {
		var page string
		_ = chromedp.Run(d.ctx, chromedp.Text(`main`, &page))
		t.Fatalf("outcome: %q %v %.600s", status, err, page)
	}
	if !ticked {
		t.Error("the 变更 form did not open with the sanctions decided")
	}
	d.check(t)

	// The notice stays as issued and points to the 复核决定书, which names it.
	var banner, review string
	err = chromedp.Run(d.ctx,
		chromedp.Navigate(casePath+"/notice"),
		chromedp.Text(`article.gw`, &notice),
		chromedp.Text(`.gw-status`, &banner),
	)
	if err != nil || !strings.Contains(notice, "通报批评") || strings.Contains(notice, "批评教育") || !strings.Contains(notice, "30日内") || !strings.Contains(banner, "纪公开复〔") {
		t.Errorf("notice after 变更: %v %q %.400s", err, banner, notice)
	}
	d.screenshot(t, "case_notice.png")
	err = chromedp.Run(d.ctx,
		chromedp.Click(`.gw-status a`),
		chromedp.WaitReady(`article.gw`),
		chromedp.Text(`article.gw`, &review),
	)
	if err != nil || !strings.Contains(review, "复核决定书") || !strings.Contains(review, "批评教育") || !strings.Contains(review, "纪公开通〔") || !strings.Contains(review, "年") {
		t.Errorf("复核决定书: %v %.400s", err, review)
	}
	d.screenshot(t, "case_review.png")
	d.check(t)
}
