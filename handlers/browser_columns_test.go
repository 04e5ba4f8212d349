package handlers_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The office opens the demo on its home: the column not updated and the
// empty one are listed, and the link leads to the column's row on
// /columns, which says 栏目不更新; the page fits a phone.
func TestBrowserColumnsOnTheOfficeHome(t *testing.T) {
	exec := chromiumPath(t)
	base := demoServer(t)
	b := newBrowser(t, exec)
	b.signIn(t, base, "office")
	var list string
	if err := chromedp.Run(b.ctx, chromedp.WaitVisible("ul.columns-lapsed"), chromedp.Text("ul.columns-lapsed", &list)); err != nil {
		t.Fatalf("office home: %v", err)
	}
	for _, want := range []string{"网站 · 警务资讯", "已超过更新周期", "网站 · 政策解读", "空白栏目，从未发布信息"} {
		if !strings.Contains(list, want) {
			t.Errorf("the office's home lacks %q: %s", want, list)
		}
	}
	var at string
	err := chromedp.Run(b.ctx,
		chromedp.Click(`ul.columns-lapsed a[href^="/columns#column-"]`, chromedp.NodeVisible),
		chromedp.WaitVisible("table.columns-list"),
		chromedp.Location(&at),
	)
	if err != nil {
		t.Fatalf("following the link: %v", err)
	}
	if !strings.Contains(at, "/columns#column-") {
		t.Errorf("the link led to %s", at)
	}
	var page string
	if err := chromedp.Run(b.ctx, chromedp.Text("table.columns-list", &page)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(page, "栏目不更新") || !strings.Contains(page, "空白栏目") || !strings.Contains(page, "按期更新") {
		t.Errorf("/columns does not show each column's state: %.400s", page)
	}
	b.screenshot(t, "columns.png")
	b.fitsPhone(t, base+"/columns", "columns_phone.png")
	b.check(t)
}
