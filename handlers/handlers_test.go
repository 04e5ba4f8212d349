package handlers_test

import (
	"context"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/handlers"
	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accounts"
	"github.com/gongkai/gongkai/models/modelstest"
)

const testPassword = "correct-horse-1"

// bureau is a small fixture: two departments and one user per role.
type bureau struct {
	store      *models.Store
	app        *fiber.App
	clock      *clock
	own, other models.Department
}

type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func newBureau(t *testing.T, s *models.Store) *bureau {
	t.Helper()
	ctx := context.Background()
	b := &bureau{store: s, clock: &clock{now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}}
	b.own = models.Department{Code: "SJ09", Name: "治安支队", Kind: models.KindCityDept, Liaison: "何军"}
	b.other = models.Department{Code: "SJ16", Name: "刑警支队", Kind: models.KindCityDept, Liaison: "曾强", Mobile: "13905240116"}
	modelstest.Must(t, s.DB.Create(&b.own).Error)
	modelstest.Must(t, s.DB.Create(&b.other).Error)
	modelstest.Must(t, s.DB.Create(&models.CatalogItem{Seq: 23, Level1: "对外公开", Level2: "行政执法", Title: "治安案件办理情况(典型案例)",
		Channels: "公开栏、网站", Cadence: "及时公开", Lead: "治安支队", Co: "各分县局、未定义部门"}).Error)
	for _, u := range []accounts.NewUser{
		{Username: "office", Name: "办公室", Role: models.RoleOffice},
		{Username: "leader", Name: "组长", Role: models.RoleLeader},
		{Username: "head", Name: "张卫", Role: models.RoleHead, DepartmentID: b.own.ID},
		{Username: "clerk", Name: "李静", Role: models.RoleClerk, DepartmentID: b.own.ID},
		{Username: "discipline", Name: "纪委", Role: models.RoleDiscipline},
		{Username: "auditor", Name: "审计", Role: models.RoleAuditor},
	} {
		u.Password = testPassword
		_, err := accounts.New(s).CreateUser(ctx, models.System, u)
		modelstest.Must(t, err)
	}
	b.app = handlers.New(s, handlers.Options{Now: b.clock.Now})
	return b
}

// client is a browser: it keeps cookies between requests.
type client struct {
	t       *testing.T
	app     *fiber.App
	cookies map[string]*http.Cookie
}

func (b *bureau) client(t *testing.T) *client {
	return &client{t: t, app: b.app, cookies: map[string]*http.Cookie{}}
}

func (c *client) do(req *http.Request) (*http.Response, string) {
	c.t.Helper()
	for _, ck := range c.cookies {
		req.AddCookie(ck)
	}
	resp, err := c.app.Test(req, -1)
	if err != nil {
		c.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	for _, ck := range resp.Cookies() {
		if ck.MaxAge < 0 || ck.Value == "" {
			delete(c.cookies, ck.Name)
		} else {
			c.cookies[ck.Name] = ck
		}
	}
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

func (c *client) get(path string) (*http.Response, string) {
	return c.do(httptest.NewRequest(http.MethodGet, path, nil))
}

// post sends a form; with csrf it first reads the token from page.
func (c *client) post(path string, form url.Values) (*http.Response, string) {
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.do(req)
}

var csrfField = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

// token reads the CSRF token from a page, as a browser form would carry it.
func (c *client) token(page string) string {
	c.t.Helper()
	_, body := c.get(page)
	m := csrfField.FindStringSubmatch(body)
	if m == nil {
		c.t.Fatalf("no CSRF field on %s", page)
	}
	return m[1]
}

func (c *client) signIn(username, password string) *http.Response {
	c.t.Helper()
	tok := c.token("/login")
	resp, _ := c.post("/login", url.Values{"_csrf": {tok}, "username": {username}, "password": {password}})
	return resp
}

func TestEachRoleSignsInToItsHome(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		for _, tc := range []struct {
			user, sees, neverSees string
		}{
			{"office", "领导小组办公室", ""},
			{"leader", "领导小组", "/users"},
			{"head", "本部门", "刑警支队"},
			{"discipline", "责任追究案件", "/users"},
			{"auditor", "审计（只读）", "/users"},
		} {
			t.Run(tc.user, func(t *testing.T) {
				c := b.client(t)
				resp := c.signIn(tc.user, testPassword)
				if resp.StatusCode != fiber.StatusSeeOther || resp.Header.Get("Location") != "/" {
					t.Fatalf("sign-in answered %d → %q, want 303 → /", resp.StatusCode, resp.Header.Get("Location"))
				}
				resp, body := c.get("/")
				if resp.StatusCode != 200 || !strings.Contains(body, tc.sees) {
					t.Fatalf("home: %d, want 200 showing %q", resp.StatusCode, tc.sees)
				}
				if tc.neverSees != "" && strings.Contains(body, tc.neverSees) {
					t.Errorf("home of %s shows %q", tc.user, tc.neverSees)
				}
			})
		}
	})
}

