package handlers

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/views"
)

// account is the signed-in user's own page: change the password.
func (s *Server) account(c *fiber.Ctx) error {
	return s.page(c, "account", "account.title", fiber.Map{})
}

// changeOwnPassword sets a new password; every other session of the
// account ends, this one goes on with a new id.
func (s *Server) changeOwnPassword(c *fiber.Ctx) error {
	v, _ := viewer(c)
	epoch, err := s.store.ChangeOwnPassword(c.UserContext(), v, c.FormValue("current"), c.FormValue("password"))
	var verr *models.ValidationError
	if errors.As(err, &verr) {
		c.Status(fiber.StatusUnprocessableEntity)
		return s.page(c, "account", "account.title", fiber.Map{"Error": verr.Message})
	}
	if err != nil {
		return err
	}
	sess, err := s.sessions.Get(c)
	if err != nil {
		return err
	}
	if err := sess.Regenerate(); err != nil {
		return err
	}
	sess.Set(keyEpoch, epoch)
	sess.Set(keyFlash, views.T(lang(c), "account.changed"))
	if err := sess.Save(); err != nil {
		return err
	}
	return c.Redirect("/account", fiber.StatusSeeOther)
}

// changeAccount is the office's disable, enable and end-all-sessions.
func (s *Server) changeAccount(c *fiber.Ctx) error {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	a := models.AccountAction(c.Params("action"))
	done := map[models.AccountAction]string{models.AccountDisable: "user.done.disable", models.AccountEnable: "user.done.enable", models.AccountEndSessions: "user.done.endsession"}[a]
	if done == "" {
		return models.ErrNotFound
	}
	err = s.store.ChangeAccount(c.UserContext(), v, id, a)
	var verr *models.ValidationError
	if errors.As(err, &verr) {
		return s.flashBack(c, verr.Message, "/users")
	}
	if err != nil {
		return err
	}
	return s.flashBack(c, views.T(lang(c), done), "/users")
}

// resetPassword is the office's reset of another account's password.
func (s *Server) resetPassword(c *fiber.Ctx) error {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	err = s.store.ResetPassword(c.UserContext(), v, id, c.FormValue("password"))
	var verr *models.ValidationError
	if errors.As(err, &verr) {
		return s.flashBack(c, verr.Message, "/users")
	}
	if err != nil {
		return err
	}
	return s.flashBack(c, views.T(lang(c), "user.done.reset"), "/users")
}
