package handlers

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"maps"
	"sync"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/template/html/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/cache"
	"github.com/gongkai/gongkai/views"
)

// pageViews renders the embedded templates for Fiber. A page in a layout
// is rendered first, on its own, and given to the layout as .PageBody. The
// html engine's own way set a template function ("embed") on the one set
// of templates every request shares, at each render: a fragment rendered
// without a layout (the overview's, the ranking's) could unset it while
// another request's layout was running, which then failed with "call of
// nil function"; and one lock held over every page in a layout made all
// pages render one at a time. Here the templates, once loaded, are only
// read.
type pageViews struct{ *html.Engine }

// pageBodyKey is the layout's name for the page it frames.
const pageBodyKey = "PageBody"

// bodies keeps the buffers pages are rendered into before their layout,
// so that a page does not grow a new one, doubling, on every view; one
// grown past keptBody (a printed ranking) is left to the collector.
var bodies = sync.Pool{New: func() any { return new(bytes.Buffer) }}

const keptBody = 256 << 10

// Render writes template name, framed by layout if one is named; a page in
// a layout takes a fiber.Map.
func (v pageViews) Render(out io.Writer, name string, binding any, layout ...string) error {
	page := v.Templates.Lookup(name)
	if page == nil {
		return fmt.Errorf("render: no template %s", name)
	}
	if len(layout) == 0 || layout[0] == "" {
		return page.Execute(out, binding)
	}
	frame := v.Templates.Lookup(layout[0])
	if frame == nil {
		return fmt.Errorf("render: no layout %s", layout[0])
	}
	data, ok := binding.(fiber.Map)
	if !ok {
		return fmt.Errorf("render: %s in layout %s wants a fiber.Map, got %T", name, layout[0], binding)
	}
	body := bodies.Get().(*bytes.Buffer)
	defer func() {
		if body.Cap() <= keptBody {
			body.Reset()
			bodies.Put(body)
		}
	}()
	if err := page.Execute(body, data); err != nil {
		return err
	}
	framed := maps.Clone(data)
	framed[pageBodyKey] = template.HTML(body.String()) // rendered by html/template above
	return frame.Execute(out, framed)
}

// navKey names the menu of a role: what it shows is the permission table's.
type navKey struct{ Role models.Role }

// page renders a template in the layout with what every page needs: the
// language, the viewer, the CSRF token, a flash message and a title.
func (s *Server) page(c *fiber.Ctx, name, titleKey string, data fiber.Map) error {
	if data == nil {
		data = fiber.Map{}
	}
	l := lang(c)
	data["Lang"] = l
	data["Title"] = views.T(l, titleKey)
	data["Here"] = herePath(c)
	if v, ok := viewer(c); ok {
		data["Viewer"] = &v
		data["Unread"] = s.unread(c, v)
		nav, err := s.rendered(c, navKey{v.Role}, 0, "partials/nav", func(nav fiber.Map) error {
			nav["Viewer"] = &models.Viewer{Role: v.Role}
			return nil
		})
		if err != nil {
			return err
		}
		data["Nav"] = nav
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
	var refusal *models.ValidationError
	switch {
	case errors.As(err, &refusal):
		// A refusal of the Store that no form shows beside its field
		// (a double submit): said in words, never a 500.
		status = fiber.StatusUnprocessableEntity
	case errors.Is(err, models.ErrNotFound):
		status, key = fiber.StatusNotFound, "error.notfound"
	case errors.Is(err, models.ErrForbidden):
		status, key = fiber.StatusForbidden, "error.forbidden"
	case errors.Is(err, errCSRF):
		status, key = fiber.StatusForbidden, "error.csrf"
	case models.Unavailable(err), errors.Is(err, cache.ErrBuilding):
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
	if refusal != nil {
		msg = refusal.Text(lang(c))
	}
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
