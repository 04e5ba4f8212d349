package handlers

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/session"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accounts"
	"github.com/gongkai/gongkai/models/audit"
	"github.com/gongkai/gongkai/views"
)

// Session keys.
const (
	keyUserID = "uid"
	keyCSRF   = "csrf"
	keyFlash  = "flash"
	keyEpoch  = "epoch" // the account's SessionEpoch at sign-in: a session of an older epoch is ended
)

// Locals keys.
const (
	localViewer = "viewer"
	localLang   = "lang"
	// The session is read once per request, in loadViewer; its CSRF token
	// and flash message are kept here so that a page does not read it again.
	localCSRF  = "csrf"
	localFlash = "flash"
	// localNoSession: the database did not answer this request in time; its
	// error page is rendered without reading or writing the session again,
	// so the request waits once, not once per session access.
	localNoSession = "nosession"
)

// CookieMode says when the session cookie is Secure.
type CookieMode int

const (
	// CookieAuto: Secure (named __Host-gongkai_session) on a request that
	// came by HTTPS, directly or through a proxy saying X-Forwarded-Proto:
	// https; plain on plain HTTP, so a local trial still signs in.
	CookieAuto CookieMode = iota
	// CookieSecure: always Secure, for an install reached only by HTTPS.
	CookieSecure
	// CookiePlain: never Secure (GONGKAI_SECURE_COOKIE=0).
	CookiePlain
)

// The session cookie's names, plain and Secure.
const (
	cookieName       = "gongkai_session"
	secureCookieName = "__Host-gongkai_session"
)

// sessionStores keeps sessions in the database: they survive a restart and
// several instances share them. The cookie is HttpOnly and SameSite=Lax; one
// store writes it Secure, the other plain.
type sessionStores struct {
	mode          CookieMode
	plain, secure *session.Store
	storage       *accounts.SessionStore
}

// Each session query is bounded by timeout, the request's bound
// (Options.RequestTimeout): the session is read first, so a frozen database
// costs one such wait.
func newSessions(store *models.Store, mode CookieMode, timeout time.Duration) sessionStores {
	storage := accounts.New(store).SessionsWithin(timeout)
	mk := func(secure bool) *session.Store {
		name := cookieName
		if secure {
			name = secureCookieName
		}
		return session.New(session.Config{
			Storage:        storage,
			Expiration:     12 * time.Hour,
			KeyLookup:      "cookie:" + name,
			CookiePath:     "/",
			CookieSecure:   secure,
			CookieHTTPOnly: true,
			CookieSameSite: "Lax",
		})
	}
	return sessionStores{mode: mode, plain: mk(false), secure: mk(true), storage: storage}
}

// secureFor says whether the request's session cookie is the Secure one.
func (ss sessionStores) secureFor(c *fiber.Ctx) bool {
	return ss.mode == CookieSecure || (ss.mode == CookieAuto && c.Protocol() == "https")
}

// Get returns the request's session from the store its protocol calls for,
// read and written within the request's context (its deadline, its
// Stamps).
func (ss sessionStores) Get(c *fiber.Ctx) (*session.Session, error) {
	st := *ss.plain
	if ss.secureFor(c) {
		st = *ss.secure
	}
	st.Storage = ss.storage.Within(c.UserContext())
	return st.Get(c)
}

// Values reads the request's session without Fiber's session, which
// decodes it anew on every request: kept decoded, to be read only (nil
// for none). Writing goes through Get.
func (ss sessionStores) Values(c *fiber.Ctx) (map[string]any, error) {
	name := cookieName
	if ss.secureFor(c) {
		name = secureCookieName
	}
	return ss.storage.Within(c.UserContext()).Values(c.Cookies(name))
}

// loadViewer reads the signed-in user, if any, and the interface language.
func (s *Server) loadViewer(c *fiber.Ctx) error {
	c.Locals(localLang, views.ParseLang(c.Cookies("lang")))
	values, err := s.sessions.Values(c)
	if err != nil {
		return err
	}
	tok, _ := values[keyCSRF].(string)
	flash, _ := values[keyFlash].(string)
	c.Locals(localCSRF, tok)
	c.Locals(localFlash, flash)
	id, ok := values[keyUserID].(uint)
	if !ok || id == 0 {
		return c.Next()
	}
	u, err := s.signedIn(c.UserContext(), id)
	epoch, _ := values[keyEpoch].(int)
	if errors.Is(err, models.ErrNotFound) || (err == nil && (u.Disabled || epoch != u.SessionEpoch)) {
		// The account is gone or disabled, or its sessions were ended
		// (a password change, the office's "end all sessions"): end this one.
		if sess, err := s.sessions.Get(c); err == nil {
			_ = sess.Destroy()
		}
		return c.Next()
	}
	if err != nil {
		return err
	}
	c.Locals(localViewer, u.Viewer())
	return c.Next()
}

