package handlers

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/accounts"
	"github.com/gongkai/gongkai/views"
)

func (s *Server) users(c *fiber.Ctx) error {
	return s.usersPage(c, fiber.Map{})
}

// usersPage lists the accounts with the form of a new one; data carries a
// rejected form as typed, with its errors: the new account ("new") or a
// password reset ("reset-<id>"). No password is ever shown again.
func (s *Server) usersPage(c *fiber.Ctx, data fiber.Map) error {
	ctx := c.UserContext()
	v, _ := viewer(c)
	users, err := accounts.New(s.store).Users(ctx, v)
	if err != nil {
		return err
	}
	depts, err := s.store.Departments(ctx, v)
	if err != nil {
		return err
	}
	data["NewUser"] = userForm{Role: string(models.RoleHead)}
	if data["Rejected"] == "new" {
		data["NewUser"] = data["Form"]
	}
	data["Users"], data["Departments"], data["Roles"] = users, depts, models.Roles
	return s.page(c, "users", "user.title", data)
}

// userForm is a new account as typed.
type userForm struct {
	Username, Name, Role, Department, Password string
}

func readUserForm(c *fiber.Ctx) userForm {
	v := func(k string) string { return strings.TrimSpace(c.FormValue(k)) }
	return userForm{Username: v("username"), Name: v("name"), Role: v("role"), Department: v("department"), Password: c.FormValue("password")}
}

// Validate asks the Store's rules for a new account, every field at once.
func (f userForm) Validate() FieldErrors {
	errs := FieldErrors{}
	for _, p := range f.newUser().Problems() {
		errs.Add(p.Field, p.Key, p.Args...)
	}
	return errs
}

// newUser is the account the form asks for.
func (f userForm) newUser() accounts.NewUser {
	in := accounts.NewUser{Username: f.Username, Name: f.Name, Role: models.Role(f.Role), Password: f.Password}
	if in.Role.HasDepartment() {
		in.DepartmentID = typedID(f.Department)
	}
	return in
}

// passwordErrors adds the Store's rule for a new password.
func passwordErrors(errs FieldErrors, field, password string) {
	if p := accounts.PasswordProblem(field, password); p != nil {
		errs.Add(field, p.Key, p.Args...)
	}
}

func (s *Server) createUser(c *fiber.Ctx) error {
	v, _ := viewer(c)
	f := readUserForm(c)
	data := fiber.Map{"Rejected": "new"}
	if !validate(c, f, data) {
		return s.usersPage(c, data)
	}
	_, err := accounts.New(s.store).CreateUser(c.UserContext(), v, f.newUser())
	if refused(c, err, f, data, "username", "name", "role", "department", "password") {
		return s.usersPage(c, data)
	}
	if err != nil {
		return err
	}
	if err := s.flash(c, views.T(lang(c), "user.created")); err != nil {
		return err
	}
	return c.Redirect("/users", fiber.StatusSeeOther)
}

// formUint reads a form field as a positive id; anything else is 0.
func formUint(c *fiber.Ctx, key string) uint { return typedID(c.FormValue(key)) }
