package handlers

import (
	"fmt"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accounts"
	"github.com/gongkai/gongkai/views"
)

// account is the signed-in user's own page: change the password.
func (s *Server) account(c *fiber.Ctx) error {
	return s.page(c, "account", "account.title", fiber.Map{})
}

// passwordForm is the change of one's own password as typed; neither
// password is ever shown again.
type passwordForm struct {
	Current, Password string
}

// Validate asks for the current password and a new one long enough.
func (f passwordForm) Validate() FieldErrors {
	errs := FieldErrors{}
	if f.Current == "" {
		errs.Add("current", "form.required")
	}
	passwordErrors(errs, "password", f.Password)
	return errs
}

// changeOwnPassword sets a new password; every other session of the
// account ends, this one goes on with a new id.
func (s *Server) changeOwnPassword(c *fiber.Ctx) error {
	v, _ := viewer(c)
	f := passwordForm{Current: c.FormValue("current"), Password: c.FormValue("password")}
	data := fiber.Map{}
	if !validate(c, f, data) {
		return s.page(c, "account", "account.title", data)
	}
	epoch, err := accounts.New(s.store).ChangeOwnPassword(c.UserContext(), v, f.Current, f.Password)
	if refused(c, err, f, data, "current", "password") {
		return s.page(c, "account", "account.title", data)
	}
	if err != nil {
		return err
	}
	if err := s.renewSession(c, map[string]any{keyEpoch: epoch, keyFlash: views.T(lang(c), "account.changed")}); err != nil {
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
	a := accounts.AccountAction(c.Params("action"))
	done := map[accounts.AccountAction]string{accounts.AccountDisable: "user.done.disable", accounts.AccountEnable: "user.done.enable", accounts.AccountEndSessions: "user.done.endsession"}[a]
	if done == "" {
		return models.ErrNotFound
	}
	err = accounts.New(s.store).ChangeAccount(c.UserContext(), v, id, a)
	if data := (fiber.Map{"Rejected": fmt.Sprintf("account-%d", id)}); refused(c, err, noInput{}, data) {
		return s.usersPage(c, data)
	}
	if err != nil {
		return err
	}
	return s.flashBack(c, views.T(lang(c), done), "/users")
}

// resetForm is the office's new password for another account as typed.
type resetForm struct {
	Password string
}

// Validate checks the new password's length.
func (f resetForm) Validate() FieldErrors {
	errs := FieldErrors{}
	passwordErrors(errs, "password", f.Password)
	return errs
}

// resetPassword is the office's reset of another account's password.
func (s *Server) resetPassword(c *fiber.Ctx) error {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	f := resetForm{Password: c.FormValue("password")}
	data := fiber.Map{"Rejected": fmt.Sprintf("reset-%d", id)}
	if !validate(c, f, data) {
		return s.usersPage(c, data)
	}
	err = accounts.New(s.store).ResetPassword(c.UserContext(), v, id, f.Password)
	if refused(c, err, f, data, "password") {
		return s.usersPage(c, data)
	}
	if err != nil {
		return err
	}
	return s.flashBack(c, views.T(lang(c), "user.done.reset"), "/users")
}
