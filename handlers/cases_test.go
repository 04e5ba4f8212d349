package handlers_test

import (
	"archive/zip"
	"bytes"
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accountability"
	"github.com/gongkai/gongkai/models/accounts"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/seed"
)

// signedIn returns a client signed in as username.
func (b *bureau) signedIn(t *testing.T, username string) *client {
	t.Helper()
	c := b.client(t)
	if resp := c.signIn(username, testPassword); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in %s: %d", username, resp.StatusCode)
	}
	return c
}

// step posts a case form with the page's CSRF token and wants a redirect.
func (c *client) step(page, path string, form url.Values) string {
	c.t.Helper()
	form.Set("_csrf", c.token(page))
	resp, body := c.post(path, form)
	if resp.StatusCode != http.StatusSeeOther {
		c.t.Fatalf("POST %s: %d %s", path, resp.StatusCode, errorOf(body))
	}
	return resp.Header.Get("Location")
}

var (
	alertRe = regexp.MustCompile(`(?s)role="alert">(.*?)<`)
	tagRe   = regexp.MustCompile(`(?s)<[^>]*>`)
	// codes that must never show on a Chinese page
	codeRe = regexp.MustCompile(`\b(investigating|heard|decided|notified|appealed|reviewed|revoked|handler|in_charge|principal|stated|refused|secondary)\b`)
)

// errorOf is every alert of a page, joined: the banner of a rejected form
// and each error beside its field.
func errorOf(body string) string {
	var out []string
	for _, m := range alertRe.FindAllStringSubmatch(body, -1) {
		out = append(out, m[1])
	}
	return strings.Join(out, " ")
}

