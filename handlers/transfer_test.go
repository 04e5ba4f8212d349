package handlers_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accounts"
	"github.com/gongkai/gongkai/models/modelstest"
)

// 内部转办 in the app: 治安支队's clerk forwards a part to 刑警支队 on the
// request's page; 刑警支队's clerk finds it on its home, reads the page
// for that part (the applicant masked, the content withheld) and records
// its answer there, once; 治安支队's clerk may not record it for it and
// sees it on the page; a third department gets a 404.
func TestForwardedPartAnsweredOnThePage(t *testing.T) {
	t.Parallel()
	s := modelstest.Open(t, "sqlite")
	b := newBureau(t, s)
	third := models.Department{Code: "SJ20", Name: "交警支队", Kind: models.KindCityDept}
	modelstest.Must(t, s.DB.Create(&third).Error)
	for _, u := range []accounts.NewUser{{Username: "clerk2", Name: "周强", Role: models.RoleClerk, DepartmentID: b.other.ID, Password: testPassword},
		{Username: "clerk3", Name: "吴涛", Role: models.RoleClerk, DepartmentID: third.ID, Password: testPassword}} {
		_, err := accounts.New(s).CreateUser(t.Context(), models.System, u)
		modelstest.Must(t, err)
	}
	clerk := b.signedIn(t, "clerk")
	page := clerk.step("/requests/new", "/requests/new", url.Values{"received": {"2026-02-10"}, "channel": {"当面"}, "applicant": {"自然人"},
		"name": {"张三丰"}, "id_no": {"320102199001011234"}, "content": {"治安和刑事两类案件的统计数据"}})
	_, body := clerk.get(page)
	if !strings.Contains(body, `<option value="`+itoa(b.other.ID)+`">刑警支队</option>`) {
		t.Fatalf("the transfer form does not offer 刑警支队")
	}
	clerk.step(page, page+"/transfer", url.Values{"date": {"2026-02-11"}, "unit": {itoa(b.other.ID)}, "note": {"刑事案件统计部分"}})

	unit := b.signedIn(t, "clerk2")
	_, home := unit.get("/")
	if !strings.Contains(home, "转来待反馈的申请事项") || !strings.Contains(home, `href="`+page+`"`) || !strings.Contains(home, "2026-03-03") {
		t.Errorf("the unit's home does not list the part with 治安支队's deadline 2026-03-03")
	}
	resp, body := unit.get(page)
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "其中部分事项转你单位办理") || !strings.Contains(body, "刑事案件统计部分") {
		t.Fatalf("the unit's page: %d, without the part", resp.StatusCode)
	}
	if strings.Contains(body, "320102199001011234") || !strings.Contains(body, "3201**********1234") || strings.Contains(body, "治安和刑事两类案件") {
		t.Errorf("the unit's page shows the applicant unmasked or the request's content")
	}
	if strings.Contains(body, `action="`+page+`/answer"`) || strings.Contains(body, `action="`+page+`/correction"`) {
		t.Errorf("the unit's page offers the handling department's steps")
	}

	form := url.Values{"date": {"2026-02-12"}, "note": {"代为反馈"}, "_csrf": {clerk.token(page)}}
	if resp, body := clerk.post(page+"/transfer/answer", form); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(errorOf(body), "接收转办的单位") {
		t.Errorf("the first unit answering for the unit: %d %s", resp.StatusCode, errorOf(body))
	}
	stranger := b.signedIn(t, "clerk3")
	if resp, _ := stranger.get(page); resp.StatusCode != http.StatusNotFound {
		t.Errorf("a third department reading: %d, want 404", resp.StatusCode)
	}
	form = url.Values{"date": {"2026-02-12"}, "note": {"反馈"}, "_csrf": {stranger.token("/")}}
	if resp, _ := stranger.post(page+"/transfer/answer", form); resp.StatusCode != http.StatusNotFound {
		t.Errorf("a third department answering: %d, want 404", resp.StatusCode)
	}

	unit.step(page, page+"/transfer/answer", url.Values{"date": {"2026-02-12"}, "note": {"刑事案件统计数据已提供"}})
	form = url.Values{"date": {"2026-02-12"}, "note": {"刑事案件统计数据已提供"}, "_csrf": {unit.token(page)}}
	if resp, body := unit.post(page+"/transfer/answer", form); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(errorOf(body), "没有等待反馈的转办") {
		t.Errorf("second answer: %d %s", resp.StatusCode, errorOf(body))
	}
	_, body = clerk.get(page)
	if !strings.Contains(body, "刑事案件统计数据已提供") || !strings.Contains(body, `action="`+page+`/answer"`) {
		t.Errorf("the first unit's page lacks the unit's answer or the answer form")
	}
}
