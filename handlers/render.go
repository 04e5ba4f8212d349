package handlers

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/views"
)

// page renders a template in the layout with what every page needs: the
// language, the viewer, the CSRF token, a flash message and a title.
func (s *Server) page(c *fiber.Ctx, name, titleKey string, data fiber.Map) error {
	if data == nil {
		data = fiber.Map{}
	}
	l := lang(c)
	data["Lang"] = l
	data["Title"] = views.T(l, titleKey)
	if v, ok := viewer(c); ok {
		data["Viewer"] = &v
	}
	tok, err := s.csrfToken(c)
	if err != nil {
		return err
	}
	data["CSRF"] = tok
	if _, set := data["Flash"]; !set {
		data["Flash"] = s.takeFlash(c)
	}
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	return c.Render(name, data)
}

// errorHandler turns errors into a Chinese (or English) page or a JSON body,
// never a Go error string.
func (s *Server) errorHandler(c *fiber.Ctx, err error) error {
	status, key := fiber.StatusInternalServerError, "error.internal"
	var fe *fiber.Error
	switch {
	case errors.Is(err, models.ErrNotFound):
		status, key = fiber.StatusNotFound, "error.notfound"
	case errors.Is(err, models.ErrForbidden):
		status, key = fiber.StatusForbidden, "error.forbidden"
	case errors.Is(err, errCSRF):
		status, key = fiber.StatusForbidden, "error.csrf"
	case models.Unavailable(err):
		// Frozen, refused or busy: worth trying again shortly.
		status, key = fiber.StatusServiceUnavailable, "error.unavailable"
		c.Set(fiber.HeaderRetryAfter, "5")
		c.Locals(localNoSession, true)
	case errors.As(err, &fe):
		status = fe.Code
		switch fe.Code {
		case fiber.StatusNotFound:
			key = "error.notfound"
		case fiber.StatusForbidden:
			key = "error.forbidden"
		case fiber.StatusRequestEntityTooLarge:
			key = "error.toolarge"
		case fiber.StatusLengthRequired:
			key = "error.lengthrequired"
		}
	}
	if status >= 500 {
		s.opt.Log.Error("request failed", "method", c.Method(), "path", c.Path(), "err", err)
	}
	msg := views.T(lang(c), key)
	c.Status(status)
	if isAPI(c) {
		return c.JSON(fiber.Map{"error": msg})
	}
	if rerr := s.page(c, "error", "error.title", fiber.Map{"Message": msg}); rerr != nil {
		return c.SendString(msg)
	}
	return nil
}

func isAPI(c *fiber.Ctx) bool {
	p := c.Path()
	return len(p) >= 5 && p[:5] == "/api/"
}
