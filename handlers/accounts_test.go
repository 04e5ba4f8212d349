package handlers_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/handlers"
	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accounts"
	"github.com/gongkai/gongkai/models/modelstest"
)

// signInFrom signs in with the client's address set by the trusted proxy.
func (c *client) signInFrom(addr, username, password string) *http.Response {
	c.t.Helper()
	tok := c.token("/login")
	req := httptest.NewRequest(http.MethodPost, "/login", strings.NewReader(url.Values{"_csrf": {tok}, "username": {username}, "password": {password}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Real-IP", addr)
	resp, _ := c.do(req)
	return resp
}

// An attacker guessing the office's password from elsewhere slows down only
// themselves: the office signs in from its own address at once. One address
// trying many accounts is slowed down too.
func TestAnAttackerCannotLockOutTheOffice(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		b.app = handlers.New(s, handlers.Options{Now: b.clock.Now, TrustedProxies: []string{"0.0.0.0"}})
		attacker := b.client(t)
		for i := 1; i <= 8; i++ {
			attacker.signInFrom("203.0.113.9", "office", "wrong-password")
		}
		if resp := attacker.signInFrom("203.0.113.9", "office", testPassword); resp.StatusCode != fiber.StatusTooManyRequests {
			t.Errorf("the attacker's address after 8 failures: %d, want 429", resp.StatusCode)
		}
		office := b.client(t)
		if resp := office.signInFrom("10.1.1.5", "office", testPassword); resp.StatusCode != fiber.StatusSeeOther {
			t.Fatalf("the office from its own address: %d, want 303", resp.StatusCode)
		}
		// One address trying many accounts: past the address's free
		// attempts it waits, whatever the username.
		sprayer := b.client(t)
		for i := range accounts.AddressFreeAttempts + 1 {
			sprayer.signInFrom("198.51.100.7", "nobody"+itoa(uint(i)), "wrong-password")
		}
		if resp := sprayer.signInFrom("198.51.100.7", "leader", testPassword); resp.StatusCode != fiber.StatusTooManyRequests {
			t.Errorf("an address past its free attempts: %d, want 429", resp.StatusCode)
		}
		// Failed sign-ins are in the audit log with the address.
		var n int64
		modelstest.Must(t, s.DB.Model(&models.AuditEntry{}).Where("action = ? AND after LIKE ?", "sign_in_failed", "%203.0.113.9%").Count(&n).Error)
		if n == 0 {
			t.Error("failed sign-ins are not in the audit log")
		}
	})
}

func TestOfficeManagesAccounts(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		office := b.client(t)
		office.signIn("office", testPassword)
		var head models.User
		modelstest.Must(t, s.DB.Where("username = ?", "head").First(&head).Error)
		id := itoa(head.ID)
		act := func(path string, form url.Values) {
			t.Helper()
			if form == nil {
				form = url.Values{}
			}
			form.Set("_csrf", office.token("/users"))
			if resp, body := office.post(path, form); resp.StatusCode != fiber.StatusSeeOther {
				t.Fatalf("%s: %d %s", path, resp.StatusCode, body)
			}
		}

		// Ending a user's sessions signs them out everywhere.
		h1, h2 := b.client(t), b.client(t)
		h1.signIn("head", testPassword)
		h2.signIn("head", testPassword)
		act("/users/"+id+"/end_sessions", nil)
		for _, c := range []*client{h1, h2} {
			if resp, _ := c.get("/"); resp.StatusCode != fiber.StatusSeeOther || resp.Header.Get("Location") != "/login" {
				t.Errorf("a session after end_sessions: %d", resp.StatusCode)
			}
		}
		// Disabling ends the session and refuses sign-in; enabling restores it.
		h1.signIn("head", testPassword)
		act("/users/"+id+"/disable", nil)
		if resp, _ := h1.get("/"); resp.StatusCode != fiber.StatusSeeOther {
			t.Errorf("a disabled user's session: %d", resp.StatusCode)
		}
		if resp := b.client(t).signIn("head", testPassword); resp.StatusCode != fiber.StatusUnauthorized {
			t.Errorf("a disabled user signs in: %d", resp.StatusCode)
		}
		act("/users/"+id+"/enable", nil)
		// A reset password works, the old one does not, and the office's
		// reset ends the user's sessions.
		h2.signIn("head", testPassword)
		act("/users/"+id+"/password", url.Values{"password": {"a-new-password-1"}})
		if resp, _ := h2.get("/"); resp.StatusCode != fiber.StatusSeeOther {
			t.Errorf("a session after a reset: %d", resp.StatusCode)
		}
		if resp := b.client(t).signIn("head", testPassword); resp.StatusCode != fiber.StatusUnauthorized {
			t.Errorf("the old password after a reset: %d", resp.StatusCode)
		}
		if resp := b.client(t).signIn("head", "a-new-password-1"); resp.StatusCode != fiber.StatusSeeOther {
			t.Errorf("the reset password: %d", resp.StatusCode)
		}
		// The office cannot disable its last office account.
		var self models.User
		modelstest.Must(t, s.DB.Where("username = ?", "office").First(&self).Error)
		office.post("/users/"+itoa(self.ID)+"/disable", url.Values{"_csrf": {office.token("/users")}})
		modelstest.Must(t, s.DB.First(&self, self.ID).Error)
		if self.Disabled {
			t.Error("the last office account was disabled")
		}
		// Another role cannot do any of it.
		leader := b.client(t)
		leader.signIn("leader", testPassword)
		if resp, _ := leader.post("/users/"+id+"/disable", url.Values{"_csrf": {leader.token("/")}}); resp.StatusCode != fiber.StatusForbidden {
			t.Errorf("leader disables an account: %d", resp.StatusCode)
		}
		// Each change is in the audit log, without a password hash.
		_, log := office.get("/audit")
		for _, want := range []string{"end_sessions", "disable", "enable", "reset_password"} {
			if !strings.Contains(log, want) {
				t.Errorf("audit log lacks %s", want)
			}
		}
		if strings.Contains(log, "$2a$") {
			t.Error("a password hash in the audit log")
		}
	})
}

