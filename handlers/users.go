package handlers

import (
	"errors"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/views"
)

func (s *Server) users(c *fiber.Ctx) error {
	return s.usersPage(c, models.NewUser{Role: models.RoleHead}, "")
}

func (s *Server) usersPage(c *fiber.Ctx, form models.NewUser, formErr string) error {
	ctx := c.UserContext()
	v, _ := viewer(c)
	users, err := s.store.Users(ctx, v)
	if err != nil {
		return err
	}
	depts, err := s.store.Departments(ctx, v)
	if err != nil {
		return err
	}
	form.Password = "" // never echo a password back
	return s.page(c, "users", "user.title", fiber.Map{
		"Users": users, "Departments": depts, "Roles": models.Roles, "Form": form, "Error": formErr,
	})
}

func (s *Server) createUser(c *fiber.Ctx) error {
	v, _ := viewer(c)
	form := models.NewUser{
		Username: strings.TrimSpace(c.FormValue("username")),
		Name:     strings.TrimSpace(c.FormValue("name")),
		Role:     models.Role(c.FormValue("role")),
		Password: c.FormValue("password"),
	}
	form.DepartmentID = formUint(c, "department")
	if form.Role != models.RoleHead {
		form.DepartmentID = 0
	}
	_, err := s.store.CreateUser(c.UserContext(), v, form)
	var verr *models.ValidationError
	if errors.As(err, &verr) {
		c.Status(fiber.StatusUnprocessableEntity)
		return s.usersPage(c, form, verr.Message)
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
func formUint(c *fiber.Ctx, key string) uint {
	n, err := strconv.ParseUint(c.FormValue(key), 10, 32)
	if err != nil {
		return 0
	}
	return uint(n)
}
