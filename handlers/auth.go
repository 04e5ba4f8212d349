package handlers

import (
	"errors"
	"math"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
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

// login checks the password. Failures are counted per username in the
// database; after models.FreeAttempts in a row each further attempt must wait,
// doubling, so guessing is slowed down on every instance at once.
func (s *Server) login(c *fiber.Ctx) error {
	ctx := c.UserContext()
	username := strings.TrimSpace(c.FormValue("username"))
	key := "user:" + strings.ToLower(username)
	now := s.opt.Now()

	wait, err := s.store.LoginWait(ctx, key, now)
	if err != nil {
		return err
	}
	if wait > 0 {
		secs := int(math.Ceil(wait.Seconds()))
		c.Set(fiber.HeaderRetryAfter, strconv.Itoa(secs))
		c.Status(fiber.StatusTooManyRequests)
		return s.loginPage(c, username, views.T(lang(c), "login.slow", secs))
	}

	u, err := s.store.Authenticate(ctx, username, c.FormValue("password"))
	if errors.Is(err, models.ErrBadCredentials) {
		if err := s.store.LoginFailed(ctx, key, now); err != nil {
			return err
		}
		c.Status(fiber.StatusUnauthorized)
		return s.loginPage(c, username, views.T(lang(c), "login.bad"))
	}
	if err != nil {
		return err
	}
	if err := s.store.LoginSucceeded(ctx, key); err != nil {
		return err
	}

	sess, err := s.sessions.Get(c)
	if err != nil {
		return err
	}
	// A new session id at sign-in: no session fixation.
	if err := sess.Regenerate(); err != nil {
		return err
	}
	sess.Set(keyUserID, u.ID)
	sess.Set(keyCSRF, randomToken())
	if err := sess.Save(); err != nil {
		return err
	}
	err = s.store.Audited(ctx, u.Viewer(), func(tx *models.Tx) error {
		return tx.Record("sign_in", "user", u.ID, nil, map[string]string{"ip": c.IP()})
	})
	if err != nil {
		return err
	}
	return c.Redirect("/", fiber.StatusSeeOther)
}

func (s *Server) logout(c *fiber.Ctx) error {
	sess, err := s.sessions.Get(c)
	if err != nil {
		return err
	}
	if err := sess.Destroy(); err != nil {
		return err
	}
	return c.Redirect("/login", fiber.StatusSeeOther)
}
