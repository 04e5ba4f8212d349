package handlers_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/modelstest"
)

// In the demo, 治安支队 forwarded part of a request to 交警支队: 交警支队's
// head finds it on the home, opens the request (the applicant masked, a
// note saying whose request it is), records the unit's answer, and
// 治安支队's clerk then sees that answer among the steps and may answer
// the applicant.
func TestBrowserForwardedPartAnswered(t *testing.T) {
	exec := chromiumPath(t)
	store, base := demoStoreServer(t)
	var jj models.Department
	modelstest.Must(t, store.DB.Where("name = ?", "交警支队").First(&jj).Error)
	var head models.User
	modelstest.Must(t, store.DB.Where("department_id = ? AND role = ?", jj.ID, models.RoleHead).Order("id").First(&head).Error)

	unit := newBrowser(t, exec)
	unit.signIn(t, base, head.Username)
	var waiting, page string
	var ok bool
	if err := chromedp.Run(unit.ctx, chromedp.Navigate(base+"/"), chromedp.Text(`#forwarded-waiting`, &waiting),
		chromedp.AttributeValue(`#forwarded-waiting a`, "href", &page, &ok)); err != nil {
		t.Fatalf("the unit's home: %v", err)
	}
	if !strings.Contains(waiting, "治安支队") || !ok {
		t.Fatalf("the unit's home lists %q", waiting)
	}
	var note, id, steps, state string
	err := chromedp.Run(unit.ctx, chromedp.Navigate(base+page), chromedp.WaitReady(`#form-unit_answer`),
		chromedp.Text(`#request-receiving`, &note), chromedp.Text(`#applicant-id`, &id),
		chromedp.SetValue(`#form-unit_answer textarea[name=note]`, "交通违法处罚统计数据已整理，随附"),
		chromedp.Submit(`#form-unit_answer button`), chromedp.WaitReady(`#request-state`),
		chromedp.Text(`#request-steps`, &steps), chromedp.Text(`#request-state`, &state))
	if err != nil {
		t.Fatalf("the unit's answer: %v", err)
	}
	if !strings.Contains(note, "治安支队") || !strings.Contains(id, "*") || !strings.Contains(steps, "交通违法处罚统计数据已整理") {
		t.Errorf("the unit's page: note %q, applicant %q, steps %q", note, id, steps)
	}

	clerk := newBrowser(t, exec)
	clerk.signIn(t, base, "clerk")
	if err := chromedp.Run(clerk.ctx, chromedp.Navigate(base+page), chromedp.WaitReady(`#form-answer`), chromedp.Text(`#request-steps`, &steps)); err != nil {
		t.Fatalf("the first unit's page: %v", err)
	}
	if !strings.Contains(steps, "交通违法处罚统计数据已整理") || !strings.Contains(steps, "交警支队") {
		t.Errorf("the first unit does not see the unit's answer: %q", steps)
	}
}
