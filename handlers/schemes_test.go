package handlers_test

import (
	"net/url"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/scoring"
)

func TestSchemeCopyEditRefuseApproveFreeze(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		withYear(t, b)
		office := b.client(t)
		office.signIn("office", testPassword)
		_, list := office.get("/schemes")
		def := regexpFind(t, list, `href="/schemes/([^"]+)"`)

		resp, _ := office.post("/schemes/"+def+"/copy", url.Values{"_csrf": {office.token("/schemes/" + def)}, "to": {"2025-修订"}})
		if resp.StatusCode != 303 {
			t.Fatalf("copy: %d", resp.StatusCode)
		}
		draft := "/schemes/" + url.PathEscape("2025-修订")
		sv, err := s.SchemeByVersion(t.Context(), "2025-修订")
		modelstest.Must(t, err)
		if sv.Status != models.SchemeDraft || sv.BasedOn != def {
			t.Fatalf("copy is %s based on %q", sv.Status, sv.BasedOn)
		}

		// A1 from 20 to 15: points no longer sum to 100.
		bad := strings.Replace(sv.Body, `"points": 20`, `"points": 15`, 1)
		resp, body := office.post(draft, url.Values{"_csrf": {office.token(draft)}, "body": {bad}})
		if resp.StatusCode != 422 || !strings.Contains(body, "100") {
			t.Fatalf("invalid scheme: %d, want 422 naming the sum", resp.StatusCode)
		}
		if again, _ := s.SchemeByVersion(t.Context(), "2025-修订"); again.Body != sv.Body {
			t.Error("an invalid scheme was saved")
		}

		if resp, _ := office.post(draft+"/approve", url.Values{"_csrf": {office.token(draft)}}); resp.StatusCode != 403 {
			t.Errorf("office approving: %d, want 403 (the leading group approves)", resp.StatusCode)
		}
		leader := b.client(t)
		leader.signIn("leader", testPassword)
		if resp, _ := leader.post(draft+"/approve", url.Values{"_csrf": {leader.token(draft)}}); resp.StatusCode != 303 {
			t.Fatalf("leader approving: %d", resp.StatusCode)
		}
		resp, body = office.post(draft, url.Values{"_csrf": {office.token(draft)}, "body": {sv.Body}})
		if resp.StatusCode != 422 || !strings.Contains(body, "已批准的方案不能修改") {
			t.Errorf("editing an approved scheme: %d", resp.StatusCode)
		}
		_, log := office.get("/audit?entity=scheme")
		if !strings.Contains(log, "批准") || !strings.Contains(log, "2025-修订") {
			t.Error("approval not in the audit log")
		}
	})
}

func regexpFind(t *testing.T, s, pattern string) string {
	t.Helper()
	m := regexp.MustCompile(pattern).FindStringSubmatch(s)
	if m == nil {
		t.Fatalf("%s not found", pattern)
	}
	return m[1]
}

// A scheme reads as a table, compared with the version it was copied from;
// the office edits a draft through a field per setting, and a value it
// cannot read is shown again, as typed, beside its field.
func TestSchemeReadsAsATableComparedWithItsOrigin(t *testing.T) {
	t.Parallel() // its own database
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		withYear(t, b)
		leader := b.client(t)
		leader.signIn("leader", testPassword)
		_, page := leader.get("/schemes/default-2")
		changes := section(t, page, "changes")
		for _, want := range []string{"与所复制的“警务公开工作考核默认方案”相比", "相关责任主体与牵头部门同样负有公开义务", "<del>否</del>", "<ins>是</ins>", "无公开义务的部门不参评", "A2 公开及时、D2 保密审查"} {
			if !strings.Contains(changes, want) {
				t.Errorf("default-2 against default-1 lacks %q", want)
			}
		}
		if strings.Contains(changes, "依申请公开答复时限") {
			t.Error("an unchanged setting is listed as changed")
		}
		if !strings.Contains(page, "收到申请后 15 个工作日内答复为按时") || !strings.Contains(page, "总分不低于 90 分") || strings.Contains(page, "<pre class=\"code\">{") && !strings.Contains(page, "<details") {
			t.Error("the scheme is not shown as rules in words")
		}

		office := b.client(t)
		office.signIn("office", testPassword)
		if resp, _ := office.post("/schemes/default-2/copy", url.Values{"_csrf": {office.token("/schemes/default-2")}, "to": {"2026"}, "name": {"2026年度考核方案"}}); resp.StatusCode != 303 {
			t.Fatalf("copy: %d", resp.StatusCode)
		}
		form := formValues(t, office, "/schemes/2026", "form")
		form.Set("points.A1", "15")
		form.Set("points.A2", "15")
		form.Set("grades.excellent", "85")
		form.Set("veto_incidents", "泄密\n弄虚作假")
		if resp, body := office.post("/schemes/2026", form); resp.StatusCode != 303 {
			t.Fatalf("form save: %d %s", resp.StatusCode, errorOf(body))
		}
		_, page = office.get("/schemes/2026")
		changes = section(t, page, "changes")
		for _, want := range []string{"警务公开工作考核默认方案（第二版）", "A1", "公开目录覆盖 20 分", "公开目录覆盖 15 分", "公开及时 10 分", "公开及时 15 分",
			"总分不低于 90 分", "总分不低于 85 分", "泄密、不应公开而公开、弄虚作假", "<ins>泄密、弄虚作假</ins>"} {
			if !strings.Contains(changes, want) {
				t.Errorf("the copy's comparison lacks %q", want)
			}
		}
		if n := strings.Count(changes, "<ins>"); n != 4 {
			t.Errorf("%d changes listed, want 4", n)
		}

		form.Set("points.A1", "十五")
		resp, body := office.post("/schemes/2026", form)
		if resp.StatusCode != 422 || !strings.Contains(body, "请填写数字") || !strings.Contains(body, `value="十五"`) {
			t.Errorf("unreadable points: %d, want 422 with the value as typed and the reason", resp.StatusCode)
		}
		form.Set("points.A1", "20")
		resp, body = office.post("/schemes/2026", form)
		if resp.StatusCode != 422 || !strings.Contains(body, "100") || !strings.Contains(body, `value="20"`) {
			t.Errorf("points not summing to 100: %d, want 422 naming the sum, the form as typed", resp.StatusCode)
		}
		resp, body = office.post("/schemes/2026", url.Values{"_csrf": {office.token("/schemes/2026")}, "body": {"{\n  \"version\": \"2026\",\n  \"name\": \"x\" \"grades\": {}\n}"}})
		if resp.StatusCode != 422 || !strings.Contains(body, "第 3 行第 15 列") {
			t.Errorf("JSON syntax error: %d, want 422 with line and column: %s", resp.StatusCode, errorOf(body))
		}
	})
}

