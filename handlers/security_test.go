package handlers_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/handlers"
	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/modelstest"
)

// TestLangRefusesEveryHostileBack: /lang?back= goes back to a path of this
// site or to /, whatever a browser would make of the value.
func TestLangRefusesEveryHostileBack(t *testing.T) {
	t.Parallel()
	b := newBureau(t, modelstest.Open(t, "sqlite"))
	c := b.client(t)
	for _, back := range []string{
		"//evil.example", "///evil.example", "/\\evil.example", "\\\\evil.example", "/\\/evil.example",
		"/\t/evil.example", "/\n/evil.example", "/\r/evil.example", "/\x00/evil.example", "/\x0b/evil.example",
		"/\x7f/evil.example", "/ /evil.example", "/\u00a0/evil.example", "/\u3000/evil.example", "/\u2028/evil.example",
		"/%09/evil.example", "https://evil.example", "http:/evil.example", "javascript:alert(1)", "evil.example",
		"/foo\\..\\..\\evil.example", "/x\xff", "", " /", "\t//evil.example", "%2F%2Fevil.example",
	} {
		q := url.Values{"to": {"en"}, "back": {back}}
		resp, _ := c.get("/lang?" + q.Encode())
		loc := resp.Header.Get("Location")
		if resp.StatusCode != 303 {
			t.Errorf("back=%q: %d", back, resp.StatusCode)
			continue
		}
		// Only a literal %09 stays as it is: a browser does not decode it
		// into a tab in a path.
		if loc != "/" && loc != back {
			t.Errorf("back=%q redirected to %q", back, loc)
		}
		if loc == back && back != "/%09/evil.example" {
			t.Errorf("back=%q accepted", back)
		}
	}
	for _, good := range []string{"/login", "/scores?year=2024&as_of=2025-02-01", "/schemes/default-2%E4%B8%AD"} {
		resp, _ := c.get("/lang?" + url.Values{"to": {"zh"}, "back": {good}}.Encode())
		if loc := resp.Header.Get("Location"); loc != good {
			t.Errorf("back=%q redirected to %q", good, loc)
		}
	}
	// The Referer is held to the same rule.
	req := httptest.NewRequest(http.MethodGet, "/lang?to=en", nil)
	req.Header.Set("Referer", "https://evil.example/\t/evil.example")
	if resp, _ := c.do(req); resp.Header.Get("Location") != "/" {
		t.Errorf("hostile Referer redirected to %q", resp.Header.Get("Location"))
	}
}

// TestCSRFTokenOnlyFromTheBody: a token in the query string leaks into logs
// and Referer headers; it is not accepted.
func TestCSRFTokenOnlyFromTheBody(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		c := b.client(t)
		c.signIn("office", testPassword)
		tok := c.token("/users")
		form := url.Values{"username": {"li"}, "name": {"李"}, "role": {"auditor"}, "password": {"a-long-password"}}
		if resp, _ := c.post("/users?_csrf="+url.QueryEscape(tok), form); resp.StatusCode != 403 {
			t.Errorf("token in the query string: %d, want 403", resp.StatusCode)
		}
		var n int64
		modelstest.Must(t, s.DB.Model(&models.User{}).Where("username = ?", "li").Count(&n).Error)
		if n != 0 {
			t.Fatal("an account was created with the token in the query string")
		}
		form.Set("_csrf", tok)
		if resp, _ := c.post("/users", form); resp.StatusCode != 303 {
			t.Errorf("token in the body: %d, want 303", resp.StatusCode)
		}
		// A multipart body carries it too.
		var body strings.Builder
		body.WriteString("--B\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + tok + "\r\n--B--\r\n")
		req := httptest.NewRequest(http.MethodPost, "/logout", strings.NewReader(body.String()))
		req.Header.Set("Content-Type", "multipart/form-data; boundary=B")
		if resp, _ := c.do(req); resp.StatusCode != 303 {
			t.Errorf("multipart token: %d, want 303", resp.StatusCode)
		}
	})
}

// TestNothingBehindASessionIsCached: pages, exports, errors and the sign-in
// page answer Cache-Control: no-store, so a shared computer's browser or a
// proxy keeps no copy.
func TestNothingBehindASessionIsCached(t *testing.T) {
	t.Parallel()
	b := newBureau(t, modelstest.Open(t, "sqlite"))
	anon := b.client(t)
	if resp, _ := anon.get("/login"); resp.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("/login: Cache-Control %q", resp.Header.Get("Cache-Control"))
	}
	c := b.client(t)
	c.signIn("office", testPassword)
	for _, path := range []string{"/", "/users", "/audit", "/export/users.xlsx", "/export/audit.xlsx", "/api/v1/departments", "/departments/999999", "/no-such-page"} {
		resp, _ := c.get(path)
		if cc := resp.Header.Get("Cache-Control"); !strings.Contains(cc, "no-store") {
			t.Errorf("%s (%d): Cache-Control %q", path, resp.StatusCode, cc)
		}
	}
}

// TestSessionCookieIsSecureBehindHTTPS: behind a proxy that terminates
// HTTPS the session cookie is __Host-, Secure; on plain HTTP it stays
// usable for a local trial. X-Forwarded-Proto is believed only from a
// proxy listed in GONGKAI_TRUSTED_PROXIES: with none listed, or from
// another address, a forwarded https changes nothing.
func TestSessionCookieIsSecureBehindHTTPS(t *testing.T) {
	t.Parallel()
	b := newBureau(t, modelstest.Open(t, "sqlite"))
	for _, tc := range []struct {
		why     string
		proxies []string // app.Test's requests come from 0.0.0.0
		proto   string
		name    string
		secure  bool
	}{
		{"trusted proxy says https", []string{"0.0.0.0"}, "https", "__Host-gongkai_session", true},
		{"trusted proxy says nothing", []string{"0.0.0.0"}, "", "gongkai_session", false},
		{"no proxy configured", nil, "https", "gongkai_session", false},
		{"another proxy configured", []string{"10.0.0.1"}, "https", "gongkai_session", false},
	} {
		app := handlers.New(b.store, handlers.Options{Now: b.clock.Now, TrustedProxies: tc.proxies})
		req := httptest.NewRequest(http.MethodGet, "/login", nil)
		if tc.proto != "" {
			req.Header.Set("X-Forwarded-Proto", tc.proto)
		}
		resp, err := app.Test(req, -1)
		modelstest.Must(t, err)
		var found bool
		for _, ck := range resp.Cookies() {
			if ck.Name == tc.name {
				found = true
				if ck.Secure != tc.secure || !ck.HttpOnly {
					t.Errorf("%s: cookie %s Secure=%v HttpOnly=%v", tc.why, ck.Name, ck.Secure, ck.HttpOnly)
				}
			}
		}
		if !found {
			t.Errorf("%s: no cookie %s among %v", tc.why, tc.name, resp.Header.Values("Set-Cookie"))
		}
	}
	// Nor is X-Real-IP believed without a listed proxy: a failed sign-in is
	// logged with the peer's address, not the one the header names.
	b.client(t).signInFrom("203.0.113.9", "office", "wrong-password")
	var n int64
	modelstest.Must(t, b.store.DB.Model(&models.AuditEntry{}).Where("action = ? AND after LIKE ?", "sign_in_failed", "%203.0.113.9%").Count(&n).Error)
	if n != 0 {
		t.Error("with no trusted proxy, a failed sign-in was logged with the address X-Real-IP named")
	}
}
