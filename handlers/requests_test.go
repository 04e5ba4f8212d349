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

// A clerk registers and works a request on its page; a telephone enquiry
// and a second submit are refused in Chinese beside the form; another
// department's clerk gets a 404 for it, the auditor reads it masked and
// may not work it; the letters print and download; the clerk's home
// lists what is due.
func TestRequestWorkedOnItsPage(t *testing.T) {
	t.Parallel()
	s := modelstest.Open(t, "sqlite")
	b := newBureau(t, s)
	_, err := accounts.New(s).CreateUser(t.Context(), models.System, accounts.NewUser{Username: "clerk2", Name: "周强", Role: models.RoleClerk,
		DepartmentID: b.other.ID, Password: testPassword})
	modelstest.Must(t, err)
	clerk := b.signedIn(t, "clerk")

	form := url.Values{"received": {"2026-02-10"}, "channel": {"电话"}, "applicant": {"自然人"}, "name": {"张三丰"},
		"id_no": {"320102199001011234"}, "contact": {"13805275678"}, "content": {"辖区治安案件统计数据"}}
	form.Set("_csrf", clerk.token("/requests/new"))
	resp, body := clerk.post("/requests/new", form)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(errorOf(body), "书面申请") {
		t.Fatalf("telephone enquiry: %d %s", resp.StatusCode, errorOf(body))
	}
	form.Set("channel", "当面")
	page := clerk.step("/requests/new", "/requests/new", form)
	if !strings.HasPrefix(page, "/requests/") {
		t.Fatalf("registered to %s", page)
	}
	resp, body = clerk.post("/requests/new", form)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(errorOf(body), "请勿重复提交") {
		t.Errorf("double register: %d %s", resp.StatusCode, errorOf(body))
	}

	_, body = clerk.get(page)
	for _, want := range []string{"320102199001011234", "2026-03-03", "出具补正告知书", "征求第三方意见", "申请延期答复"} {
		if !strings.Contains(body, want) {
			t.Errorf("clerk's page lacks %q", want)
		}
	}
	clerk.step(page, page+"/correction", url.Values{"date": {"2026-02-11"}, "note": {"请写明统计期间"}})
	form = url.Values{"date": {"2026-02-11"}, "note": {"again"}, "_csrf": {clerk.token(page)}}
	if resp, body := clerk.post(page+"/correction", form); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(errorOf(body), "请勿重复提交") {
		t.Errorf("second correction: %d %s", resp.StatusCode, errorOf(body))
	}
	_, body = clerk.get(page)
	if !strings.Contains(body, "治安支队依申〔2026〕1号") || !strings.Contains(body, "等待补正") {
		t.Errorf("page after the correction notice lacks the letter or the state")
	}
	other := b.signedIn(t, "clerk2")
	if resp, _ := other.get(page); resp.StatusCode != http.StatusNotFound {
		t.Errorf("another department's clerk reading: %d, want 404", resp.StatusCode)
	}
	form = url.Values{"date": {"2026-02-12"}, "_csrf": {other.token("/")}}
	if resp, _ := other.post(page+"/corrected", form); resp.StatusCode != http.StatusNotFound {
		t.Errorf("another department's clerk working: %d, want 404", resp.StatusCode)
	}
	auditor := b.signedIn(t, "auditor")
	resp, body = auditor.get(page)
	if resp.StatusCode != http.StatusOK || strings.Contains(body, "320102199001011234") || !strings.Contains(body, "3201**********1234") || strings.Contains(body, "收到补正") {
		t.Errorf("auditor's page: %d, unmasked or with a form", resp.StatusCode)
	}
	form = url.Values{"date": {"2026-02-12"}, "_csrf": {auditor.token("/")}}
	if resp, _ := auditor.post(page+"/corrected", form); resp.StatusCode != http.StatusForbidden {
		t.Errorf("auditor working: %d, want 403", resp.StatusCode)
	}

	clerk.step(page, page+"/corrected", url.Values{"date": {"2026-02-13"}})
	clerk.step(page, page+"/extension", url.Values{"date": {"2026-02-16"}, "note": {"需调取多个派出所数据"}})
	_, home := clerk.get("/")
	if !strings.Contains(home, "延期等待办公室审批") {
		t.Errorf("the clerk's home does not list the extension waiting")
	}
	office := b.signedIn(t, "office")
	_, home = office.get("/")
	if !strings.Contains(home, `href="`+page+`"`) {
		t.Errorf("the office's home does not link the extension waiting")
	}
	office.step(page, page+"/extension/decide", url.Values{"date": {"2026-02-17"}, "choice": {"approve"}})
	clerk.step(page, page+"/answer", url.Values{"date": {"2026-02-20"}, "answer": {"同意公开"}, "result": {"予以公开"}, "fee": {"0"},
		"delivered": {"2026-02-20"}, "method": {"邮寄"}})
	_, body = clerk.get(page)
	if !strings.Contains(body, "已答复") || !strings.Contains(body, "治安支队依申〔2026〕3号") {
		t.Errorf("answered page lacks the state or the answer letter")
	}
	var docID uint
	modelstest.Must(t, s.DB.Table("documents").Where("kind = ?", "request_answer").Select("id").Scan(&docID).Error)
	resp, body = auditor.get(page + "/letters/" + itoa(docID))
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "政府信息公开申请答复书") || !strings.Contains(body, "2026年2月20日") {
		t.Errorf("answer letter: %d", resp.StatusCode)
	}
	if resp, body := clerk.get(page + "/letters/" + itoa(docID) + "/docx"); resp.StatusCode != http.StatusOK || !strings.HasPrefix(body, "PK") {
		t.Errorf("answer letter's DOCX: %d", resp.StatusCode)
	}
	if resp, _ := other.get(page + "/letters/" + itoa(docID)); resp.StatusCode != http.StatusNotFound {
		t.Errorf("another department's clerk reading a letter: %d, want 404", resp.StatusCode)
	}
}

// The office edits a letter's template; a department may not.
func TestOfficeEditsLetterTemplates(t *testing.T) {
	t.Parallel()
	s := modelstest.Open(t, "sqlite")
	b := newBureau(t, s)
	office := b.signedIn(t, "office")
	office.step("/requests/letters", "/requests/letters/request_answer", url.Values{"body": {"经审查，予以公开。{送达}"}})
	_, body := office.get("/requests/letters")
	if !strings.Contains(body, "经审查，予以公开。{送达}") || !strings.Contains(body, "第1版") {
		t.Errorf("the templates page does not show the new version")
	}
	clerk := b.signedIn(t, "clerk")
	if resp, _ := clerk.get("/requests/letters"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("clerk reading the templates: %d, want 403", resp.StatusCode)
	}
}
