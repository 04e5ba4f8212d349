package handlers_test

import (
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// Each role opens the app on its to-do list (issue 12), at a desktop's
// width and at a phone's: what it must do is on the page, and the page does
// not scroll sideways on the phone.
func TestBrowserHomes(t *testing.T) {
	exec := chromiumPath(t)
	base := demoServer(t)
	b := newBrowser(t, exec) // one browser: starting chromium is the slow part
	for _, tc := range []struct {
		user, section string
		sees          []string
	}{
		{"head", "#todo", []string{"待办事项", "已逾期", "个工作日内到期"}},
		{"office", "#office-todo", []string{"逾期未报送的报表", "待答复的异议", "最近一次拉取失败的数据来源"}},
		{"leader", "#drafts", []string{"待审批的评分方案"}},
		{"discipline", "#discipline-todo", []string{"各状态案件数", "复核与申诉"}},
	} {
		t.Run(tc.user, func(t *testing.T) {
			if err := chromedp.Run(b.ctx, network.ClearBrowserCookies()); err != nil {
				t.Fatal(err)
			}
			b.signIn(t, base, tc.user)
			var text string
			if err := chromedp.Run(b.ctx, chromedp.WaitVisible(tc.section), chromedp.Text(tc.section, &text)); err != nil {
				t.Fatalf("%s home: %v", tc.user, err)
			}
			for _, want := range tc.sees {
				if !strings.Contains(text, want) {
					t.Errorf("%s home lacks %q: %.300s", tc.user, want, text)
				}
			}
			b.screenshot(t, "home_"+tc.user+".png")
			b.fitsPhone(t, base+"/", "home_"+tc.user+"_phone.png")
		})
	}
	b.check(t)
}
