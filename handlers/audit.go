package handlers

import (
	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
)

// audit shows the newest changes, optionally for one kind of record.
func (s *Server) audit(c *fiber.Ctx) error {
	v, _ := viewer(c)
	entries, err := s.store.AuditLog(c.UserContext(), v, models.AuditFilter{Entity: c.Query("entity"), Limit: 300})
	if err != nil {
		return err
	}
	return s.page(c, "audit", "audit.title", fiber.Map{"Entries": entries})
}