func TestAnonymousVisitorIsSentToSignIn(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		c := newBureau(t, s).client(t)
		if resp, _ := c.get("/departments"); resp.StatusCode != fiber.StatusSeeOther || resp.Header.Get("Location") != "/login" {
			t.Errorf("page: %d → %q, want 303 → /login", resp.StatusCode, resp.Header.Get("Location"))
		}
		if resp, _ := c.get("/api/v1/departments"); resp.StatusCode != fiber.StatusUnauthorized {
			t.Errorf("API: %d, want 401", resp.StatusCode)
		}
	})
}

func TestHeadCannotReachAnotherDepartment(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		c := b.client(t)
		c.signIn("head", testPassword)
		other, own := itoa(b.other.ID), itoa(b.own.ID)

		for _, path := range []string{"/departments/" + other, "/api/v1/departments/" + other} {
			resp, body := c.get(path)
			if resp.StatusCode != fiber.StatusNotFound {
				t.Errorf("GET %s as another department's head: %d, want 404", path, resp.StatusCode)
			}
			if strings.Contains(body, "曾强") || strings.Contains(body, "13905240116") {
				t.Errorf("GET %s leaked the other department's liaison", path)
			}
		}
		_, list := c.get("/api/v1/departments")
		if strings.Contains(list, "刑警支队") || !strings.Contains(list, "治安支队") {
			t.Errorf("API list for a head = %s, want only their own department", list)
		}
		tok := c.token("/departments/" + own)
		resp, _ := c.post("/departments/"+other+"/liaison", url.Values{"_csrf": {tok}, "liaison": {"冒名"}})
		if resp.StatusCode != fiber.StatusNotFound {
			t.Errorf("head posting another department's liaison: %d, want 404, as reading it", resp.StatusCode)
		}
		var d models.Department
		modelstest.Must(t, s.DB.First(&d, b.other.ID).Error)
		if d.Liaison != "曾强" {
			t.Errorf("other department's liaison changed to %q", d.Liaison)
		}
		if resp, _ := c.get("/departments/" + own); resp.StatusCode != 200 {
			t.Errorf("head reading own department: %d", resp.StatusCode)
		}
		if resp, _ := c.get("/users"); resp.StatusCode != fiber.StatusForbidden {
			t.Errorf("head opening /users: %d, want 403", resp.StatusCode)
		}
	})
}