// The whole procedure through the pages, and who sees what of it, by URL
// and by id: a case the viewer may not read is a 404 like one that does
// not exist; notes stay with the discipline office and auditors.
func TestCasePagesAndVisibility(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		ctx := context.Background()
		_, err := accounts.New(s).CreateUser(ctx, models.System, accounts.NewUser{Username: "head2", Name: "李", Role: models.RoleHead, DepartmentID: b.other.ID, Password: testPassword})
		modelstest.Must(t, err)
		modelstest.Must(t, seed.Facts(ctx, s)) // the scheme, whose capping sanctions the effects follow
		modelstest.Must(t, s.DB.Create(&models.Publication{DepartmentID: b.own.ID, IndexNo: "ZA-7", Seq: 23, Title: "治安案件典型案例", Channel: "网站", Published: time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)}).Error)
		dis := b.signedIn(t, "discipline")

		// No CSRF token, no case.
		if resp, _ := dis.post("/cases", url.Values{"department": {itoa(b.own.ID)}, "trigger": {"1"}}); resp.StatusCode != http.StatusForbidden {
			t.Fatalf("POST /cases without CSRF: %d", resp.StatusCode)
		}
		// 其他 needs its description.
		form := url.Values{"department": {itoa(b.own.ID)}, "trigger": {"5"}, "_csrf": {dis.token("/cases")}}
		if resp, body := dis.post("/cases", form); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(errorOf(body), "其他情形") {
			t.Fatalf("其他 without text: %d %q", resp.StatusCode, errorOf(body))
		}
		casePath := dis.step("/cases", "/cases", url.Values{"department": {itoa(b.own.ID)}, "trigger": {"1"}, "summary": {"目录事项未公开"}})
		if !strings.HasPrefix(casePath, "/cases/") {
			t.Fatalf("opened case at %q", casePath)
		}
		dis.step(casePath, casePath+"/notes", url.Values{"note": {"秘密调查记录"}})
		dis.step(casePath, casePath+"/evidence", url.Values{"kind": {"publication"}, "ref": {"ZA-7"}})
		form = url.Values{"_csrf": {dis.token(casePath)}, "kind": {"request"}, "ref": {"ZA-7"}}
		if resp, body := dis.post(casePath+"/evidence", form); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(errorOf(body), "ZA-7") {
			t.Errorf("linked a record that does not exist: %d %q", resp.StatusCode, errorOf(body))
		}
		dis.step(casePath, casePath+"/persons", url.Values{"name": {"王五"}, "police_no": {"320001"}, "unit": {itoa(b.own.ID)}, "post": {"handler"}})
		var cp accountability.CasePerson
		modelstest.Must(t, s.DB.Order("id desc").First(&cp).Error)
		pid := itoa(cp.PersonID)

		// A decision before the statement is refused; the page says why.
		form = url.Values{"_csrf": {dis.token(casePath)}}
		if resp, body := dis.post(casePath+"/hear", form); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(errorOf(body), "王五") {
			t.Fatalf("hearing closed without a statement: %d %q", resp.StatusCode, errorOf(body))
		}

		before := map[string]int{}
		for _, tt := range []struct {
			user string
			want int
		}{{"discipline", 200}, {"auditor", 200}, {"office", 404}, {"leader", 404}, {"head", 404}, {"head2", 404}} {
			c := dis
			if tt.user != "discipline" {
				c = b.signedIn(t, tt.user)
			}
			resp, body := c.get(casePath)
			before[tt.user] = resp.StatusCode
			if resp.StatusCode != tt.want {
				t.Errorf("%s under investigation: %d, want %d", tt.user, resp.StatusCode, tt.want)
			}
			if tt.want == 200 && !strings.Contains(body, "秘密调查记录") {
				t.Errorf("%s does not see the notes", tt.user)
			}
		}
		// A GET changes nothing.
		if resp, _ := dis.get(casePath + "/hear"); resp.StatusCode == http.StatusSeeOther || resp.StatusCode == http.StatusOK {
			t.Errorf("GET %s/hear: %d", casePath, resp.StatusCode)
		}

		dis.step(casePath, casePath+"/persons/"+pid+"/statement", url.Values{"kind": {"refused"}, "text": {"拒绝陈述"}, "date": {"2026-03-02"}})
		dis.step(casePath, casePath+"/hear", url.Values{})
		b.clock.Advance(2 * 24 * time.Hour) // 2026-03-04
		dis.step(casePath, casePath+"/decide", url.Values{"date": {"2026-03-03"}, "severity": {"2"}, "reasons": {"属实"},
			"sanction": {"0:通报批评", pid + ":书面检查"}})
		dis.step(casePath, casePath+"/notify", url.Values{"date": {"2026-03-04"}})

		_, body := dis.get(casePath)
		if strings.Contains(body, "<nil>") || strings.Contains(body, "{") {
			t.Error("the case page shows Go values")
		}
		if text := tagRe.ReplaceAllString(body, " "); codeRe.MatchString(text) {
			t.Errorf("the Chinese case page shows a code: %q", codeRe.FindString(text))
		}
		for _, want := range []string{"已下达书面通知", "纪公开通〔2026〕1号", "2026年4月3日", "拒绝陈述申辩", "公开记录ZA-7：治安案件典型案例"} {
			if !strings.Contains(body, want) {
				t.Errorf("case page lacks %q", want)
			}
		}

		head, office, head2 := b.signedIn(t, "head"), b.signedIn(t, "office"), b.signedIn(t, "head2")
		if _, body := office.get("/cases"); !strings.Contains(body, "当年最高为合格") {
			t.Error("the office is not shown the decision's effect on the grade")
		}
		for _, tt := range []struct {
			name string
			c    *client
			want int
		}{{"head", head, 200}, {"office", office, 200}, {"head2", head2, 404}} {
			resp, body := tt.c.get(casePath)
			if resp.StatusCode != tt.want {
				t.Errorf("%s after the notice: %d, want %d", tt.name, resp.StatusCode, tt.want)
			}
			if strings.Contains(body, "秘密调查记录") || strings.Contains(body, "拒绝陈述<") {
				t.Errorf("%s sees the investigation notes", tt.name)
			}
			_, list := tt.c.get("/cases")
			if listed := strings.Contains(list, `href="`+casePath+`"`); listed != (tt.want == 200) {
				t.Errorf("%s: listed = %v", tt.name, listed)
			}
			if resp, _ := tt.c.get(casePath + "/notice.docx"); resp.StatusCode != tt.want {
				t.Errorf("%s notice.docx: %d", tt.name, resp.StatusCode)
			}
		}
		resp, docx := head.get(casePath + "/notice.docx")
		if z, err := zip.NewReader(bytes.NewReader([]byte(docx)), int64(len(docx))); err != nil || resp.StatusCode != 200 || len(z.File) == 0 {
			t.Errorf("notice.docx is no document: %v", err)
		} else if xml := zipPart(t, z, "word/document.xml"); !strings.Contains(xml, "纪公开通〔2026〕1号") || !strings.Contains(xml, "2026年3月4日") || strings.Contains(xml, "2026-03-04") {
			t.Error("notice.docx lacks its number or its date written 2026年3月4日")
		}
		// Only the discipline office changes a case; a head may appeal.
		if resp, _ := head.post(casePath+"/notes", url.Values{"_csrf": {head.token("/")}, "note": {"x"}}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("a head wrote a note: %d", resp.StatusCode)
		}
		if resp, _ := head2.post(casePath+"/appeal", url.Values{"_csrf": {head2.token("/")}, "kind": {"复核"}, "filed": {"2026-03-05"}, "appellant": {"x"}, "grounds": {"x"}}); resp.StatusCode != http.StatusNotFound {
			t.Errorf("another head appealed: %d", resp.StatusCode)
		}
		anon := b.client(t)
		if resp, _ := anon.get(casePath); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("the public reads a case: %d", resp.StatusCode)
		}

		// An appeal after the window is refused with the date it closed; a
		// head's appeal is dated the day it is filed, whatever the form says.
		b.clock.Advance(31 * 24 * time.Hour) // 2026-04-04
		form = url.Values{"_csrf": {head.token(casePath)}, "kind": {"复核"}, "filed": {"2026-04-03"}, "appellant": {"治安支队"}, "grounds": {"不服"}}
		if resp, body := head.post(casePath+"/appeal", form); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(errorOf(body), "2026年4月3日") {
			t.Errorf("late appeal: %d %q", resp.StatusCode, errorOf(body))
		}
		b.clock.Advance(-24 * time.Hour) // the last day
		head.step(casePath, casePath+"/appeal", url.Values{"kind": {"复核"}, "appellant": {"治安支队"}, "grounds": {"不服"}})
		dis.step(casePath, casePath+"/outcome", url.Values{"outcome": {"撤销"}, "date": {"2026-04-03"}, "reasons": {"证据不足"}})
		_, body = head.get(casePath)
		if !strings.Contains(body, "已撤销") {
			t.Error("the head does not see the revocation")
		}
		// The revocation is a 复核决定书 of its own; the notice stays as issued.
		review := regexp.MustCompile(`/cases/\d+/documents/\d+`).FindAllString(body, -1)
		if len(review) < 2 {
			t.Fatalf("the case page lists %d documents, want the notice and the 复核决定书", len(review))
		}
		if _, page := head.get(review[len(review)-1]); !strings.Contains(page, "纪公开复〔2026〕1号") || !strings.Contains(page, "决定撤销纪公开通〔2026〕1号所作处理决定") || !strings.Contains(page, "2026年4月3日") {
			t.Errorf("复核决定书: %.300s", tagRe.ReplaceAllString(page, " "))
		}
		if _, page := head.get(casePath + "/notice"); !strings.Contains(page, "书面检查") || !strings.Contains(page, "2026年3月4日") || !strings.Contains(page, "纪公开复〔2026〕1号") {
			t.Error("the notice changed on revocation, or does not name the decision that revoked it")
		}

		// English switch.
		en := b.signedIn(t, "discipline")
		en.cookies["lang"] = &http.Cookie{Name: "lang", Value: "en"}
		if _, body := en.get(casePath); !strings.Contains(body, "Revoked") {
			t.Error("the English case page does not say Revoked")
		}
	})
}

// zipPart is the text of one part of a ZIP package.
func zipPart(t *testing.T, z *zip.Reader, name string) string {
	t.Helper()
	r, err := z.Open(name)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	defer r.Close()
	var b bytes.Buffer
	if _, err := b.ReadFrom(r); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
