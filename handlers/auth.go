package handlers

import (
	"errors"
	"math"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accounts"
	"github.com/gongkai/gongkai/views"
)

func (s *Server) loginForm(c *fiber.Ctx) error {
	if _, ok := viewer(c); ok {
		return c.Redirect("/", fiber.StatusSeeOther)
	}
	return s.loginPage(c, "", "")
}

func (s *Server) loginPage(c *fiber.Ctx, username, errMsg string) error {
	return s.page(c, "login", "login.title", fiber.Map{"Username": username, "Error": errMsg, "DemoUsers": s.opt.DemoUsers})
}

// login checks the password. Failures are counted in the database per
// account and address and per address (accounts.LoginKeys); past a few, each
// further attempt must wait, doubling, on every instance at once. An
// attacker elsewhere slows down only themselves. Every failure is in the
// audit log.
func (s *Server) login(c *fiber.Ctx) error {
	ctx := c.UserContext()
	username := strings.TrimSpace(c.FormValue("username"))
	addr := clientAddr(c)
	keys := accounts.LoginKeys(username, addr)
	now := s.opt.Now()
	acc := accounts.New(s.store)

	wait, err := acc.LoginWait(ctx, keys, now)
	if err != nil {
		return err
	}
	if wait > 0 {
		secs := int(math.Ceil(wait.Seconds()))
		c.Set(fiber.HeaderRetryAfter, strconv.Itoa(secs))
		c.Status(fiber.StatusTooManyRequests)
		return s.loginPage(c, username, views.T(lang(c), "login.slow", secs))
	}

	u, err := acc.Authenticate(ctx, username, c.FormValue("password"))
	if errors.Is(err, accounts.ErrBadCredentials) {
		if err := acc.LoginFailed(ctx, keys, now); err != nil {
			return err
		}
		if err := acc.RecordSignInFailure(ctx, username, addr); err != nil {
			return err
		}
		c.Status(fiber.StatusUnauthorized)
		return s.loginPage(c, username, views.T(lang(c), "login.bad"))
	}
	if err != nil {
		return err
	}
	if err := acc.LoginSucceeded(ctx, keys); err != nil {
		return err
	}

	if err := s.renewSession(c, map[string]any{keyUserID: u.ID, keyEpoch: u.SessionEpoch, keyCSRF: randomToken()}); err != nil {
		return err
	}
	err = s.store.Audited(ctx, u.Viewer(), func(tx *models.Tx) error {
		return tx.Record("sign_in", accounts.Entity, u.ID, nil, map[string]string{"ip": addr})
	})
	if err != nil {
		return err
	}
	return c.Redirect("/", fiber.StatusSeeOther)
}

// renewSession gives the session a new id, so that an id known before
// signing in or changing the password (session fixation) is worth nothing,
// and stores values in it.
func (s *Server) renewSession(c *fiber.Ctx, values map[string]any) error {
	sess, err := s.sessions.Get(c)
	if err != nil {
		return err
	}
	if err := sess.Regenerate(); err != nil {
		return err
	}
	for k, v := range values {
		sess.Set(k, v)
	}
	return sess.Save()
}

func (s *Server) logout(c *fiber.Ctx) error {
	v, _ := viewer(c)
	sess, err := s.sessions.Get(c)
	if err != nil {
		return err
	}
	if err := sess.Destroy(); err != nil {
		return err
	}
	err = s.store.Audited(c.UserContext(), v, func(tx *models.Tx) error {
		return tx.Record("sign_out", accounts.Entity, v.UserID, nil, map[string]string{"ip": clientAddr(c)})
	})
	if err != nil {
		return err
	}
	return c.Redirect("/login", fiber.StatusSeeOther)
}

// clientAddr is the address the request came from: the peer's, or the one a
// trusted proxy names (Options.TrustedProxies).
func clientAddr(c *fiber.Ctx) string {
	if ip := c.IP(); ip != "" {
		return ip
	}
	return c.Context().RemoteIP().String()
}
