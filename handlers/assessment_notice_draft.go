package handlers

import (
	"html/template"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models/documents"
	"github.com/gongkai/gongkai/views"
)

// noticeDraftForm is the body of the plan's notice as the office typed it.
type noticeDraftForm struct {
	Body string
}

// Validate needs a body within the bound.
func (f noticeDraftForm) Validate() FieldErrors {
	errs := FieldErrors{}
	errs.Text("body", f.Body, documents.MaxDraft, true)
	return errs
}

// noticeDraft is GET /assessment/:id/notice-draft: the office's 发文稿 of
// the plan's notice, shown as it would be issued (marked 草稿), with its
// body to edit until the leading group's approval issues it.
func (s *Server) noticeDraft(c *fiber.Ctx) error {
	return s.showNoticeDraft(c, fiber.Map{})
}

func (s *Server) showNoticeDraft(c *fiber.Ctx, data fiber.Map) error {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	page, body, err := s.assess.NoticeDraft(c.UserContext(), v, id)
	if err != nil {
		return err
	}
	if _, rejected := data["Form"]; !rejected {
		data["Form"] = noticeDraftForm{Body: body}
	}
	data["PlanID"], data["Preview"] = id, template.HTML(page) // rendered and escaped by models/documents
	if _, err := s.assess.Notice(c.UserContext(), v, id); err == nil {
		data["Issued"] = true
	}
	return s.page(c, "assessment_notice_draft", "asmt.notice_draft", data)
}

// saveNoticeDraft is POST /assessment/:id/notice-draft.
func (s *Server) saveNoticeDraft(c *fiber.Ctx) error {
	v, _ := viewer(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	f := noticeDraftForm{Body: strings.TrimSpace(c.FormValue("body"))}
	data := fiber.Map{"Rejected": "draft"}
	if !validate(c, f, data) {
		return s.showNoticeDraft(c, data)
	}
	err = s.assess.SaveNoticeDraft(c.UserContext(), v, id, f.Body, s.opt.Now())
	if refused(c, err, f, data) { // the Store's refusal (issued already) in the form's banner
		return s.showNoticeDraft(c, data)
	}
	if err != nil {
		return err
	}
	return s.flashBack(c, views.T(lang(c), "asmt.saved"), c.Path())
}
