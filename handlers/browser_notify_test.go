package handlers_test

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/assessment"
	"github.com/gongkai/gongkai/models/modelstest"
)

// A head of the demo sees the unread count in the header, opens a message
// from the inbox (it is marked read and the count goes down), and finds
// the notice's receipt (签收) with name and time on the page and in print.
func TestBrowserInboxAndReceipt(t *testing.T) {
	exec := chromiumPath(t)
	store, base := demoStoreServer(t)
	var head models.User
	modelstest.Must(t, store.DB.Where("username = ?", "head").First(&head).Error)
	var plan assessment.Plan
	modelstest.Must(t, store.DB.Omit("catalog").Where("approved_at IS NOT NULL").Order("id").First(&plan).Error)

	b := newBrowser(t, exec)
	b.signIn(t, base, "head")
	count := func() int {
		t.Helper()
		var text string
		if err := chromedp.Run(b.ctx, chromedp.Navigate(base+"/inbox"), chromedp.WaitVisible(`#inbox`), chromedp.Text(`#unread`, &text)); err != nil {
			t.Fatalf("inbox: %v", err)
		}
		n, err := strconv.Atoi(strings.TrimSpace(text))
		if err != nil {
			t.Fatalf("unread count %q", text)
		}
		return n
	}
	before := count()
	var first, where string
	err := chromedp.Run(b.ctx,
		chromedp.Text(`#inbox li.unread button`, &first),
		chromedp.Click(`#inbox li.unread button`),
		chromedp.WaitNotPresent(`#inbox`),
		chromedp.Location(&where),
	)
	if err != nil || first == "" || strings.HasSuffix(where, "/inbox") {
		t.Fatalf("opening %q led to %s: %v", first, where, err)
	}
	if after := count(); after != before-1 {
		t.Errorf("unread %d after opening one of %d", after, before)
	}
	b.screenshot(t, "inbox.png")

	var receipt string
	var printedReceipt, printedForms int
	err = chromedp.Run(b.ctx,
		chromedp.Navigate(fmt.Sprintf("%s/assessment/%d/notice/%d", base, plan.ID, *head.DepartmentID)),
		chromedp.WaitVisible(`#receipt`),
		chromedp.Text(`#receipt`, &receipt),
		emulation.SetEmulatedMedia().WithMedia("print"),
		chromedp.Evaluate(`document.querySelector('#receipt').getClientRects().length`, &printedReceipt),
		chromedp.Evaluate(`[...document.querySelectorAll('header.top, .noprint')].filter(e => e.getClientRects().length > 0).length`, &printedForms),
		emulation.SetEmulatedMedia().WithMedia(""),
	)
	if err != nil {
		t.Fatalf("notice: %v", err)
	}
	if !regexp.MustCompile(`^签收：张卫 \d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d$`).MatchString(receipt) {
		t.Errorf("the receipt reads %q, want the signer's name and time", receipt)
	}
	if printedReceipt == 0 || printedForms != 0 {
		t.Errorf("printed: receipt shown %d, menu and forms shown %d", printedReceipt, printedForms)
	}
	b.check(t)
}
