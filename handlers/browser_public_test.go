package handlers_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/gongkai/gongkai/models"
)

// contrastFaults is a script listing the visible text of the page (outside
// the issued documents) whose colour stands against its background at
// less than 4.5:1 (WCAG AA), and the tables without a caption or without a
// header cell with a scope.
const contrastFaults = `(() => {
  const lum = c => { const v = c.match(/[\d.]+/g).slice(0, 3).map(x => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4 });
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2] };
  const bg = el => { for (; el; el = el.parentElement) { const c = getComputedStyle(el).backgroundColor; const a = c.match(/[\d.]+/g);
    if (a && (a.length < 4 || +a[3] > 0)) return c } return 'rgb(255, 255, 255)' };
  const out = [];
  for (const el of document.querySelectorAll('main *, header *, footer')) {
    if (el.closest('article') || !el.offsetParent || ![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
    const f = lum(getComputedStyle(el).color), b = lum(bg(el));
    const ratio = (Math.max(f, b) + 0.05) / (Math.min(f, b) + 0.05);
    if (ratio < 4.5) out.push(el.tagName + ' ' + el.textContent.trim().slice(0, 20) + ' ' + ratio.toFixed(2));
  }
  for (const t of document.querySelectorAll('main table')) {
    if (t.closest('article')) continue;
    if (!t.querySelector('caption') || !t.querySelector('th[scope]')) out.push('table without caption or th scope: ' + t.textContent.trim().slice(0, 30));
  }
  return out;
})()`

// The public site at a phone's width (375 px): no page scrolls sideways,
// the first Tab reaches the skip link and Enter on it moves to the
// content, every table has a caption and header cells with a scope, and
// the text stands out from its background (issue 25).
func TestBrowserPublicSiteOnAPhone(t *testing.T) {
	exec := chromiumPath(t)
	store, base := demoStoreServer(t)
	var dept models.Department
	if err := store.DB.Where("name = ?", "治安支队").First(&dept).Error; err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, exec)
	for _, path := range []string{"/public", fmt.Sprintf("/public/units/%d", dept.ID), fmt.Sprintf("/public/years/%d", demoYear), "/public/data", "/public/bulletins", "/public?lang=en"} {
		var overflow int
		var faults []string
		var focused, hash string
		err := chromedp.Run(b.ctx,
			chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile),
			chromedp.Navigate(base+path),
			chromedp.WaitVisible(`main`),
			chromedp.Evaluate(`document.documentElement.scrollWidth - window.innerWidth`, &overflow),
			chromedp.Evaluate(contrastFaults, &faults),
			chromedp.KeyEvent(kb.Tab),
			chromedp.Evaluate(`document.activeElement.className`, &focused),
			chromedp.KeyEvent(kb.Enter),
			chromedp.Evaluate(`location.hash`, &hash),
		)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if overflow > 0 {
			t.Errorf("%s is %d px wider than a 375 px phone", path, overflow)
		}
		if focused != "skip" || hash != "#main" {
			t.Errorf("%s: the first Tab reaches %q and Enter goes to %q, want the skip link to #main", path, focused, hash)
		}
		if len(faults) > 0 {
			t.Errorf("%s: %s", path, strings.Join(faults, "; "))
		}
		if path == "/public" {
			b.screenshot(t, "public_phone.png")
		}
	}
	b.check(t)
}