func TestPostWithoutCSRFTokenIsRefused(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		c := b.client(t)
		c.signIn("office", testPassword)
		path := "/departments/" + itoa(b.own.ID) + "/liaison"
		for name, form := range map[string]url.Values{
			"missing": {"liaison": {"新联系人"}},
			"wrong":   {"liaison": {"新联系人"}, "_csrf": {"forged-token"}},
		} {
			resp, body := c.post(path, form)
			if resp.StatusCode != fiber.StatusForbidden || !strings.Contains(body, "表单已过期") {
				t.Errorf("%s token: %d, want 403 with the Chinese explanation", name, resp.StatusCode)
			}
		}
		var d models.Department
		modelstest.Must(t, s.DB.First(&d, b.own.ID).Error)
		if d.Liaison != "何军" {
			t.Errorf("liaison changed to %q by a forged request", d.Liaison)
		}
		// Signing in needs the token too (no login CSRF).
		resp, _ := b.client(t).post("/login", url.Values{"username": {"office"}, "password": {testPassword}})
		if resp.StatusCode != fiber.StatusForbidden {
			t.Errorf("sign-in without token: %d, want 403", resp.StatusCode)
		}
	})
}

func TestRepeatedWrongPasswordsAreSlowedDown(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		c := b.client(t)
		for i := 1; i <= 5; i++ {
			if resp := c.signIn("office", "wrong-password"); resp.StatusCode != fiber.StatusUnauthorized {
				t.Fatalf("wrong password #%d: %d, want 401", i, resp.StatusCode)
			}
		}
		// The sixth attempt waits, even with the right password.
		tok := c.token("/login")
		resp, body := c.post("/login", url.Values{"_csrf": {tok}, "username": {"office"}, "password": {testPassword}})
		if resp.StatusCode != fiber.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" || !strings.Contains(body, "登录失败次数过多") {
			t.Fatalf("after five failures: %d Retry-After=%q, want 429 with a wait", resp.StatusCode, resp.Header.Get("Retry-After"))
		}
		// Another instance shares the count: it is in the database.
		other := handlers.New(s, handlers.Options{Now: b.clock.Now})
		c2 := &client{t: t, app: other, cookies: map[string]*http.Cookie{}}
		if resp := c2.signIn("office", testPassword); resp.StatusCode != fiber.StatusTooManyRequests {
			t.Errorf("second instance: %d, want 429", resp.StatusCode)
		}
		b.clock.Advance(3 * time.Second)
		if resp := c.signIn("office", testPassword); resp.StatusCode != fiber.StatusSeeOther {
			t.Errorf("after the wait: %d, want 303", resp.StatusCode)
		}
	})
}

func TestSessionCookieIsHttpOnlyAndSurvivesRestart(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		c := b.client(t)
		c.signIn("office", testPassword)
		ck := c.cookies["gongkai_session"]
		if ck == nil || !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode {
			t.Fatalf("session cookie = %+v, want HttpOnly, SameSite=Lax", ck)
		}
		// A new process on the same database knows the session.
		c.app = handlers.New(s, handlers.Options{})
		if resp, _ := c.get("/users"); resp.StatusCode != 200 {
			t.Errorf("after restart: %d, want 200", resp.StatusCode)
		}
	})
}

func TestOfficeChangeAppearsInAuditLog(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		c := b.client(t)
		c.signIn("office", testPassword)
		path := "/departments/" + itoa(b.own.ID)
		resp, _ := c.post(path+"/liaison", url.Values{"_csrf": {c.token(path)}, "liaison": {"新联系人"}, "phone": {"0527-8888"}})
		if resp.StatusCode != fiber.StatusSeeOther {
			t.Fatalf("save liaison: %d", resp.StatusCode)
		}
		_, page := c.get(path)
		if !strings.Contains(page, "联络信息已保存") {
			t.Error("no confirmation after saving")
		}
		_, log := c.get("/audit")
		if !strings.Contains(log, "新联系人") || !strings.Contains(log, "何军") || !strings.Contains(log, "办公室") {
			t.Error("audit log page does not show who changed the liaison, before and after")
		}
		bad, _ := c.post(path+"/liaison", url.Values{"_csrf": {c.token(path)}, "phone": {"<script>"}})
		if bad.StatusCode != fiber.StatusUnprocessableEntity {
			t.Errorf("bad phone: %d, want 422", bad.StatusCode)
		}
	})
}

