package handlers

import (
	"errors"
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/views"
)

// schemes lists the scoring scheme versions; everyone signed in may read
// them, since scores always name the version they were computed with.
func (s *Server) schemes(c *fiber.Ctx) error {
	list, err := s.store.Schemes(c.UserContext())
	if err != nil {
		return err
	}
	return s.page(c, "schemes", "scheme.title", fiber.Map{"Schemes": list})
}

func (s *Server) scheme(c *fiber.Ctx) error {
	return s.schemePage(c, "", "")
}

// schemePage shows one version; a draft is editable by the office, with the
// body it sent back and the reasons when it was refused.
func (s *Server) schemePage(c *fiber.Ctx, body, formErr string) error {
	sv, err := s.store.SchemeByVersion(c.UserContext(), c.Params("version"))
	if err != nil {
		return err
	}
	if body == "" {
		body = sv.Body
	}
	return s.page(c, "scheme", "scheme.title", fiber.Map{"Scheme": sv, "Body": body, "Error": formErr,
		"Reasons": strings.Split(formErr, "；")})
}

// saveScheme stores an edited draft; an invalid scheme is refused with every reason.
func (s *Server) saveScheme(c *fiber.Ctx) error {
	v, _ := viewer(c)
	body := c.FormValue("body")
	sv, err := s.store.SchemeByVersion(c.UserContext(), c.Params("version"))
	if err != nil {
		return err
	}
	saved, err := s.store.SaveSchemeDraft(c.UserContext(), v, []byte(body), sv.BasedOn)
	var verr *models.ValidationError
	if errors.As(err, &verr) {
		c.Status(fiber.StatusUnprocessableEntity)
		return s.schemePage(c, body, verr.Message)
	}
	if err != nil {
		return err
	}
	return s.flashBack(c, views.T(lang(c), "scheme.saved"), schemeURL(saved.Version))
}

// copyScheme starts a new draft version from an existing one.
func (s *Server) copyScheme(c *fiber.Ctx) error {
	v, _ := viewer(c)
	to := strings.TrimSpace(c.FormValue("to"))
	if to == "" || len(to) > 64 {
		return s.flashBack(c, views.T(lang(c), "scheme.badversion"), schemeURL(c.Params("version")))
	}
	_, err := s.store.CopyScheme(c.UserContext(), v, c.Params("version"), to)
	var verr *models.ValidationError
	if errors.As(err, &verr) {
		return s.flashBack(c, verr.Message, schemeURL(c.Params("version")))
	}
	if err != nil {
		return err
	}
	return s.flashBack(c, views.T(lang(c), "scheme.copied"), schemeURL(to))
}

// approveScheme is the leading group's approval, which freezes the version.
func (s *Server) approveScheme(c *fiber.Ctx) error {
	v, _ := viewer(c)
	err := s.store.ApproveScheme(c.UserContext(), v, c.Params("version"), s.opt.Now())
	var verr *models.ValidationError
	if errors.As(err, &verr) {
		return s.flashBack(c, verr.Message, schemeURL(c.Params("version")))
	}
	if err != nil {
		return err
	}
	return s.flashBack(c, views.T(lang(c), "scheme.approved"), schemeURL(c.Params("version")))
}

func schemeURL(version string) string { return "/schemes/" + url.PathEscape(version) }
