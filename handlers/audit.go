package handlers

import (
	"context"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/gongkai/gongkai/models"
	"github.com/gongkai/gongkai/views"
)

// audit shows the newest changes, optionally for one kind of record.
func (s *Server) audit(c *fiber.Ctx) error {
	v, _ := viewer(c)
	entries, err := s.store.AuditLog(c.UserContext(), v, models.AuditFilter{Entity: c.Query("entity"), Limit: 300})
	if err != nil {
		return err
	}
	return s.page(c, "audit", "audit.title", fiber.Map{"Entries": entries, "Chain": s.chainState(c)})
}

// chainState is the audit page's tamper check: the whole chain, verified
// within a few seconds, or the word that it takes longer (gongkai audit
// verify checks any length).
func (s *Server) chainState(c *fiber.Ctx) string {
	ctx, cancel := context.WithTimeout(c.UserContext(), 3*time.Second)
	defer cancel()
	st, err := s.store.VerifyAudit(ctx)
	switch {
	case err != nil:
		return views.T(lang(c), "audit.chain.slow")
	case st.OK:
		return views.T(lang(c), "audit.chain.ok", st.Entries, st.HeadHash)
	}
	return views.T(lang(c), "audit.chain.bad", st.Problem)
}
