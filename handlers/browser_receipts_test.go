package handlers_test

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/gongkai/gongkai/handlers"
	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accountability"
	"github.com/gongkai/gongkai/models/accounts"
	"github.com/gongkai/gongkai/models/assessment"
	"github.com/gongkai/gongkai/models/documents"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/seed"
)

// A case's notice signed for by its department's head prints, on A4, the
// line "签收：name date time" under the document, within the GB/T 9704
// type area, without the page's list of receipts.
func TestBrowserSignedNoticePrints(t *testing.T) {
	exec := chromiumPath(t)
	ctx := context.Background()
	store := modelstest.Open(t, "sqlite")
	if _, err := seed.Demo(ctx, store, demoDay); err != nil {
		t.Fatalf("load demo: %v", err)
	}
	var notice documents.Document
	modelstest.Must(t, store.DB.Omit("html", "docx").Where("kind = ?", accountability.NoticeKind).Order("id").First(&notice).Error)
	var c accountability.Case
	modelstest.Must(t, store.DB.First(&c, notice.SubjectID).Error)
	u, err := accounts.New(store).CreateUser(ctx, models.System, accounts.NewUser{Username: "signer", Name: "张三", Role: models.RoleHead, DepartmentID: c.DepartmentID, Password: testPassword})
	modelstest.Must(t, err)
	modelstest.Must(t, accountability.New(store, assessment.New(store)).SignDocument(ctx, u.Viewer(), c.ID, notice.ID, demoNow()))
	base := serve(t, handlers.New(store, handlers.Options{Now: demoNow}))

	b := newBrowser(t, exec)
	b.signIn(t, base, "discipline")
	var receipt string
	var inside bool
	var listed int
	err = chromedp.Run(b.ctx,
		chromedp.Navigate(fmt.Sprintf("%s/cases/%d/documents/%d", base, c.ID, notice.ID)),
		chromedp.WaitVisible(`.gw-receipt`),
		chromedp.Text(`.gw-receipt`, &receipt),
		emulation.SetEmulatedMedia().WithMedia("print"),
		chromedp.Evaluate(`(() => { const p = document.querySelector('article.gw, .gw').getBoundingClientRect(), r = document.querySelector('.gw-receipt').getBoundingClientRect();
			return r.height > 0 && r.left >= p.left - 1 && r.right <= p.right + 1 && r.top >= p.bottom - 1; })()`, &inside),
		chromedp.Evaluate(`[...document.querySelectorAll('#signings, header.top')].filter(e => e.getClientRects().length > 0).length`, &listed),
		emulation.SetEmulatedMedia().WithMedia(""),
	)
	if err != nil {
		t.Fatalf("signed notice: %v", err)
	}
	if !regexp.MustCompile(`^签收：张三 \d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d$`).MatchString(receipt) {
		t.Errorf("the receipt reads %q", receipt)
	}
	if !inside || listed != 0 {
		t.Errorf("printed: the receipt under the document within its type area %v; the list and menu shown %d", inside, listed)
	}
	_, _, pdf := b.printed(t, `header.top`)
	if !bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Errorf("no PDF printed (%d bytes)", len(pdf))
	}
	b.check(t)
}
