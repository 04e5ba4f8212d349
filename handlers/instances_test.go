package handlers_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/handlers"
	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accounts"
	"github.com/gongkai/gongkai/models/modelstest"
	"github.com/gongkai/gongkai/models/notify"
)

// A signed-in page keeps the session, the account and the unread count
// it read (issue 27): two instances on one database each keep their own,
// and each still sees at once what the other changed. A notification sent
// and read, an account disabled and a sign-out on one instance show on the
// next page of the other.
func TestSignedInPagesFollowAnotherInstance(t *testing.T) {
	t.Parallel()
	modelstest.EachEngine(t, func(t *testing.T, engine string) {
		ctx := context.Background()
		stores := modelstest.Instances(t, engine, 2)
		one, two := stores[0], stores[1]
		b := newBureau(t, one)
		appOne, appTwo := b.app, handlers.New(two, handlers.Options{Now: b.clock.Now})
		var head, office models.User
		modelstest.Must(t, one.DB.Where("username = ?", "head").First(&head).Error)
		modelstest.Must(t, one.DB.Where("username = ?", "office").First(&office).Error)

		c := b.client(t)
		c.signIn("head", testPassword)
		on := func(app *fiber.App, path string) (int, string) {
			t.Helper()
			c.app = app
			resp, body := c.get(path)
			return resp.StatusCode, body
		}
		unread := func(body string) string {
			_, after, ok := strings.Cut(body, `id="unread">`)
			if !ok {
				return ""
			}
			n, _, _ := strings.Cut(after, "<")
			return n
		}
		if code, body := on(appTwo, "/inbox"); code != fiber.StatusOK || unread(body) != "" {
			t.Fatalf("the other instance: %d, unread %q; want the inbox, nothing unread", code, unread(body))
		}
		on(appOne, "/inbox") // both instances have kept the session, account and count

		modelstest.Must(t, one.Audited(ctx, office.Viewer(), func(tx *models.Tx) error {
			return notify.In(tx, notify.Message{Kind: "mail_fail", Subject: "notify.mail.failed", Args: []string{"head@example.org"}, Link: "/inbox/mail"}, b.clock.Now(), head.ID)
		}))
		if _, body := on(appTwo, "/inbox"); unread(body) != "1" || !strings.Contains(body, "head@example.org") {
			t.Errorf("a notification sent through one instance: the other shows unread %q, want 1 and the notification", unread(body))
		}
		c.app = appOne
		if resp, _ := c.post("/inbox/read", url.Values{"_csrf": {c.token("/inbox")}}); resp.StatusCode != fiber.StatusSeeOther {
			t.Fatalf("mark all read: %d", resp.StatusCode)
		}
		if _, body := on(appTwo, "/"); unread(body) != "" {
			t.Errorf("read on one instance: the other still counts %q unread", unread(body))
		}

		clerk := b.client(t)
		clerk.signIn("clerk", testPassword)
		for _, app := range []*fiber.App{appOne, appTwo} {
			clerk.app = app
			if resp, _ := clerk.get("/"); resp.StatusCode != fiber.StatusOK {
				t.Fatalf("the clerk signed in: %d", resp.StatusCode)
			}
		}
		kept := map[string]*http.Cookie{} // the session as it was, to try it again after signing out
		for name, ck := range clerk.cookies {
			kept[name] = ck
		}
		if resp, _ := clerk.post("/logout", url.Values{"_csrf": {clerk.token("/")}}); resp.StatusCode != fiber.StatusSeeOther {
			t.Fatalf("sign out: %d", resp.StatusCode)
		}
		clerk.cookies, clerk.app = kept, appOne
		if resp, _ := clerk.get("/"); resp.StatusCode != fiber.StatusSeeOther {
			t.Errorf("a session ended on one instance is still open on the other: %d, want the sign-in page", resp.StatusCode)
		}

		modelstest.Must(t, accounts.New(two).ChangeAccount(ctx, office.Viewer(), head.ID, accounts.AccountDisable))
		if code, _ := on(appOne, "/"); code != fiber.StatusSeeOther {
			t.Errorf("an account disabled through one instance still signed in on the other: %d", code)
		}
	})
}

// Every person stays who they are while everyone works at once: each of
// six accounts' many requests, all at the same time, are answered as that
// account (a cached session once kept its id as a view of a request buffer
// the next request reused, and answered one person as another).
func TestConcurrentSessionsStayTheirOwn(t *testing.T) {
	t.Parallel()
	b := newBureau(t, modelstest.Open(t, "sqlite"))
	names := map[string]string{"office": "办公室", "leader": "组长", "head": "张卫", "clerk": "李静", "discipline": "纪委", "auditor": "审计"}
	clients := map[string]*client{}
	for user := range names {
		clients[user] = b.client(t)
		clients[user].signIn(user, testPassword)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	wrong := map[string]int{}
	for user, c := range clients {
		for range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range 15 {
					req := httptest.NewRequest(http.MethodGet, "/account", nil)
					for _, ck := range c.cookies {
						req.AddCookie(ck)
					}
					resp, err := b.app.Test(req, -1)
					if err != nil {
						t.Error(err)
						return
					}
					body, _ := io.ReadAll(resp.Body)
					resp.Body.Close()
					if !strings.Contains(string(body), names[user]+" · ") {
						mu.Lock()
						wrong[user]++
						mu.Unlock()
					}
				}
			}()
		}
	}
	wg.Wait()
	if len(wrong) > 0 {
		t.Errorf("pages answered as someone else (of 60 each): %v", wrong)
	}
}
