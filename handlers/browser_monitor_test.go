package handlers_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The office of the demo runs the second quarter's monitoring from the
// form, lands on the run's page with its table and its chart drawn, and
// opens the third quarter's 通报, issued and posted by the demo.
func TestBrowserMonitoring(t *testing.T) {
	exec := chromiumPath(t)
	base := demoServer(t)
	b := newBrowser(t, exec)
	b.signIn(t, base, "office")
	var heading, flash, table, runPage string
	err := chromedp.Run(b.ctx,
		chromedp.Navigate(base+"/monitoring"),
		chromedp.WaitVisible(`#monitor-compute`),
		chromedp.SetValue(`#monitor-compute input[name="as_of"]`, "2026-06-30"),
		chromedp.Click(`#monitor-compute button`),
		chromedp.WaitVisible(`#monitor-lines`),
		chromedp.Text(`h1`, &heading),
		chromedp.Text(`.flash`, &flash),
		chromedp.Text(`#monitor-lines`, &table),
		chromedp.Location(&runPage),
	)
	if err != nil {
		t.Fatalf("compute from the form: %v", err)
	}
	if heading != "2026年第二季度监测结果" || !strings.Contains(flash, "2026年第二季度") || !strings.Contains(table, "分县局") || !strings.Contains(table, "派出所") {
		t.Errorf("after computing: %q, flash %q, table %.200q", heading, flash, table)
	}
	b.chartsRender(t, runPage)
	b.screenshot(t, "monitoring-run.png")
	var doc string
	err = chromedp.Run(b.ctx,
		chromedp.Navigate(base+"/monitoring"),
		chromedp.Click(`//a[contains(., "2026年第三季度")]`, chromedp.BySearch),
		chromedp.WaitVisible(`#monitor-bulletin`),
		// The run page draws its chart: leaving before it has would abort
		// the chart's requests, which b.check counts as failed.
		chromedp.Poll(`document.querySelectorAll('.chart:not([data-ready])').length === 0`, nil, chromedp.WithPollingTimeout(30*time.Second)),
		chromedp.Click(`#monitor-bulletin li a`),
		chromedp.WaitVisible(`#document-docx`),
		chromedp.Text(`body`, &doc),
	)
	if err != nil {
		t.Fatalf("open the 通报: %v", err)
	}
	for _, want := range []string{"关于2026年第三季度警务公开工作监测情况的通报", "表扬", "批评", "尚未到期，本次不计"} {
		if !strings.Contains(doc, want) {
			t.Errorf("the 通报 lacks %q", want)
		}
	}
	b.screenshot(t, "monitoring-bulletin.png")
	b.check(t)
}
