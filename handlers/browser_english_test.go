package handlers_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// A head reads the demo in English: the deductions on the home page and
// the deductions objected to on the assessment page are English sentences,
// not the Chinese ones scoring used to write (the titles quoted inside
// them stay as the records have them). Switching back, the same lists
// read in Chinese.
func TestBrowserDeductionsReadInTheReadersLanguage(t *testing.T) {
	exec := chromiumPath(t)
	base := demoServer(t)
	b := newBrowser(t, exec)
	b.signIn(t, base, "head")
	chinese := regexp.MustCompile(`无公开记录|无有效公开记录|应于|迟发|迟复|未答复|报表|视为|逾期|长期公开|年度|公开前`)
	quoted := regexp.MustCompile(`《[^》]*》|“[^”]*”`)
	han := regexp.MustCompile(`\p{Han}`)
	english := regexp.MustCompile(`\b(?:Item|Request|Complaint|Quarterly|Annual|Nothing|Week|Online|Secrecy|Coordination)\b|“`)
	read := func(lang, page, selector string) []string {
		t.Helper()
		var texts []string
		err := chromedp.Run(b.ctx,
			chromedp.Navigate(base+"/lang?to="+lang+"&back="+page),
			chromedp.WaitVisible(`header.top`),
			chromedp.Evaluate(`[...document.querySelectorAll(`+"`"+selector+"`"+`)].map(e => e.textContent)`, &texts),
		)
		if err != nil {
			t.Fatalf("%s %s: %v", lang, page, err)
		}
		if len(texts) == 0 {
			t.Fatalf("%s %s: no %s", lang, page, selector)
		}
		return texts
	}
	var objections string
	if err := chromedp.Run(b.ctx, chromedp.Navigate(base+"/"), chromedp.WaitVisible(`header.top`),
		chromedp.AttributeValue(`a[href^="/assessment/"][href*="/departments/"]`, "href", &objections, nil)); err != nil || objections == "" {
		t.Fatalf("the head's home links no assessment page: %v", err)
	}
	for _, tc := range []struct{ page, selector string }{
		{"/", `ol.deductions li`},
		{objections, `table.objections tbody tr[id^="objection-"] td:first-child`},
	} {
		for _, text := range read("en", tc.page, tc.selector) {
			if chinese.MatchString(text) || !english.MatchString(text) {
				t.Errorf("English %s: %q", tc.page, strings.TrimSpace(text))
			}
		}
		for _, text := range read("zh", tc.page, tc.selector) {
			if !han.MatchString(quoted.ReplaceAllString(text, "")) {
				t.Errorf("Chinese %s: %q", tc.page, strings.TrimSpace(text))
			}
		}
	}
	b.check(t)
}