// section is the HTML of the element with the id.
func section(t *testing.T, page, id string) string {
	t.Helper()
	i := strings.Index(page, `id="`+id+`"`)
	if i < 0 {
		t.Fatalf("no #%s on the page", id)
	}
	end := strings.Index(page[i:], "</section>")
	if end < 0 {
		end = len(page) - i
	}
	return page[i : i+end]
}

// formValues reads the inputs of the form inside #id as a browser would
// send them, with the page's CSRF token.
func formValues(t *testing.T, c *client, path, id string) url.Values {
	t.Helper()
	_, page := c.get(path)
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	out := url.Values{}
	var walk func(n *html.Node, inside bool)
	walk = func(n *html.Node, inside bool) {
		if n.Type == html.ElementNode {
			inside = inside || attr(n, "id") == id
			if inside && attr(n, "name") != "" {
				switch {
				case n.Data == "textarea":
					text := ""
					if n.FirstChild != nil {
						text = n.FirstChild.Data
					}
					out.Set(attr(n, "name"), text)
				case n.Data == "input" && attr(n, "type") == "checkbox":
					for _, a := range n.Attr {
						if a.Key == "checked" {
							out.Set(attr(n, "name"), attr(n, "value"))
						}
					}
				case n.Data == "input":
					out.Set(attr(n, "name"), attr(n, "value"))
				}
			}
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch, inside)
		}
	}
	walk(doc, false)
	return out
}

// A bureau that follows the 2019 regulation alone ticks 补正后重新计算答复期限
// in its copy of default-2: the saved version restarts the clock after a
// correction, its page says so, and the comparison with default-2 names it.
func TestOfficeMakesACorrectionRestartTheClock(t *testing.T) {
	t.Parallel()
	s := modelstest.Open(t, "sqlite")
	b := newBureau(t, s)
	withYear(t, b)
	office := b.client(t)
	office.signIn("office", testPassword)
	form := copyDefault2(t, office)
	if form.Get("limits.correction_restart") != "" {
		t.Fatal("the copy of default-2 restarts the clock after a correction")
	}
	form.Set("limits.correction_restart", "1")
	if !saveVersion2027(t, s, office, form).TimeLimits.Restarts() {
		t.Error("the saved version does not restart the clock after a correction")
	}
	_, page := office.get("/schemes/2027")
	if changes := section(t, page, "changes"); !strings.Contains(changes, "补正后重新计算答复期限") || !strings.Contains(changes, "<ins>是</ins>") {
		t.Errorf("the comparison does not name the change:\n%s", changes)
	}
}

// saveVersion2027 posts the form of version 2027 and returns the scheme saved.
func saveVersion2027(t *testing.T, s *models.Store, office *client, form url.Values) *scoring.Scheme {
	t.Helper()
	if resp, body := office.post("/schemes/2027", form); resp.StatusCode != 303 {
		t.Fatalf("form save: %d %s", resp.StatusCode, errorOf(body))
	}
	sv, err := s.SchemeByVersion(t.Context(), "2027")
	modelstest.Must(t, err)
	sch, err := sv.Scheme()
	modelstest.Must(t, err)
	return sch
}

// copyDefault2 copies default-2 as the office's version 2027 and returns its
// form as shown, to edit and post back to /schemes/2027.
func copyDefault2(t *testing.T, office *client) url.Values {
	t.Helper()
	if resp, _ := office.post("/schemes/default-2/copy", url.Values{"_csrf": {office.token("/schemes/default-2")}, "to": {"2027"}, "name": {"2027年度考核方案"}}); resp.StatusCode != 303 {
		t.Fatalf("copy: %d", resp.StatusCode)
	}
	return formValues(t, office, "/schemes/2027", "form")
}