func TestOfficeCreatesUserWithValidation(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		b := newBureau(t, s)
		c := b.client(t)
		c.signIn("office", testPassword)
		form := url.Values{"_csrf": {c.token("/users")}, "username": {"xingjing"}, "name": {"彭军"}, "role": {"head"}, "department": {itoa(b.other.ID)}, "password": {"short"}}
		resp, body := c.post("/users", form)
		if resp.StatusCode != fiber.StatusUnprocessableEntity || !strings.Contains(body, "密码至少") {
			t.Fatalf("short password: %d, want 422 with the reason", resp.StatusCode)
		}
		form.Set("password", "long-enough-pw")
		if resp, _ := c.post("/users", form); resp.StatusCode != fiber.StatusSeeOther {
			t.Fatalf("create: %d", resp.StatusCode)
		}
		n := b.client(t)
		n.signIn("xingjing", "long-enough-pw")
		if _, body := n.get("/"); !strings.Contains(body, "刑警支队") {
			t.Error("new head does not see their department")
		}
	})
}

func TestCatalogFiltersAndFlagsUnresolvedNames(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		c := newBureau(t, s).client(t)
		c.signIn("head", testPassword)
		_, body := c.get("/catalog?cadence=" + url.QueryEscape("及时"))
		if !strings.Contains(body, "治安案件办理情况") || !strings.Contains(body, `class="flag"`) {
			t.Error("catalog: item or unresolved-name flag missing")
		}
		_, body = c.get("/catalog?cadence=" + url.QueryEscape("长期"))
		if strings.Contains(body, "治安案件办理情况") {
			t.Error("cadence filter 长期 still lists a 及时 item")
		}
	})
}

func TestEnglishSwitch(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		c := newBureau(t, s).client(t)
		resp, _ := c.get("/lang?to=en&back=/login")
		if resp.Header.Get("Location") != "/login" {
			t.Fatalf("switch redirects to %q", resp.Header.Get("Location"))
		}
		if _, body := c.get("/login"); !strings.Contains(body, "Sign in") {
			t.Error("sign-in page not in English after the switch")
		}
		if resp, _ := c.get("/lang?to=en&back=//evil.example"); resp.Header.Get("Location") != "/" {
			t.Errorf("open redirect: %q", resp.Header.Get("Location"))
		}
	})
}

func itoa(id uint) string { return strconv.FormatUint(uint64(id), 10) }

var langLink = regexp.MustCompile(`href="(/lang\?[^"]*)"`)

// TestLanguageSwitchStaysOnThePage presses the switch on a page with a query,
// both ways, and lands on that page again; a foreign address lands on /.
func TestLanguageSwitchStaysOnThePage(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, s *models.Store) {
		c := newBureau(t, s).client(t)
		c.signIn("office", testPassword)
		for _, want := range []string{"Score", "得分"} {
			_, body := c.get("/scores?year=2025")
			m := langLink.FindStringSubmatch(body)
			if m == nil {
				t.Fatal("no language switch on /scores")
			}
			resp, _ := c.get(html.UnescapeString(m[1]))
			if got := resp.Header.Get("Location"); got != "/scores?year=2025" {
				t.Fatalf("switch from /scores?year=2025 lands on %q", got)
			}
			if _, body := c.get("/scores?year=2025"); !strings.Contains(body, want) {
				t.Errorf("after the switch /scores does not read %q", want)
			}
		}
		for _, back := range []string{"https://evil.example/x", "//evil.example", "/\\evil.example", "evil"} {
			resp, _ := c.get("/lang?to=zh&back=" + url.QueryEscape(back))
			if got := resp.Header.Get("Location"); got != "/" {
				t.Errorf("back=%q redirects to %q, want /", back, got)
			}
		}
	})
}
