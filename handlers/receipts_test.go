package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accounts"
	"github.com/gongkai/gongkai/models/documents"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/publications"
)

func init() {
	matrixPosts["/cases/:id/documents/:doc/sign"] = func(f *matrixFixture, _ models.Role) matrixTarget {
		var notice documents.Document
		f.b.store.DB.Omit("html", "docx").Where("subject = ? AND subject_id = ? AND kind = ?", "accountability_case", f.notified, "case_notice").Limit(1).Find(&notice)
		return f.notifiedPost("/documents/" + itoa(notice.ID) + "/sign")
	}
	matrixPosts["/publications/:id/remind"] = func(f *matrixFixture, _ models.Role) matrixTarget {
		return matrixTarget{path: "/publications/" + itoa(f.pub.other) + "/remind", form: f.values("dept", itoa(f.b.own.ID), "note", "请尽快答复")}
	}
}

// The head of a case's department signs for its notice on the notice's
// page (签收): once, the second time refused in Chinese; the line "签收：
// name date time" stands under the document; the discipline office reads
// who signed; nobody else may sign.
func TestSignCaseNoticeOnItsPage(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		_, err := accounts.New(s).CreateUser(context.Background(), models.System, accounts.NewUser{Username: "head2", Name: "李", Role: models.RoleHead, DepartmentID: b.other.ID, Password: testPassword})
		modelstest.Must(t, err)
		casePath, dis := decidedCase(t, b, s)
		head, head2, office := b.signedIn(t, "head"), b.signedIn(t, "head2"), b.signedIn(t, "office")
		var notice documents.Document
		modelstest.Must(t, s.DB.Omit("html", "docx").Where("subject = ? AND kind = ?", "accountability_case", "case_notice").Order("id desc").First(&notice).Error)
		page := casePath + "/documents/" + itoa(notice.ID)
		sign := page + "/sign"

		_, body := head.get(page)
		if !strings.Contains(body, `action="`+sign+`"`) || !strings.Contains(body, "未签收") {
			t.Fatal("the head is not offered to sign the unsigned notice")
		}
		if _, body := dis.get(page); strings.Contains(body, `action="`+sign+`"`) || !strings.Contains(body, "未签收") {
			t.Error("the issuer does not read the notice unsigned, or is offered to sign it")
		}
		for _, c := range []struct {
			who  *client
			want int
		}{{office, http.StatusForbidden}, {dis, http.StatusForbidden}, {head2, http.StatusNotFound}} {
			if resp, _ := c.who.post(sign, url.Values{"_csrf": {c.who.token("/")}}); resp.StatusCode != c.want {
				t.Errorf("signed by another: %d, want %d", resp.StatusCode, c.want)
			}
		}
		if resp, _ := head.post(sign, url.Values{}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("signed without the form's token: %d", resp.StatusCode)
		}
		if resp, body := head.post(sign, url.Values{"_csrf": {head.token(page)}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("sign: %d %s", resp.StatusCode, errorOf(body))
		}
		line := regexp.MustCompile(`<p class="gw-receipt receipt" data-department="\d+">签收：张卫 2026年3月4日 \d\d:\d\d</p>`)
		_, body = head.get(page)
		if !line.MatchString(body) || strings.Contains(body, `action="`+sign+`"`) {
			t.Errorf("after signing the page lacks the receipt under the document, or still offers to sign")
		}
		resp, body := head.post(sign, url.Values{"_csrf": {head.token("/")}})
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(errorOf(body), "不能重复签收") {
			t.Errorf("a second signature: %d %q, want refused in Chinese", resp.StatusCode, errorOf(body))
		}
		_, body = dis.get(page)
		if !line.MatchString(body) || strings.Contains(body, "未签收") || !strings.Contains(body, "<td>张卫</td>") {
			t.Error("the issuer does not read who signed")
		}
	})
}

// The office reminds (催办) the consulted department that has not answered
// a publication's letter: its accounts read it with the note in the inbox,
// the page lists who read it; nothing chosen, or the letter answered
// meanwhile, is refused in Chinese; a clerk may not remind.
func TestRemindPublicationOnItsPage(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		pub := newPubFixture(t, b)
		office, head, clerk := b.signedIn(t, "office"), b.signedIn(t, "head"), b.signedIn(t, "clerk")
		page := "/publications/" + itoa(pub.other)
		remind := page + "/remind"

		_, body := office.get(page)
		if !strings.Contains(body, `action="`+remind+`"`) || !strings.Contains(body, `name="dept" value="`+itoa(b.own.ID)+`" checked`) || !strings.Contains(body, "尚未发送催办") {
			t.Fatal("the office is not offered to remind the consulted department that has not answered")
		}
		if resp, _ := clerk.post(remind, url.Values{"_csrf": {clerk.token("/")}, "dept": {itoa(b.own.ID)}}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("a clerk reminded: %d", resp.StatusCode)
		}
		resp, body := office.post(remind, url.Values{"_csrf": {office.token(page)}, "note": {"请尽快答复"}})
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="err-target" role="alert">请选择要催办的审查环节或协商单位`) {
			t.Errorf("a reminder to nobody: %d, want refused beside the choice", resp.StatusCode)
		}
		if resp, body := office.post(remind, url.Values{"_csrf": {office.token(page)}, "dept": {itoa(b.own.ID)}, "note": {"请尽快答复"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("remind: %d %s", resp.StatusCode, errorOf(body))
		}
		_, inbox := head.get("/inbox?unread=1")
		if !strings.Contains(inbox, "《矩阵文件MX-OTHER》尚待办理，办公室催办") || !strings.Contains(inbox, "请尽快答复") {
			t.Error("the consulted department's head does not read the reminder with its note")
		}
		_, body = office.get(page)
		reads := regexp.MustCompile(`<tr><td>[^<]+</td><td>张卫</td><td>[^<]+</td><td>请尽快答复</td><td><span class="muted">未读</span></td></tr>`)
		if !reads.MatchString(body) {
			t.Error("the page does not list the reminder sent to 张卫, unread")
		}

		var c publications.Consultation
		modelstest.Must(t, s.DB.First(&c, pub.consultation).Error)
		modelstest.Must(t, publications.New(s).Answer(context.Background(), models.Viewer{UserID: 902, Name: "张卫", Role: models.RoleHead, DepartmentID: b.own.ID}, c.ID, "同意", "", b.clock.Now()))
		resp, body = office.post(remind, url.Values{"_csrf": {office.token(page)}, "dept": {itoa(b.own.ID)}})
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(errorOf(body), "已答复") {
			t.Errorf("a reminder after the answer: %d %q, want refused in Chinese", resp.StatusCode, errorOf(body))
		}
	})
}
