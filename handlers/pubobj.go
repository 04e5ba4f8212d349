package handlers

import (
	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/models/publications"
)

// answerPubObjection is the office's answer to the objection of the path
// (:oid) on the document id: 维持发布 or 同意撤回, with a reason.
func (s *Server) answerPubObjection(c *fiber.Ctx, v models.Viewer, id uint, f pubStepForm) error {
	oid, err := c.ParamsInt("oid")
	if err != nil || oid <= 0 {
		return models.ErrNotFound
	}
	return publications.New(s.store).AnswerObjection(c.UserContext(), v, id, uint(oid), f.Decision, f.Reason, s.opt.Now())
}
