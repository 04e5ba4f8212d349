package handlers_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/publications"
)

// The demo's document under review holds a copy with a mobile number: the
// leader whose step is next finds it in the inbox; on its page the clerk
// sees the number masked and publishing refused; the office lets it
// through with a reason on the same page, and the clerk publishes it.
func TestBrowserPublicationCopiesBlockPublishing(t *testing.T) {
	exec := chromiumPath(t)
	store, base := demoStoreServer(t)
	var w publications.Work
	modelstest.Must(t, store.DB.Where("title = ?", "大型群众性活动安全许可办理指南").First(&w).Error)
	page := fmt.Sprintf("%s/publications/%d", base, w.ID)
	b := newBrowser(t, exec)
	as := func(user string) {
		t.Helper()
		if err := chromedp.Run(b.ctx, network.ClearBrowserCookies()); err != nil {
			t.Fatal(err)
		}
		b.signIn(t, base, user)
	}
	run := func(what string, actions ...chromedp.Action) {
		t.Helper()
		if err := chromedp.Run(b.ctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}

	as("leader")
	var inbox string
	run("the leader's inbox", chromedp.Navigate(base+"/inbox"), chromedp.WaitVisible(`#inbox`), chromedp.Text(`#inbox`, &inbox))
	if !strings.Contains(inbox, "《大型群众性活动安全许可办理指南》的保密审查待您签署第3步") {
		t.Errorf("the leader's inbox does not say step 3 waits: %q", inbox)
	}

	as("clerk")
	var copies, refusal string
	run("the copies", chromedp.Navigate(page), chromedp.WaitVisible(`#copies-blocking`), chromedp.Text(`#copies`, &copies))
	if !strings.Contains(copies, "139****0199") || strings.Contains(copies, "13905240199") || !strings.Contains(copies, "不能发布") {
		t.Errorf("the copies section: %q", copies)
	}
	run("publish while blocked",
		chromedp.SendKeys(`#form-publish input[name=channel]`, "网站"),
		chromedp.Submit(`#form-publish input[name=channel]`),
		chromedp.WaitVisible(`#form-publish .error, #refusal, #form-publish [role=alert]`, chromedp.ByQuery),
		chromedp.Text(`body`, &refusal),
	)
	if !strings.Contains(refusal, "个人信息") || !strings.Contains(refusal, "尚未处理") {
		t.Errorf("publishing was not refused for the personal data: %q", refusal)
	}

	as("office")
	run("override",
		chromedp.Navigate(page),
		chromedp.SendKeys(`#copies-override textarea[name=reason]`, "经核实，该号码为单位公开的咨询电话。"),
		chromedp.Submit(`#copies-override textarea[name=reason]`),
		chromedp.WaitVisible(`#copies-ok`),
	)
	var where string
	run("back on the page", chromedp.Location(&where))
	if !strings.HasPrefix(where, page) {
		t.Errorf("the override led to %s, not the document's page", where)
	}

	as("clerk")
	var state string
	run("publish",
		chromedp.Navigate(page),
		chromedp.SendKeys(`#form-publish input[name=channel]`, "网站"),
		chromedp.Submit(`#form-publish input[name=channel]`),
		chromedp.WaitVisible(`p.flash`),
		chromedp.Navigate(page),
		chromedp.Text(`#state`, &state),
	)
	if !strings.Contains(state, "已公开") {
		t.Errorf("after the override the document is %q", state)
	}
	// The one answer of 400 or more is the refused publishing's 422.
	b.mu.Lock()
	failed, external := b.failed, b.external
	b.mu.Unlock()
	if len(failed) != 1 || !strings.HasSuffix(failed[0], "/publish") || len(external) > 0 {
		t.Errorf("failed requests %v, external %v; want only the refused publishing", failed, external)
	}
}
