package handlers

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/views"
)

// flags lists the publications that went out against their secrecy review
// (possible 不应公开而公开), open ones first; a head sees their own.
func (s *Server) flags(c *fiber.Ctx) error {
	return s.flagsPage(c, "")
}

func (s *Server) flagsPage(c *fiber.Ctx, formErr string) error {
	v, _ := viewer(c)
	ctx := c.UserContext()
	fs, err := s.store.Flags(ctx, v, 0)
	if err != nil {
		return err
	}
	names, err := s.store.DepartmentNames(ctx)
	if err != nil {
		return err
	}
	var open, decided []models.Flag
	for _, f := range fs {
		if f.Decision == nil {
			open = append(open, f)
		} else {
			decided = append(decided, f)
		}
	}
	canDecide := v.Role == models.RoleOffice || v.Role == models.RoleDiscipline
	return s.page(c, "flags", "flag.title", fiber.Map{"Open": open, "Decided": decided, "Names": names, "CanDecide": canDecide, "Error": formErr})
}

// decideFlag confirms a flag (recording the incident) or dismisses it with
// a reason; the Store checks the role and writes the audit log.
func (s *Server) decideFlag(c *fiber.Ctx) error {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	decision := c.FormValue("decision")
	_, err = s.store.DecideFlag(c.UserContext(), v, id, decision, c.FormValue("note"), s.opt.Now())
	var verr *models.ValidationError
	if errors.As(err, &verr) {
		c.Status(fiber.StatusUnprocessableEntity)
		return s.flagsPage(c, flagError(lang(c), verr.Field))
	}
	if err != nil {
		return err
	}
	msg := views.T(lang(c), "flag.done.confirmed")
	if decision == models.FlagDismissed {
		msg = views.T(lang(c), "flag.done.dismissed")
	}
	return s.flashBack(c, msg, "/flags")
}

// flagError words a refused decision in the reader's language.
func flagError(l views.Lang, field string) string {
	switch field {
	case "reason":
		return views.T(l, "flag.error.reason")
	case "note":
		return views.T(l, "flag.error.note")
	case "flag":
		return views.T(l, "flag.error.flag")
	}
	return views.T(l, "flag.error.decision")
}

// openFlags counts the flags waiting for a decision, for the overview's
// notice; it is read on every request, since a decision changes it.
func (s *Server) openFlags(c *fiber.Ctx, v models.Viewer) (int, error) {
	fs, err := s.store.Flags(c.UserContext(), v, 0)
	n := 0
	for _, f := range fs {
		if f.Decision == nil {
			n++
		}
	}
	return n, err
}
