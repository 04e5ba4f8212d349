package handlers_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The office opens the demo's 公开指南 from /guide and prints it: the
// document in the GB/T 9704 layout, nothing of the application on paper;
// /public shows the guide and the catalog to anyone.
func TestBrowserGuidePrints(t *testing.T) {
	exec := chromiumPath(t)
	base := demoServer(t)
	b := newBrowser(t, exec)
	b.signIn(t, base, "office")
	var text string
	err := chromedp.Run(b.ctx,
		chromedp.Navigate(base+"/guide"),
		chromedp.Click(`#guide-link`),
		chromedp.WaitVisible(`article.gw`),
		chromedp.Text(`article.gw`, &text),
	)
	if err != nil {
		t.Fatalf("open the guide: %v", err)
	}
	for _, want := range []string{"市公安局政府信息公开指南", "公开办指〔", "0527-84420000", "依申请公开"} {
		if !strings.Contains(text, want) {
			t.Errorf("the guide lacks %q", want)
		}
	}
	shown, _, pdf := b.printed(t, `header.top, nav, .noprint, .flash`)
	if shown != 0 || !bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Errorf("printed: %d pieces of the application on paper, PDF %d bytes", shown, len(pdf))
	}
	var public string
	if err := chromedp.Run(b.ctx, chromedp.Navigate(base+"/public"), chromedp.Click(`#catalog summary`), chromedp.Text(`#catalog`, &public)); err != nil {
		t.Fatalf("public: %v", err)
	}
	if !strings.Contains(public, "政府信息公开目录") || !strings.Contains(public, "索引号") {
		t.Errorf("/public's catalog: %q", public[:min(len(public), 200)])
	}
	b.check(t)
}