func TestEveryoneChangesTheirOwnPassword(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		c, other := b.client(t), b.client(t)
		c.signIn("auditor", testPassword)
		other.signIn("auditor", testPassword)
		if resp, body := c.post("/account/password", url.Values{"_csrf": {c.token("/account")}, "current": {"wrong"}, "password": {"another-password-2"}}); resp.StatusCode != fiber.StatusUnprocessableEntity || !strings.Contains(body, "当前密码不正确") {
			t.Errorf("wrong current password: %d", resp.StatusCode)
		}
		if resp, body := c.post("/account/password", url.Values{"_csrf": {c.token("/account")}, "current": {testPassword}, "password": {"short"}}); resp.StatusCode != fiber.StatusUnprocessableEntity || !strings.Contains(body, "密码至少") {
			t.Errorf("short new password: %d", resp.StatusCode)
		}
		if resp, _ := c.post("/account/password", url.Values{"_csrf": {c.token("/account")}, "current": {testPassword}, "password": {"another-password-2"}}); resp.StatusCode != fiber.StatusSeeOther {
			t.Fatalf("change: %d", resp.StatusCode)
		}
		if resp, body := c.get("/account"); resp.StatusCode != 200 || !strings.Contains(body, "密码已修改") {
			t.Errorf("this session after the change: %d", resp.StatusCode)
		}
		if resp, _ := other.get("/"); resp.StatusCode != fiber.StatusSeeOther {
			t.Errorf("another session after the change: %d, want signed out", resp.StatusCode)
		}
		if resp := b.client(t).signIn("auditor", "another-password-2"); resp.StatusCode != fiber.StatusSeeOther {
			t.Errorf("the new password: %d", resp.StatusCode)
		}
	})
}

// Sign-outs and downloads are in the audit log.
func TestSignOutsAndExportsAreLogged(t *testing.T) {
	t.Parallel()
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		c := b.client(t)
		c.signIn("auditor", testPassword)
		if resp, _ := c.get("/export/departments.xlsx"); resp.StatusCode != 200 {
			t.Fatalf("export: %d", resp.StatusCode)
		}
		c.post("/logout", url.Values{"_csrf": {c.token("/")}})
		for action, entity := range map[string]string{"export": "/export/departments.xlsx", "sign_out": ""} {
			var n int64
			q := s.DB.Model(&models.AuditEntry{}).Where("action = ? AND user_name = ?", action, "审计")
			if entity != "" {
				q = q.Where("entity_id = ?", entity)
			}
			modelstest.Must(t, q.Count(&n).Error)
			if n != 1 {
				t.Errorf("%s entries: %d, want 1", action, n)
			}
		}
		if st, err := s.VerifyAudit(t.Context()); err != nil || !st.OK {
			t.Errorf("chain after these: %+v %v", st, err)
		}
	})
}
