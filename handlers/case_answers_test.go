package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accountability"
	"github.com/gongkai/gongkai/models/accounts"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/seed"
)

// decidedCase runs a case on the head's department to its notice through
// the pages: 通报批评 and 限期整改 due 2027-01-31, notified on 2026-03-04.
func decidedCase(t *testing.T, b *bureau, s *models.Store) (casePath string, dis *client) {
	t.Helper()
	modelstest.Must(t, seed.Facts(context.Background(), s))
	dis = b.signedIn(t, "discipline")
	casePath = dis.step("/cases", "/cases", url.Values{"department": {itoa(b.own.ID)}, "trigger": {"1"}, "summary": {"目录事项未公开"}})
	dis.step(casePath, casePath+"/persons", url.Values{"name": {"王五"}, "police_no": {"320001"}, "unit": {itoa(b.own.ID)}, "post": {"handler"}})
	var cp accountability.CasePerson
	modelstest.Must(t, s.DB.Order("id desc").First(&cp).Error)
	dis.step(casePath, casePath+"/persons/"+itoa(cp.PersonID)+"/statement", url.Values{"kind": {"stated"}, "text": {"陈述"}, "date": {"2026-03-02"}})
	dis.step(casePath, casePath+"/hear", url.Values{})
	b.clock.Advance(2 * 24 * time.Hour) // 2026-03-04
	dis.step(casePath, casePath+"/decide", url.Values{"date": {"2026-03-03"}, "severity": {"3"}, "reasons": {"属实"},
		"sanction": {"0:通报批评", "0:限期整改"}, "due_0_限期整改": {"2027-01-31"}})
	dis.step(casePath, casePath+"/notify", url.Values{"date": {"2026-03-04"}})
	return casePath, dis
}

// The head of a sanctioned department sees on the home page the case, the
// rectification due 2027-01-31 and the last day to appeal; appeals with a
// file; reports the rectification done with a file, which the discipline
// office then verifies (issue 20 item 7).
func TestSanctionedDepartmentAnswersItsCase(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		_, err := accounts.New(s).CreateUser(context.Background(), models.System, accounts.NewUser{Username: "head2", Name: "李", Role: models.RoleHead, DepartmentID: b.other.ID, Password: testPassword})
		modelstest.Must(t, err)
		casePath, dis := decidedCase(t, b, s)
		head, head2, office := b.signedIn(t, "head"), b.signedIn(t, "head2"), b.signedIn(t, "office")
		pdf := []byte("%PDF-1.7\n%%EOF")

		_, home := head.get("/")
		for _, want := range []string{`href="` + casePath + `"`, "限期整改", "2027-01-31", "申请复核截止", "2026-04-03", "纪公开通〔2026〕1号"} {
			if !strings.Contains(home, want) {
				t.Errorf("the head's home lacks %q", want)
			}
		}
		if _, home2 := head2.get("/"); strings.Contains(home2, casePath) {
			t.Error("another department's head sees the case on the home page")
		}

		// The appeal carries a file, which the head reads back.
		resp, body := head.postFiles(casePath+"/appeal", url.Values{"_csrf": {head.token(casePath)}, "kind": {"复核"}, "appellant": {"治安支队"}, "grounds": {"不服"}}, map[string][]byte{"申辩材料.pdf": pdf})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("appeal with a file: %d %s", resp.StatusCode, errorOf(body))
		}
		var a accountability.Attachment
		modelstest.Must(t, s.DB.Where("appeal_id <> 0").First(&a).Error)
		_, page := head.get(casePath)
		link := casePath + "/attachments/" + itoa(a.ID)
		if !strings.Contains(page, `href="`+link+`"`) || !strings.Contains(page, "申辩材料.pdf") {
			t.Error("the case page does not list the appeal's file")
		}
		if resp, got := head.get(link); resp.StatusCode != 200 || got != string(pdf) {
			t.Errorf("the head reads the appeal's file: %d", resp.StatusCode)
		}
		if resp, _ := head2.get(link); resp.StatusCode != http.StatusNotFound {
			t.Errorf("another head reads the file: %d", resp.StatusCode)
		}

		// The rectification reported done, with its file.
		var r accountability.SanctionRow
		modelstest.Must(t, s.DB.Where("name = ?", "限期整改").First(&r).Error)
		report := casePath + "/sanctions/" + itoa(r.ID) + "/report"
		if !strings.Contains(page, `action="`+report+`"`) {
			t.Fatal("the case page offers the head no report of the rectification")
		}
		if resp, _ := office.postFiles(report, url.Values{"_csrf": {office.token("/")}, "date": {"2026-03-04"}, "text": {"x"}}, nil); resp.StatusCode != http.StatusForbidden {
			t.Errorf("the office reported for the department: %d", resp.StatusCode)
		}
		if resp, _ := head2.postFiles(report, url.Values{"_csrf": {head2.token("/")}, "date": {"2026-03-04"}, "text": {"x"}}, nil); resp.StatusCode != http.StatusNotFound {
			t.Errorf("another head reported: %d", resp.StatusCode)
		}
		resp, body = head.postFiles(report, url.Values{"_csrf": {head.token(casePath)}, "date": {"2026-03-04"}, "text": {""}}, map[string][]byte{"a.pdf": pdf})
		if resp.StatusCode != http.StatusUnprocessableEntity || errorOf(body) == "" {
			t.Errorf("a report without text: %d", resp.StatusCode)
		}
		resp, body = head.postFiles(report, url.Values{"_csrf": {head.token(casePath)}, "date": {"2026-03-04"}, "text": {"已完成整改"}}, map[string][]byte{"run.pdf": []byte("MZ\x90\x00")})
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(errorOf(body), "run.pdf") {
			t.Errorf("a program as a file: %d %q", resp.StatusCode, errorOf(body))
		}
		resp, body = head.postFiles(report, url.Values{"_csrf": {head.token(casePath)}, "date": {"2026-03-04"}, "text": {"已完成整改"}}, map[string][]byte{"整改报告.pdf": pdf})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("report: %d %s", resp.StatusCode, errorOf(body))
		}
		_, page = head.get(casePath)
		if !strings.Contains(page, "报告完成，待纪委核实") || !strings.Contains(page, "整改报告.pdf") || strings.Contains(page, `action="`+report+`"`) {
			t.Error("the case page does not show the report waiting for verification")
		}
		if _, home := head.get("/"); strings.Contains(home, "2027-01-31") {
			t.Error("the rectification reported done is still due on the home page")
		}
		_, page = dis.get(casePath)
		if !strings.Contains(page, "已完成整改") || !strings.Contains(page, "/sanctions/"+itoa(r.ID)+"/complete") {
			t.Error("the discipline office is not offered to verify the report")
		}
		dis.step(casePath, casePath+"/sanctions/"+itoa(r.ID)+"/complete", url.Values{"date": {"2026-03-04"}})
		modelstest.Must(t, s.DB.First(&r, r.ID).Error)
		if r.Completed == nil {
			t.Error("the verification was not recorded")
		}
	})
}
