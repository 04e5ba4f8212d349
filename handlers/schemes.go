package handlers

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
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
	return s.schemePage(c, schemeEdit{}, fiber.Map{})
}

// schemeEdit is what the office sent back when a draft was refused: the
// JSON, or the form's values with each field's error, and the reasons.
type schemeEdit struct {
	Body        string
	Values      map[string]string
	FieldErrors map[string]string
	Reasons     []string
}

// schemePage shows one version as a table people read, what changed from
// the version it was copied from, and for the office's drafts the form
// and the JSON; data carries a rejected copy ("copy") as typed or a
// refused approval ("approve").
func (s *Server) schemePage(c *fiber.Ctx, edit schemeEdit, data fiber.Map) error {
	ctx := c.UserContext()
	sv, err := s.store.SchemeByVersion(ctx, c.Params("version"))
	if err != nil {
		return err
	}
	sc, err := sv.Scheme()
	if err != nil {
		return err
	}
	l := lang(c)
	data["Scheme"], data["View"], data["Reasons"] = sv, readScheme(sc, l), edit.Reasons
	data["Body"], data["JSONOpen"], data["FormOpen"] = edit.Body, edit.Body != "", edit.Values != nil
	data["Fields"] = schemeFields(sc, edit.Values, edit.FieldErrors, l)
	if data["Body"] == "" {
		data["Body"] = sv.Body
	}
	if sv.BasedOn != "" {
		if base, err := s.store.SchemeByVersion(ctx, sv.BasedOn); err == nil {
			if bsc, err := base.Scheme(); err == nil {
				data["Base"] = base
				data["Changes"] = compareSchemes(bsc, sc, l)
			}
		}
	}
	return s.page(c, "scheme", "scheme.title", data)
}

// saveScheme stores an edited draft, from the form (a field per setting)
// or from the JSON; an invalid scheme is refused with every reason and
// what was typed is shown again.
func (s *Server) saveScheme(c *fiber.Ctx) error {
	v, _ := viewer(c)
	ctx := c.UserContext()
	sv, err := s.store.SchemeByVersion(ctx, c.Params("version"))
	if err != nil {
		return err
	}
	var edit schemeEdit
	body := []byte(c.FormValue("body"))
	if c.FormValue("mode") == "form" {
		sc, err := sv.Scheme()
		if err != nil {
			return err
		}
		edited, values, fieldErrs := applySchemeForm(sc, func(k string) string { return c.FormValue(k) }, lang(c))
		edit = schemeEdit{Values: values, FieldErrors: fieldErrs}
		if len(fieldErrs) > 0 {
			c.Status(fiber.StatusUnprocessableEntity)
			edit.Reasons = []string{views.T(lang(c), "scheme.form.fix")}
			return s.schemePage(c, edit, fiber.Map{})
		}
		if body, err = json.Marshal(edited); err != nil {
			return fmt.Errorf("encode scheme: %w", err)
		}
	} else {
		edit.Body = string(body)
	}
	saved, err := s.store.SaveSchemeDraft(ctx, v, body, sv.BasedOn)
	var verr *models.ValidationError
	if errors.As(err, &verr) {
		c.Status(fiber.StatusUnprocessableEntity)
		edit.Reasons = strings.Split(verr.Text(lang(c)), "；")
		return s.schemePage(c, edit, fiber.Map{})
	}
	if err != nil {
		return err
	}
	return s.flashBack(c, views.T(lang(c), "scheme.saved"), schemeURL(saved.Version))
}

// copyForm is a new draft version as typed: its version code and title
// (none: the copied one's).
type copyForm struct {
	To, Name string
}

// Validate needs a version code and bounds both.
func (f copyForm) Validate() FieldErrors {
	errs := FieldErrors{}
	if f.To == "" || len(f.To) > 64 {
		errs.Add("to", "scheme.badversion")
	}
	errs.Text("name", f.Name, 128, false)
	return errs
}

// copyScheme starts a new draft version from an existing one.
func (s *Server) copyScheme(c *fiber.Ctx) error {
	v, _ := viewer(c)
	f := copyForm{To: strings.TrimSpace(c.FormValue("to")), Name: strings.TrimSpace(c.FormValue("name"))}
	data := fiber.Map{"Rejected": "copy"}
	if !validate(c, f, data) {
		return s.schemePage(c, schemeEdit{}, data)
	}
	_, err := s.store.CopyScheme(c.UserContext(), v, c.Params("version"), f.To, f.Name)
	if refused(c, err, f, data, "to") {
		return s.schemePage(c, schemeEdit{}, data)
	}
	if err != nil {
		return err
	}
	return s.flashBack(c, views.T(lang(c), "scheme.copied"), schemeURL(f.To))
}

// approveScheme is the leading group's approval, which freezes the version.
func (s *Server) approveScheme(c *fiber.Ctx) error {
	v, _ := viewer(c)
	err := s.store.ApproveScheme(c.UserContext(), v, c.Params("version"), s.opt.Now())
	if data := (fiber.Map{"Rejected": "approve"}); refused(c, err, noInput{}, data) {
		return s.schemePage(c, schemeEdit{}, data)
	}
	if err != nil {
		return err
	}
	return s.flashBack(c, views.T(lang(c), "scheme.approved"), schemeURL(c.Params("version")))
}

// schemeTitle is a scheme version's title (警务公开工作考核默认方案（第二版）
// for default-2): pages name a scheme by it, never by its version code.
func (s *Server) schemeTitle(version string) string {
	titles, err := s.store.SchemeTitles(context.Background())
	if title := titles[version]; err == nil && title != "" {
		return title
	}
	return version
}

func schemeURL(version string) string { return "/schemes/" + url.PathEscape(version) }
