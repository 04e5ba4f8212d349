package handlers_test

import (
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/modelstest"
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
		if !strings.Contains(log, "approve") || !strings.Contains(log, "2025-修订") {
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
