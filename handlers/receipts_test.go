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
)

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
