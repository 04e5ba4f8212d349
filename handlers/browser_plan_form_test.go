package handlers_test

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// cutOptions lists the options of a select whose text is wider than the
// closed select shows (its width less padding and the arrow), measured in
// the select's own font.
const cutOptions = `((sel) => {
	const s = document.querySelector(sel), cs = getComputedStyle(s);
	const ctx = document.createElement('canvas').getContext('2d');
	ctx.font = cs.fontStyle + ' ' + cs.fontWeight + ' ' + cs.fontSize + ' ' + cs.fontFamily;
	const room = s.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - 20;
	return [...s.options].filter(o => ctx.measureText(o.text).width > room).map(o => o.text);
})('select[name=scheme]')`

// The new-plan form names each scheme in full, so that 默认方案 and
// 默认方案（第二版） never read the same in the closed drop-down (issue 29).
func TestBrowserNewPlanSchemesReadInFull(t *testing.T) {
	exec := chromiumPath(t)
	base := demoServer(t)
	b := newBrowser(t, exec)
	b.signIn(t, base, "office")
	var cut []string
	var n int
	err := chromedp.Run(b.ctx, chromedp.Navigate(base+"/assessment/new"), chromedp.WaitVisible(`select[name=scheme]`),
		chromedp.Evaluate(`document.querySelectorAll('select[name=scheme] option').length`, &n),
		chromedp.Evaluate(cutOptions, &cut))
	if err != nil {
		t.Fatal(err)
	}
	if n < 2 {
		t.Fatalf("the drop-down offers %d schemes, want both versions", n)
	}
	if len(cut) > 0 {
		t.Errorf("scheme titles cut in the drop-down: %q", cut)
	}
	b.check(t)
}
