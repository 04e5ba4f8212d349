package handlers_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The overview's and a department's charts read at a glance on a phone:
// every department of the demo labelled by name, indicators by name, whole
// numbers on count axes, no zoom slider over the bars, the heat map's
// scale apart from its labels, a legend that does not page; the menu folds
// behind a button.
func TestBrowserChartsReadAtPhoneWidth(t *testing.T) {
	t.Parallel() // its own database
	exec := chromiumPath(t)
	base := demoServer(t)
	b := newBrowser(t, exec)
	b.signIn(t, base, "office")
	if err := chromedp.Run(b.ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile)); err != nil {
		t.Fatal(err)
	}
	b.chartsRender(t, base+fmt.Sprintf("/overview?year=%d", demoYear))
	for _, id := range []string{"ranking", "heatmap", "monthly"} {
		b.elementShot(t, "#chart-"+id, "chart-"+id+"-phone.png")
	}
	// option reads a chart's option as ECharts holds it after drawing.
	option := func(id, expr string, into any) {
		t.Helper()
		js := fmt.Sprintf(`(function(){var o = echarts.getInstanceByDom(document.querySelector('#chart-%s .chart')).getOption(); return %s;})()`, id, expr)
		if err := chromedp.Run(b.ctx, chromedp.Evaluate(js, into)); err != nil {
			t.Fatalf("%s: %s: %v", id, expr, err)
		}
	}
	var n, zooms int
	var interval string
	var labels []string
	option("ranking", `o.yAxis[0].data.length`, &n)
	option("ranking", `String(o.yAxis[0].axisLabel.interval)`, &interval)
	option("ranking", `(o.dataZoom || []).length`, &zooms)
	option("ranking", `o.yAxis[0].data`, &labels)
	if n < 25 || interval != "0" || zooms != 0 || !strings.Contains(strings.Join(labels, "|"), "治安支队") {
		t.Errorf("ranking: %d departments, label interval %q, %d zoom sliders", n, interval, zooms)
	}
	var rows int
	var xPos, scaleAt string
	var indicators []string
	option("heatmap", `o.yAxis[0].data.length`, &rows)
	option("heatmap", `o.xAxis[0].data`, &indicators)
	option("heatmap", `o.xAxis[0].position`, &xPos)
	option("heatmap", `String(o.visualMap[0].bottom)`, &scaleAt)
	option("heatmap", `(o.dataZoom || []).length`, &zooms)
	if rows != n || len(indicators) < 11 || indicators[0] != "A1 公开目录覆盖" || xPos != "top" || scaleAt == "" || zooms != 0 {
		t.Errorf("heat map: %d rows for %d departments, indicators %v, axis at %q, scale at %q, %d zoom sliders", rows, n, indicators, xPos, scaleAt, zooms)
	}
	for _, id := range []string{"monthly", "timeliness", "overdue"} {
		var minInterval float64
		axis := "yAxis"
		if id == "overdue" {
			axis = "xAxis" // horizontal bars
		}
		option(id, `o.`+axis+`[0].minInterval || 0`, &minInterval)
		if minInterval != 1 {
			t.Errorf("%s counts on steps of %v, want whole numbers", id, minInterval)
		}
	}
	var legend string
	option("monthly", `o.legend[0].type`, &legend)
	if legend != "plain" {
		t.Errorf("the channel legend is %q, want every channel shown", legend)
	}
	var wide int
	if err := chromedp.Run(b.ctx, chromedp.Evaluate(`[...document.querySelectorAll('.chart canvas')].filter(c => c.getBoundingClientRect().right > window.innerWidth + 1).length`, &wide)); err != nil || wide != 0 {
		t.Errorf("%d charts wider than the phone (%v)", wide, err)
	}

	// The menu is folded until its button is pressed.
	var shown bool
	err := chromedp.Run(b.ctx,
		chromedp.Evaluate(`getComputedStyle(document.querySelector('header.top nav')).display !== 'none'`, &shown))
	if err != nil || shown {
		t.Errorf("the menu is open on a phone before it is asked for (%v)", err)
	}
	err = chromedp.Run(b.ctx, chromedp.Click(`label.menu-button`),
		chromedp.Evaluate(`getComputedStyle(document.querySelector('header.top nav')).display !== 'none'`, &shown))
	if err != nil || !shown {
		t.Errorf("the menu button does not open the menu (%v)", err)
	}

	// A department's radar names its indicators.
	var href string
	var ok bool
	if err := chromedp.Run(b.ctx, chromedp.AttributeValue(`#chart-ranking ~ * a[href^="/departments/"], main a[href^="/departments/"]`, "href", &href, &ok)); err != nil || !ok {
		t.Fatalf("no department link on the overview: %v", err)
	}
	b.chartsRender(t, base+href+fmt.Sprintf("?year=%d", demoYear))
	var radar []string
	option("radar", `o.radar[0].indicator.map(function(i){return i.name})`, &radar)
	if len(radar) < 11 || !strings.HasPrefix(radar[0], "A1 ") || len(radar[0]) <= len("A1 ") {
		t.Errorf("radar indicators: %v", radar)
	}
	b.screenshot(t, "department-phone.png")
	b.check(t)
}

// elementShot saves a PNG of one element, like screenshot.
func (b *browser) elementShot(t *testing.T, sel, name string) {
	t.Helper()
	dir := os.Getenv("GONGKAI_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	var png []byte
	if err := chromedp.Run(b.ctx, chromedp.Screenshot(sel, &png, chromedp.NodeVisible)); err != nil {
		t.Fatalf("screenshot %s: %v", sel, err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
		t.Fatal(err)
	}
}
