package handlers_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// A head opens the department's ledger from the menu as a person does: the
// requests of their own department only (no department column, no other
// department to choose), sorted by deadline, each linked to its page; the
// state filter keeps the answered ones; the office's ledger has every
// department's.
func TestBrowserLedger(t *testing.T) {
	exec := chromiumPath(t)
	base := demoServer(t)
	b := newBrowser(t, exec)
	b.signIn(t, base, "head")

	const rows = `[...document.querySelectorAll('#ledger-requests tbody tr')]`
	var n, linked, depts int
	var dues []string
	err := chromedp.Run(b.ctx,
		chromedp.Click(`header nav a[href="/requests"]`),
		chromedp.WaitVisible(`#ledger-filters`),
		chromedp.Evaluate(rows+`.length`, &n),
		chromedp.Evaluate(rows+`.filter(r => r.querySelector('a[href^="/requests/"]')).length`, &linked),
		chromedp.Evaluate(`document.querySelectorAll('#ledger-filters select[name=department]').length`, &depts),
		chromedp.Evaluate(rows+`.map(r => r.cells[5].textContent.trim()).filter(d => d)`, &dues),
	)
	if err != nil {
		t.Fatalf("open the ledger: %v", err)
	}
	if n == 0 || linked != n || depts != 0 {
		t.Fatalf("the head's ledger: %d rows, %d linked, department filter shown %d times", n, linked, depts)
	}
	for i := 1; i < len(dues); i++ {
		if dues[i] < dues[i-1] {
			t.Errorf("not sorted by deadline: %s after %s", dues[i], dues[i-1])
		}
	}

	var states []string
	err = chromedp.Run(b.ctx,
		chromedp.SetValue(`#ledger-filters select[name=state]`, "answered"),
		chromedp.Submit(`#ledger-filters`),
		chromedp.WaitVisible(`#ledger-filters`),
		chromedp.Evaluate(rows+`.map(r => r.cells[4].textContent.trim())`, &states),
	)
	if err != nil {
		t.Fatalf("filter: %v", err)
	}
	for _, s := range states {
		if !strings.HasPrefix(s, "已答复") {
			t.Errorf("an answered-only ledger shows %q", s)
		}
	}
	b.check(t)

	o := newBrowser(t, exec)
	o.signIn(t, base, "office")
	var officeRows, officeDepts int
	err = chromedp.Run(o.ctx,
		chromedp.Navigate(base+"/requests"),
		chromedp.WaitVisible(`#ledger-filters`),
		chromedp.Evaluate(rows+`.length`, &officeRows),
		chromedp.Evaluate(`new Set([...document.querySelectorAll('#ledger-requests tbody tr')].map(r => r.cells[1].textContent)).size`, &officeDepts),
	)
	if err != nil || officeRows < n || officeDepts < 2 {
		t.Errorf("the office's ledger: %d rows of %d departments (%v)", officeRows, officeDepts, err)
	}
	o.check(t)
}
