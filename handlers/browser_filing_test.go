package handlers_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// A department's head files what the department owes (issue 12), as a
// person does, at a desktop's width and at a phone's: the quarterly report
// opens prefilled with the figures the records give (the same as the
// report page computes), the head types the lines the records cannot give
// and submits; the annual report, already filed, is corrected with a
// reason, its submission date kept; the liaison form (Annex 3) is saved, printed
// without the application's menu, and offered as a Word document.
func TestBrowserHeadFiles(t *testing.T) {
	exec := chromiumPath(t)
	base := demoServer(t)
	b := newBrowser(t, exec)
	b.signIn(t, base, "head")

	var offered int
	var deptURL string
	err := chromedp.Run(b.ctx,
		chromedp.Evaluate(`['a[href="/reports/quarterly/file"]', 'a[href="/reports/annual/file"]', 'a[href$="#liaison-form"]'].filter(s => document.querySelector('#todo ' + s) || document.querySelector('main ' + s)).length`, &offered),
		chromedp.AttributeValue(`main h2 a`, "href", &deptURL, nil),
	)
	if err != nil || offered != 3 {
		t.Fatalf("the head's home offers %d of the 3 filings (%v)", offered, err)
	}

	t.Run("quarterly", func(t *testing.T) {
		// 主动公开警务信息数 as a page's Annex 2 table shows it.
		const published = `(() => { const r = [...document.querySelectorAll('table.annex2 tr')].find(r => r.cells.length > 2 && r.cells[0].textContent.includes('主动公开警务信息数')); return r ? r.cells[2].textContent.trim() : '' })()`
		var computed, prefilled string
		var typed []string
		form := base + fmt.Sprintf("/reports/quarterly/file?year=%d&quarter=3", demoYear)
		err := chromedp.Run(b.ctx,
			chromedp.Navigate(base+fmt.Sprintf("/reports/quarterly?year=%d&quarter=3&department=", demoYear)+strings.TrimPrefix(deptURL, "/departments/")),
			chromedp.WaitVisible(`table.annex2`),
			chromedp.Evaluate(published, &computed),
			chromedp.Navigate(form),
			chromedp.WaitVisible(`#filing-form`),
			chromedp.Evaluate(published, &prefilled),
			chromedp.Evaluate(`[...document.querySelectorAll('#filing-form td.filed input')].filter(e => e.value === '').map(e => e.name)`, &typed),
		)
		if err != nil {
			t.Fatalf("open the quarterly filing: %v", err)
		}
		if prefilled == "" || prefilled == "0" || prefilled != computed {
			t.Errorf("the form shows %q published, the report page %q", prefilled, computed)
		}
		if len(typed) < 5 {
			t.Fatalf("the head has %d lines to type: %v", len(typed), typed)
		}
		for i, name := range typed {
			if err := chromedp.Run(b.ctx, chromedp.SendKeys(`#filing-form input[name="`+name+`"]`, fmt.Sprint(i%3))); err != nil {
				t.Fatalf("type %s: %v", name, err)
			}
		}
		b.screenshot(t, "filing_quarterly.png")
		var status string
		err = chromedp.Run(b.ctx,
			chromedp.Submit(`#filing-form input[name="`+typed[0]+`"]`),
			chromedp.WaitVisible(`p.flash`),
			chromedp.Text(`#filing-status`, &status),
		)
		if err != nil || !strings.Contains(status, "已于") || !strings.Contains(status, "第 1 版") {
			t.Fatalf("file the quarterly report: %v %.300s", err, status)
		}
		b.fitsPhone(t, form, "filing_quarterly_phone.png")
	})

	// The demo's annual report came in by the office's import: the head's
	// filing corrects it, with a reason, and its submission date stays.
	t.Run("annual", func(t *testing.T) {
		form := base + fmt.Sprintf("/reports/annual/file?year=%d", demoYear)
		var status string
		err := chromedp.Run(b.ctx,
			chromedp.Navigate(form),
			chromedp.WaitVisible(`#filing-form`),
			clearField(`#filing-form input[name=fig_penalties]`),
			chromedp.SendKeys(`#filing-form input[name=fig_penalties]`, "1280"),
			chromedp.SendKeys(`#filing-form textarea[name=reason]`, "行政处罚决定数按执法办案系统年底核对数更正。"),
		)
		if err != nil {
			t.Fatalf("open the annual filing: %v", err)
		}
		b.screenshot(t, "filing_annual.png")
		err = chromedp.Run(b.ctx,
			chromedp.Submit(`#filing-form textarea[name=reason]`),
			chromedp.WaitVisible(`p.flash`),
			chromedp.Text(`#filing-status`, &status),
		)
		if err != nil || !strings.Contains(status, fmt.Sprintf("已于 %d-01-04 报送", demoYear+1)) || !strings.Contains(status, "按执法办案系统年底核对数更正") {
			t.Fatalf("correct the annual report: %v %.300s", err, status)
		}
		b.fitsPhone(t, form, "filing_annual_phone.png")
	})

	t.Run("liaison", func(t *testing.T) {
		sheet := base + deptURL + "/liaison"
		var text string
		var word bool
		err := chromedp.Run(b.ctx,
			chromedp.Navigate(base+deptURL),
			chromedp.WaitVisible(`#liaison-form`),
			clearField(`#liaison-form textarea[name=notes]`),
			chromedp.SendKeys(`#liaison-form textarea[name=notes]`, "季度报表由何军汇总报送"),
			chromedp.Submit(`#liaison-form textarea[name=notes]`),
			chromedp.WaitVisible(`p.flash`),
			chromedp.Navigate(sheet),
			chromedp.WaitVisible(`#annex3`),
			chromedp.Text(`#annex3`, &text),
			chromedp.Evaluate(`!!document.querySelector('a[href$="/liaison.docx"]')`, &word),
		)
		if err != nil {
			t.Fatalf("save and print the liaison form: %v", err)
		}
		for _, want := range []string{"附件3", "警务信息公开工作联络表", "填报日期", "具体责任人员", "分管领导", "手机号码", "季度报表由何军汇总报送", "单位负责人"} {
			if !strings.Contains(text, want) {
				t.Errorf("the printable Annex 3 lacks %q: %.300s", want, text)
			}
		}
		if !word {
			t.Error("the printable Annex 3 does not offer the Word document")
		}
		b.screenshot(t, "liaison.png")
		shown, wide, pdf := b.printed(t, `header.top, nav, .menu-button, .no-print, .flash`)
		if shown != 0 || wide != 0 || !strings.HasPrefix(string(pdf), "%PDF") {
			t.Errorf("printed Annex 3: %d pieces of the menu shown, %d tables wider than the sheet, PDF %d bytes", shown, wide, len(pdf))
		}
		b.fitsPhone(t, sheet, "liaison_phone.png")
	})
	b.check(t)
}

// clearField empties a field before the head types into it, as selecting
// its text and typing over it does.
func clearField(sel string) chromedp.Action {
	return chromedp.Evaluate(`document.querySelector('`+sel+`').value = ''`, nil)
}