// accountKey names an account as it stood at a count of changes to
// accounts.
type accountKey struct {
	ID    uint
	Stamp int64
}

// signedIn reads a signed-in account, kept until an account changes (each
// change is audited under accounts.Entity): every request needs it, few
// change it.
func (s *Server) signedIn(ctx context.Context, id uint) (*models.User, error) {
	stamp, err := audit.New(s.store).ChangesTo(ctx, accounts.Entity)
	if err != nil {
		return nil, err
	}
	return s.accounts.Get(accountKey{id, stamp}, func() (*models.User, error) { return accounts.New(s.store).UserByID(ctx, id) })
}

// viewer returns the signed-in viewer; requireSignIn guarantees one.
func viewer(c *fiber.Ctx) (models.Viewer, bool) {
	v, ok := c.Locals(localViewer).(models.Viewer)
	return v, ok
}

func lang(c *fiber.Ctx) views.Lang {
	l, _ := c.Locals(localLang).(views.Lang)
	return l
}

// requireSignIn sends anonymous visitors to the sign-in page (pages) or
// answers 401 (API).
func (s *Server) requireSignIn(c *fiber.Ctx) error {
	if _, ok := viewer(c); ok {
		return c.Next()
	}
	if strings.HasPrefix(c.Path(), "/api/") {
		return c.Status(fiber.StatusUnauthorized).JSON(fiber.Map{"error": "请先登录"})
	}
	return c.Redirect("/login", fiber.StatusSeeOther)
}

// can lets through only the viewers whose role models.Can allows a.
func can(a models.Action) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if v, _ := viewer(c); a == models.ActPublic || v.Can(a) {
			return c.Next()
		}
		return models.ErrForbidden
	}
}

// csrfToken returns the session's token, creating both if needed.
func (s *Server) csrfToken(c *fiber.Ctx) (string, error) {
	if tok, _ := c.Locals(localCSRF).(string); tok != "" || c.Locals(localNoSession) != nil {
		return tok, nil
	}
	sess, err := s.sessions.Get(c)
	if err != nil {
		return "", err
	}
	if tok, ok := sess.Get(keyCSRF).(string); ok && tok != "" {
		return tok, nil
	}
	tok := randomToken()
	sess.Set(keyCSRF, tok)
	c.Locals(localCSRF, tok)
	return tok, sess.Save()
}

// errCSRF: an unsafe request without the session's token.
var errCSRF = errors.New("csrf token missing or wrong")

// checkCSRF refuses every unsafe request whose form field _csrf (or header
// X-CSRF-Token) does not match the session's token, compared in constant time.
// The field is read from the body only: a token in the query string would
// end up in logs, Referer headers and browser history.
func (s *Server) checkCSRF(c *fiber.Ctx) error {
	switch c.Method() {
	case fiber.MethodGet, fiber.MethodHead, fiber.MethodOptions:
		return c.Next()
	}
	sent := bodyField(c, "_csrf")
	if sent == "" {
		sent = c.Get("X-CSRF-Token")
	}
	want, _ := c.Locals(localCSRF).(string) // read from the session by loadViewer
	if want == "" || subtle.ConstantTimeCompare([]byte(sent), []byte(want)) != 1 {
		return errCSRF
	}
	return c.Next()
}

// flash stores a one-time message for the next page.
func (s *Server) flash(c *fiber.Ctx, msg string) error {
	sess, err := s.sessions.Get(c)
	if err != nil {
		return err
	}
	sess.Set(keyFlash, msg)
	return sess.Save()
}

func (s *Server) takeFlash(c *fiber.Ctx) string {
	if msg, _ := c.Locals(localFlash).(string); msg == "" || c.Locals(localNoSession) != nil {
		return ""
	}
	c.Locals(localFlash, "")
	sess, err := s.sessions.Get(c)
	if err != nil {
		return ""
	}
	msg, _ := sess.Get(keyFlash).(string)
	if msg != "" {
		sess.Delete(keyFlash)
		_ = sess.Save()
	}
	return msg
}

func randomToken() string {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// bodyField reads a field of a URL-encoded or multipart body, never of the
// query string (which c.FormValue also reads, and reads first).
func bodyField(c *fiber.Ctx, key string) string {
	if vs := formValues(c, key); len(vs) > 0 {
		return vs[0]
	}
	return ""
}
