package handlers_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/gongkai/gongkai/seed"
)

// The head of 泗阳县公安局, whose department the demo's discipline office
// criticised with a rectification due 31 January, finds the case and the
// rectification on the home page, opens the case and reports the
// rectification done with its report attached; the case then says it
// waits for the discipline office's verification (issue 20 item 7).
func TestBrowserHeadAnswersCase(t *testing.T) {
	exec := chromiumPath(t)
	base := demoServer(t)
	b := newBrowser(t, exec)
	b.signIn(t, base, seed.DemoHeadUsername("FJ04"))

	var cases, overdue string
	err := chromedp.Run(b.ctx,
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(`#cases`),
		chromedp.Text(`#cases`, &cases),
		chromedp.Text(`#todo`, &overdue),
	)
	if err != nil {
		t.Fatalf("the head's home: %v", err)
	}
	for _, want := range []string{"纪公开", "限期整改", "-01-31"} {
		if !strings.Contains(cases, want) || !strings.Contains(overdue, want) {
			t.Errorf("the home's cases %q or agenda %q lack %q", cases, overdue, want)
		}
	}
	b.screenshot(t, "home_head_case.png")

	file := filepath.Join(t.TempDir(), "整改报告.pdf")
	if err := os.WriteFile(file, []byte("%PDF-1.7\n%%EOF"), 0o600); err != nil {
		t.Fatal(err)
	}
	var reported string
	err = chromedp.Run(b.ctx,
		chromedp.Click(`#cases a[href^="/cases/"]`),
		chromedp.WaitVisible(`#decision`),
		chromedp.Evaluate(openDetails, nil),
		chromedp.SetValue(`details.report textarea[name=text]`, "栏目已恢复更新，办事进度查询已开通。"),
		chromedp.SetUploadFiles(`details.report input[type=file]`, []string{file}),
		chromedp.Submit(`details.report textarea[name=text]`),
		chromedp.WaitVisible(`p.reported`),
		chromedp.Text(`#decision`, &reported),
	)
	if err != nil {
		t.Fatalf("report the rectification done: %v", err)
	}
	if !strings.Contains(reported, "待纪委核实") || !strings.Contains(reported, "整改报告.pdf") {
		t.Errorf("the case after the report: %.400s", reported)
	}
	b.check(t)
}
